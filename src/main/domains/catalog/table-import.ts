import { AppError } from '../../../shared/errors';
import { headerKey } from '../customers/import/mapping';
import { type ReadChoice, readTable } from '../customers/import/read';
import type { Deps } from '../deps';

/**
 * The import wizard's machinery for simple tables (products, price list prices): an uploaded file kept for the
 * wizard's later steps, a header row and column mapping guessed from header words (each can be overridden), and the
 * rows handed to a domain's importer. The customer import keeps its own richer layout (presets, encodings).
 */

export interface TableChoice extends ReadChoice {
  /** 1-based row number of the header */
  headerRow?: number;
  columns?: Array<{ index: number; field: string | null }>;
}

export interface TableLayout<F extends string> {
  rows: Array<{ line: number; cells: string[] }>;
  /** field → column index */
  columns: Map<F, number>;
  ignored: string[];
  preview: TablePreview;
}

export interface TablePreview {
  kind: 'spreadsheet' | 'text';
  sheets: string[];
  sheet: string | null;
  headerRow: number;
  columns: Array<{ index: number; header: string; field: string | null; samples: string[] }>;
  unmapped: string[];
  rows: number;
}

export interface TableReport {
  rows: number;
  created: number;
  updated: number;
  skipped: number;
  errors: Array<{ row: number; field: string; message: string }>;
  warnings: Array<{ row: number; field: string; message: string }>;
  ignoredColumns: string[];
  dryRun: boolean;
}

/** A row's cell for a field, trimmed; '' when the field has no column or the row stops short of it. */
export function cellOf<F extends string>(columns: Map<F, number>, cells: readonly string[]): (f: F) => string {
  return (f) => {
    const i = columns.get(f);
    return i === undefined ? '' : (cells[i] ?? '').trim();
  };
}

/** An import's tally before its first row: nothing read, created, updated or skipped, no errors or warnings yet. */
export function emptyReport(ignoredColumns: string[], dryRun: boolean): TableReport {
  return { rows: 0, created: 0, updated: 0, skipped: 0, errors: [], warnings: [], ignoredColumns, dryRun };
}

export function fieldOfHeader<F extends string>(header: string, words: Record<F, readonly string[]>): F | null {
  const key = headerKey(header);
  if (!key) return null;
  for (const f of Object.keys(words) as F[]) if (words[f].includes(key)) return f;
  return null;
}

/** Reads the file and lays it out: the first row (of ten) holding every required field is the header, unless chosen. */
export function tableLayout<F extends string>(
  bytes: Uint8Array,
  words: Record<F, readonly string[]>,
  required: readonly NoInfer<F>[],
  choice: TableChoice,
  missing: string,
): TableLayout<F> {
  const sheet = readTable(bytes, choice);
  let headerAt = choice.headerRow ? choice.headerRow - 1 : -1;
  if (headerAt < 0) {
    headerAt = sheet.rows.slice(0, 10).findIndex((r) => {
      const found = r.cells.map((c) => fieldOfHeader(c, words));
      return required.every((f) => found.includes(f));
    });
    // nothing recognised: the first row, so the user can map the columns by hand
    if (headerAt < 0) headerAt = 0;
  }
  const header = sheet.rows[headerAt]?.cells ?? [];
  const fields = new Set(Object.keys(words));
  const chosen = new Map((choice.columns ?? []).map((c) => [c.index, c.field]));
  const columns = new Map<F, number>();
  const ignored: string[] = [];
  const previewCols: TablePreview['columns'] = [];
  const data = sheet.rows.slice(headerAt + 1).filter((r) => r.cells.some((c) => c.trim() !== ''));
  header.forEach((h, index) => {
    const picked = chosen.has(index) ? chosen.get(index) : fieldOfHeader(h, words);
    const field = picked && fields.has(picked) && !columns.has(picked as F) ? (picked as F) : null;
    if (field) columns.set(field, index);
    else if (h.trim()) ignored.push(h.trim());
    previewCols.push({
      index,
      header: h.trim(),
      field,
      samples: data
        .slice(0, 3)
        .map((r) => (r.cells[index] ?? '').trim())
        .filter(Boolean),
    });
  });
  if (!header.length) throw new AppError('VALIDATION', missing);
  return {
    rows: data,
    columns,
    ignored,
    preview: {
      kind: sheet.kind,
      sheets: sheet.sheets ?? [],
      sheet: sheet.sheet ?? null,
      headerRow: headerAt + 1,
      columns: previewCols,
      unmapped: required.filter((f) => !columns.has(f)),
      rows: data.length,
    },
  };
}

interface Upload {
  fileName: string;
  bytes: Uint8Array;
  report: TableReport | null;
}

/** Files the wizard uploaded, kept for its later steps; older ones are dropped. */
export class TableUploads {
  private uploads = new Map<string, Upload>();

  constructor(private deps: Pick<Deps, 'newId'>) {}

  put(fileName: string, bytes: Uint8Array): { uploadId: string; size: number } {
    if (bytes.length === 0) throw new AppError('VALIDATION', 'This file is empty.');
    const uploadId = this.deps.newId();
    this.uploads.set(uploadId, { fileName, bytes, report: null });
    while (this.uploads.size > 4) this.uploads.delete(this.uploads.keys().next().value as string);
    return { uploadId, size: bytes.length };
  }

  get(uploadId: string): Upload {
    const u = this.uploads.get(uploadId);
    if (!u) throw new AppError('NOT_FOUND', 'That file is no longer open; choose it again.');
    return u;
  }

  /** The last report as CSV: row, kind, field, message. */
  reportCsv(uploadId: string): { fileName: string; mimeType: string; base64: string } {
    const u = this.get(uploadId);
    const r = u.report;
    if (!r) throw new AppError('VALIDATION', 'Check the file first; there is no report yet.');
    const q = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
    const lines = ['Row,Kind,Field,Message'];
    for (const [kind, list] of [
      ['error', r.errors],
      ['warning', r.warnings],
    ] as const)
      for (const i of list)
        lines.push([String(i.row), kind, i.field, q(i.message.replace(/^[=+\-@]/, "'$&"))].join(','));
    return {
      fileName: `${u.fileName.replace(/\.[^.]+$/, '')}-report.csv`,
      mimeType: 'text/csv',
      base64: Buffer.from(`\ufeff${lines.join('\r\n')}\r\n`).toString('base64'),
    };
  }
}
