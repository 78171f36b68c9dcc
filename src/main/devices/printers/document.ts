/**
 * A printed document as the templates describe it, before any printer language: the ESC/POS encoder and the
 * on-screen preview both render these laid-out lines, so the preview is what the paper shows.
 */
export type Align = 'left' | 'center' | 'right';

export type Block =
  | { kind: 'text'; text: string; align?: Align; bold?: boolean; big?: boolean }
  /** label on the left, amount on the right, on one line (the label wraps when both do not fit) */
  | { kind: 'pair'; left: string; right: string; bold?: boolean; big?: boolean }
  | { kind: 'rule' }
  | { kind: 'feed'; lines: number }
  | { kind: 'barcode'; data: string }
  | { kind: 'qr'; data: string }
  | { kind: 'logo' }
  | { kind: 'drawer' }
  | { kind: 'cut' };

export type Line =
  | { kind: 'text'; text: string; align: Align; bold: boolean; big: boolean }
  | { kind: 'barcode'; data: string }
  | { kind: 'qr'; data: string }
  | { kind: 'logo' }
  | { kind: 'drawer' }
  | { kind: 'cut' };

/** Breaks text into lines of at most `width` characters, at spaces where it can. */
export function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  for (const paragraph of text.split('\n')) {
    let rest = paragraph.trimEnd();
    if (rest === '') {
      out.push('');
      continue;
    }
    while (rest.length > width) {
      const cut = rest.lastIndexOf(' ', width);
      const at = cut > 0 ? cut : width;
      out.push(rest.slice(0, at).trimEnd());
      rest = rest.slice(at).trimStart();
    }
    if (rest) out.push(rest);
  }
  return out;
}

/** Lays blocks out for a paper `width` characters wide (double-size text takes two columns per character). */
export function layout(blocks: Block[], width: number): Line[] {
  const lines: Line[] = [];
  const text = (t: string, align: Align, bold = false, big = false) =>
    lines.push({ kind: 'text', text: t, align, bold, big });
  for (const b of blocks) {
    switch (b.kind) {
      case 'text': {
        const w = b.big ? Math.floor(width / 2) : width;
        for (const l of wrap(b.text, w)) text(l, b.align ?? 'left', b.bold, b.big);
        break;
      }
      case 'pair': {
        const w = b.big ? Math.floor(width / 2) : width;
        const right = b.right.slice(0, w);
        const room = w - right.length - 1;
        const left = wrap(b.left, Math.max(room, 1));
        for (const l of left.slice(0, -1)) text(l, 'left', b.bold, b.big);
        const last = left.at(-1) ?? '';
        const fits = last.length + 1 + right.length <= w;
        if (!fits) text(last, 'left', b.bold, b.big);
        text(
          `${fits ? last : ''}${' '.repeat(Math.max(1, w - (fits ? last.length : 0) - right.length))}${right}`,
          'left',
          b.bold,
          b.big,
        );
        break;
      }
      case 'rule':
        text('-'.repeat(width), 'left');
        break;
      case 'feed':
        for (let i = 0; i < b.lines; i++) text('', 'left');
        break;
      default:
        lines.push(b);
    }
  }
  return lines;
}

/** The document as plain text (what a cashier would read on the paper), for logs and tests. */
export function plainText(lines: Line[], width: number): string {
  return lines
    .map((l) => {
      if (l.kind !== 'text') return `[${l.kind}${'data' in l ? ` ${l.data}` : ''}]`;
      const w = l.big ? Math.floor(width / 2) : width;
      const pad = w - l.text.length;
      if (l.align === 'center') return `${' '.repeat(Math.max(0, Math.floor(pad / 2)))}${l.text}`;
      if (l.align === 'right') return `${' '.repeat(Math.max(0, pad))}${l.text}`;
      return l.text;
    })
    .join('\n');
}
