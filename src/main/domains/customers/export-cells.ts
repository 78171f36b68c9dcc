// Pure helpers for writing customer exports: cells a spreadsheet cannot run, and RFC 4180 CSV.

/** Characters that make Excel, LibreOffice or Google Sheets read a cell as a formula (or DDE command). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A text cell a spreadsheet would run as a formula (starts with = + - @, tab or CR) gets a leading `'`, so it shows
 * as the text it is. Everything else is returned unchanged.
 */
export function neutraliseFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** A phone number Counterline stored in E.164 form: `+` and digits only, so it cannot carry a formula. */
export function isE164(value: string): boolean {
  return /^\+[1-9]\d{5,14}$/.test(value);
}

/** One CSV field, quoted as RFC 4180 asks when it holds a comma, a quote or a line break. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** One CSV record with its CRLF line end. */
export function csvLine(values: readonly string[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}
