/**
 * Turns USB HID scanner reports into codes. Two kinds of scanner:
 * - keyboard mode (boot keyboard reports: modifier byte, reserved byte, up to six key usages), US layout, only keys
 *   that are newly pressed count (a held key repeats in every report), Enter or Tab ends a code;
 * - HID POS (usage page 0x8C): the code arrives as bytes in the report; where they sit differs by vendor, so the
 *   layout is a setting (Honeywell's is the default).
 * Both are pure: fed from live devices and from recorded reports in tests alike.
 */

const LOWER = 'abcdefghijklmnopqrstuvwxyz1234567890';
const PUNCT: Record<number, [string, string]> = {
  44: [' ', ' '],
  45: ['-', '_'],
  46: ['=', '+'],
  47: ['[', '{'],
  48: [']', '}'],
  49: ['\\', '|'],
  51: [';', ':'],
  52: ["'", '"'],
  53: ['`', '~'],
  54: [',', '<'],
  55: ['.', '>'],
  56: ['/', '?'],
};
const SHIFTED_DIGITS = '!@#$%^&*()';
const ENTER = 0x28;
const TAB = 0x2b;
const KEYPAD_ENTER = 0x58;
const SHIFT = 0x02 | 0x20;

/** One key usage under the US layout, or null for keys that type nothing. */
export function usageToChar(usage: number, shift: boolean): string | null {
  if (usage >= 0x04 && usage <= 0x1d) {
    const c = LOWER[usage - 0x04] as string;
    return shift ? c.toUpperCase() : c;
  }
  if (usage >= 0x1e && usage <= 0x27)
    return shift ? (SHIFTED_DIGITS[usage - 0x1e] as string) : (LOWER[usage - 0x04] as string);
  const p = PUNCT[usage];
  return p ? p[shift ? 1 : 0] : null;
}

export class KeyboardReportDecoder {
  private held = new Set<number>();
  private text = '';

  /** `hasReportId`: the device prefixes each report with a report-id byte (composite devices do). */
  constructor(private opts: { hasReportId?: boolean } = {}) {}

  /** Feeds one report; returns the codes it completed (usually none or one). */
  push(report: Uint8Array | number[]): string[] {
    const r = this.opts.hasReportId ? Array.from(report).slice(1) : Array.from(report);
    const modifier = r[0] ?? 0;
    const keys = r.slice(2, 8).filter((k) => k > 0x03); // 0 none, 1-3 error codes (rollover)
    const codes: string[] = [];
    for (const k of keys) {
      if (this.held.has(k)) continue;
      if (k === ENTER || k === KEYPAD_ENTER || k === TAB) {
        if (this.text) codes.push(this.text);
        this.text = '';
        continue;
      }
      const c = usageToChar(k, (modifier & SHIFT) !== 0);
      if (c !== null) this.text += c;
    }
    this.held = new Set(keys);
    return codes;
  }
}

/** Where a HID POS scanner puts the code in its input report. */
export interface HidPosLayout {
  /** the report id byte at index 0 that carries scans (other reports are ignored); null: no report id */
  reportId: number | null;
  /** index of the byte holding the number of code bytes in this report */
  lengthIndex: number;
  /** index of the first code byte */
  dataIndex: number;
  /** index of the byte whose `moreMask` bit says the code continues in the next report; null: one report per code */
  moreIndex: number | null;
  moreMask: number;
}

/** Honeywell HID POS: report 0x02, [1] length, [2..57] data, [58..60] AIM id, [63] bit 0 = more to come. */
export const HONEYWELL_POS: HidPosLayout = {
  reportId: 0x02,
  lengthIndex: 1,
  dataIndex: 2,
  moreIndex: 63,
  moreMask: 0x01,
};

export class PosReportDecoder {
  private parts: number[] = [];
  constructor(private layout: HidPosLayout = HONEYWELL_POS) {}

  push(report: Uint8Array | number[]): string[] {
    const r = Array.from(report);
    const l = this.layout;
    if (l.reportId !== null && r[0] !== l.reportId) return [];
    const length = r[l.lengthIndex] ?? 0;
    this.parts.push(...r.slice(l.dataIndex, l.dataIndex + length));
    const more = l.moreIndex !== null && ((r[l.moreIndex] ?? 0) & l.moreMask) !== 0;
    if (more) return [];
    const code = Buffer.from(this.parts)
      .toString('latin1')
      .replace(/[\r\n\t]+$/, '');
    this.parts = [];
    return code ? [code] : [];
  }
}
