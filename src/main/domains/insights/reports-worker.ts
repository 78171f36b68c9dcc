// The insights reports' own thread: the same reports over a read-only connection, so the till's thread keeps
// answering scans and sales while a report of 100k customers and 1M sales is worked out. WAL lets both read the file.
// One thread for the app's life: the reports' per-day caches (first sales, RFM cut points, the shop's gaps) live here.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
// the contract first, as in the main process: its domains import each other, and insights-files needs its parts made
import '../../../shared/contract';
import type { InsightsSettings } from '../../../shared/contract/insights';
import type { StoreProfile } from '../../../shared/contract/system';
import { AppError } from '../../../shared/errors';
import { InsightsFiles } from './files';
import { CustomerInsights } from './service';
import type { ReportCall, ReportReply } from './thread';

const data = workerData as { file: string; keyPragmas: string[] };
const db = new Database(data.file, { readonly: true, fileMustExist: true });
for (const p of data.keyPragmas) db.pragma(p);
db.pragma('busy_timeout = 5000');

// each call brings the till's clock, shop profile and RFM settings, so the thread never reads a stale copy of them
let current: Pick<ReportCall, 'now' | 'store' | 'settings'> = {
  now: Date.now(),
  store: null as unknown as StoreProfile,
  settings: null as unknown as InsightsSettings,
};
const deps = { sqlite: db, clock: { now: () => current.now } };
const store = { store: () => current.store };
const insights = new CustomerInsights(deps, store, { get: () => current.settings });
const files = new InsightsFiles(deps, store, insights, {
  record: () => {
    throw new Error('the reports thread writes nothing');
  },
});

parentPort?.on('message', (call: ReportCall) => {
  current = call;
  let reply: ReportReply;
  try {
    const value =
      call.method === 'dashboard' || call.method === 'customerList'
        ? (files[call.method] as (input: unknown) => unknown)(call.input)
        : (insights[call.method] as (input: unknown) => unknown)(call.input);
    reply = { id: call.id, ok: true, value };
  } catch (e) {
    reply = {
      id: call.id,
      ok: false,
      code: e instanceof AppError ? e.code : 'INTERNAL',
      message: (e as Error).message ?? String(e),
    };
  }
  parentPort?.postMessage(reply);
});
