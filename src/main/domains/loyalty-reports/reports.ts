import type { LoyaltyProgram } from '../../../shared/contract/loyalty';
import type {
  CustomerLoyalty,
  PointsHistoryRow,
  PointsReport,
  PointsReportQuery,
  PointsReportRow,
} from '../../../shared/contract/loyalty-reports';
import { AppError } from '../../../shared/errors';
import { stmt } from '../../db/statements';
import type { Actor, AuditService } from '../audit/service';
import type { Deps } from '../deps';
import { balanceBeforeCursor, withRunningBalance } from '../ledgers/history';
import { daysInMonth, monthsBefore, startOfLocalDay } from '../loyalty/dates';
import { lotsOf } from '../loyalty/entries';
import { nextExpiry } from '../loyalty/expiry';
import { rollingSpend, tierFor } from '../loyalty/tiers';
import type { SettingsService } from '../settings/service';
import { pointsReportFile } from './points-export';

/** Every time-zone offset in use is a whole number of quarter hours, so quarter-hour sums regroup into local days. */
const QUARTER_HOUR = 900_000;
const MAX_PERIODS = 1_000;

type Movement = Omit<PointsReportRow, 'period' | 'outstanding' | 'liability'>;
const NONE: Movement = { issued: 0, redeemed: 0, expired: 0, clawedBack: 0, adjusted: 0 };

/** Where a ledger entry's points go in the report. Outstanding moves by issued − redeemed − expired − clawedBack + adjusted. */
export function addToMovement(m: Movement, kind: string, points: number): void {
  if (kind === 'earn' || kind === 'birthday' || kind === 'opening') m.issued += points;
  else if (kind === 'redeem') m.redeemed -= points;
  else if (kind === 'expire') m.expired -= points;
  else if (kind === 'clawback') m.clawedBack -= points;
  else m.adjusted += points; // adjust, merge
}

/** Local periods [start, end) from the first day to the last, by day or by month. */
export function periodsOf(
  q: PointsReportQuery,
  timeZone: string,
): Array<{ label: string; start: number; end: number }> {
  const [fy, fm, fd] = q.from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = q.to.split('-').map(Number) as [number, number, number];
  const out: Array<{ label: string; start: number; end: number }> = [];
  if (q.period === 'month') {
    for (let k = fy * 12 + fm - 1; k <= ty * 12 + tm - 1; k++) {
      const y = Math.floor(k / 12);
      const m = (k % 12) + 1;
      out.push({
        label: `${y}-${String(m).padStart(2, '0')}`,
        start: startOfLocalDay(y, m, 1, timeZone),
        end: startOfLocalDay(y, m + 1, 1, timeZone),
      });
      if (out.length > MAX_PERIODS) break;
    }
  } else {
    let { y, m, d } = { y: fy, m: fm, d: fd };
    while (y * 10_000 + m * 100 + d <= ty * 10_000 + tm * 100 + td && out.length <= MAX_PERIODS) {
      const label = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
      const start = startOfLocalDay(y, m, d, timeZone);
      d++;
      if (d > daysInMonth(y, m)) {
        d = 1;
        m++;
        if (m > 12) {
          m = 1;
          y++;
        }
      }
      out.push({ label, start, end: startOfLocalDay(y, m, d, timeZone) });
    }
  }
  if (out.length > MAX_PERIODS)
    throw new AppError('VALIDATION', `That is more than ${MAX_PERIODS} periods; choose fewer days or report by month.`);
  return out;
}

/** The points report and the customer page's Loyalty section: reads of the points ledger, never writes. */
export class LoyaltyReports {
  constructor(
    private deps: Deps,
    private audit: AuditService,
    private settings: SettingsService,
    private program: () => LoyaltyProgram,
  ) {}

  /** The report as xlsx, csv or pdf; exports are audited. */
  async exportPoints(actor: Actor, q: PointsReportQuery, format: 'xlsx' | 'csv' | 'pdf') {
    const report = this.points(q);
    const file = await pointsReportFile(report, q, format, this.settings.store().locale);
    this.audit.record(actor, {
      action: 'loyalty.exportPoints',
      entity: 'report',
      entityId: null,
      note: `loyalty points ${q.from} to ${q.to} by ${q.period} as ${format.toUpperCase()} (${file.fileName})`,
    });
    return { fileName: file.fileName, mimeType: file.mimeType, base64: file.bytes.toString('base64') };
  }

