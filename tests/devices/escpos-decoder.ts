import iconv from 'iconv-lite';

/** What a receipt printer would do with the bytes: text lines plus the commands between them. */
export type Command =
  | { op: 'init' }
  | { op: 'codepage'; n: number }
  | { op: 'align'; n: number }
  | { op: 'bold'; on: boolean }
  | { op: 'mode'; n: number }
  | { op: 'size'; n: number }
  | { op: 'cut'; partial: boolean }
  | { op: 'drawer'; pin: number }
  | { op: 'barcode'; type: number; data: string }
  | { op: 'qr'; data: string }
  | { op: 'qr-print' }
  | { op: 'raster'; widthBytes: number; height: number; bits: Buffer }
  /** ESC * m: one band of a bit image, `width` columns, 3 bytes a column in the 24-dot modes, 1 in the 8-dot ones */
  | { op: 'bit-image'; m: number; width: number; bits: Buffer }
  | { op: 'line-spacing'; dots: number | null }
  | { op: 'transmit-status'; n: number }
  | { op: 'status-query'; n: number }
  | { op: 'other'; bytes: number[] };

export interface Decoded {
  commands: Command[];
  lines: string[];
  text: string;
}

const CODE_PAGES: Record<number, string> = { 0: 'cp437', 2: 'cp850', 16: 'windows1252', 19: 'cp858' };

/** A small ESC/POS reader for tests: enough of the Epson command set to check what our encoder sends. */
export function decodeEscPos(bytes: Buffer): Decoded {
  const commands: Command[] = [];
  const lines: string[] = [];
  let line: number[] = [];
  let codepage = 0;
  const flush = () => {
    lines.push(iconv.decode(Buffer.from(line), CODE_PAGES[codepage] ?? 'cp437'));
    line = [];
  };
  let i = 0;
  const u8 = (k: number) => bytes[i + k] as number;
  const emit = (c: Command, length: number) => {
    commands.push(c);
    i += length;
  };
  while (i < bytes.length) {
    const b = u8(0);
    if (b === 0x0a) {
      flush();
      i++;
    } else if (b === 0x1b) {
      const c = u8(1);
      if (c === 0x40) emit({ op: 'init' }, 2);
      else if (c === 0x74) {
        codepage = u8(2);
        commands.push({ op: 'codepage', n: codepage });
        i += 3;
      } else if (c === 0x61) emit({ op: 'align', n: u8(2) }, 3);
      else if (c === 0x45) emit({ op: 'bold', on: u8(2) === 1 }, 3);
      else if (c === 0x21) emit({ op: 'mode', n: u8(2) }, 3);
      else if (c === 0x70) emit({ op: 'drawer', pin: u8(2) }, 5);
      else if (c === 0x64) emit({ op: 'other', bytes: [b, c, u8(2)] }, 3);
      else if (c === 0x2a) {
        const m = u8(2);
        const width = u8(3) + u8(4) * 256;
        const k = width * (m >= 32 ? 3 : 1);
        commands.push({ op: 'bit-image', m, width, bits: bytes.subarray(i + 5, i + 5 + k) });
        i += 5 + k;
      } else if (c === 0x33) emit({ op: 'line-spacing', dots: u8(2) }, 3);
      else if (c === 0x32) emit({ op: 'line-spacing', dots: null }, 2);
      else emit({ op: 'other', bytes: [b, c] }, 2);
    } else if (b === 0x1d) {
      const c = u8(1);
      if (c === 0x56) {
        const m = u8(2);
        commands.push({ op: 'cut', partial: m === 1 || m === 49 || m === 66 });
        i += m >= 65 ? 4 : 3;
      } else if (c === 0x21) emit({ op: 'size', n: u8(2) }, 3);
      else if (c === 0x6b) {
        const m = u8(2);
        if (m >= 65) {
          const n = u8(3);
          let data = bytes.subarray(i + 4, i + 4 + n).toString('latin1');
          if (m === 73) data = data.replace(/^\{[ABC]/, '');
          commands.push({ op: 'barcode', type: m, data });
          i += 4 + n;
        } else {
          const end = bytes.indexOf(0, i + 3);
          commands.push({ op: 'barcode', type: m, data: bytes.subarray(i + 3, end).toString('latin1') });
          i = end + 1;
        }
      } else if (c === 0x28 && u8(2) === 0x6b) {
        const len = u8(3) + u8(4) * 256;
        const fn = u8(6);
        if (fn === 0x50) commands.push({ op: 'qr', data: bytes.subarray(i + 8, i + 5 + len).toString('latin1') });
        else if (fn === 0x51) commands.push({ op: 'qr-print' });
        i += 5 + len;
      } else if (c === 0x76 && u8(2) === 0x30) {
        const widthBytes = u8(4) + u8(5) * 256;
        const height = u8(6) + u8(7) * 256;
        commands.push({ op: 'raster', widthBytes, height, bits: bytes.subarray(i + 8, i + 8 + widthBytes * height) });
        i += 8 + widthBytes * height;
      } else if (c === 0x72) emit({ op: 'transmit-status', n: u8(2) }, 3);
      else if ([0x48, 0x66, 0x77, 0x68].includes(c)) emit({ op: 'other', bytes: [b, c, u8(2)] }, 3);
      else emit({ op: 'other', bytes: [b, c] }, 2);
    } else if (b === 0x10 && u8(1) === 0x04) {
      commands.push({ op: 'status-query', n: u8(2) });
      i += 3;
    } else {
      line.push(b);
      i++;
    }
  }
  if (line.length) flush();
  return { commands, lines, text: lines.join('\n') };
}

/** The dots of a `GS v 0` raster image, row by row (true = black), for checking bit packing. */
export function rasterDots(c: Extract<Command, { op: 'raster' }>): boolean[][] {
  return Array.from({ length: c.height }, (_, y) =>
    Array.from(
      { length: c.widthBytes * 8 },
      (_, x) => ((c.bits[y * c.widthBytes + (x >> 3)] as number) & (0x80 >> (x & 7))) !== 0,
    ),
  );
}

/** The dots of consecutive `ESC * 33` bands stacked (24 rows a band), for checking bit packing. */
export function bitImageDots(bands: Array<Extract<Command, { op: 'bit-image' }>>): boolean[][] {
  const rows: boolean[][] = [];
  for (const band of bands) {
    for (let r = 0; r < 24; r++)
      rows.push(
        Array.from(
          { length: band.width },
          (_, x) => ((band.bits[x * 3 + (r >> 3)] as number) & (0x80 >> (r & 7))) !== 0,
        ),
      );
  }
  return rows;
}
