import { copyFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../src/main/config';
import { startCheckpointer } from '../../src/main/db/checkpointer';
import { makeTestApp, type TestApp } from '../helpers';

/** What a copy of the database file alone (no WAL beside it) holds: only pages a checkpoint has copied there. */
function rowsInFileAlone(app: TestApp): number {
  const copy = join(app.dir, 'file-alone.db');
  copyFileSync(join(app.dir, DATABASE_FILE), copy);
  const db = new Database(copy, { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM scratch').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

/** A fresh app whose database file holds everything so far (schema and a scratch table): the WAL starts empty. */
function freshApp(): TestApp {
  const app = makeTestApp();
  app.sqlite.exec('CREATE TABLE scratch (x TEXT)');
  app.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  return app;
}

function addRows(app: TestApp, n: number) {
  const insert = app.sqlite.prepare('INSERT INTO scratch (x) VALUES (?)');
  for (let i = 0; i < n; i++) insert.run(`row ${i}`);
}

const waitFor = async (ok: () => boolean, ms: number) => {
  const until = Date.now() + ms;
  while (!ok() && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
  return ok();
};

describe('WAL checkpoints on a thread of their own', () => {
  let app: TestApp;
  afterEach(() => app.dispose());

  it('copies committed pages into the database file while the till only appends to the WAL', async () => {
    app = freshApp();
    app.startCheckpoints();
    // the till's own connection no longer checkpoints at 1,000 pages
    expect(app.sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(16_000);
    const before = rowsInFileAlone(app);
    addRows(app, 50);
    expect(await waitFor(() => rowsInFileAlone(app) === before + 50, 5_000)).toBe(true);
  });

  it('without it, the same rows stay in the WAL until the till checkpoints itself', async () => {
    app = freshApp();
    app.sqlite.pragma('wal_autocheckpoint = 16000');
    const before = rowsInFileAlone(app);
    addRows(app, 50);
    await new Promise((r) => setTimeout(r, 600));
    expect(rowsInFileAlone(app)).toBe(before);
  });

  it('gives the till its own checkpoints back when stopped', () => {
    app = makeTestApp();
    const checkpoints = startCheckpointer(app.sqlite);
    expect(app.sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(16_000);
    checkpoints.stop();
    expect(app.sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
  });

  it('says once, with the reason, when the thread cannot work, and gives the till its own checkpoints back', async () => {
    app = freshApp();
    renameSync(join(app.dir, DATABASE_FILE), join(app.dir, 'moved-away.db')); // the thread opens by path
    const logs: string[] = [];
    startCheckpointer(app.sqlite, (m) => logs.push(m));
    expect(await waitFor(() => logs.length > 0, 5_000)).toBe(true);
    await new Promise((r) => setTimeout(r, 200));
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatch(/^background checkpoints stopped \((?!undefined).+\)/);
    expect(app.sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
  });

  it('does nothing for an in-memory database', () => {
    app = makeTestApp();
    const memory = new Database(':memory:');
    startCheckpointer(memory).stop();
    expect(memory.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    memory.close();
  });
});
