import { AppError } from '../../../../shared/errors';
import { findHeaderRow, guessMapping, IMPORT_FIELDS, type ImportField, type Mapping, type Preset } from './mapping';
import { type Encoding, type ReadChoice, readTable, type Sheet } from './read';

/** What the user may override in the wizard; everything left out is detected. */
export interface LayoutChoice extends ReadChoice {
  preset?: Preset;
  /** the header row as the spreadsheet numbers it (1-based) */
  headerRow?: number;
  /** per column (0-based index): the field it fills, or null to ignore it */
  columns?: Array<{ index: number; field: ImportField | null }>;
}

export interface Layout {
  sheet: Sheet;
  preset: Preset;
  headerAt: number;
  mapping: Mapping;
}

export interface ImportPreview {
  kind: 'spreadsheet' | 'text';
  sheets: string[];
  sheet: string | null;
  delimiter: string | null;
  encoding: Encoding | null;
  preset: Preset;
  headerRow: number;
  /** every header column, with the field it fills (null: not imported) and the first few values */
  columns: Array<{ index: number; header: string; field: ImportField | null; samples: string[] }>;
  unmapped: string[];
  /** non-blank rows below the header */
  rows: number;
}

const NAME_FIELDS: ImportField[] = ['name', 'firstName', 'lastName', 'company'];

/** Reads the file and settles its header row and column mapping, from the user's choices or by detection. */
export function layoutOf(bytes: Uint8Array, choice: LayoutChoice): Layout {
  const sheet = readTable(bytes, choice);
  const preset = choice.preset ?? 'generic';
  let headerAt: number;
  if (choice.headerRow !== undefined) {
    headerAt = sheet.rows.findIndex((r) => r.line === choice.headerRow);
    if (headerAt < 0)
      throw new AppError(
        'VALIDATION',
        `Row ${choice.headerRow} is not in this file; choose a header row that has text.`,
      );
  } else headerAt = findHeaderRow(sheet.rows);
  if (headerAt < 0)
    throw new AppError(
      'VALIDATION',
      'This file is not a spreadsheet or CSV with a header row Counterline recognises (such as Name, Phone, Email).',
    );
  const header = sheet.rows[headerAt]?.cells ?? [];
  const mapping = choice.columns ? chosenMapping(header, choice.columns, preset) : guessMapping(header, preset);
  if (!mapping.columns.some((c) => NAME_FIELDS.includes(c.field)))
    throw new AppError('VALIDATION', 'This file has no name column (such as Name, Nama or First name).');
  return { sheet, preset, headerAt, mapping };
}

/** The guessed mapping with the user's per-column choices laid over it; one column per field. */
function chosenMapping(header: string[], chosen: NonNullable<LayoutChoice['columns']>, preset: Preset): Mapping {
  const guessed = guessMapping(header, preset);
  const pick = new Map<number, ImportField | null>(guessed.columns.map((c) => [c.index, c.field]));
  for (const c of chosen) {
    if (c.index < 0 || c.index >= header.length)
      throw new AppError('VALIDATION', `Column ${c.index + 1} is not in this file.`);
    if (c.field !== null && !IMPORT_FIELDS.includes(c.field))
      throw new AppError('VALIDATION', `“${c.field}” is not a customer field.`);
    pick.set(c.index, c.field);
  }
  const columns: Mapping['columns'] = [];
  const ignored: string[] = [];
  header.forEach((h, index) => {
    const label = h.trim() || `Column ${index + 1}`;
    const field = pick.get(index) ?? null;
    if (!field) {
      if (h.trim()) ignored.push(label);
      return;
    }
    const clash = columns.find((c) => c.field === field);
    if (clash)
      throw new AppError('VALIDATION', `Two columns are set to the same field: “${clash.header}” and “${label}”.`, {
        field,
      });
    columns.push({ index, header: label, field });
  });
  return { columns, ignored };
}

export function previewOf(layout: Layout): ImportPreview {
  const { sheet, headerAt, mapping, preset } = layout;
  const header = sheet.rows[headerAt]?.cells ?? [];
  const body = sheet.rows.slice(headerAt + 1).filter((r) => r.cells.some((c) => c.trim() !== ''));
  const fieldAt = new Map(mapping.columns.map((c) => [c.index, c.field]));
  return {
    kind: sheet.kind,
    sheets: sheet.sheets ?? [],
    sheet: sheet.sheet ?? null,
    delimiter: sheet.delimiter ?? null,
    encoding: sheet.encoding ?? null,
    preset,
    headerRow: sheet.rows[headerAt]?.line ?? 1,
    columns: header
      .map((h, index) => ({
        index,
        header: h.trim(),
        field: fieldAt.get(index) ?? null,
        samples: body
          .slice(0, 3)
          .map((r) => (r.cells[index] ?? '').slice(0, 80))
          .filter((v) => v.trim() !== ''),
      }))
      .filter((c) => c.header !== '' || c.field !== null),
    unmapped: mapping.ignored,
    rows: body.length,
  };
}
