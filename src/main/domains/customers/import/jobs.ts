import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AppError, type ErrorCode } from '../../../../shared/errors';
import type { Actor } from '../../audit/service';
import type { Deps } from '../../deps';
import { csvLine, neutraliseFormula } from '../export-cells';
import type { ImportPreview, LayoutChoice } from './layout';
import { MAX_FILE_BYTES, MAX_FILE_MB } from './read';
import type { CustomerImport, ImportOptions, ImportResult } from './run';
import type { WorkerJob, WorkerMessage } from './worker';

interface Upload {
  id: string;
  fileName: string;
  bytes: Uint8Array;
  /** set while a dry run or commit runs: 1 asks the worker to stop */
  flag: Int32Array | null;
  report: ImportResult | null;
}

/** Uploads kept for the wizard's later steps; older ones are dropped (a wizard left open holds at most these). */
const KEEP_UPLOADS = 4;

/** The file a shop fills in when it has no other system to export from: the generic preset's own headers. */
export const TEMPLATE_HEADERS = [
  'Name',
  'Phone',
  'Email',
  'Birthday',
  'Category',
  'Address',
  'City',
  'Country',
  'Customer code',
  'Company',
  'Tax ID',
  'Notes',
  'Balance owed',
  'Points balance',
];

/** Where the worker's code is: beside the bundle when built, else the TypeScript source run through tsx. */
function workerEntry(): URL {
  const built = new URL('./import-worker.mjs', import.meta.url);
  return existsSync(fileURLToPath(built)) ? built : new URL('./worker-source.mjs', import.meta.url);
}

/**
 * Customer imports as the wizard drives them: an uploaded file, previews, dry runs and commits run on a worker thread
 * with progress events, cancel, and the last report kept for export. A ':memory:' database (tests) cannot be shared
 * with a second connection, so there the work runs on this thread, as it does for small files.
 */
export class ImportJobs {
  private uploads = new Map<string, Upload>();
  /**
   * Files this small are read and committed in well under 100 ms, less than starting a thread costs; bigger ones go to
   * the worker. Tests set 0 to send everything there.
   */
  inThreadBelowBytes = 256 * 1024;

  constructor(
    private deps: Deps,
    private importer: CustomerImport,
  ) {}

  upload(fileName: string, bytes: Uint8Array): { uploadId: string; size: number } {
    if (bytes.length === 0) throw new AppError('VALIDATION', 'This file is empty.');
    if (bytes.length > MAX_FILE_BYTES)
      throw new AppError(
        'VALIDATION',
        `This file is ${(bytes.length / 1024 / 1024).toFixed(1)} MB; Counterline imports files up to ${MAX_FILE_MB} MB.`,
      );
    const id = this.deps.newId();
    this.uploads.set(id, { id, fileName, bytes, flag: null, report: null });
    for (const old of [...this.uploads.keys()].slice(0, -KEEP_UPLOADS)) this.uploads.delete(old);
    return { uploadId: id, size: bytes.length };
  }

  private get(uploadId: string): Upload {
    const u = this.uploads.get(uploadId);
    if (!u) throw new AppError('NOT_FOUND', 'That uploaded file is no longer here; choose the file again.');
    return u;
  }

  async preview(uploadId: string, choice: LayoutChoice): Promise<ImportPreview> {
    const u = this.get(uploadId);
    return (await this.offThread(u, { kind: 'preview', choice }, () =>
      this.importer.preview(u.bytes, choice),
    )) as ImportPreview;
  }

  async run(actor: Actor, uploadId: string, opts: Omit<ImportOptions, 'fileName'>): Promise<ImportResult> {
    const u = this.get(uploadId);
    if (u.flag) throw new AppError('CONFLICT', 'This file is already being imported.');
    const full: ImportOptions = { ...opts, fileName: u.fileName };
    u.flag = new Int32Array(new SharedArrayBuffer(4));
    try {
      const result = (await this.offThread(u, { kind: 'run', opts: full, actor }, () =>
        this.importer.run(actor, u.bytes, full, { progress: (p, d, t) => this.progress(u.id, p, d, t) }),
      )) as ImportResult;
      u.report = result;
      return result;
    } finally {
      u.flag = null;
    }
  }

