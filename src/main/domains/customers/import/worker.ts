// The import's own thread: parses, checks and commits over its own SQLite connection, so the till's connection
// (on the main thread) keeps answering while 100k rows are read. WAL lets both work on the same file.
import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../../../../shared/errors';
import { createApp } from '../../../app';
import type { Actor } from '../../audit/service';
import type { LayoutChoice } from './layout';
import type { ImportOptions } from './run';

export type WorkerJob =
  | { kind: 'preview'; dataDir: string; bytes: Uint8Array; choice: LayoutChoice; flag: SharedArrayBuffer }
  | { kind: 'run'; dataDir: string; bytes: Uint8Array; opts: ImportOptions; actor: Actor; flag: SharedArrayBuffer };

export type WorkerMessage =
  | { type: 'progress'; phase: string; done: number; total: number }
  | { type: 'done'; value: unknown }
  | { type: 'error'; code: string; message: string; details?: unknown };

const job = workerData as WorkerJob;
const port = parentPort;
const post = (m: WorkerMessage) => port?.postMessage(m);

const app = createApp({ dataDir: job.dataDir, log: () => {} });
try {
  const flag = new Int32Array(job.flag);
  const value =
    job.kind === 'preview'
      ? app.services.customerImport.preview(job.bytes, job.choice)
      : app.services.customerImport.run(job.actor, job.bytes, job.opts, {
          progress: (phase, done, total) => post({ type: 'progress', phase, done, total }),
          cancelled: () => Atomics.load(flag, 0) === 1,
        });
  post({ type: 'done', value });
} catch (e) {
  if (e instanceof AppError) post({ type: 'error', code: e.code, message: e.message, details: e.details });
  else post({ type: 'error', code: 'INTERNAL', message: (e as Error).message });
} finally {
  app.close();
}
