import { z } from 'zod';
import { Id } from './common';
import { IMPORT_DELIMITERS, IMPORT_ENCODINGS, IMPORT_UPLOAD_MAX_BYTES, ImportReport } from './customer-import';
import { procedure } from './define';

/** Fields a product file can fill, in the order the wizard lists them. */
export const PRODUCT_FIELDS = ['name', 'sku', 'barcode', 'price', 'cost', 'category', 'unit', 'tax', 'stock'] as const;
/** Fields a price list file can fill: the product (by SKU or barcode), its price, and from how many units. */
export const PRICE_FIELDS = ['sku', 'barcode', 'price', 'minQty'] as const;

export const UploadInput = z.object({
  fileName: z.string().trim().min(1).max(255),
  base64: z
    .string()
    .max(Math.ceil(IMPORT_UPLOAD_MAX_BYTES / 3) * 4, 'This file is larger than 50 MB; Counterline will not open it.'),
});
export const UploadOutput = z.object({ uploadId: Id, size: z.number().int() });

/** What the user chose over what was detected (header row, sheet, text layout, each column's field). */
export const TableChoice = z.object({
  uploadId: Id,
  sheet: z.string().max(200).optional(),
  headerRow: z.number().int().min(1).max(1_000_000).optional(),
  delimiter: z.enum(IMPORT_DELIMITERS).optional(),
  encoding: z.enum(IMPORT_ENCODINGS).optional(),
  columns: z
    .array(z.object({ index: z.number().int().min(0).max(500), field: z.string().max(40).nullable() }))
    .max(500)
    .optional(),
});
export type TableChoice = z.output<typeof TableChoice>;

export const TablePreview = z.object({
  kind: z.enum(['spreadsheet', 'text']),
  sheets: z.array(z.string()),
  sheet: z.string().nullable(),
  headerRow: z.number().int(),
  columns: z.array(
    z.object({
      index: z.number().int(),
      header: z.string(),
      field: z.string().nullable(),
      samples: z.array(z.string()),
    }),
  ),
  /** required fields no column fills yet */
  unmapped: z.array(z.string()),
  rows: z.number().int(),
});
export type TablePreview = z.output<typeof TablePreview>;

export const FileOut = z.object({ fileName: z.string(), mimeType: z.string(), base64: z.string() });

/** The product import wizard (catalog domain); the same shape as the customer import's, run in one call. */
export const productImportProcedures = {
  importUpload: procedure({ input: UploadInput, output: UploadOutput, permission: 'catalog.edit' }),
  importPreview: procedure({ input: TableChoice, output: TablePreview, permission: 'catalog.edit' }),
  importRun: procedure({
    input: TableChoice.extend({ onDuplicate: z.enum(['skip', 'update']).default('skip'), dryRun: z.boolean() }),
    output: ImportReport,
    permission: 'catalog.edit',
  }),
  importReportExport: procedure({ input: z.object({ uploadId: Id }), output: FileOut, permission: 'catalog.edit' }),
};

/** Price list import and export (pricing domain). */
export const priceImportProcedures = {
  importUpload: procedure({ input: UploadInput, output: UploadOutput, permission: 'pricing.manage' }),
  importPreview: procedure({ input: TableChoice, output: TablePreview, permission: 'pricing.manage' }),
  /** 'merge' sets the file's prices and keeps the list's others; 'replace' makes the list's product prices the file's */
  importRun: procedure({
    input: TableChoice.extend({
      priceListId: Id,
      mode: z.enum(['merge', 'replace']).default('merge'),
      dryRun: z.boolean(),
    }),
    output: ImportReport,
    permission: 'pricing.manage',
  }),
  importReportExport: procedure({ input: z.object({ uploadId: Id }), output: FileOut, permission: 'pricing.manage' }),
  exportList: procedure({
    input: z.object({ id: Id, format: z.enum(['xlsx', 'csv']) }),
    output: FileOut,
    permission: 'pricing.manage',
  }),
};
