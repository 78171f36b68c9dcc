import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import type { ImportPreview, ImportReport } from '../../src/shared/contract/customer-import';
import { DEMO, makeTestApp, signInAs, type TestApp, tableCount } from '../helpers';

const fixture = (name: string) => readFileSync(join(process.cwd(), 'tests', 'fixtures', 'customers', name));

/** A real xlsx whose zip directory claims each part unpacks to 1.5 GB: the shape of a zip bomb. */
function zipBomb(): Buffer {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['Name'], ['Ann']]), 'S');
  const bytes = Buffer.from(XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer);
  for (
    let at = bytes.indexOf(Buffer.from([0x50, 0x4b, 1, 2]));
    at >= 0;
    at = bytes.indexOf(Buffer.from([0x50, 0x4b, 1, 2]), at + 4)
  )
    bytes.writeUInt32LE(1_500_000_000, at + 24);
  return bytes;
}

describe('customer import procedures', () => {
  let app: TestApp;
  const ok = async <T>(name: string, input: unknown): Promise<T> => {
    const r = await app.call(name, input);
    if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
    return r.data as T;
  };
  const upload = (fileName: string, bytes: Buffer) =>
    ok<{ uploadId: string }>('customers.importUpload', { fileName, base64: bytes.toString('base64') }).then(
      (u) => u.uploadId,
    );
  const changes = () => ({
    customers: tableCount(app, 'customers'),
    audit: tableCount(app, 'audit_log'),
    accounts: tableCount(app, 'account_entries'),
  });

  beforeEach(async () => {
    app = makeTestApp();
    app.services.system.createDemoShop();
    await signInAs(app.call, DEMO.owner, DEMO.ownerPin);
  });
  afterEach(() => app.dispose());

  it('previews what it detected and lets the user override each choice', async () => {
    const xlsx = await upload('register-2019.xlsx', fixture('register-2019.xlsx'));
    const p = await ok<ImportPreview>('customers.importPreview', { uploadId: xlsx });
    expect(p).toMatchObject({ kind: 'spreadsheet', headerRow: 3, preset: 'generic', rows: 40, unmapped: [] });
    expect(p.sheets.length).toBeGreaterThan(0);
    expect(p.columns.map((c) => [c.header, c.field])).toEqual([
      ['Name', 'name'],
      ['Phone', 'phone'],
      ['E-mail', 'email'],
      ['Birthday', 'dateOfBirth'],
      ['Category', 'category'],
      ['Notes', 'notes'],
      ['Balance owed', 'balance'],
    ]);
    expect(p.columns[0]?.samples[0]).toBe('Joy Byaruhanga');
    const notesOff = await ok<ImportPreview>('customers.importPreview', {
      uploadId: xlsx,
      columns: [{ index: 5, field: null }],
    });
    expect(notesOff.unmapped).toEqual(['Notes']);
    const clash = await app.call('customers.importPreview', { uploadId: xlsx, columns: [{ index: 5, field: 'name' }] });
    expect(clash).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: expect.stringMatching(/same field/) },
    });

    const kasir = await upload('kasir-pelanggan.csv', fixture('kasir-pelanggan.csv'));
    const k = await ok<ImportPreview>('customers.importPreview', { uploadId: kasir, preset: 'kasir' });
    expect(k).toMatchObject({ kind: 'text', delimiter: ';', encoding: 'windows-1252', headerRow: 1, rows: 20 });
    const comma = await app.call('customers.importPreview', { uploadId: kasir, delimiter: ',' });
    expect(comma).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const pos = await upload('pos-export.csv', fixture('pos-export.csv'));
    const q = await ok<ImportPreview>('customers.importPreview', { uploadId: pos, headerRow: 1 });
    expect(q).toMatchObject({
      encoding: 'utf-8',
      delimiter: ',',
      unmapped: [],
    });
  });

  it('a dry run reports row errors and duplicates and saves nothing; the commit saves; the report exports', async () => {
    const id = await upload('register-2019.xlsx', fixture('register-2019.xlsx'));
    const before = changes();
    const dry = await ok<ImportReport>('customers.importDryRun', { uploadId: id });
    expect(dry).toMatchObject({ dryRun: true, rows: 40, created: 38, skipped: 1 });
    expect(dry.errors).toEqual([expect.objectContaining({ row: 14, field: 'name' })]);
    expect(dry.warnings).toEqual(expect.arrayContaining([expect.objectContaining({ row: 10, field: 'duplicate' })]));
    expect(changes()).toEqual(before);
    const report = await ok<{ fileName: string; base64: string }>('customers.importReportExport', { uploadId: id });
    const csv = Buffer.from(report.base64, 'base64').toString('utf8');
    expect(report.fileName).toBe('register-2019-import-report.csv');
    expect(csv).toMatch(/^\uFEFFRow,Kind,Field,Message\r\n/);
    expect(csv).toContain('14,error,name,Row 14 has no name.');

    const done = await ok<ImportReport>('customers.importCommit', { uploadId: id, onDuplicate: 'skip' });
    expect(done).toMatchObject({ dryRun: false, created: 38 });
    expect(tableCount(app, 'customers')).toBe(38);
    const again = await ok<ImportReport>('customers.importCommit', { uploadId: id, onDuplicate: 'update' });
    expect(again).toMatchObject({ created: 0, updated: 38 });
    expect(await ok('customers.importCancel', { uploadId: id })).toEqual({ cancelling: false });
  });

  it('offers a template the importer reads back with every column mapped', async () => {
    const t = await ok<{ fileName: string; base64: string }>('customers.importTemplate', null);
    expect(t.fileName).toBe('customers-template.csv');
    const bytes = Buffer.from(t.base64, 'base64');
    const filled = Buffer.concat([
      bytes,
      Buffer.from('Ann Apio,0772000111,ann@example.org,1990-02-03,VIP,Plot 4,Gulu,UG,A-1,,,,1500,20\r\n'),
    ]);
    const id = await upload('template.csv', filled);
    const p = await ok<ImportPreview>('customers.importPreview', { uploadId: id });
    expect(p.unmapped).toEqual([]);
    expect(p.columns.every((c) => c.field !== null)).toBe(true);
    expect(await ok<ImportReport>('customers.importCommit', { uploadId: id })).toMatchObject({
      created: 1,
      errors: [],
    });
  });

  it.each([
    ['not a spreadsheet', () => randomBytes(64 * 1024), /not a spreadsheet or CSV/],
    ['a zip bomb', zipBomb, /unpacks to far more data/],
    ['50 MB of junk', () => Buffer.alloc(50 * 1024 * 1024, 0x41), /50\.0 MB; Counterline imports files up to 20 MB/],
    ['an empty file', () => Buffer.alloc(0), /empty/],
  ])(
    'refuses %s clearly and changes nothing',
    async (_what, make, message) => {
      const before = changes();
      const bytes = make();
      const up = await app.call('customers.importUpload', { fileName: 'x.xlsx', base64: bytes.toString('base64') });
      const outcome = up.ok
        ? await app.call('customers.importCommit', { uploadId: (up.data as { uploadId: string }).uploadId })
        : up;
      expect(outcome).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION', message: expect.stringMatching(message) },
      });
      expect(changes()).toEqual(before);
    },
    120_000,
  );

  it('a header of a million columns is refused in words, within bounded memory, and nothing is written', async () => {
    const before = changes();
    const rss = process.memoryUsage().rss;
    const header = `Name,Phone,${Array.from({ length: 1_000_000 }, (_, i) => `c${i}`).join(',')}\nAnn,0772000001\n`;
    const up = await app.call('customers.importUpload', {
      fileName: 'wide.csv',
      base64: Buffer.from(header).toString('base64'),
    });
    const outcome = up.ok
      ? await app.call('customers.importCommit', { uploadId: (up.data as { uploadId: string }).uploadId })
      : up;
    expect(outcome).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: expect.stringMatching(/columns/) },
    });
    expect(changes()).toEqual(before);
    // the file is 8 MB; reading it must not cost more than a few hundred
    expect(process.memoryUsage().rss - rss).toBeLessThan(600 * 1024 * 1024);
  }, 120_000);

  it('reads a UTF-16 export, keeps formula-looking names as text, and headers named __proto__ pollute nothing', async () => {
    const csv =
      '__proto__,constructor,Name,Phone\r\nx,y,=HYPERLINK("http://evil.example"),0772000002\r\nx,y,Ñandú Ökzan,0772000003\r\n';
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csv, 'utf16le')]);
    const id = await upload('unicode.csv', utf16);
    const report = await ok<ImportReport>('customers.importCommit', { uploadId: id });
    expect(report).toMatchObject({ created: 2, errors: [] });
    const names = app.sqlite.prepare('SELECT display_name AS n FROM customers ORDER BY n').all();
    expect(names).toEqual([{ n: '=HYPERLINK("http://evil.example")' }, { n: 'Ñandú Ökzan' }]);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
    // the export of that name cannot run as a formula in a spreadsheet
    const file = await ok<{ base64: string }>('customers.export', { format: 'csv', scope: 'all' });
    expect(Buffer.from(file.base64, 'base64').toString('utf8')).toContain(`'=HYPERLINK`);
  });

  it('refuses a file read in the wrong encoding instead of importing garbled names', async () => {
    const before = changes();
    const id = await upload('kasir-pelanggan.csv', fixture('kasir-pelanggan.csv'));
    const r = await app.call('customers.importCommit', { uploadId: id, preset: 'kasir', encoding: 'utf-8' });
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: expect.stringMatching(/not UTF-8 text.*Windows-1252/) },
    });
    expect(changes()).toEqual(before);
  });

  it('refuses a file over the upload limit before reading it', async () => {
    const r = await app.call('customers.importUpload', { fileName: 'big.csv', base64: 'A'.repeat(70 * 1024 * 1024) });
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });
});
