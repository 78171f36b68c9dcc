import { z } from 'zod';
import { EpochMs, Id } from './common';
import { procedure } from './define';

/** ESC/POS dialects node-thermal-printer knows; Star printers in Star Line Mode use their own command set. */
export const PRINTER_DIALECTS = ['epson', 'star', 'tanca', 'daruma', 'brother', 'custom'] as const;
export const PAPER_WIDTHS = [58, 80] as const;
/** Code pages a shop needs for Latin text; PC858 is PC850 with € at 0xD5. */
export const CODE_PAGES = ['PC437', 'PC850', 'PC858', 'WPC1252'] as const;
export type CodePage = (typeof CODE_PAGES)[number];
export const PRINT_TEMPLATES = [
  'sale-receipt',
  'refund-receipt',
  'payment-receipt',
  'loyalty-card',
  'test-page',
  'statement',
  'shift-report',
  'cash-slip',
] as const;
export type PrintTemplate = (typeof PRINT_TEMPLATES)[number];
export const PRINT_JOB_STATUSES = ['queued', 'printing', 'done', 'failed', 'cancelled'] as const;

/** Where the printer is: `tcp://host:port`, `serial:/dev/ttyUSB0?baud=19200`, `file:/dev/usb/lp0` (or COM3 on Windows). */
export const PrinterUri = z
  .string()
  .trim()
  .regex(
    /^(tcp:\/\/[^\s/:]+(:\d{1,5})?\/?|serial:\S+|file:\S+)$/,
    'a printer address is tcp://host:port, serial:/path[?baud=N] or file:/path',
  );

export const PrinterProfile = z.object({
  id: Id,
  name: z.string().trim().min(1, 'give the printer a name').max(60),
  uri: PrinterUri,
  dialect: z.enum(PRINTER_DIALECTS).default('epson'),
  paperMm: z.union([z.literal(58), z.literal(80)]).default(80),
  /** characters per line in font A; 0 means the usual for the paper (32 on 58 mm, 48 on 80 mm) */
  charsPerLine: z.number().int().min(0).max(64).default(0),
  codePage: z.enum(CODE_PAGES).default('PC858'),
  cut: z.boolean().default(true),
  /** pulse the cash drawer on the printer's drawer port after a cash sale */
  drawerKick: z.boolean().default(false),
  /** native barcode/QR commands (`GS k`, `GS ( k`) or raster images (`GS v 0`) for printers without them */
  codes: z.enum(['native', 'raster']).default('native'),
  /** print the shop logo (raster) at the top of receipts */
  logo: z.boolean().default(false),
  /** how images (logo, raster codes) are sent: `GS v 0` raster, or `ESC *` bit image for older printers */
  imageMode: z.enum(['raster', 'bit-image']).default('raster'),
  /** the printer receipts go to when no printer is named */
  isDefault: z.boolean().default(false),
  /** ask the printer for its status (DLE EOT) before sending; printers that never answer must leave this off */
  statusQuery: z.boolean().default(false),
  /** with the status query, also ask `GS r 1` (paper sensors): for printers that report paper near-end only there */
  statusTransmit: z.boolean().default(false),
});
export type PrinterProfile = z.output<typeof PrinterProfile>;
export type PrinterProfileInput = z.input<typeof PrinterProfile>;

/** A barcode scanner the main process reads (keyboard-wedge scanners need no set-up: the till reads them). */
export const ScannerProfile = z.object({
  id: Id,
  name: z.string().trim().min(1, 'give the scanner a name').max(60),
  kind: z.enum(['serial', 'hid']),
  /** serial: the port, e.g. /dev/ttyACM0 or COM4 */
  path: z.string().trim().max(200).default(''),
  baudRate: z.number().int().min(300).max(921_600).default(9600),
  /** hid: USB vendor and product id */
  vendorId: z.number().int().min(0).max(0xffff).default(0),
  productId: z.number().int().min(0).max(0xffff).default(0),
  hidMode: z.enum(['keyboard', 'pos']).default('keyboard'),
  hasReportId: z.boolean().default(false),
});
export type ScannerProfile = z.output<typeof ScannerProfile>;

