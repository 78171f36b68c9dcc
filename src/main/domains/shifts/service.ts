import type {
  CashCount,
  CashMovement,
  CashMovementInput,
  CloseShiftInput,
  Count,
  OpenShiftInput,
  Shift,
  ShiftReport,
  ShiftRow,
} from '../../../shared/contract/shifts';
import { countTotal } from '../../../shared/denominations';
import { AppError } from '../../../shared/errors';
import { type CurrencyCode, formatMoney } from '../../../shared/money';
import { can } from '../../../shared/permissions';
import { stmt } from '../../db/statements';
import { storeHeader } from '../../devices/printers/snapshots';
import type { PrintQueue } from '../../devices/queue';
import type { AuditService } from '../audit/service';
import { dayEnd, dayStart } from '../debts/dates';
import type { Deps } from '../deps';
import { queuePrintJob } from '../devices/print-jobs';
import { nextDocumentNumber } from '../documents';
import type { SalesActor } from '../sales/service';
import type { SettingsService } from '../settings/service';
import type { StaffService } from '../staff/service';
import { shiftFigures } from './figures';
import { shiftReportPdf } from './print';
import type { ShiftSettingsService } from './settings';

interface ShiftDbRow {
  id: string;
  number: string;
  tillId: string;
  tillName: string;
  status: 'open' | 'closed';
  currency: string;
  openedBy: string;
  openedByName: string;
  openedAt: number;
  openingFloat: number;
  floatCounts: string | null;
  blind: number;
  closedBy: string | null;
  closedByName: string | null;
  closedAt: number | null;
  countedCash: number | null;
  counts: string | null;
  expectedCash: number | null;
  difference: number | null;
  closeNote: string | null;
  report: string | null;
  reviewedAt: number | null;
  reviewedByName: string | null;
  reviewNote: string | null;
}

const SHIFT_SQL = `SELECT s.id, s.number, s.till_id AS tillId, t.name AS tillName, s.status, s.currency,
  s.opened_by AS openedBy, o.name AS openedByName, s.opened_at AS openedAt, s.opening_float AS openingFloat,
  s.float_counts AS floatCounts, s.blind, s.closed_by AS closedBy, c.name AS closedByName, s.closed_at AS closedAt,
  s.counted_cash AS countedCash, s.counts, s.expected_cash AS expectedCash, s.difference, s.close_note AS closeNote,
  s.report, s.reviewed_at AS reviewedAt, r.name AS reviewedByName, s.review_note AS reviewNote
  FROM shifts s JOIN tills t ON t.id = s.till_id JOIN staff o ON o.id = s.opened_by
  LEFT JOIN staff c ON c.id = s.closed_by LEFT JOIN staff r ON r.id = s.reviewed_by`;

const MOVE_WORDS = { pay_in: 'pay-in', pay_out: 'pay-out', no_sale: 'no sale' } as const;

/**
 * The cash drawer's shifts on this till: open with a float, cash in and out, close by counting, the X and Z reports.
 * A shift's sales, refunds and debt payments are read from the ledgers by till and time (figures.ts); the Z report
 * is written into the shift when it closes and never read again from the ledgers.
 */
export class ShiftService {
  constructor(
    private deps: Deps,
    private audit: AuditService,
    private store: SettingsService,
    readonly settings: ShiftSettingsService,
    private staff: StaffService,
    private queue: PrintQueue,
  ) {}

  /** The open shift on a till (this one by default), or null: what the open-shift guard asks on every cash sale. */
  openShiftId(tillId = this.deps.tillId()): string | null {
    const row = stmt(this.deps.sqlite, "SELECT id FROM shifts WHERE till_id = ? AND status = 'open'").get(tillId) as
      | { id: string }
      | undefined;
    return row?.id ?? null;
  }

  current(actor: SalesActor): Shift | null {
    const id = this.openShiftId();
    return id ? this.view(this.row(id), actor) : null;
  }

  get(id: string, actor: SalesActor): Shift {
    return this.view(this.row(id), actor);
  }