  points(q: PointsReportQuery): PointsReport {
    const { timeZone, currency } = this.settings.store();
    const pointValue = this.program().redeem.pointValue;
    const periods = periodsOf(q, timeZone);
    const first = periods[0]?.start ?? 0;
    const last = periods.at(-1)?.end ?? 0;
    const opening = (
      stmt(this.deps.sqlite, 'SELECT coalesce(sum(points), 0) AS p FROM points_entries WHERE at < ?').get(first) as {
        p: number;
      }
    ).p;
    // one pass over the ledger, summed by quarter hour in SQL, then regrouped into local periods here
    const sums = stmt(
      this.deps.sqlite,
      `SELECT at / ${QUARTER_HOUR} AS q, kind, sum(points) AS p FROM points_entries WHERE at >= ? AND at < ?
       GROUP BY q, kind ORDER BY q`,
    ).all(first, last) as Array<{ q: number; kind: string; p: number }>;
    const moves = periods.map(() => ({ ...NONE }));
    let i = 0;
    for (const s of sums) {
      const at = s.q * QUARTER_HOUR;
      while (i < periods.length - 1 && at >= (periods[i] as { end: number }).end) i++;
      addToMovement(moves[i] as Movement, s.kind, s.p);
    }
    let outstanding = opening;
    const rows = periods.map((p, k) => {
      const m = moves[k] as Movement;
      outstanding += m.issued - m.redeemed - m.expired - m.clawedBack + m.adjusted;
      return { period: p.label, ...m, outstanding, liability: outstanding * pointValue };
    });
    const totals = rows.reduce(
      (t, r) => {
        for (const key of Object.keys(NONE) as Array<keyof Movement>) t[key] += r[key];
        return t;
      },
      { ...NONE },
    );
    return {
      currency,
      pointValue,
      openingOutstanding: opening,
      rows,
      totals: { ...totals, outstanding, liability: outstanding * pointValue },
    };
  }

  customer(customerId: string, cursor: string | undefined, limit: number): CustomerLoyalty {
    const c = stmt(
      this.deps.sqlite,
      'SELECT points_balance AS balance, loyalty_tier AS tier FROM customers WHERE id = ?',
    ).get(customerId) as { balance: number; tier: string | null } | undefined;
    if (!c) throw new AppError('NOT_FOUND', 'That customer was not found. Search for them again.', { customerId });
    const program = this.program();
    const { timeZone, currency } = this.settings.store();
    const now = this.deps.clock.now();
    const spend = rollingSpend(this.deps, customerId, monthsBefore(now, program.tierWindowMonths, timeZone));
    const current = tierFor(spend, program.tiers);
    const next = program.tiers
      .filter((t) => t.thresholdSpend > spend)
      .sort((a, b) => a.thresholdSpend - b.thresholdSpend)[0];

    // keyset on (at, id), newest first; the balance after an entry = all points up to and including it
    const [cAt, cId] = cursor ? decodeCursor(cursor) : [Number.MAX_SAFE_INTEGER, '\uffff'];
    const rows = stmt(
      this.deps.sqlite,
      `SELECT e.id, e.at, e.kind, e.points, e.sales_order_id AS salesOrderId, o.number AS saleNumber,
         e.refund_id AS refundId, r.number AS refundNumber, e.reason, e.expires_at AS expiresAt, s.name AS staffName
       FROM points_entries e
       LEFT JOIN sales_orders o ON o.id = e.sales_order_id
       LEFT JOIN refunds r ON r.id = e.refund_id
       LEFT JOIN staff s ON s.id = e.staff_id
       WHERE e.customer_id = ? AND (e.at < ? OR (e.at = ? AND e.id < ?))
       ORDER BY e.at DESC, e.id DESC LIMIT ?`,
    ).all(customerId, cAt, cAt, cId, limit + 1) as Array<Omit<PointsHistoryRow, 'balance'>>;
    const more = rows.length > limit;
    const page = rows.slice(0, limit);
    const ledger = { table: 'points_entries', column: 'points' } as const;
    const start = balanceBeforeCursor(this.deps.sqlite, ledger, customerId, c.balance, cursor ? [cAt, cId] : null);
    const withBalance = withRunningBalance(
      page,
      start,
      (r) => r.points,
      (r, balance) => ({ ...r, balance }),
    );
    const lastRow = page.at(-1);
    return {
      enabled: program.enabled,
      currency,
      balance: c.balance,
      balanceValue: Math.max(0, c.balance) * program.redeem.pointValue,
      tier: {
        current: current ? { id: current.id, name: current.name } : null,
        spend,
        windowMonths: program.tierWindowMonths,
        next: next ? { name: next.name, threshold: next.thresholdSpend, remaining: next.thresholdSpend - spend } : null,
      },
      nextExpiry: program.expiry.kind === 'none' ? null : nextExpiry(lotsOf(this.deps, customerId).lots, now),
      rows: withBalance,
      nextCursor: more && lastRow ? `${lastRow.at}:${lastRow.id}` : null,
    };
  }
}

function decodeCursor(cursor: string): [number, string] {
  const at = Number(cursor.slice(0, cursor.indexOf(':')));
  const id = cursor.slice(cursor.indexOf(':') + 1);
  if (!Number.isSafeInteger(at) || !id) throw new AppError('VALIDATION', 'That page of points history is not valid.');
  return [at, id];
}
