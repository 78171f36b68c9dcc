import * as XLSX from 'xlsx';
import { AppError } from '../../../../shared/errors';

/** A file as rows of text cells; `line` is the row number as Excel or a text editor shows it (1-based). */
export interface Sheet {
  kind: 'spreadsheet' | 'text';
  rows: Array<{ line: number; cells: string[] }>;
  /** for text: the delimiter and encoding used */
  delimiter?: string;
  encoding?: Encoding;
  /** for spreadsheets: every sheet's name and the one read */
  sheets?: string[];
  sheet?: string;
}

export const ENCODINGS = ['utf-8', 'windows-1252', 'utf-16'] as const;
export type Encoding = (typeof ENCODINGS)[number];
export const DELIMITERS = [',', ';', '\t', '|'] as const;

/** What the user chose over what was detected. */
export interface ReadChoice {
  sheet?: string;
  delimiter?: string;
  encoding?: Encoding;
}

export const MAX_FILE_BYTES = 20 * 1024 * 1024;
/** the MB figure people are told */
export const MAX_FILE_MB = 20;
/** the most a spreadsheet's zip may unpack to, and the most entries it may hold */
export const MAX_UNZIPPED_BYTES = 200 * 1024 * 1024;
const MAX_ZIP_ENTRIES = 5000;
const NOT_A_TABLE = 'This file is not a spreadsheet or CSV Counterline can read';

function refuse(message: string): never {
  throw new AppError('VALIDATION', message);
}

export function readTable(bytes: Uint8Array, choice: ReadChoice = {}): Sheet {
  if (bytes.length > MAX_FILE_BYTES)
    refuse(`This file is ${(bytes.length / 1024 / 1024).toFixed(1)} MB; Counterline imports files up to 20 MB.`);
  if (bytes.length === 0) refuse('This file is empty.');
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  const isCfb = bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0;
  if (isZip) checkZip(bytes);
  if (isZip || isCfb) return readSpreadsheet(bytes, choice.sheet);
  return checkWidth(readText(bytes, choice));
}

/** A spreadsheet has at most 16,384 columns (Excel's limit); a text file with more is not a customer list. */
const MAX_COLUMNS = 16_384;

function checkWidth(sheet: Sheet): Sheet {
  const widest = sheet.rows.reduce((n, r) => Math.max(n, r.cells.length), 0);
  if (widest > MAX_COLUMNS)
    refuse(
      `${NOT_A_TABLE}: a row has ${widest.toLocaleString('en')} columns, more than any spreadsheet holds (${MAX_COLUMNS.toLocaleString('en')}). Check that this is the right file.`,
    );
  return sheet;
}

/** Sums the uncompressed sizes in the zip's central directory before anything is unpacked (refuses zip bombs). */
export function checkZip(bytes: Uint8Array): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65_535); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) refuse(`${NOT_A_TABLE}: the spreadsheet is damaged (no zip directory).`);
  const entries = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  if (entries > MAX_ZIP_ENTRIES) refuse(`${NOT_A_TABLE}: the spreadsheet holds too many parts (${entries}).`);
  let total = 0;
  for (let n = 0; n < entries; n++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50)
      refuse(`${NOT_A_TABLE}: the spreadsheet is damaged (bad zip directory).`);
    const size = view.getUint32(at + 24, true);
    const compressed = view.getUint32(at + 20, true);
    // 0xffffffff means a zip64 size: treat as too big rather than trust it
    total += size === 0xffffffff ? Number.POSITIVE_INFINITY : size;
    if (total > MAX_UNZIPPED_BYTES || (compressed > 0 && size / compressed > 1000 && size > 10 * 1024 * 1024))
      refuse('This spreadsheet unpacks to far more data than a customer list needs; Counterline will not open it.');
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

