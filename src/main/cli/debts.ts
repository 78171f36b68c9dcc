import { mkdirSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { EXPORT_FORMATS, type ExportFormat } from '../../shared/contract/customers';
import { type CurrencyCode, formatMoney } from '../../shared/money';
import { AGING_BUCKETS } from '../domains/debts/aging';
import { statementsPdf } from '../domains/debts/statement-pdf';
import { INSIGHT_REPORTS } from './insights';
import { fail, withShop } from './shop';

const ACTOR = { id: null, name: 'command line report' };
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** `counterline report aging [--as-of YYYY-MM-DD] [--by-invoice-date] [--json]`: amounts in minor units in JSON. */
export async function reportCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      'as-of': { type: 'string' },
      'by-invoice-date': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      'data-dir': { type: 'string' },
    },
  });
  if (positionals.length !== 1 || positionals[0] !== 'aging')
    return fail(
      'Usage: counterline report aging [--as-of YYYY-MM-DD] [--by-invoice-date] [--json] [--data-dir DIR]\n' +
        `       counterline report ${INSIGHT_REPORTS.join('|')} … (counterline help says which options each takes)`,
      2,
    );
  const asOf = values['as-of'];
  if (asOf !== undefined && !DATE.test(asOf)) return fail(`--as-of must be a date as YYYY-MM-DD, not ${asOf}`, 2);
  return withShop(values['data-dir'], async (app) => {
    const r = await app.services.debtReports.aging({ asOf, basis: values['by-invoice-date'] ? 'invoice' : 'due' });
    if (values.json) {
      const pick = (o: Record<(typeof AGING_BUCKETS)[number], number>) =>
        Object.fromEntries(AGING_BUCKETS.map((k) => [k, o[k]]));
      console.log(
        JSON.stringify({
          asOf: r.asOf,
          currency: r.currency,
          totals: { ...pick(r.totals), balance: r.totals.balance },
          customers: r.customers.map((c) => ({ id: c.id, name: c.name, balance: c.balance, ...pick(c) })),
        }),
      );
      return 0;
    }
    const money = (n: number) => formatMoney(n, r.currency as CurrencyCode, 'en', { code: false });
    const head = ['Customer', 'Balance', 'Current', '1-30', '31-60', '61-90', 'Over 90'];
    const line = (cells: string[]) =>
      cells.map((c, i) => (i === 0 ? c.slice(0, 28).padEnd(28) : c.padStart(13))).join(' ');
    console.log(`Aging as of ${r.asOf} (${r.currency}), ${r.customers.length} customers with a balance`);
    console.log(line(head));
    for (const c of r.customers)
      console.log(line([c.name, ...[c.balance, ...AGING_BUCKETS.map((k) => c[k])].map(money)]));
    console.log(line(['Total', ...[r.totals.balance, ...AGING_BUCKETS.map((k) => r.totals[k])].map(money)]));
    return 0;
  });
}

/** `counterline export debtors FILE [--format xlsx|csv|pdf]`: everyone with a balance, largest first. */
export async function exportDebtorsCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { format: { type: 'string' }, 'data-dir': { type: 'string' } },
  });
  const [what, file, ...extra] = positionals;
  if (what !== 'debtors' || !file || extra.length)
    return fail('Usage: counterline export debtors FILE [--format xlsx|csv|pdf] [--data-dir DIR]', 2);
  const ext = extname(file).slice(1).toLowerCase();
  const format = (values.format ?? (EXPORT_FORMATS.includes(ext as ExportFormat) ? ext : 'csv')) as ExportFormat;
  if (!EXPORT_FORMATS.includes(format))
    return fail(`--format must be one of ${EXPORT_FORMATS.join(', ')}, not ${values.format}`, 2);
  return withShop(values['data-dir'], async (app) => {
    const res = await app.services.debtReports.export(ACTOR, { what: 'debtors', format, basis: 'due' });
    writeFileSync(file, res.bytes);
    console.log(`Exported ${res.rows} debtors to ${file} (${format}).`);
    return 0;
  });
}

/**
 * `counterline statement CUSTOMER_ID --from DATE --to DATE --out FILE.pdf`, or for every debtor
 * `counterline statement --all --from DATE --to DATE --out DIR` (one PDF each; `--combined` for one file).
 */
export async function statementCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      from: { type: 'string' },
      to: { type: 'string' },
      out: { type: 'string' },
      all: { type: 'boolean', default: false },
      combined: { type: 'boolean', default: false },
      'data-dir': { type: 'string' },
    },
  });
  const { from, to, out } = values;
  const usage =
    'Usage: counterline statement CUSTOMER_ID --from YYYY-MM-DD --to YYYY-MM-DD --out FILE.pdf\n' +
    '       counterline statement --all --from YYYY-MM-DD --to YYYY-MM-DD --out DIR [--combined]';
  if (!from || !to || !out || (values.all ? positionals.length !== 0 : positionals.length !== 1)) return fail(usage, 2);
  for (const [name, v] of [
    ['--from', from],
    ['--to', to],
  ])
    if (!DATE.test(v as string)) return fail(`${name} must be a date as YYYY-MM-DD, not ${v}`, 2);
  return withShop(values['data-dir'], async (app) => {
    const reports = app.services.debtReports;
    if (!values.all) {
      const res = await reports.statementPdf(ACTOR, { customerId: positionals[0] as string, from, to });
      writeFileSync(out, res.bytes);
      console.log(`Statement ${from} to ${to} with ${res.rows} entries written to ${out}.`);
      return 0;
    }
    if (values.combined) {
      const res = await reports.statementsAll(ACTOR, { from, to });
      writeFileSync(out, res.bytes);
      console.log(`${res.rows} statements written to ${out}.`);
      return 0;
    }
    mkdirSync(out, { recursive: true });
    const ids = await reports.debtorsAt(to);
    const store = app.services.settings.store();
    for (const customerId of ids) {
      const st = reports.statement({ customerId, from, to });
      const name = (st.customer.code ?? st.customer.name).replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '');
      writeFileSync(
        join(out, `statement-${name}-${customerId.slice(-6)}.pdf`),
        await statementsPdf(store, [st], app.clock.now()),
      );
    }
    app.services.audit.record(ACTOR, {
      action: 'statement.batch',
      entity: 'report',
      note: `${ids.length} statements ${from} to ${to} written to ${out}`,
    });
    console.log(`${ids.length} statements written to ${out}.`);
    return 0;
  });
}
