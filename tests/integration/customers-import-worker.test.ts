import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventMap } from '../../src/shared/contract';
import { CustomerQuery } from '../../src/shared/contract/customers';
import { AppError } from '../../src/shared/errors';
import { makeTestApp, type TestApp, tableCount } from '../helpers';

const actor = { id: null, name: 'test import' };
const fixture = (name: string) =>
  new Uint8Array(readFileSync(join(process.cwd(), 'tests', 'fixtures', 'customers', name)));

/** A plain CSV of `n` distinct customers: quick to build, slow enough to import that we can act while it runs. */
function bigCsv(n: number): Uint8Array {
  let text = 'Name,Phone,Email\n';
  for (let i = 0; i < n; i++)
    text += `Person ${i} Tester,07${String(70_000_000 + i).padStart(8, '0')},p${i}@example.org\n`;
  return new TextEncoder().encode(text);
}

describe('customer import off the till thread', () => {
  let app: TestApp;
  let events: Array<EventMap['customers.importProgress']>;
  beforeEach(() => {
    app = makeTestApp();
    app.services.system.createDemoShop();
    events = [];
    app.events.subscribe((name, payload) => {
      if (name === 'customers.importProgress') events.push(payload as EventMap['customers.importProgress']);
    });
  });
  afterEach(() => app.dispose());

  it('commits on a worker thread and reports progress for the upload', async () => {
    const jobs = app.services.customerImports;
    jobs.inThreadBelowBytes = 0;
    const { uploadId } = jobs.upload('register-2019.xlsx', fixture('register-2019.xlsx'));
    const r = await jobs.run(actor, uploadId, { onDuplicate: 'skip' });
    expect(r).toMatchObject({ rows: 40, created: 38, skipped: 1 });
    expect(tableCount(app, 'customers')).toBe(38);
    expect(events.every((e) => e.importId === uploadId)).toBe(true);
    expect(events.map((e) => e.phase)).toEqual(expect.arrayContaining(['read', 'check', 'commit']));
    const last = events.at(-1);
    expect(last?.phase).toBe('commit');
    expect(last?.done).toBe(last?.total);
  }, 60_000);

  it('a cancelled commit saves nothing', async () => {
    const jobs = app.services.customerImports;
    const { uploadId } = jobs.upload('big.csv', bigCsv(20_000));
    const before = { customers: tableCount(app, 'customers'), audit: tableCount(app, 'audit_log') };
    const running = jobs.run(actor, uploadId, {});
    const failed = running.then(
      () => null,
      (e: unknown) => e,
    );
    while (!events.some((e) => e.phase === 'commit' && e.done > 0)) await new Promise((r) => setTimeout(r, 5));
    expect(jobs.cancel(uploadId)).toEqual({ cancelling: true });
    const error = await failed;
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).message).toMatch(/cancelled; nothing was saved/);
    expect({ customers: tableCount(app, 'customers'), audit: tableCount(app, 'audit_log') }).toEqual(before);
    expect(jobs.cancel(uploadId)).toEqual({ cancelling: false });
  }, 120_000);

  it('the till thread keeps answering customer searches while a large import runs', async () => {
    const jobs = app.services.customerImports;
    const n = Number(process.env.COUNTERLINE_IMPORT_LATENCY_ROWS ?? 20_000);
    const { uploadId } = jobs.upload('big.csv', bigCsv(n));
    let finished = false;
    const running = jobs.run(actor, uploadId, {}).finally(() => {
      finished = true;
    });
    const query = CustomerQuery.parse({ text: 'person 1', limit: 20 });
    const latencies: number[] = [];
    while (!finished) {
      const started = performance.now();
      app.services.customers.search(query);
      await new Promise((r) => setImmediate(r));
      latencies.push(performance.now() - started);
      await new Promise((r) => setTimeout(r, 2));
    }
    const r = await running;
    expect(r.created).toBe(n);
    latencies.sort((a, b) => a - b);
    const worst = latencies.at(-1) ?? 0;
    const p95 = latencies[Math.floor(latencies.length * 0.95)] ?? 0;
    console.log(
      `search during a ${n}-row import: ${latencies.length} searches, p95 ${p95.toFixed(1)} ms, worst ${worst.toFixed(1)} ms`,
    );
    expect(latencies.length).toBeGreaterThan(20);
    // the import ran for seconds; a blocked thread would show one search waiting for all of it
    expect(worst).toBeLessThan(1000);
  }, 600_000);
});