function openWorkbook(bytes: Uint8Array, sheet?: string): XLSX.WorkBook {
  let wb: XLSX.WorkBook;
  try {
    // dense: rows as arrays, not one object key per cell (a 100k-row sheet reads in half the time)
    wb = XLSX.read(bytes, { type: 'array', cellNF: true, cellFormula: false, cellHTML: false, dense: true });
  } catch (e) {
    refuse(`${NOT_A_TABLE}: ${(e as Error).message}`);
  }
  if (sheet && !wb.SheetNames.includes(sheet))
    refuse(`This spreadsheet has no sheet called “${sheet}”; its sheets are ${wb.SheetNames.join(', ')}.`);
  return wb;
}

function sheetOf(wb: XLSX.WorkBook, name: string): Sheet | null {
  const ws = wb.Sheets[name];
  if (!ws?.['!ref']) return null;
  const range = XLSX.utils.decode_range(ws['!ref'] as string);
  const data = (ws['!data'] ?? []) as Array<Array<XLSX.CellObject | undefined> | undefined>;
  const rows: Sheet['rows'] = [];
  for (let r = range.s.r; r <= range.e.r; r++) {
    const cells: string[] = [];
    const row = data[r];
    for (let c = range.s.c; c <= range.e.c; c++) cells.push(cellText(row?.[c]));
    rows.push({ line: r + 1, cells });
  }
  return { kind: 'spreadsheet', rows, sheets: wb.SheetNames, sheet: name };
}

function readSpreadsheet(bytes: Uint8Array, sheet?: string): Sheet {
  const wb = openWorkbook(bytes, sheet);
  // the chosen sheet, else the first one that has any cells
  const name = sheet ?? wb.SheetNames.find((n) => wb.Sheets[n]?.['!ref']) ?? wb.SheetNames[0];
  const read = name ? sheetOf(wb, name) : null;
  if (!read) refuse('This spreadsheet has no rows.');
  return read;
}

/**
 * Every sheet a header may be on: a text file's one table, a workbook's chosen sheet, or else each of its sheets that
 * has cells (in workbook order).
 */
export function readTables(bytes: Uint8Array, choice: ReadChoice = {}): Sheet[] {
  if (bytes.length > MAX_FILE_BYTES || bytes.length === 0) return [readTable(bytes, choice)];
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  const isCfb = bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0;
  if (!isZip && !isCfb) return [readTable(bytes, choice)];
  if (isZip) checkZip(bytes);
  const wb = openWorkbook(bytes, choice.sheet);
  const names = choice.sheet ? [choice.sheet] : wb.SheetNames;
  const sheets = names.map((n) => sheetOf(wb, n)).filter((s): s is Sheet => s !== null);
  if (!sheets.length) refuse('This spreadsheet has no rows.');
  return sheets;
}

/** A cell's value as text: dates as YYYY-MM-DD, numbers without grouping, strings exactly as typed. */
function cellText(cell: XLSX.CellObject | undefined): string {
  if (!cell || cell.v === undefined || cell.v === null) return '';
  if (cell.t === 'd' && cell.v instanceof Date) {
    const d = cell.v;
    return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  }
  if (cell.t === 'n' && typeof cell.v === 'number') {
    if (cell.z && XLSX.SSF.is_date(cell.z)) {
      const p = XLSX.SSF.parse_date_code(cell.v);
      if (p) return `${pad(p.y, 4)}-${pad(p.m)}-${pad(p.d)}`;
    }
    return Number.isInteger(cell.v) ? String(cell.v) : String(cell.v);
  }
  if (cell.t === 'b') return cell.v ? 'TRUE' : 'FALSE';
  if (cell.t === 'e') return '';
  return String(cell.v);
}

function decode(bytes: Uint8Array, chosen?: Encoding): { text: string; encoding: Encoding } {
  let body = bytes;
  if (chosen) return decodeAs(bytes, chosen);
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) body = bytes.subarray(3);
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    const le = bytes[0] === 0xff;
    return { text: new TextDecoder(le ? 'utf-16le' : 'utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16' };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(body), encoding: 'windows-1252' };
  }
}

