import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../src/main/app';
import { testClock } from '../../src/shared/clock';
import { DEMO, signInAs } from '../helpers';

const dirs: string[] = [];
const apps: App[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'counterline-data-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const a of apps.splice(0)) a.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const shop = (dir = tempDir()) => {
  const app = createApp({ dataDir: dir, clock: testClock(Date.UTC(2026, 11, 6, 6)), log: () => {} });
  apps.push(app);
  app.services.system.createDemoShop({ life: true });
  return app;
};
type File = { fileName: string; base64: string; rows: number };

/** A regular with sales, refunds, an account and points: the person whose data is asked for. */
function regular(app: App): { id: string; name: string } {
  return app.sqlite
    .prepare(
      `SELECT c.id, c.display_name AS name FROM customers c
       WHERE EXISTS (SELECT 1 FROM refunds r WHERE r.customer_id = c.id)
         AND EXISTS (SELECT 1 FROM account_entries e WHERE e.customer_id = c.id)
         AND EXISTS (SELECT 1 FROM points_entries p WHERE p.customer_id = c.id)
       ORDER BY c.id LIMIT 1`,
    )
    .get() as { id: string; name: string };
}
const count = (app: App, sql: string, id: string) => (app.sqlite.prepare(sql).get(id) as { n: number }).n;

describe('a customer’s own data, for their right of access', () => {
  it('is every row that names them, with their sales’ lines and payments, as JSON and a PDF they can read; audited', async () => {
    const app = shop();
    const who = regular(app);
    const call = (name: string, input: unknown = null, clientKey = 'test-client') =>
      app.router.call(name, input, { clientKey });
    await signInAs(call, DEMO.owner, DEMO.ownerPin);
    const res = await call('customers.exportData', { id: who.id });
    if (!res.ok) throw new Error(res.error.message);
    const { json, pdf } = res.data as { json: File; pdf: File };
    const data = JSON.parse(Buffer.from(json.base64, 'base64').toString('utf8')) as {
      customer: { id: string; display_name: string };
      records: Record<string, Array<{ id: string }>>;
      audit: unknown[];
    };
    expect(data.customer).toMatchObject({ id: who.id, display_name: who.name });
    expect(data.records.sales_orders).toHaveLength(
      count(app, 'SELECT count(*) AS n FROM sales_orders WHERE customer_id = ?', who.id),
    );
    expect(data.records.refunds).toHaveLength(
      count(app, 'SELECT count(*) AS n FROM refunds WHERE customer_id = ?', who.id),
    );
    expect(data.records.account_entries).toHaveLength(
      count(app, 'SELECT count(*) AS n FROM account_entries WHERE customer_id = ?', who.id),
    );
    expect(data.records.points_entries).toHaveLength(
      count(app, 'SELECT count(*) AS n FROM points_entries WHERE customer_id = ?', who.id),
    );
    expect(data.records.sales_lines?.length).toBe(
      count(
        app,
        'SELECT count(*) AS n FROM sales_lines l JOIN sales_orders o ON o.id = l.sales_order_id WHERE o.customer_id = ?',
        who.id,
      ),
    );
    expect(data.records.payments?.length).toBeGreaterThan(0);
    // nobody else's rows
    const others = app.sqlite.prepare('SELECT id FROM sales_orders WHERE customer_id != ? LIMIT 50').all(who.id) as {
      id: string;
    }[];
    const theirs = new Set(data.records.sales_orders?.map((o) => o.id));
    for (const o of others) expect(theirs.has(o.id)).toBe(false);

    const dir = tempDir();
    writeFileSync(join(dir, pdf.fileName), Buffer.from(pdf.base64, 'base64'));
    const text = execFileSync('pdftotext', ['-layout', join(dir, pdf.fileName), '-'], { encoding: 'utf8' });
    expect(text).toContain('YOUR DATA');
    expect(text).toContain(who.name);
    expect(text).toContain(`Purchases (${data.records.sales_orders?.length})`);
    expect(text).toContain(`Loyalty points (${data.records.points_entries?.length})`);

    const audited = app.sqlite
      .prepare("SELECT actor_name AS who FROM audit_log WHERE action = 'customer.dataExport' AND entity_id = ?")
      .all(who.id);
    expect(audited).toEqual([{ who: DEMO.owner }]);
  });

  it('opening their full record is audited as who saw whom, apart from the record’s own history', async () => {
    const app = shop();
    const who = regular(app);
    const call = (name: string, input: unknown = null, clientKey = 'test-client') =>
      app.router.call(name, input, { clientKey });
    await signInAs(call, DEMO.cashier, DEMO.cashierPin);
    expect((await call('customers.get', { id: who.id })).ok).toBe(true);
    expect((await call('customers.get', { id: who.id, view: true })).ok).toBe(true);
    const views = app.sqlite
      .prepare("SELECT actor_name AS who, entity FROM audit_log WHERE action = 'customer.view' AND entity_id = ?")
      .all(who.id);
    expect(views).toEqual([{ who: DEMO.cashier, entity: 'privacy' }]);
    const history = await call('customers.history', { id: who.id });
    if (!history.ok) throw new Error(history.error.message);
    expect((history.data as { rows: Array<{ action: string }> }).rows.map((r) => r.action)).not.toContain(
      'customer.view',
    );
  });

  it('is refused to a cashier and for an unknown customer, and then nothing is audited', async () => {
    const app = shop();
    const who = regular(app);
    const call = (name: string, input: unknown = null, clientKey = 'test-client') =>
      app.router.call(name, input, { clientKey });
    await signInAs(call, DEMO.cashier, DEMO.cashierPin);
    const denied = await call('customers.exportData', { id: who.id });
    expect(denied).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await signInAs(call, DEMO.owner, DEMO.ownerPin);
    const unknown = await call('customers.exportData', { id: '01900000-0000-7000-8000-000000000000' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(
      app.sqlite.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'customer.dataExport'").get(),
    ).toEqual({
      n: 0,
    });
  });

  it('counterline export customer ID --out DIR writes both files and says so', { timeout: 120_000 }, () => {
    const dir = tempDir();
    const app = shop(dir);
    const who = regular(app);
    app.close();
    apps.splice(apps.indexOf(app), 1);
    const out = join(dir, 'their-data');
    const r = spawnSync(
      process.execPath,
      ['bin/counterline.mjs', 'export', 'customer', who.id, '--out', out, '--json', '--data-dir', dir],
      { encoding: 'utf8' },
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const printed = JSON.parse(r.stdout) as { files: string[]; records: number };
    expect(readdirSync(out).sort()).toEqual(printed.files.map((f) => f.slice(out.length + 1)).sort());
    expect(printed.files.some((f) => f.endsWith('.pdf'))).toBe(true);
    const json = printed.files.find((f) => f.endsWith('.json')) as string;
    expect(JSON.parse(readFileSync(json, 'utf8')).customer.id).toBe(who.id);
  });
});
