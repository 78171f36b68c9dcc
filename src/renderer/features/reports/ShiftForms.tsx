import { type FormEvent, useState } from 'react';
import type { Shift, ShiftReport, ShiftRow } from '../../../shared/contract/shifts';
import { type CurrencyCode, parseMoney } from '../../../shared/money';
import { useT } from '../../i18n';
import { ApiError, api } from '../../lib/api';
import { useShell } from '../../lib/session';
import { TableHead } from '../../ui/DataTable';
import { FormActions } from '../../ui/DialogParts';
import { AmountField, TextField } from '../../ui/fields';
import { ApproverFields, useApproval } from '../staff/ApproverFields';
import { CashCountFields, type CountState, countInput } from './CashCountFields';

/** The shift panel's forms (pay-in/out, close) and the manager's list of recent shifts. */

export function MoveForm({
  kind,
  currency,
  locale,
  onDone,
  onCancel,
}: {
  kind: 'pay_in' | 'pay_out';
  currency: CurrencyCode;
  locale: string;
  onDone: (amount: number) => void;
  onCancel: () => void;
}) {
  const t = useT();
  const { onError } = useShell();
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [needsApproval, setNeedsApproval] = useState(false);
  const approval = useApproval(needsApproval);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      const value = parseMoney(amount, currency, locale);
      await api.shifts.move({
        kind,
        amount: value,
        reason,
        ...(needsApproval && approval.staffId ? { approval: { staffId: approval.staffId, pin: approval.pin } } : {}),
      });
      onDone(value);
    } catch (err) {
      // refused for want of a manager's approval: ask for one (the roster of who may give it is read now)
      if (err instanceof ApiError && err.code === 'FORBIDDEN' && !needsApproval) setNeedsApproval(true);
      onError(err);
    }
  };
  return (
    <form className="shift-form" onSubmit={submit} onKeyDown={(e) => e.key === 'Escape' && onCancel()}>
      <h3>{t(kind === 'pay_in' ? 'shift.payIn' : 'shift.payOut')}</h3>
      <AmountField
        id="move-amount"
        label={t('shift.move.amount')}
        value={amount}
        onChange={setAmount}
        autoFocus
        required
      />
      <TextField
        id="move-reason"
        label={t('shift.move.reason')}
        value={reason}
        onChange={setReason}
        placeholder={t('shift.move.reasonHint')}
        required
        minLength={2}
      />
      {needsApproval && (
        <fieldset className="approval">
          <legend>{t('shift.approval')}</legend>
          <ApproverFields
            idPrefix="move"
            labels={[t('shift.approval.who'), t('shift.approval.pin')]}
            approval={approval}
          />
        </fieldset>
      )}
      <FormActions submit={t('shift.move.submit')} cancel={t('common.cancel')} onCancel={onCancel} />
    </form>
  );
}

export function CloseForm({
  count,
  setCount,
  currency,
  locale,
  onCancel,
  onClosed,
}: {
  count: CountState;
  setCount: (s: CountState) => void;
  currency: CurrencyCode;
  locale: string;
  onCancel: () => void;
  onClosed: (s: Shift & { report: ShiftReport }) => void;
}) {
  const t = useT();
  const { onError } = useShell();
  const [note, setNote] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      const closed = await api.shifts.close({
        counted: countInput(count, currency, locale),
        ...(note.trim() ? { note } : {}),
      });
      onClosed(closed as Shift & { report: ShiftReport });
    } catch (err) {
      onError(err);
    }
  };
  return (
    <form className="shift-form" onSubmit={submit} onKeyDown={(e) => e.key === 'Escape' && onCancel()}>
      <h3>{t('shift.close.title')}</h3>
      <CashCountFields label={t('shift.report.countedCash')} state={count} onChange={setCount} />
      <TextField id="close-note" label={t('shift.close.note')} value={note} onChange={setNote} />
      <FormActions submit={t('shift.close.submit')} cancel={t('common.cancel')} onCancel={onCancel} />
    </form>
  );
}

export function ShiftHistory({
  rows,
  money,
  time,
  onView,
  onReview,
}: {
  rows: ShiftRow[];
  money: (n: number) => string;
  time: (ms: number) => string;
  onView: (id: string) => void;
  onReview: (id: string) => void;
}) {
  const t = useT();
  return (
    <div className="table-wrap">
      <h2 className="debt-h2">{t('shift.history')}</h2>
      <table className="table" aria-label={t('shift.history')}>
        <TableHead
          cells={[
            t('shift.col.number'),
            t('shift.col.opened'),
            t('shift.col.by'),
            t('shift.col.status'),
            t('shift.col.expected'),
            t('shift.col.counted'),
            t('shift.col.difference'),
            t('shift.col.review'),
          ]}
          num={[4, 5, 6]}
        />
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <td>{r.number}</td>
              <td>{time(r.openedAt)}</td>
              <td>{r.openedBy}</td>
              <td>{t(r.status === 'open' ? 'shift.status.open' : 'shift.status.closed')}</td>
              <td className="num">{r.expectedCash === null ? '' : money(r.expectedCash)}</td>
              <td className="num">{r.countedCash === null ? '' : money(r.countedCash)}</td>
              <td className={(r.difference ?? 0) < 0 ? 'num neg' : 'num'}>
                {r.difference === null ? '' : money(r.difference)}
              </td>
              <td className="nowrap">
                {r.status === 'closed' && (
                  <>
                    <button type="button" className="btn btn-sm" onClick={() => onView(r.id)}>
                      {t('shift.view')}
                    </button>{' '}
                    {r.reviewedAt ? (
                      <span className="muted">{t('shift.reviewed')}</span>
                    ) : (
                      <button type="button" className="btn btn-sm" onClick={() => onReview(r.id)}>
                        {t('shift.review')}
                      </button>
                    )}
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