const ENCODING_WORDS: Record<Encoding, string> = {
  'utf-8': 'UTF-8',
  'windows-1252': 'Windows-1252',
  'utf-16': 'UTF-16',
};

/** The user's encoding, refusing bytes that are not valid in it rather than importing garbled names. */
function decodeAs(bytes: Uint8Array, encoding: Encoding): { text: string; encoding: Encoding } {
  try {
    if (encoding === 'utf-16') {
      const be = bytes[0] === 0xfe && bytes[1] === 0xff;
      const body = (bytes[0] === 0xff && bytes[1] === 0xfe) || be ? bytes.subarray(2) : bytes;
      return { text: new TextDecoder(be ? 'utf-16be' : 'utf-16le', { fatal: true }).decode(body), encoding };
    }
    const body =
      encoding === 'utf-8' && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
    return { text: new TextDecoder(encoding, { fatal: true }).decode(body), encoding };
  } catch {
    refuse(
      `This file is not ${ENCODING_WORDS[encoding]} text. Choose another encoding (Windows-1252 suits most older files).`,
    );
  }
}

/** RFC 4180 records: quoted fields with doubled quotes and line breaks; CRLF, LF or CR line ends. */
export function parseDelimited(text: string, delimiter: string, maxRecords = Number.POSITIVE_INFINITY): Sheet['rows'] {
  const rows: Sheet['rows'] = [];
  let cells: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let startLine = 1;
  let fieldStarted = false;
  const endRecord = () => {
    cells.push(field);
    rows.push({ line: startLine, cells });
    cells = [];
    field = '';
    fieldStarted = false;
  };
  for (let i = 0; i < text.length && rows.length < maxRecords; i++) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n' || (ch === '\r' && text[i + 1] !== '\n')) line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"' && !fieldStarted) {
      quoted = true;
      fieldStarted = true;
    } else if (ch === delimiter) {
      cells.push(field);
      field = '';
      fieldStarted = false;
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      startLine = line;
    } else {
      field += ch;
      fieldStarted = true;
    }
  }
  if (rows.length < maxRecords && (field !== '' || cells.length > 0 || fieldStarted)) endRecord();
  return rows;
}

/** The delimiter whose field count is most consistent (and above one) over the first non-blank records. */
export function detectDelimiter(text: string): string | null {
  const sample = text.slice(0, 64 * 1024);
  let best: { d: string; score: number } | null = null;
  for (const d of DELIMITERS) {
    const rows = parseDelimited(sample, d, 30)
      .map((r) => r.cells)
      .filter((c) => c.some((x) => x.trim() !== ''));
    const counts = rows.slice(0, 20).map((c) => c.length);
    if (!counts.length) continue;
    const freq = new Map<number, number>();
    for (const n of counts) freq.set(n, (freq.get(n) ?? 0) + 1);
    const [mode, times] = [...freq.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0] as [number, number];
    if (mode < 2) continue;
    const score = (times / counts.length) * 100 + Math.min(mode, 50) / 100;
    if (times / counts.length >= 0.5 && (!best || score > best.score)) best = { d, score };
  }
  return best?.d ?? null;
}

function readText(bytes: Uint8Array, choice: ReadChoice): Sheet {
  const { text, encoding } = decode(bytes, choice.encoding);
  const sample = text.slice(0, 8192);
  let control = 0;
  let nul = false;
  for (let i = 0; i < sample.length; i++) {
    const code = sample.charCodeAt(i);
    if (code === 0) nul = true;
    if (code < 9 || (code > 13 && code < 32) || code === 127) control++;
  }
  if (nul || control > sample.length * 0.01) refuse(`${NOT_A_TABLE}: it looks like binary data, not text.`);
  const delimiter = choice.delimiter ?? detectDelimiter(text);
  if (!delimiter) refuse(`${NOT_A_TABLE}: no columns separated by commas, semicolons, tabs or bars were found.`);
  return { kind: 'text', rows: parseDelimited(text, delimiter), delimiter, encoding };
}