export const ScannerState = z.object({ id: Id, connected: z.boolean(), problem: z.string().nullable() });

export const PrintJob = z.object({
  id: Id,
  printerId: z.string().nullable(),
  printerName: z.string().nullable(),
  template: z.string(),
  status: z.enum(PRINT_JOB_STATUSES),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  nextAttemptAt: EpochMs.nullable(),
  salesOrderId: z.string().nullable(),
  refundId: z.string().nullable(),
  /** the document number printed (S-000123), when the data has one */
  documentNumber: z.string().nullable(),
  createdAt: EpochMs,
  updatedAt: EpochMs,
});
export type PrintJob = z.infer<typeof PrintJob>;

export const PrinterStatus = z.object({
  online: z.boolean(),
  /** what the cashier can do about it, in words; null when ready */
  problem: z.string().nullable(),
  /** something to see to soon while it still prints (paper near its end), in words */
  warning: z.string().nullable().optional(),
});
export type PrinterStatus = z.infer<typeof PrinterStatus>;

export const ReceiptPreview = z.object({ svg: z.string(), text: z.string() });
export const PdfFile = z.object({ fileName: z.string(), mimeType: z.literal('application/pdf'), base64: z.string() });

export const devices = {
  printers: procedure({ input: z.null(), output: z.array(PrinterProfile), permission: 'till.use' }),
  savePrinter: procedure({
    input: PrinterProfile.extend({ id: Id.optional() }),
    output: z.array(PrinterProfile),
    permission: 'devices.manage',
  }),
  removePrinter: procedure({
    input: z.object({ id: Id }),
    output: z.array(PrinterProfile),
    permission: 'devices.manage',
  }),
  /** prints the test page now (not through the queue) and says what happened */
  testPrinter: procedure({ input: z.object({ id: Id }), output: PrinterStatus, permission: 'devices.manage' }),
  queue: procedure({
    input: z.object({
      status: z.enum(PRINT_JOB_STATUSES).optional(),
      limit: z.number().int().min(1).max(500).default(100),
    }),
    output: z.array(PrintJob),
    permission: 'till.use',
  }),
  retryJob: procedure({ input: z.object({ id: Id }), output: PrintJob, permission: 'sales.sell' }),
  cancelJob: procedure({ input: z.object({ id: Id }), output: PrintJob, permission: 'sales.sell' }),
  /** queues the sale's receipt again (marked as a copy) */
  reprint: procedure({ input: z.object({ salesOrderId: Id }), output: PrintJob, permission: 'sales.sell' }),
  /** the receipt as the printer would print it, for the screen */
  previewJob: procedure({ input: z.object({ id: Id }), output: ReceiptPreview, permission: 'till.use' }),
  /** an A4 PDF invoice for a completed sale */
  invoicePdf: procedure({ input: z.object({ salesOrderId: Id }), output: PdfFile, permission: 'sales.sell' }),
  /**
   * Prints the A4 invoice through the system print dialog where there is one (Electron). `dialog: false` means this
   * host has none (the browser host): the screen then opens the PDF in a tab, where the browser prints it.
   */
  printInvoice: procedure({
    input: z.object({ salesOrderId: Id }),
    output: z.object({ dialog: z.boolean() }),
    permission: 'sales.sell',
  }),
  scanners: procedure({
    input: z.null(),
    output: z.array(ScannerProfile.extend({ connected: z.boolean(), problem: z.string().nullable() })),
    permission: 'till.use',
  }),
  saveScanner: procedure({
    input: ScannerProfile.extend({ id: Id.optional() }),
    output: z.array(ScannerProfile),
    permission: 'devices.manage',
  }),
  removeScanner: procedure({
    input: z.object({ id: Id }),
    output: z.array(ScannerProfile),
    permission: 'devices.manage',
  }),
  previewTest: procedure({ input: z.object({ id: Id.optional() }), output: ReceiptPreview, permission: 'till.use' }),
};