  /** Whether a dry run or commit is running (a restore waits for none). */
  busy(): boolean {
    return [...this.uploads.values()].some((u) => u.flag !== null);
  }

  /** Asks a running dry run or commit to stop; a stopped commit rolls back, so nothing is saved. */
  cancel(uploadId: string): { cancelling: boolean } {
    const u = this.get(uploadId);
    if (!u.flag) return { cancelling: false };
    Atomics.store(u.flag, 0, 1);
    return { cancelling: true };
  }

  /** The last dry run or commit of this upload as CSV: the counts, then one line per row error or warning. */
  report(uploadId: string): { fileName: string; mimeType: string; base64: string } {
    const u = this.get(uploadId);
    const r = u.report;
    if (!r) throw new AppError('NOT_FOUND', 'Run a check of this file first; there is no report yet.');
    const cell = (v: string | number) => neutraliseFormula(String(v));
    let csv = `\uFEFF${csvLine(['Row', 'Kind', 'Field', 'Message'].map(cell))}`;
    const summary = `${r.dryRun ? 'Check' : 'Import'} of ${u.fileName}: ${r.rows} rows, ${r.created} ${r.dryRun ? 'to create' : 'created'}, ${r.updated} ${r.dryRun ? 'to update' : 'updated'}, ${r.skipped} skipped, ${r.errors.length} errors, ${r.warnings.length} warnings`;
    csv += csvLine(['', 'summary', '', summary].map(cell));
    const lines = [
      ...r.errors.map((e) => ({ ...e, kind: 'error' })),
      ...r.warnings.map((w) => ({ ...w, kind: 'warning' })),
    ].sort((a, b) => a.row - b.row);
    for (const l of lines) csv += csvLine([l.row, l.kind, l.field, l.message].map(cell));
    const base = u.fileName.replace(/\.[^.]+$/, '');
    return {
      fileName: `${base}-import-report.csv`,
      mimeType: 'text/csv',
      base64: Buffer.from(csv, 'utf8').toString('base64'),
    };
  }

  template(): { fileName: string; mimeType: string; base64: string } {
    const csv = `\uFEFF${csvLine(TEMPLATE_HEADERS)}`;
    return { fileName: 'customers-template.csv', mimeType: 'text/csv', base64: Buffer.from(csv).toString('base64') };
  }

  private progress(importId: string, phase: string, done: number, total: number): void {
    this.deps.events.emit('customers.importProgress', {
      importId,
      phase: phase as 'read' | 'check' | 'commit',
      done,
      total,
    });
  }

  private offThread(
    u: Upload,
    job: { kind: 'preview'; choice: LayoutChoice } | { kind: 'run'; opts: ImportOptions; actor: Actor },
    inThread: () => unknown,
  ): Promise<unknown> {
    if (this.deps.sqlite.memory || u.bytes.length < this.inThreadBelowBytes) return Promise.resolve().then(inThread);
    const flag = u.flag?.buffer ?? new SharedArrayBuffer(4);
    const data = { ...job, dataDir: dirname(this.deps.sqlite.name), bytes: u.bytes, flag } as WorkerJob;
    return new Promise((resolve, reject) => {
      const worker = new Worker(workerEntry(), { workerData: data });
      let settled = false;
      worker.on('message', (m: WorkerMessage) => {
        if (m.type === 'progress') this.progress(u.id, m.phase, m.done, m.total);
        else if (m.type === 'done') {
          settled = true;
          resolve(m.value);
        } else {
          settled = true;
          reject(new AppError(m.code as ErrorCode, m.message, m.details));
        }
      });
      worker.on('error', (e) => {
        settled = true;
        reject(new AppError('INTERNAL', `The import stopped unexpectedly: ${e.message}`));
      });
      worker.on('exit', (code) => {
        if (!settled) reject(new AppError('INTERNAL', `The import stopped unexpectedly (exit ${code}).`));
      });
    });
  }
}
