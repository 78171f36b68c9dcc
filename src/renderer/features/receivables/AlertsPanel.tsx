import type { DebtAlert, DebtSettings } from '../../../shared/contract/debts';
import { parseMoney, toDecimalString } from '../../../shared/money';
import { useT } from '../../i18n';
import { useShell } from '../../lib/session';
import { decimalSpec, numberSpec, TextFields } from '../../ui/fields';
import { useForm } from '../../ui/form';
import { useApiMutation, useApiQuery } from '../../ui/query';
import { useToast } from '../../ui/toast';
import { alertText } from './alert-words';
import { debtFormat } from './format';

/** Customers breaking the owner's rules, with snooze and dismiss; the rules themselves for the owner. */
export function AlertsPanel({ onStatement }: { onStatement: (customerId: string) => void }) {
  const t = useT();
  const toast = useToast();
  const { store, can } = useShell();
  const f = debtFormat(store);
  const alerts = useApiQuery('debts', 'alerts', { limit: 200 }).data;
  const settings = useApiQuery('debts', 'settings', null).data;
  const ackAlert = useApiMutation('debts', 'ackAlert', {
    onSuccess: (_, { action }) => toast.success(t(action === 'snooze' ? 'debt.alert.snoozed' : 'debt.alert.dismissed')),
  });
  const ack = (a: DebtAlert, action: 'snooze' | 'dismiss') =>
    ackAlert.mutate({ customerId: a.customerId, rule: a.rule, action, days: 7 });
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
                    <button type="button" className="btn btn-sm" onClick={() => ack(a, 'snooze')}>
                      {t('debt.alert.snooze')}
                    </button>
                    <button type="button" className="btn btn-sm btn-ghost" onClick={() => ack(a, 'dismiss')}>
                      {t('debt.alert.dismiss')}
                    </button>
                  </>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      {settings && <RulesForm settings={settings} editable={can('settings.edit')} />}
    </div>
  );
}

function RulesForm({ settings, editable }: { settings: DebtSettings; editable: boolean }) {
  const t = useT();
  const toast = useToast();
  const { onError, store } = useShell();
  const currency = store?.currency ?? 'UGX';
  const { form, setForm, bind, check } = useForm(() => ({
    overLimit: settings.alerts.overLimit,
    days: settings.alerts.overdueDays === null ? '' : String(settings.alerts.overdueDays),
    above: settings.alerts.balanceAbove === null ? '' : toDecimalString(settings.alerts.balanceAbove, currency),
    instructions: settings.paymentInstructions,
  }));
  const saveSettings = useApiMutation('debts', 'saveSettings', { onSuccess: () => toast.success(t('common.saved')) });

  const save = () => {
    const { overLimit, days, above, instructions } = form;
    try {
      saveSettings.mutate({
        alerts: {
          overLimit,
          overdueDays: days.trim() === '' ? null : Number(days),
          balanceAbove: above.trim() === '' ? null : parseMoney(above.trim(), currency, store?.locale ?? 'en'),
        },
        paymentInstructions: instructions,
      });
    } catch (e) {
      onError(e);
    }
  };
  const overLimit = check('overLimit');
  const instructions = bind('instructions');

  return (
    <form
      className="debt-rules"
      aria-labelledby="debt-rules-h"
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <h2 id="debt-rules-h" className="debt-h2">
        {t('debt.rules.title')}
      </h2>
      {!editable && <p className="muted">{t('debt.rules.ownerOnly')}</p>}
      <fieldset disabled={!editable} className="plain">
        <label className="check-line">
          <input type="checkbox" checked={overLimit.checked} onChange={(e) => overLimit.onChange(e.target.checked)} />
          {t('debt.rules.overLimit')}
        </label>
        <TextFields
          specs={[
            numberSpec('days', 'rule-days', t('debt.rules.overdueDays')),
            decimalSpec('above', 'rule-above', t('debt.rules.balanceAbove')),
          ]}
          values={form}
          onChange={(key, value) => setForm({ ...form, [key]: value })}
        />
        <div className="field">
          <label htmlFor="rule-instructions">{t('debt.rules.instructions')}</label>
          <textarea
            id="rule-instructions"
            rows={3}
            value={instructions.value}
            onChange={(e) => instructions.onChange(e.target.value)}
          />
        </div>
        <button type="submit" className="btn btn-primary">
          {t('common.save')}
        </button>
      </fieldset>
    </form>
  );
}
