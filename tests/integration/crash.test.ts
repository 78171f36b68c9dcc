import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/main/app';
import { ledgerMismatches } from '../helpers';

const TOTAL = 1000;
const KILLS = 4;
const CHILD = join(__dirname, 'crash', 'sell.ts');

/**
 * Runs the seller from sale `from`; resolves when it exits (by itself or by SIGKILL), collecting its ACK lines. With
 * `killAfterAcks`, it is killed as soon as that many more sales are acknowledged, i.e. somewhere inside the next one
 * (counted in sales, not milliseconds, so a fast machine cannot finish every sale before the kill comes).
 */
function runSeller(dir: string, from: number, acks: Map<number, string>, killAfterAcks: number | null) {
  return new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', CHILD, dir, String(from), String(TOTAL)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let buffer = '';
    let seen = 0;
    let killed = false;
    child.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        const m = /^ACK (\d+) (\S+)$/.exec(line);
        if (m) {
          acks.set(Number(m[1]), m[2] as string);
          seen++;
        }
      }
      if (!killed && killAfterAcks !== null && seen >= killAfterAcks) {
        killed = true;
        child.kill('SIGKILL');
      }
    });
    child.on('exit', (code, signal) => resolve({ code, signal }));
  });
}

describe('crash safety: a till killed mid-sale', () => {
  const dir = mkdtempSync(join(tmpdir(), 'counterline-crash-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps every acknowledged sale whole, no sale in part, the file intact and the ledgers balanced after SIGKILLs', async () => {
    const setup = createApp({ dataDir: dir, log: () => {} });
    setup.services.system.createDemoShop();
    setup.services.customers.create({ id: null, name: 'crash test' }, {
      type: 'individual',
      firstName: 'Crash',
      lastName: 'Test',
    } as never);
    setup.close();

    const acks = new Map<number, string>();
    let kills = 0;
    for (let round = 0; round < 30 && acks.size < TOTAL; round++) {
      const from = acks.size ? Math.max(...acks.keys()) + 1 : 0;
      // each kill somewhere in the sales still to do, leaving room for the kills after it
      const room = Math.floor((TOTAL - acks.size) / (KILLS - kills + 1));
      const killAfter = kills < KILLS ? 1 + Math.floor(Math.random() * room) : null;
      const { signal } = await runSeller(dir, from, acks, killAfter);
      if (signal === 'SIGKILL') kills++;
    }
    expect(kills).toBe(KILLS);
    expect(acks.size).toBe(TOTAL);

    const db = new Database(join(dir, 'counterline.db'), { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const ids = [...acks.values()];
      // every acknowledged sale exists whole: 3 lines, a payment, 3 stock moves, an invoice when on account, a receipt job
      const whole = db.prepare(
        `SELECT o.id, o.customer_id IS NOT NULL AS credit,
           (SELECT count(*) FROM sales_lines WHERE sales_order_id = o.id) AS lines,
           (SELECT count(*) FROM payments WHERE sales_order_id = o.id) AS payments,
           (SELECT count(*) FROM stock_moves WHERE sales_order_id = o.id) AS moves,
           (SELECT count(*) FROM account_entries WHERE sales_order_id = o.id) AS entries,
           (SELECT count(*) FROM print_jobs WHERE sales_order_id = o.id) AS jobs
         FROM sales_orders o WHERE o.id = ?`,
      );
      for (const id of ids) {
        const o = whole.get(id) as {
          credit: number;
          lines: number;
          payments: number;
          moves: number;
          entries: number;
          jobs: number;
        };
        expect(o, `acknowledged sale ${id}`).toBeDefined();
        expect([o.lines, o.payments, o.moves, o.entries, o.jobs]).toEqual([3, 1, 3, o.credit ? 1 : 0, 1]);
      }
      // a retry after a crash replayed the key instead of selling twice: exactly one order per key
      expect((db.prepare('SELECT count(*) AS n FROM sales_orders').get() as { n: number }).n).toBe(TOTAL);
      // no sale in part, and nothing pointing at a sale that is not there
      const orphans = db
        .prepare(
          `SELECT 'order without lines' AS what, id FROM sales_orders o WHERE NOT EXISTS (SELECT 1 FROM sales_lines WHERE sales_order_id = o.id)
           UNION ALL SELECT 'order without payment', id FROM sales_orders o WHERE NOT EXISTS (SELECT 1 FROM payments WHERE sales_order_id = o.id)
           UNION ALL SELECT 'line without order', id FROM sales_lines l WHERE NOT EXISTS (SELECT 1 FROM sales_orders WHERE id = l.sales_order_id)
           UNION ALL SELECT 'move without order', id FROM stock_moves m WHERE m.sales_order_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM sales_orders WHERE id = m.sales_order_id)
           UNION ALL SELECT 'entry without order', id FROM account_entries e WHERE e.sales_order_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM sales_orders WHERE id = e.sales_order_id)`,
        )
        .all();
      expect(orphans).toEqual([]);
      expect(ledgerMismatches(db)).toEqual({ stock: [], balances: [], points: [] });
      // the document counter never handed out a number twice or skipped past a committed sale
      const numbers = db.prepare('SELECT max(number) AS n FROM sales_orders').get() as { n: string };
      expect(numbers.n).toBe(`S-${String(TOTAL).padStart(6, '0')}`);
    } finally {
      db.close();
    }
  }, 180_000);
});
