import { useCallback, useEffect, useState } from 'react';
import type { DebtAlert, DebtSettings } from '../../../shared/contract/debts';
import { parseMoney, toDecimalString } from '../../../shared/money';
import { useT } from '../../i18n';
import { api } from '../../lib/api';
import { useShell } from '../../lib/session';
import { TextField } from '../../ui/fields';
import { useToast } from '../../ui/toast';
import { alertText } from './alert-words';
import { debtFormat } from './format';

/** Customers breaking the owner's rules, with snooze and dismiss; the rules themselves for the owner. */
export function AlertsPanel({ onStatement }: { onStatement: (customerId: string) => void }) {
  const t = useT();
  const toast = useToast();
  const { onError, store, can } = useShell();
  const f = debtFormat(store);
  const [alerts, setAlerts] = useState<{ count: number; rows: DebtAlert[] } | null>(null);
  const [settings, setSettings] = useState<DebtSettings | null>(null);

  const load = useCallback(() => {
    api.debts.alerts({ limit: 200 }).then(setAlerts).catch(onError);
    api.debts.settings(null).then(setSettings).catch(onError);
  }, [onError]);
  useEffect(load, [load]);

  const ack = async (a: DebtAlert, action: 'snooze' | 'dismiss') => {
    try {
      await api.debts.ackAlert({ customerId: a.customerId, rule: a.rule, action, days: 7 });
      toast.success(t(action === 'snooze' ? 'debt.alert.snoozed' : 'debt.alert.dismissed'));
      load();
    } catch (e) {
      onError(e);
    }
  };
  const manage = can('receivables.manage');

  return (
    <div className="debt-panel">
      <h2 className="debt-h2">{t('debt.alerts.title')}</h2>
      {alerts && alerts.rows.length === 0 && <p className="muted">{t('debt.alerts.none')}</p>}
      {alerts && alerts.rows.length > 0 && (
        <ul className="debt-alerts" aria-label={t('debt.alerts.title')}>
          {alerts.rows.map((a) => (
            <li key={`${a.customerId}:${a.rule}`} className="debt-alert">
              <div>
                <strong>{a.name}</strong>{' '}
                <span className="pill debt-pill">
                  {alertText(a, t, f.money, settings?.alerts.balanceAbove ?? null)}
                </span>
                <div className="muted">
                  {t('debt.col.balance')}: {f.money(a.balance)}
                  {a.overdue > 0 && ` · ${t('debt.col.overdue')}: ${f.money(a.overdue)}`}
                </div>
              </div>
              <div className="row-actions">
                <button type="button" className="btn btn-sm" onClick={() => onStatement(a.customerId)}>
                  {t('debt.open')}
                </button>
                {manage && (
                  <>
                    <button type="button" className="btn btn-sm" onClick={() => void ack(a, 'snooze')}>
                      {t('debt.alert.snooze')}
                    </button>
                    <button type="button" className="btn btn-sm btn-ghost" onClick={() => void ack(a, 'dismiss')}>
                      {t('debt.alert.dismiss')}
                    </button>
                  </>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      {settings && <RulesForm settings={settings} onSaved={setSettings} editable={can('settings.edit')} />}
    </div>
  );
}

function RulesForm({
  settings,
  onSaved,
  editable,
}: {
  settings: DebtSettings;
  onSaved: (s: DebtSettings) => void;
  editable: boolean;
}) {
  const t = useT();
  const toast = useToast();
  const { onError, store } = useShell();
  const currency = store?.currency ?? 'UGX';
  const [overLimit, setOverLimit] = useState(settings.alerts.overLimit);
  const [days, setDays] = useState(settings.alerts.overdueDays === null ? '' : String(settings.alerts.overdueDays));
  const [above, setAbove] = useState(
    settings.alerts.balanceAbove === null ? '' : toDecimalString(settings.alerts.balanceAbove, currency),
  );
  const [instructions, setInstructions] = useState(settings.paymentInstructions);

  const save = async () => {
    try {
      const next = await api.debts.saveSettings({
        alerts: {
          overLimit,
          overdueDays: days.trim() === '' ? null : Number(days),
          balanceAbove: above.trim() === '' ? null : parseMoney(above.trim(), currency, store?.locale ?? 'en'),
        },
        paymentInstructions: instructions,
      });
      onSaved(next);
      toast.success(t('common.saved'));
    } catch (e) {
      onError(e);
    }
  };

  return (
    <form
      className="debt-rules"
      aria-labelledby="debt-rules-h"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h2 id="debt-rules-h" className="debt-h2">
        {t('debt.rules.title')}
      </h2>
      {!editable && <p className="muted">{t('debt.rules.ownerOnly')}</p>}
      <fieldset disabled={!editable} className="plain">
        <label className="check-line">
          <input type="checkbox" checked={overLimit} onChange={(e) => setOverLimit(e.target.checked)} />
          {t('debt.rules.overLimit')}
        </label>
        <TextField
          id="rule-days"
          label={t('debt.rules.overdueDays')}
          inputMode="numeric"
          value={days}
          onChange={setDays}
        />
        <TextField
          id="rule-above"
          label={t('debt.rules.balanceAbove')}
          inputMode="decimal"
          value={above}
          onChange={setAbove}
        />
        <div className="field">
          <label htmlFor="rule-instructions">{t('debt.rules.instructions')}</label>
          <textarea
            id="rule-instructions"
            rows={3}
            value={instructions}
            onChange={(e) => setInstructions(e.target.value)}
          />
        </div>
        <button type="submit" className="btn btn-primary">
          {t('common.save')}
        </button>
      </fieldset>
    </form>
  );
}
