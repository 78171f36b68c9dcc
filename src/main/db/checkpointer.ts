import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { keyStatements } from './key';
import type { Sqlite } from './open';

// The worker is a few lines of plain JavaScript over its own connection, so it needs no bundle of its own; it loads
// better-sqlite3 from where the main process found it.
const WORKER_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.file, { fileMustExist: true });
for (const p of workerData.keyPragmas) db.pragma(p);
db.pragma('busy_timeout = 1000');
const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (e) {
    parentPort.postMessage(String((e && e.message) || e));
  }
}, workerData.everyMs);
parentPort.on('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

/** If the background thread never catches up (or dies), the till's own connection checkpoints at this WAL size. */
const SAFETY_NET_PAGES = 16_000;

export interface Checkpointer {
  stop(): void;
}

/**
 * Copies committed pages from the write-ahead log into the database file on a thread of its own. A sale writes ~80
 * pages to the WAL; with SQLite's default every ~12th sale would copy 1,000 pages and sync the database file inside
 * its own commit (the slow tail of checkout times). The till's connection now only appends to the WAL and syncs it,
 * which is what makes a sale durable; a checkpoint running meanwhile changes nothing it can see.
 */
export function startCheckpointer(
  sqlite: Sqlite,
  log: (message: string) => void = () => {},
  everyMs = 250,
  /** an encrypted shop's key: the thread opens its own connection */
  key: string | null = null,
): Checkpointer {
  const file = sqlite.name;
  if (sqlite.memory || sqlite.pragma('journal_mode', { simple: true }) !== 'wal') return { stop: () => {} };
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      file,
      everyMs,
      keyPragmas: key ? keyStatements(key) : [],
      module: createRequire(import.meta.url).resolve('better-sqlite3'),
    },
  });
  worker.unref();
  sqlite.pragma(`wal_autocheckpoint = ${SAFETY_NET_PAGES}`);
  let stopped = false;
  const fallBack = (why: string) => {
    if (stopped) return;
    stopped = true;
    log(`background checkpoints stopped (${why}); the till checkpoints as it writes again`);
    if (sqlite.open) sqlite.pragma('wal_autocheckpoint = 1000');
  };
  worker.on('message', (m) => log(`background checkpoint failed: ${m}`));
  // an error thrown in the worker arrives as whatever it threw, not always an Error
  worker.on('error', (e: unknown) => fallBack(String((e as Error | undefined)?.message ?? e)));
  worker.on('exit', (code) => fallBack(`exit ${code}`));
  return {
    stop: () => {
      if (stopped) return;
      stopped = true;
      worker.postMessage('stop');
      if (sqlite.open) sqlite.pragma('wal_autocheckpoint = 1000');
    },
  };
}
