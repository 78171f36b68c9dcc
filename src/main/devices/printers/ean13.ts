/**
 * EAN-13 as module widths (bar, space, bar…), for drawing the barcode on A4 card sheets. Standard tables: the first
 * digit is carried by the odd/even (L/G) pattern of the left half.
 */
const L = [
  '0001101',
  '0011001',
  '0010011',
  '0111101',
  '0100011',
  '0110001',
  '0101111',
  '0111011',
  '0110111',
  '0001011',
];
const R = L.map((p) => [...p].map((b) => (b === '1' ? '0' : '1')).join(''));
const G = R.map((p) => [...p].reverse().join(''));
const PARITY = ['LLLLLL', 'LLGLGG', 'LLGGLG', 'LLGGGL', 'LGLLGG', 'LGGLLG', 'LGGGLL', 'LGLGLG', 'LGLGGL', 'LGGLGL'];

/** The 95 modules of an EAN-13 as a string of '1' (bar) and '0' (space). Throws for anything but 13 digits. */
export function ean13Modules(code: string): string {
  if (!/^\d{13}$/.test(code)) throw new Error('an EAN-13 is 13 digits');
  const d = [...code].map(Number);
  const parity = PARITY[d[0] as number] as string;
  let out = '101';
  for (let i = 1; i <= 6; i++) out += (parity[i - 1] === 'L' ? L : G)[d[i] as number] as string;
  out += '01010';
  for (let i = 7; i <= 12; i++) out += R[d[i] as number] as string;
  return `${out}101`;
}

/** Module widths alternating bar, space, bar…, the same shape code128Widths returns. */
export function ean13Widths(code: string): number[] {
  const modules = ean13Modules(code);
  const widths: number[] = [];
  let run = 1;
  for (let i = 1; i <= modules.length; i++) {
    if (modules[i] === modules[i - 1]) run++;
    else {
      widths.push(run);
      run = 1;
    }
  }
  return widths;
}
