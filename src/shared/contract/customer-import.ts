import { z } from 'zod';
import { Id } from './common';
import { procedure } from './define';

/** The customer fields an import can fill, in the order the wizard lists them. */
export const IMPORT_FIELDS = [
  'name',
  'firstName',
  'lastName',
  'phone',
  'phone2',
  'email',
  'dateOfBirth',
  'category',
  'tags',
  'notes',
  'address',
  'address2',
  'city',
  'region',
  'postalCode',
  'country',
  'code',
  'company',
  'type',
  'taxId',
  'consentEmail',
  'consentSms',
  'consentWhatsapp',
  'marketingOptInAt',
  'status',
  'cardNo',
  'creditLimit',
  'paymentTermsDays',
  'shippingAddress',
  'language',
  'balance',
  'points',
  'openingSpent',
  'openingOrders',
  'openingFirstAt',
  'openingLastAt',
  'priceList',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

export const IMPORT_PRESETS = ['generic', 'pos-export', 'square', 'kasir', 'ecommerce', 'erp'] as const;
export const IMPORT_ENCODINGS = ['utf-8', 'windows-1252', 'utf-16'] as const;
export const IMPORT_DELIMITERS = [',', ';', '\t', '|'] as const;
/** The largest file the wizard sends (base64 grows it by a third); the importer itself refuses above 20 MB. */
export const IMPORT_UPLOAD_MAX_BYTES = 50 * 1024 * 1024;

/** What the user chose over what was detected; anything left out is detected again. */
export const ImportChoice = z.object({
  uploadId: Id,
  sheet: z.string().max(200).optional(),
  headerRow: z.number().int().min(1).max(1_000_000).optional(),
  delimiter: z.enum(IMPORT_DELIMITERS).optional(),
  encoding: z.enum(IMPORT_ENCODINGS).optional(),
  preset: z.enum(IMPORT_PRESETS).optional(),
  decimalMark: z.enum(['.', ',']).optional(),
  columns: z
    .array(z.object({ index: z.number().int().min(0).max(500), field: z.enum(IMPORT_FIELDS).nullable() }))
    .max(500)
    .optional(),
});
export type ImportChoice = z.output<typeof ImportChoice>;

export const ImportRunInput = ImportChoice.extend({
  onDuplicate: z.enum(['skip', 'update']).default('skip'),
  createCategories: z.boolean().default(false),
});

export const ImportPreview = z.object({
  kind: z.enum(['spreadsheet', 'text']),
  sheets: z.array(z.string()),
  sheet: z.string().nullable(),
  delimiter: z.string().nullable(),
  encoding: z.enum(IMPORT_ENCODINGS).nullable(),
  preset: z.enum(IMPORT_PRESETS),
  headerRow: z.number().int(),
  columns: z.array(
    z.object({
      index: z.number().int(),
      header: z.string(),
      field: z.enum(IMPORT_FIELDS).nullable(),
      samples: z.array(z.string()),
    }),
  ),
  unmapped: z.array(z.string()),
  rows: z.number().int(),
});

export type ImportPreview = z.output<typeof ImportPreview>;

const RowIssue = z.object({ row: z.number().int(), field: z.string(), message: z.string() });
export const ImportReport = z.object({
  rows: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  skipped: z.number().int(),
  errors: z.array(RowIssue),
  warnings: z.array(RowIssue),
  ignoredColumns: z.array(z.string()),
  dryRun: z.boolean(),
  sheet: z.string().nullable().optional(),
  headerRow: z.number().int().optional(),
  preset: z.enum(IMPORT_PRESETS).optional(),
});
export type ImportReport = z.output<typeof ImportReport>;

const FileOut = z.object({ fileName: z.string(), mimeType: z.string(), base64: z.string() });

/** The import wizard's procedures, spread into the customers domain. */
export const customerImportProcedures = {
  importUpload: procedure({
    input: z.object({
      fileName: z.string().trim().min(1).max(255),
      base64: z
        .string()
        .max(
          Math.ceil(IMPORT_UPLOAD_MAX_BYTES / 3) * 4,
          'This file is larger than 50 MB; Counterline will not open it.',
        ),
    }),
    output: z.object({ uploadId: Id, size: z.number().int() }),
    permission: 'customers.import',
  }),
  importPreview: procedure({ input: ImportChoice, output: ImportPreview, permission: 'customers.import' }),
  importDryRun: procedure({ input: ImportRunInput, output: ImportReport, permission: 'customers.import' }),
  importCommit: procedure({ input: ImportRunInput, output: ImportReport, permission: 'customers.import' }),
  importCancel: procedure({
    input: z.object({ uploadId: Id }),
    output: z.object({ cancelling: z.boolean() }),
    permission: 'customers.import',
  }),
  importReportExport: procedure({ input: z.object({ uploadId: Id }), output: FileOut, permission: 'customers.import' }),
  importTemplate: procedure({ input: z.null(), output: FileOut, permission: 'customers.import' }),
};
