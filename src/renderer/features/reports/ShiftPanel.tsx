import { type FormEvent, useCallback, useEffect, useState } from 'react';
import type { Shift, ShiftReport, ShiftRow } from '../../../shared/contract/shifts';
import type { StaffRow } from '../../../shared/contract/system';
import { type CurrencyCode, formatMoney, parseMoney } from '../../../shared/money';
import { useT } from '../../i18n';
import { ApiError, api } from '../../lib/api';
import { downloadBase64 } from '../../lib/download';
import { useShell } from '../../lib/session';
import { AmountField, PinField, TextField } from '../../ui/fields';
import { useToast } from '../../ui/toast';
import { CashCountFields, type CountState, countInput, emptyCount } from './CashCountFields';
import { ShiftReportView } from './ShiftReportView';

type Mode = 'main' | 'pay_in' | 'pay_out' | 'close';

/** The till's shift: open it with a float, pay cash in and out, open the drawer, read the X report, count and close. */
export function ShiftPanel() {
  const t = useT();
  const toast = useToast();
  const { store, onError, can } = useShell();
  const currency = (store?.currency ?? 'UGX') as CurrencyCode;
  const locale = store?.locale ?? 'en';
  const money = (n: number) => formatMoney(n, currency, locale);
  const time = (ms: number) =>
    new Intl.DateTimeFormat(locale, {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: store?.timeZone ?? 'UTC',
    }).format(ms);
  const [shift, setShift] = useState<Shift | null | undefined>(undefined);
  const [mode, setMode] = useState<Mode>('main');
  const [report, setReport] = useState<ShiftReport | null>(null);
  const [count, setCount] = useState<CountState>(() => emptyCount(currency));
  const [history, setHistory] = useState<ShiftRow[]>([]);

  const load = useCallback(async () => {
    try {
      setShift(await api.shifts.current(null));
      if (can('shifts.review')) setHistory(await api.shifts.list({ limit: 10 }));
    } catch (e) {
      onError(e);
    }
  }, [can, onError]);
  useEffect(() => {
    void load();
  }, [load]);

  const open = async (e: FormEvent) => {
    e.preventDefault();
    try {
      setShift(await api.shifts.open({ float: countInput(count, currency, locale) }));
      setReport(null);
      setCount(emptyCount(currency));
    } catch (err) {
      onError(err);
    }
  };

  const showX = async () => {
    try {
      setReport(await api.shifts.report({}));
    } catch (e) {
      onError(e);
    }
  };

  const noSale = async () => {
    try {
      await api.shifts.noSale({});
      toast.success(t('shift.noSale.done'));
      void load();
    } catch (e) {
      onError(e);
    }
  };

  const print = async (id?: string) => {
    try {
      await api.shifts.print(id ? { id } : {});
      toast.success(t('shift.printed'));
    } catch (e) {
      onError(e);
    }
  };
  const pdf = async (id?: string) => {
    try {
      const f = await api.shifts.pdf(id ? { id } : {});
      downloadBase64(f.fileName, f.mimeType, f.base64);
    } catch (e) {
      onError(e);
    }
  };

  if (shift === undefined) return <p className="muted">{t('app.loading')}</p>;

  const reportBlock = report && (
    <div className="shift-report-wrap">
      <ShiftReportView report={report} locale={locale} />
      <div className="row-actions">
        <button
          type="button"
          className="btn"
          onClick={() => void print(report.kind === 'Z' ? report.shiftId : undefined)}
        >
          {t('shift.print')}
        </button>
        <button
          type="button"
          className="btn"
          onClick={() => void pdf(report.kind === 'Z' ? report.shiftId : undefined)}
        >
          {t('shift.pdf')}
        </button>
      </div>
    </div>
  );

  return (
    <div className="debt-panel shift-panel">
      {report?.kind === 'Z' && reportBlock}
      {shift === null ? (
        <form className="card shift-card" onSubmit={open} aria-labelledby="h-open-shift">
          <h2 id="h-open-shift" className="debt-h2">
            {t('shift.open.title')}
          </h2>
          <p className="muted">{t('shift.none')}</p>
          <CashCountFields
            label={t('shift.float')}
            state={count}
            onChange={setCount}
            currency={currency}
            locale={locale}
          />
          <button type="submit" className="btn btn-primary">
            {t('shift.open.submit')}
          </button>
        </form>
      ) : (
        <div className="card shift-card">
          <h2 className="debt-h2">{t('shift.title', { number: shift.number })}</h2>
          <p className="muted">{t('shift.openedBy', { name: shift.openedBy, time: time(shift.openedAt) })}</p>
          <dl className="shift-figures">
            <dt>{t('shift.float')}</dt>
            <dd>{money(shift.openingFloat)}</dd>
            <dt>{t('shift.expected')}</dt>
            <dd data-testid="expected-cash">
              {shift.expectedCash === null ? t('shift.blindHidden') : money(shift.expectedCash)}
            </dd>
          </dl>
          {mode === 'main' && (
            <div className="row-actions">
              <button type="button" className="btn" onClick={() => setMode('pay_in')}>
                {t('shift.payIn')}
              </button>
              <button type="button" className="btn" onClick={() => setMode('pay_out')}>
                {t('shift.payOut')}
              </button>
              <button type="button" className="btn" onClick={() => void noSale()}>
                {t('shift.noSale')}
              </button>
              <button type="button" className="btn" onClick={() => void showX()}>
                {t('shift.x')}
              </button>
              <button
                type="button"
                className="btn btn-primary"
                onClick={() => {
                  setCount(emptyCount(currency));
                  setMode('close');
                }}
              >
                {t('shift.close')}
              </button>
            </div>
          )}
          {(mode === 'pay_in' || mode === 'pay_out') && (
            <MoveForm
              kind={mode}
              currency={currency}
              locale={locale}
              onDone={(amount) => {
                toast.success(
                  t('shift.move.done', {
                    kind: t(mode === 'pay_in' ? 'shift.payIn' : 'shift.payOut'),
                    amount: money(amount),
                  }),
                );
                setMode('main');
                void load();
              }}
              onCancel={() => setMode('main')}
            />
          )}
          {mode === 'close' && (
            <CloseForm
              count={count}
              setCount={setCount}
              currency={currency}
              locale={locale}
              onCancel={() => setMode('main')}
              onClosed={(closed) => {
                toast.success(t('shift.closed', { number: closed.number }));
                setReport(closed.report);
                setMode('main');
                setCount(emptyCount(currency));
                void print(closed.id);
                void load();
              }}
            />
          )}
        </div>
      )}
      {report?.kind === 'X' && reportBlock}
      {can('shifts.review') && history.length > 0 && (
        <ShiftHistory
          rows={history}
          money={money}
          time={time}
          onView={async (id) => {
            try {
              setReport(await api.shifts.report({ id }));
            } catch (e) {
              onError(e);
            }
          }}
          onReview={async (id) => {
            try {
              await api.shifts.review({ id });
              void load();
            } catch (e) {
              onError(e);
            }
          }}
        />
      )}
    </div>
  );
}

