import { AppError } from '../../../../shared/errors';
import {
  detectPreset,
  findHeaderRow,
  guessMapping,
  HEADER_SEARCH_ROWS,
  hasNameColumn,
  IMPORT_FIELDS,
  type ImportField,
  type Mapping,
  type Preset,
  usableMapping,
} from './mapping';
import { type Encoding, type ReadChoice, readTables, type Sheet } from './read';

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

const NO_HEADER = `This file is not a spreadsheet or CSV with a header row Counterline recognises in the first ${HEADER_SEARCH_ROWS} rows of any sheet: it needs a name column (such as Name, Nama, First name or Company) and a phone, email or customer code column.`;
const NO_NAME = 'This file has no name column (such as Name, Nama, First name or Company).';

/**
 * Reads the file and settles its sheet, header row and column mapping, from the user's choices or by detection: the
 * header is the row, among the first thirty of every sheet, that maps the most columns while holding a name column
 * and a phone, email or code column. Columns nothing maps to are listed as ignored.
 */
export function layoutOf(bytes: Uint8Array, choice: LayoutChoice): Layout {
  const sheets = readTables(bytes, choice);
  let found: { sheet: Sheet; headerAt: number; preset: Preset; mapped: number } | null = null;
  if (choice.headerRow !== undefined) {
    for (const sheet of sheets) {
      const headerAt = sheet.rows.findIndex((r) => r.line === choice.headerRow);
      if (headerAt < 0) continue;
      const cells = sheet.rows[headerAt]?.cells ?? [];
      const preset = choice.preset ?? detectPreset(cells);
      const mapped = guessMapping(cells, preset);
      const score = usableMapping(mapped) ? mapped.columns.length : -1;
      // with one sheet (or a chosen one) the user's row is taken as it is; across sheets the one whose row reads best
      if (!found || score > found.mapped) found = { sheet, headerAt, preset, mapped: score };
    }
    if (!found)
      throw new AppError(
        'VALIDATION',
        `Row ${choice.headerRow} is not in this file; choose a header row that has text.`,
      );
  } else {
    for (const sheet of sheets) {
      const best = findHeaderRow(sheet.rows, choice.preset);
      if (best.at >= 0 && (!found || best.mapped > found.mapped))
        found = { sheet, headerAt: best.at, preset: best.preset, mapped: best.mapped };
    }
    if (!found) {
      const anyName = sheets.some((s) =>
        s.rows
          .slice(0, HEADER_SEARCH_ROWS)
          .some((r) => hasNameColumn(guessMapping(r.cells, choice.preset ?? 'generic'))),
      );
      throw new AppError('VALIDATION', anyName ? NO_HEADER : `${NO_HEADER} ${NO_NAME}`);
    }
  }
  const { sheet, headerAt, preset } = found;
  const header = sheet.rows[headerAt]?.cells ?? [];
  const mapping = choice.columns ? chosenMapping(header, choice.columns, preset) : guessMapping(header, preset);
  if (!hasNameColumn(mapping)) throw new AppError('VALIDATION', NO_NAME);
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
