import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { ShiftReport } from '../../shared/contract/shifts';
import { AppError } from '../../shared/errors';
import { type CurrencyCode, fromDecimalString, MoneyParseError } from '../../shared/money';
import type { App } from '../app';
import { layout, plainText } from '../devices/printers/document';
import { storeHeader } from '../devices/printers/snapshots';
import type { SalesActor } from '../domains/sales/service';
import { shiftReportBlocks } from '../domains/shifts/print';
import { fail, withShop } from './shop';

export const SHIFT_HELP = `  shift open --float AMOUNT --staff NAME --pin PIN [--data-dir DIR]
  shift close --counted AMOUNT --staff NAME --pin PIN [--note TEXT] [--data-dir DIR]
        Open or close this till's shift (amounts as the shop writes them, e.g. 50000 or 12.50).
  shift x|z [SHIFT_ID] [--json] [--pdf FILE] [--print] [--data-dir DIR]
        The open shift's X report, or a closed shift's Z report (the latest when no id is given); --json in minor
        units; --pdf saves it, --print queues it for the receipt printer.
  shift list [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--json] [--data-dir DIR]
  report shift SHIFT_ID --json [--data-dir DIR]
        A shift's Z report figures (the same JSON as shift z SHIFT_ID --json).
  report takings --from YYYY-MM-DD --to YYYY-MM-DD [--by day|payment] [--till TILL] [--staff NAME] [--json] [--data-dir DIR]
        Money taken each shop day by payment method (refunds and debt payments apart), or the totals by method;
        --till and --staff (a name or an id) narrow it to what was done on one till or by one member of staff.`;

const REPORT_ACTOR: SalesActor = { id: null, name: 'command line report', role: 'owner' };

/** `counterline shift open|close|x|z|list …`. */
export async function shiftCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      float: { type: 'string' },
      counted: { type: 'string' },
      staff: { type: 'string' },
      pin: { type: 'string' },
      note: { type: 'string' },
      json: { type: 'boolean', default: false },
      pdf: { type: 'string' },
      print: { type: 'boolean', default: false },
      from: { type: 'string' },
      to: { type: 'string' },
      'data-dir': { type: 'string' },
    },
  });
  const [verb, id] = positionals;
  if (!verb || !['open', 'close', 'x', 'z', 'list'].includes(verb)) return fail(`Usage:\n${SHIFT_HELP}`, 2);
  if ((verb === 'open' || verb === 'close') && (!values.staff || !values.pin))
    return fail(`shift ${verb} needs --staff NAME and --pin PIN (who counts the drawer)`, 2);
  if (verb === 'open' && !values.float) return fail('shift open needs --float AMOUNT (0 for an empty drawer)', 2);
  if (verb === 'close' && !values.counted)
    return fail('shift close needs --counted AMOUNT (the cash in the drawer)', 2);
  return withShop(values['data-dir'], async (app) => {
    const currency = app.services.settings.store().currency as CurrencyCode;
    const amount = (text: string) => fromDecimalString(text, currency);
    try {
      if (verb === 'open' || verb === 'close') {
        const actor = signIn(app, values.staff as string, values.pin as string);
        const shift =
          verb === 'open'
            ? app.services.shifts.open(actor, { float: { amount: amount(values.float as string) } })
            : app.services.shifts.close(actor, {
                counted: { amount: amount(values.counted as string) },
                note: values.note,
              });
        if (values.json) console.log(JSON.stringify(shift));
        else if (verb === 'open') console.log(`Shift ${shift.number} open on ${shift.tillName} (${shift.id})`);
        else console.log(reportText(app, shift.report as ShiftReport));
        return 0;
      }
      if (verb === 'list') {
        const rows = app.services.shifts.list({ from: values.from, to: values.to, limit: 500 });
        if (values.json) console.log(JSON.stringify({ currency, shifts: rows }));
        else
          for (const r of rows)
            console.log(
              `${r.number}  ${r.status.padEnd(6)}  ${new Date(r.openedAt).toISOString().slice(0, 16)}  ${r.openedBy}  ${r.difference ?? ''}  ${r.id}`,
            );
        return 0;
      }
      const shiftId =
        id ??
        (verb === 'z' ? app.services.shifts.list({ limit: 50 }).find((r) => r.status === 'closed')?.id : undefined);
      if (verb === 'z' && !shiftId) return fail('No shift has been closed on this shop yet.');
      return await printReport(app, shiftId, values);
    } catch (e) {
      if (e instanceof MoneyParseError) return fail(`${e.message}: give the amount as the shop writes it`, 2);
      throw e;
    }
  });
}