function MoveForm({
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
  const [managers, setManagers] = useState<Array<Omit<StaffRow, 'active'>>>([]);
  const [managerId, setManagerId] = useState('');
  const [pin, setPin] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      const value = parseMoney(amount, currency, locale);
      await api.shifts.move({
        kind,
        amount: value,
        reason,
        ...(needsApproval && managerId ? { approval: { staffId: managerId, pin } } : {}),
      });
      onDone(value);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'FORBIDDEN' && !needsApproval) {
        const roster = await api.staff.roster(null).catch(() => []);
        const ms = roster.filter((s) => s.role !== 'cashier');
        setManagers(ms);
        setManagerId(ms[0]?.id ?? '');
        setNeedsApproval(true);
      }
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
          <div className="field">
            <label htmlFor="move-manager">{t('shift.approval.who')}</label>
            <select id="move-manager" value={managerId} onChange={(e) => setManagerId(e.target.value)}>
              {managers.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name}
                </option>
              ))}
            </select>
          </div>
          <PinField id="move-pin" label={t('shift.approval.pin')} value={pin} onChange={setPin} />
        </fieldset>
      )}
      <div className="row-actions">
        <button type="submit" className="btn btn-primary">
          {t('shift.move.submit')}
        </button>
        <button type="button" className="btn btn-ghost" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

function CloseForm({
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
      <CashCountFields
        label={t('shift.report.countedCash')}
        state={count}
        onChange={setCount}
        currency={currency}
        locale={locale}
      />
      <TextField id="close-note" label={t('shift.close.note')} value={note} onChange={setNote} />
      <div className="row-actions">
        <button type="submit" className="btn btn-primary">
          {t('shift.close.submit')}
        </button>
        <button type="button" className="btn btn-ghost" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

function ShiftHistory({
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
        <thead>
          <tr>
            <th scope="col">{t('shift.col.number')}</th>
            <th scope="col">{t('shift.col.opened')}</th>
            <th scope="col">{t('shift.col.by')}</th>
            <th scope="col">{t('shift.col.status')}</th>
            <th scope="col" className="num">
              {t('shift.col.expected')}
            </th>
            <th scope="col" className="num">
              {t('shift.col.counted')}
            </th>
            <th scope="col" className="num">
              {t('shift.col.difference')}
            </th>
            <th scope="col">{t('shift.col.review')}</th>
          </tr>
        </thead>
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
