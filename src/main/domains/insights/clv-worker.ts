// The CLV fit's own thread: reads every customer's history over its own read-only connection and fits the models, so
// the till's thread keeps answering during the seconds a fit of 100k customers takes. WAL lets both read the file.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { type ClvFitResult, type ClvJob, fitShop } from './clv-fit';

export interface ClvWorkerData {
  file: string;
  keyPragmas: string[];
  job: ClvJob;
}

export type ClvWorkerMessage = { type: 'done'; value: ClvFitResult } | { type: 'error'; message: string };

const data = workerData as ClvWorkerData;
const post = (m: ClvWorkerMessage, transfer: ArrayBuffer[] = []) => parentPort?.postMessage(m, transfer);
try {
  const db = new Database(data.file, { readonly: true, fileMustExist: true });
  try {
    for (const p of data.keyPragmas) db.pragma(p);
    db.pragma('busy_timeout = 5000');
    const value = fitShop(db, data.job);
    const arrays = [value.x, value.tx, value.T, value.expectedPurchases, value.expectedAov, value.pAlive];
    post(
      { type: 'done', value },
      [...arrays, value.holdoutPurchases].map((a) => a.buffer as ArrayBuffer),
    );
  } finally {
    db.close();
  }
} catch (e) {
  post({ type: 'error', message: (e as Error).message ?? String(e) });
}
