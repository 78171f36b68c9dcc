import { type FormEvent, useState } from 'react';
import type { ShiftReport } from '../../../shared/contract/shifts';
import { type CurrencyCode, formatMoney } from '../../../shared/money';
import { useT } from '../../i18n';
import { api } from '../../lib/api';
import { downloadBase64 } from '../../lib/download';
import { useShell } from '../../lib/session';
import { useApiQuery, useSetAnswer } from '../../ui/query';
import { useToast } from '../../ui/toast';
import { CashCountFields, type CountState, countInput, emptyCount } from './CashCountFields';
import { CloseForm, MoveForm, ShiftHistory } from './ShiftForms';
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
  const setAnswer = useSetAnswer();
  // undefined while it is read; null when no shift is open
  const current = useApiQuery('shifts', 'current', null);
  const shift = current.data;
  const [mode, setMode] = useState<Mode>('main');
  const [report, setReport] = useState<ShiftReport | null>(null);
  const [count, setCount] = useState<CountState>(() => emptyCount(currency));
  const reviews = can('shifts.review');
  const recent = useApiQuery('shifts', 'list', { limit: 10 }, { enabled: reviews });
  const history = recent.data ?? [];
  const load = () => {
    void current.refetch();
    if (reviews) void recent.refetch();
  };

  const open = async (e: FormEvent) => {
    e.preventDefault();
    try {
      setAnswer('shifts', 'current', null, await api.shifts.open({ float: countInput(count, currency, locale) }));
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

  // a Z report is of a closed shift, printed by its id; the X report is of the open one
  const reportId = report?.kind === 'Z' ? report.shiftId : undefined;
  const reportBlock = report && (
    <div className="shift-report-wrap">
      <ShiftReportView report={report} locale={locale} />
      <div className="row-actions">
        <button type="button" className="btn" onClick={() => void print(reportId)}>
          {t('shift.print')}
        </button>
        <button type="button" className="btn" onClick={() => void pdf(reportId)}>
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
          <CashCountFields label={t('shift.float')} state={count} onChange={setCount} />
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
      {reviews && history.length > 0 && (
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