  open(actor: SalesActor, input: OpenShiftInput): Shift {
    const staffId = signedIn(actor);
    const currency = this.currency();
    const float = this.counted(input.float, currency);
    const id = this.deps.sqlite.transaction(() => {
      const already = this.openShiftId();
      if (already)
        throw new AppError(
          'CONFLICT',
          `Shift ${this.row(already).number} is still open on this till. Close it first.`,
          {
            shiftId: already,
          },
        );
      const tillId = this.deps.tillId();
      // windows never overlap: a shift opened in the same millisecond another closed starts just after it
      const last = stmt(this.deps.sqlite, 'SELECT max(closed_at) AS t FROM shifts WHERE till_id = ?').get(tillId) as {
        t: number | null;
      };
      const now = Math.max(this.deps.clock.now(), (last.t ?? -1) + 1);
      const id = this.deps.newId();
      const number = nextDocumentNumber(this.deps, 'shift');
      const blind = this.settings.get().blindClose;
      stmt(
        this.deps.sqlite,
        `INSERT INTO shifts (id, number, till_id, status, currency, opened_by, opened_at, opening_float, float_counts,
           blind, created_at) VALUES (?, ?, ?, 'open', ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        id,
        number,
        tillId,
        currency,
        staffId,
        now,
        float.amount,
        float.counts ? JSON.stringify(float.counts) : null,
        blind ? 1 : 0,
        now,
      );
      this.audit.record(actor, {
        action: 'shift.open',
        entity: 'shift',
        entityId: id,
        after: { number, float: float.amount, blind },
        note: input.note ?? null,
      });
      return id;
    })();
    return this.get(id, actor);
  }

  move(actor: SalesActor, input: CashMovementInput): CashMovement {
    const staffId = signedIn(actor);
    const currency = this.currency();
    const money = this.money(currency);
    const result = this.deps.sqlite.transaction(() => {
      const shift = this.row(this.requireOpen());
      const limit = this.settings.movementLimit(currency);
      let approver: { id: string; name: string } | null = null;
      if (input.amount > limit && !(actor.role && can(actor.role, 'shifts.review'))) {
        const what = `a ${MOVE_WORDS[input.kind]} over ${money(limit)}`;
        if (!input.approval)
          throw new AppError('FORBIDDEN', `A manager's PIN is needed: ${what}.`, {
            approvalsNeeded: [{ kind: 'cashMovement', lineNo: null, message: `${what}.` }],
          });
        const a = this.staff.verifyApprover(input.approval.staffId, input.approval.pin);
        if (!can(a.role, 'shifts.review'))
          throw new AppError('FORBIDDEN', `${a.name} (${a.role}) cannot approve ${what}.`);
        approver = a;
      }
      if (input.kind === 'pay_out') {
        const inDrawer = this.figures(shift, this.deps.clock.now()).cash.expected;
        if (input.amount > inDrawer)
          throw new AppError(
            'VALIDATION',
            `The drawer should hold only ${money(inDrawer)}: a pay-out of ${money(input.amount)} is more than that.`,
            { expected: inDrawer },
          );
      }
      return this.writeMovement(actor, staffId, shift, input.kind, input.amount, input.reason, approver);
    })();
    this.queue.wake();
    return result;
  }

  noSale(actor: SalesActor, input: { reason?: string | undefined }): CashMovement {
    const staffId = signedIn(actor);
    const result = this.deps.sqlite.transaction(() => {
      const shift = this.row(this.requireOpen());
      return this.writeMovement(actor, staffId, shift, 'no_sale', 0, input.reason ?? null, null);
    })();
    this.queue.wake();
    return result;
  }

  close(actor: SalesActor, input: CloseShiftInput): Shift {
    const staffId = signedIn(actor);
    const currency = this.currency();
    const money = this.money(currency);
    const counted = this.counted(input.counted, currency);
    const id = this.deps.sqlite.transaction(() => {
      const shift = this.row(this.requireOpen());
      const at = Math.max(this.deps.clock.now(), shift.openedAt);
      const report = this.report(shift, at, 'Z', actor.name);
      const difference = counted.amount - report.cash.expected;
      const threshold = this.settings.noteThreshold(currency);
      const note = input.note?.trim() || null;
      if (Math.abs(difference) > threshold && !note)
        throw new AppError(
          'VALIDATION',
          `The drawer is ${money(Math.abs(difference))} ${difference > 0 ? 'over' : 'short'}. Write a note saying why (a difference over ${money(threshold)} needs one).`,
          { difference, expected: report.cash.expected, threshold },
        );
      const z: ShiftReport = { ...report, cash: { ...report.cash, counted: counted.amount, difference } };
      stmt(
        this.deps.sqlite,
        `UPDATE shifts SET status = 'closed', closed_by = ?, closed_at = ?, counted_cash = ?, counts = ?,
           expected_cash = ?, difference = ?, close_note = ?, report = ? WHERE id = ?`,
      ).run(
        staffId,
        at,
        counted.amount,
        counted.counts ? JSON.stringify(counted.counts) : null,
        report.cash.expected,
        difference,
        note,
        JSON.stringify(z),
        shift.id,
      );
      this.audit.record(actor, {
        action: 'shift.close',
        entity: 'shift',
        entityId: shift.id,
        after: { number: shift.number, expected: report.cash.expected, counted: counted.amount, difference },
        note,
      });
      return shift.id;
    })();
    return this.get(id, actor);
  }

  /** The open shift's X report (live), or a closed shift's Z report as it was stored at close. */
  reportOf(actor: SalesActor, id?: string): ShiftReport {
    const shift = this.row(id ?? this.requireOpen());
    if (shift.status === 'closed') return JSON.parse(shift.report as string) as ShiftReport;
    const x = this.report(shift, this.deps.clock.now(), 'X', null);
    if (shift.blind && !(actor.role && can(actor.role, 'shifts.review')))
      return { ...x, cash: { ...x.cash, expected: 0, counted: null, difference: null } };
    return x;
  }

  list(q: { from?: string | undefined; to?: string | undefined; limit: number }): ShiftRow[] {
    const tz = this.store.store().timeZone;
    const from = q.from ? dayStart(q.from, tz) : 0;
    const to = q.to ? dayEnd(q.to, tz) - 1 : Number.MAX_SAFE_INTEGER;
    const rows = stmt(
      this.deps.sqlite,
      `${SHIFT_SQL} WHERE s.opened_at BETWEEN ? AND ? ORDER BY s.opened_at DESC LIMIT ?`,
    ).all(from, to, q.limit) as ShiftDbRow[];
    return rows.map((r) => ({
      id: r.id,
      number: r.number,
      tillName: r.tillName,
      status: r.status,
      openedAt: r.openedAt,
      openedBy: r.openedByName,
      closedAt: r.closedAt,
      closedBy: r.closedByName,
      expectedCash: r.expectedCash,
      countedCash: r.countedCash,
      difference: r.difference,
      reviewedAt: r.reviewedAt,
    }));
  }

  review(actor: SalesActor, input: { id: string; note?: string | undefined }): Shift {
    const staffId = signedIn(actor);
    this.deps.sqlite.transaction(() => {
      const shift = this.row(input.id);
      if (shift.status !== 'closed')
        throw new AppError('CONFLICT', `Shift ${shift.number} is still open: it can be reviewed once it is closed.`);
      if (shift.reviewedAt !== null)
        throw new AppError('CONFLICT', `Shift ${shift.number} was already reviewed by ${shift.reviewedByName}.`);
      stmt(this.deps.sqlite, 'UPDATE shifts SET reviewed_by = ?, reviewed_at = ?, review_note = ? WHERE id = ?').run(
        staffId,
        this.deps.clock.now(),
        input.note ?? null,
        shift.id,
      );
      this.audit.record(actor, {
        action: 'shift.review',
        entity: 'shift',
        entityId: shift.id,
        note: `${shift.number}${input.note ? `: ${input.note}` : ''}`,
      });
    })();
    return this.get(input.id, actor);
  }

  /** The X (open shift) or Z (closed) report on the receipt printer, queued like any receipt. */
  print(actor: SalesActor, id?: string): { printJobId: string } {
    const report = this.reportOf(actor, id);
    const now = this.deps.clock.now();
    const jobId = this.deps.newId();
    this.deps.sqlite.transaction(() => {
      queuePrintJob(this.deps, {
        id: jobId,
        template: 'shift-report',
        data: { store: storeHeader(this.store.store()), report },
        at: now,
        tillId: this.deps.tillId(),
      });
      this.audit.record(actor, {
        action: 'shift.print',
        entity: 'shift',
        entityId: report.shiftId,
        note: `${report.kind} report of ${report.number} sent to the receipt printer`,
      });
    })();
    this.queue.wake();
    return { printJobId: jobId };
  }

  async pdf(
    actor: SalesActor,
    id?: string,
  ): Promise<{ fileName: string; mimeType: string; bytes: Buffer; rows: number }> {
    const report = this.reportOf(actor, id);
    const bytes = await shiftReportPdf({ store: storeHeader(this.store.store()), report });
    this.audit.record(actor, {
      action: 'shift.pdf',
      entity: 'shift',
      entityId: report.shiftId,
      note: `${report.kind} report of ${report.number} saved as PDF`,
    });
    return { fileName: `${report.kind}-report-${report.number}.pdf`, mimeType: 'application/pdf', bytes, rows: 1 };
  }

  private writeMovement(
    actor: SalesActor,
    staffId: string,
    shift: ShiftDbRow,
    kind: CashMovement['kind'],
    amount: number,
    reason: string | null,
    approver: { id: string; name: string } | null,
  ): CashMovement {
    const id = this.deps.newId();
    const now = this.deps.clock.now();
    const tillId = this.deps.tillId();
    stmt(
      this.deps.sqlite,
      `INSERT INTO cash_movements (id, shift_id, kind, amount, reason, staff_id, approved_by, at, till_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(id, shift.id, kind, amount, reason, staffId, approver?.id ?? null, now, tillId);
    const money = this.money(shift.currency as CurrencyCode);
    this.audit.record(actor, {
      action: kind === 'pay_in' ? 'shift.payIn' : kind === 'pay_out' ? 'shift.payOut' : 'shift.noSale',
      entity: 'shift',
      entityId: shift.id,
      after: { number: shift.number, kind, amount, reason },
      note: `${shift.number}: ${MOVE_WORDS[kind]}${amount ? ` ${money(amount)}` : ''}${reason ? ` (${reason})` : ''}${approver ? `, approved by ${approver.name}` : ''}`,
    });
    const jobId = this.deps.newId();
    const slip = {
      store: storeHeader(this.store.store()),
      kind,
      currency: shift.currency,
      amount,
      reason,
      staffName: actor.name,
      approvedByName: approver?.name ?? null,
      shiftNumber: shift.number,
      at: now,
    };
    queuePrintJob(this.deps, { id: jobId, template: 'cash-slip', data: slip, at: now, tillId });
    return {
      id,
      shiftId: shift.id,
      kind,
      amount,
      reason,
      staffName: actor.name,
      approvedByName: approver?.name ?? null,
      at: now,
      printJobId: jobId,
    };
  }

  private report(shift: ShiftDbRow, at: number, kind: 'X' | 'Z', closedBy: string | null): ShiftReport {
    return {
      kind,
      number: shift.number,
      tillName: shift.tillName,
      currency: shift.currency,
      openedAt: shift.openedAt,
      openedBy: shift.openedByName,
      at,
      closedBy,
      ...this.figures(shift, at),
    };
  }

  private figures(shift: ShiftDbRow, to: number) {
    return shiftFigures(this.deps.sqlite, {
      shiftId: shift.id,
      tillId: shift.tillId,
      from: shift.openedAt,
      to,
      openingFloat: shift.openingFloat,
    });
  }

  private view(r: ShiftDbRow, actor: SalesActor): Shift {
    const movements = stmt(
      this.deps.sqlite,
      `SELECT m.id, m.shift_id AS shiftId, m.kind, m.amount, m.reason, s.name AS staffName, a.name AS approvedByName, m.at
       FROM cash_movements m JOIN staff s ON s.id = m.staff_id LEFT JOIN staff a ON a.id = m.approved_by
       WHERE m.shift_id = ? ORDER BY m.at, m.id`,
    ).all(r.id) as CashMovement[];
    const report = this.reportOf(actor, r.id);
    const hidden = r.status === 'open' && !!r.blind && !(actor.role && can(actor.role, 'shifts.review'));
    return {
      id: r.id,
      number: r.number,
      tillId: r.tillId,
      tillName: r.tillName,
      status: r.status,
      currency: r.currency,
      openedAt: r.openedAt,
      openedBy: r.openedByName,
      openingFloat: r.openingFloat,
      floatCounts: r.floatCounts ? (JSON.parse(r.floatCounts) as Count[]) : null,
      blind: !!r.blind,
      closedAt: r.closedAt,
      closedBy: r.closedByName,
      countedCash: r.countedCash,
      counts: r.counts ? (JSON.parse(r.counts) as Count[]) : null,
      expectedCash: r.status === 'closed' ? r.expectedCash : hidden ? null : report.cash.expected,
      difference: r.difference,
      closeNote: r.closeNote,
      reviewedAt: r.reviewedAt,
      reviewedBy: r.reviewedByName,
      reviewNote: r.reviewNote,
      movements,
      report,
    };
  }

  private row(id: string): ShiftDbRow {
    const r = stmt(this.deps.sqlite, `${SHIFT_SQL} WHERE s.id = ?`).get(id) as ShiftDbRow | undefined;
    if (!r) throw new AppError('NOT_FOUND', 'That shift was not found.', { id });
    return r;
  }

  private requireOpen(): string {
    const id = this.openShiftId();
    if (!id) throw new AppError('CONFLICT', 'No shift is open on this till. Open one with its float first.');
    return id;
  }

  private currency(): CurrencyCode {
    return this.store.store().currency as CurrencyCode;
  }

  private money(currency: CurrencyCode) {
    const locale = this.store.store().locale;
    return (n: number) => formatMoney(n, currency, locale);
  }

  private counted(c: CashCount, currency: CurrencyCode): { amount: number; counts: Count[] | null } {
    if (!c.counts) return { amount: c.amount ?? 0, counts: null };
    try {
      return { amount: countTotal(currency, c.counts), counts: c.counts.filter((x) => x.qty > 0) };
    } catch (e) {
      throw new AppError('VALIDATION', `${(e as Error).message}: count the drawer in its own notes and coins.`);
    }
  }
}

function signedIn(actor: SalesActor): string {
  if (!actor.id) throw new AppError('UNAUTHENTICATED', 'Please sign in first.');
  return actor.id;
}
