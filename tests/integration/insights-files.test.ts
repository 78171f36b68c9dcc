import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import type { CustomerHint, CustomerList, Dashboard } from '../../src/shared/contract/insights-files';
import { DEMO, makeTestApp, signInAs } from '../helpers';
import { type InsightsShop, insightsShop, kampala } from './insights-fixture';

const P = 4_500; // a piece of flour, UGX
type File = { fileName: string; mimeType: string; base64: string; rows: number };

describe('insights files, lists, bulk tags and the till hint (issue 15, Where it shows)', () => {
  let s: InsightsShop;
  let amina: string;
  let brian: string;
  let cissy: string;
  beforeEach(async () => {
    s = await insightsShop();
    amina = await s.customer('Amina');
    brian = await s.customer('Brian');
    cissy = await s.customer('Cissy');
    // Amina buys often and recently, Brian bought a lot long ago, Cissy once
    for (const d of ['2026-01-05', '2026-02-05', '2026-03-05', '2026-04-02', '2026-05-01'])
      await s.sale(amina, 2, kampala(d));
    for (const d of ['2025-08-01', '2025-09-01', '2025-10-01']) await s.sale(brian, 10, kampala(d));
    await s.sale(cissy, 1, kampala('2026-04-20'));
    await s.sale(null, 7, kampala('2026-04-21'));
    // a demo shop and nine sales through the real services: slow on a busy machine
  }, 30_000);
  afterEach(() => s.app.dispose());

  const file = async (input: unknown) => {
    const f = await s.ok<File>('insights.export', input);
    return { ...f, bytes: Buffer.from(f.base64, 'base64') };
  };
  const pdfText = (f: { bytes: Buffer; fileName: string }) => {
    const path = join(s.app.dir, f.fileName);
    writeFileSync(path, f.bytes);
    return execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
  };

  it('exports top customers with their figures in xlsx, csv and pdf (the pdf with its chart), each export audited', async () => {
    const query = { asOf: '2026-05-01', days: 365 };
    const x = await file({ report: 'topCustomers', query, format: 'xlsx' });
    expect(x.fileName).toBe('top-customers-2026-05-01.xlsx');
    const sheet = XLSX.read(x.bytes).Sheets[XLSX.read(x.bytes).SheetNames[0] as string] as XLSX.WorkSheet;
    expect(XLSX.utils.sheet_to_json(sheet, { header: 1 })).toEqual([
      ['#', 'Customer', 'Sales', 'Spend (UGX)'],
      ['1', 'Brian Shopper', '3', 30 * P],
      ['2', 'Amina Shopper', '5', 10 * P],
      ['3', 'Cissy Shopper', '1', P],
    ]);
    const c = await file({ report: 'topCustomers', query, format: 'csv' });
    expect(c.bytes.subarray(3).toString('utf8').trim().split('\r\n')).toEqual([
      '#,Customer,Sales,Spend (UGX)',
      '1,Brian Shopper,3,135000',
      '2,Amina Shopper,5,45000',
      '3,Cissy Shopper,1,4500',
    ]);
    const text = pdfText(await file({ report: 'topCustomers', query, format: 'pdf' }));
    expect(text).toContain('Top customers, 365 days to 2026-05-01');
    expect(text).toMatch(/1\s+Brian Shopper\s+3\s+135000/);
    // the chart's axis labels are text in the PDF: the spend axis in shillings, grouped by the shop's locale
    expect(text).toMatch(/\b1[0-4]0,000\b/);
    const audit = s.app.sqlite
      .prepare("SELECT action, note FROM audit_log WHERE action = 'insights.topCustomers.export' ORDER BY at")
      .all() as Array<{ note: string }>;
    expect(audit.map((a) => a.note)).toEqual([
      'exported 3 rows as XLSX (top-customers-2026-05-01.xlsx)',
      'exported 3 rows as CSV (top-customers-2026-05-01.csv)',
      'exported 3 rows as PDF (top-customers-2026-05-01.pdf)',
    ]);
  });

  it('exports new vs returning, customer sales (with its totals row), inactive and RFM reports', async () => {
    const nvr = await file({
      report: 'newVsReturning',
      query: { from: '2026-01-01', to: '2026-05-31', by: 'month' },
      format: 'csv',
    });
    const lines = nvr.bytes.subarray(3).toString('utf8').trim().split('\r\n');
    expect(lines[0]).toBe('Period,New sales,New (UGX),Returning sales,Returning (UGX),Loyalty %');
    // Amina's first sale was in January; Cissy's first in April; Brian's were in 2025
    expect(lines).toContain('2026-01,1,9000,0,0,0.0');
    expect(lines).toContain('2026-04,1,4500,1,9000,66.7');
    const pdf = pdfText(
      await file({ report: 'newVsReturning', query: { from: '2026-01-01', to: '2026-05-31' }, format: 'pdf' }),
    );
    expect(pdf).toContain('New vs returning customers by month, 2026-01-01 to 2026-05-31');
    expect(pdf).toMatch(/Returning/);

    const cs = await file({ report: 'customerSales', query: { from: '2026-01-01', to: '2026-05-31' }, format: 'xlsx' });
    const book = XLSX.read(cs.bytes);
    const rows = XLSX.utils.sheet_to_json(book.Sheets[book.SheetNames[0] as string] as XLSX.WorkSheet, {
      header: 1,
    }) as unknown[][];
    expect(rows.at(-1)?.slice(0, 5)).toEqual(['Total', '6', 11 * P, 0, 11 * P]);
    expect(rows.map((r) => r[0])).toEqual(['Customer', 'Amina Shopper', 'Cissy Shopper', 'Total']);

    const inactive = pdfText(
      await file({
        report: 'inactiveCustomers',
        query: { asOf: '2026-05-01', lookbackDays: 365, quietDays: 60 },
        format: 'pdf',
      }),
    );
    expect(inactive).toMatch(/Brian Shopper\s+135000\s+2025-10-01\s+212/);

    const rfm = await file({ report: 'rfm', query: { asOf: '2026-05-01' }, format: 'csv' });
    const rfmLines = rfm.bytes.subarray(3).toString('utf8').trim().split('\r\n');
    expect(rfmLines[0]).toBe('Customer,Segment,Days since,Sales,Spend (UGX),R,F,M');
    expect(rfmLines).toHaveLength(4);
    const rfmPdf = pdfText(await file({ report: 'rfm', query: { asOf: '2026-05-01' }, format: 'pdf' }));
    expect(rfmPdf).toContain('Champions');

    // cohorts: Amina first bought in January and again in each month after; Cissy first in April
    const coh = await file({ report: 'cohorts', query: { from: '2026-01', to: '2026-05' }, format: 'csv' });
    const cohLines = coh.bytes.subarray(3).toString('utf8').trim().split('\r\n');
    expect(cohLines[0]).toBe('First month,Customers,+0 %,+1 %,+2 %,+3 %,+4 %');
    expect(cohLines[1]).toBe('2026-01,1,100.0,100.0,100.0,100.0,100.0');
    expect(cohLines[4]).toBe('2026-04,1,100.0,0.0,,,');
    const cohPdf = pdfText(await file({ report: 'cohorts', query: { from: '2026-01', to: '2026-05' }, format: 'pdf' }));
    expect(cohPdf).toContain('Cohort retention, 2026-01 to 2026-05');
    // the heat map's labels are text in the PDF
    expect(cohPdf).toMatch(/2026-01 \(1\)/);
  });

  it('draws a customer list from a segment or a report, above an amount, and exports it', async () => {
    const rfm = await s.ok<{ customers: Array<{ id: string; segment: string }> }>('insights.rfm', {
      asOf: '2026-05-01',
    });
    const brianSegment = rfm.customers.find((c) => c.id === brian)?.segment as string;
    const list = await s.ok<CustomerList>('insights.customerList', {
      source: { report: 'rfm', query: { asOf: '2026-05-01' }, segment: brianSegment },
    });
    expect(list.customers.map((c) => c.id)).toEqual([brian]);
    expect(list.customers[0]).toMatchObject({ name: 'Brian Shopper', spend: 30 * P, lastPurchaseAt: '2025-10-01' });

    const top = await s.ok<CustomerList>('insights.customerList', {
      source: { report: 'topCustomers', query: { asOf: '2026-05-01', days: 365 } },
      spentMoreThan: 10 * P - 1,
    });
    expect(top.customers.map((c) => c.id)).toEqual([brian, amina]);
    const exactly = await s.ok<CustomerList>('insights.customerList', {
      source: { report: 'topCustomers', query: { asOf: '2026-05-01', days: 365 } },
      spentMoreThan: 10 * P,
    });
    expect(exactly.customers.map((c) => c.id)).toEqual([brian]);

    const csv = await file({
      report: 'customerList',
      list: { source: { report: 'topCustomers', query: { asOf: '2026-05-01', days: 365 } }, spentMoreThan: 10 * P - 1 },
      format: 'csv',
    });
    expect(csv.bytes.subarray(3).toString('utf8').trim().split('\r\n')).toEqual([
      'Customer,Phone,Spend (UGX),Last purchase,Tags',
      'Brian Shopper,,135000,,',
      'Amina Shopper,,45000,,',
    ]);
    const pdf = pdfText(
      await file({
        report: 'customerList',
        list: { source: { report: 'topCustomers', query: { asOf: '2026-05-01', days: 365 } } },
        format: 'pdf',
      }),
    );
    expect(pdf).toMatch(/Cissy Shopper\s+4500/);
  });

  it('tags a list in bulk in one transaction, audited per customer, found again by the tag (what offers are eligible by)', async () => {
    const r = await s.ok<{ tagged: number; alreadyTagged: number }>('customers.tagMany', {
      ids: [amina, brian],
      tag: 'winback',
    });
    expect(r).toEqual({ tagged: 2, alreadyTagged: 0 });
    const again = await s.ok<{ tagged: number; alreadyTagged: number }>('customers.tagMany', {
      ids: [amina, brian, cissy],
      tag: 'WINBACK',
    });
    expect(again).toEqual({ tagged: 1, alreadyTagged: 2 });
    const tagged = await s.ok<{ rows: Array<{ id: string }> }>('customers.search', { tag: 'winback' });
    expect(tagged.rows.map((x) => x.id).sort()).toEqual([amina, brian, cissy].sort());
    const audits = s.app.sqlite
      .prepare("SELECT entity_id AS id FROM audit_log WHERE note LIKE 'tag \"%' ORDER BY at")
      .all() as Array<{ id: string }>;
    expect(audits.map((a) => a.id).sort()).toEqual([amina, brian, cissy].sort());

    // a merged customer in the list refuses the whole change: nobody is tagged
    await s.merge(amina, cissy);
    const err = await s.fails('customers.tagMany', { ids: [brian, cissy], tag: 'vip' });
    expect(err.code).toBe('CONFLICT');
    const vip = await s.ok<{ rows: unknown[] }>('customers.search', { tag: 'vip' });
    expect(vip.rows).toEqual([]);

    // a cashier may tag (customers.edit); the list itself is for reports.view
    await signInAs(s.app.call, DEMO.cashier, DEMO.cashierPin);
    const res = await s.app.call('insights.customerList', { source: { report: 'topCustomers', query: {} } });
    expect(res.ok ? null : res.error.code).toBe('FORBIDDEN');
  });

  it('gives the dashboard its headline figures and the till its hint about a customer', async () => {
    s.app.clock.set(kampala('2026-05-10'));
    const d = await s.ok<Dashboard>('insights.dashboard', {});
    expect(d.asOf).toBe('2026-05-10');
    // 90 days from 2026-02-10: Amina (3 sales) and Cissy; the walk-in is left out
    expect(d.buyers90).toBe(2);
    expect(d.netSpend90).toBe(7 * P);
    expect(d.newOrders90).toBe(1);
    expect(d.returningOrders90).toBe(3);
    expect(d.months).toHaveLength(12);
    expect(d.months[0]?.period).toBe('2025-06');
    expect(d.segments.reduce((a, x) => a + x.customers, 0)).toBe(3);

    await s.sale(amina, 2, kampala('2026-05-10'));
    await signInAs(s.app.call, DEMO.cashier, DEMO.cashierPin);
    const hint = await s.ok<CustomerHint>('insights.customerHint', { customerId: amina });
    expect(hint.segment).not.toBeNull();
    expect(hint.status).toBe('ok');
    expect(hint.usualItems).toEqual([expect.objectContaining({ name: expect.any(String), times: 6 })]);
    const none = await s.ok<CustomerHint>('insights.customerHint', { customerId: brian });
    expect(none.status).toBe('at_risk');
  });
});

describe('the till hint on the demo shop with its sales', () => {
  it('adds at most 5 ms to attaching a customer once the day’s RFM cut points are known', async () => {
    const app = makeTestApp();
    try {
      app.services.system.createDemoShop({ life: true });
      const ids = (
        app.sqlite
          .prepare(
            "SELECT customer_id AS id FROM sales_orders WHERE customer_id IS NOT NULL AND status = 'completed' GROUP BY customer_id ORDER BY count(*) DESC LIMIT 40",
          )
          .all() as Array<{ id: string }>
      ).map((r) => r.id);
      expect(ids.length).toBe(40);
      app.services.insightsFiles.customerHint(ids[0] as string); // the day's cut points and the shop's gaps, once
      const times: number[] = [];
      for (const id of ids) {
        const t0 = performance.now();
        const h = app.services.insightsFiles.customerHint(id);
        times.push(performance.now() - t0);
        expect(h.segment).not.toBeNull();
      }
      times.sort((a, b) => a - b);
      expect(times[Math.floor(times.length / 2)]).toBeLessThan(5);
    } finally {
      app.dispose();
    }
  });
});