/** `counterline report shift ID --json`. */
export async function reportShiftCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { json: { type: 'boolean', default: false }, 'data-dir': { type: 'string' } },
  });
  if (positionals.length !== 2) return fail('Usage: counterline report shift SHIFT_ID --json [--data-dir DIR]', 2);
  return withShop(values['data-dir'], (app) => printReport(app, positionals[1], { json: values.json }));
}

async function printReport(
  app: App,
  id: string | undefined,
  opts: { json?: boolean; pdf?: string | undefined; print?: boolean },
): Promise<number> {
  const report = app.services.shifts.reportOf(REPORT_ACTOR, id);
  if (opts.pdf) {
    const f = await app.services.shifts.pdf(REPORT_ACTOR, id);
    writeFileSync(opts.pdf, f.bytes);
  }
  if (opts.print) app.services.shifts.print(REPORT_ACTOR, id);
  if (opts.json) console.log(JSON.stringify(report));
  else console.log(reportText(app, report));
  if (opts.pdf) console.error(`Saved ${opts.pdf}`);
  return 0;
}

function reportText(app: App, report: ShiftReport): string {
  return plainText(layout(shiftReportBlocks({ store: storeHeader(app.services.settings.store()), report }), 48), 48)
    .split('\n')
    .filter((l) => !l.startsWith('['))
    .join('\n');
}

function signIn(app: App, name: string, pin: string): SalesActor {
  const member = app.services.staff.roster().find((s) => s.name.toLowerCase() === name.toLowerCase());
  if (!member) throw new AppError('NOT_FOUND', `No staff member is called ${name}.`);
  const who = app.services.staff.verifyApprover(member.id, pin);
  return { id: who.id, name: who.name, role: who.role };
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** `counterline report takings --from D --to D [--by day|payment] [--json]`: money in minor units. */
export async function reportTakingsCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args: args.slice(1),
    options: {
      from: { type: 'string' },
      to: { type: 'string' },
      by: { type: 'string', default: 'day' },
      till: { type: 'string' },
      staff: { type: 'string' },
      json: { type: 'boolean', default: false },
      'data-dir': { type: 'string' },
    },
  });
  const { from, to, by } = values;
  if (!from || !to || !DATE.test(from) || !DATE.test(to) || (by !== 'day' && by !== 'payment'))
    return fail(
      'Usage: counterline report takings --from YYYY-MM-DD --to YYYY-MM-DD [--by day|payment] [--till TILL] [--staff NAME] [--json]',
      2,
    );
  return withShop(values['data-dir'], async (app) => {
    const filters = app.services.reports.filters();
    const pick = (what: 'till' | 'staff', list: Array<{ id: string; name: string }>, v?: string) => {
      if (v === undefined) return undefined;
      const hit = list.find((x) => x.id === v || x.name.toLowerCase() === v.trim().toLowerCase());
      if (!hit) throw new AppError('NOT_FOUND', `No ${what === 'till' ? 'till' : 'staff member'} is called ${v}.`);
      return hit.id;
    };
    const tillId = pick('till', filters.tills, values.till);
    const staffId = pick('staff', filters.staff, values.staff);
    const r = app.services.reports.takings({ from, to, tillId, staffId });
    if (values.json) {
      console.log(
        JSON.stringify(
          by === 'day' ? r : { from: r.from, to: r.to, currency: r.currency, methods: r.methods, totals: r.totals },
        ),
      );
      return 0;
    }
    const cols = ['Day', 'Sales', ...r.methods, 'Refunds', 'Debt', 'Taken'];
    const line = (cells: Array<string | number>) =>
      cells.map((c, i) => (i === 0 ? String(c).padEnd(10) : String(c).padStart(13))).join(' ');
    const sum = (l: Array<{ amount: number }>) => l.reduce((a, x) => a + x.amount, 0);
    const amountOf = (l: Array<{ method: string; amount: number }>, m: string) =>
      l.find((x) => x.method === m)?.amount ?? 0;
    console.log(`Takings ${r.from} to ${r.to} (${r.currency}, minor units)`);
    console.log(line(cols));
    const rows = by === 'day' ? r.days : [];
    for (const d of rows)
      console.log(
        line([d.day, d.orders, ...r.methods.map((m) => amountOf(d.sales, m)), -sum(d.refunds), sum(d.debt), d.taken]),
      );
    const tt = r.totals;
    console.log(
      line([
        'Total',
        tt.orders,
        ...r.methods.map((m) => amountOf(tt.sales, m)),
        -sum(tt.refunds),
        sum(tt.debt),
        tt.taken,
      ]),
    );
    return 0;
  });
}
