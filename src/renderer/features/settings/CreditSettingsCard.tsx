import { type FormEvent, useEffect, useState } from 'react';
import { CREDIT_POLICIES, type CreditPolicy } from '../../../shared/contract/receivables';
import { parseMoney, toDecimalString } from '../../../shared/money';
import { useI18n } from '../../i18n';
import { api } from '../../lib/api';
import { useShell } from '../../lib/session';
import { SelectField, TextField } from '../../ui/fields';
import { useToast } from '../../ui/toast';
import { SettingsCard, type ShopCardProps } from './SettingsCard';

/**
 * The shop's credit rules: the limit for customers without their own, payment terms when neither the customer nor
 * their category has any, and what the till does when a sale goes over a limit.
 */
export function CreditSettingsCard({ editable, currency, locale }: ShopCardProps) {
  const { t } = useI18n();
  const { onError } = useShell();
  const toast = useToast();
  const [limit, setLimit] = useState<string | null>(null);
  const [terms, setTerms] = useState('');
  const [policy, setPolicy] = useState<CreditPolicy>('approve');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    Promise.all([api.receivables.settings(null), api.sales.settings(null)])
      .then(([r, till]) => {
        setLimit(r.defaultCreditLimit === null ? '' : toDecimalString(r.defaultCreditLimit, currency));
        setPolicy(r.creditPolicy);
        setTerms(String(till.defaultPaymentTermsDays));
      })
      .catch(onError);
  }, [onError, currency]);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    let defaultCreditLimit: number | null = null;
    if (limit?.trim()) {
      try {
        defaultCreditLimit = parseMoney(limit, currency, locale);
      } catch {
        return toast.error(t('account.badLimit'));
      }
      if (defaultCreditLimit < 0) return toast.error(t('account.badLimit'));
    }
    setBusy(true);
    try {
      await api.receivables.updateSettings({ defaultCreditLimit, creditPolicy: policy });
      await api.sales.updateSettings({ defaultPaymentTermsDays: Number(terms) });
      toast.success(t('account.settingsSaved'));
    } catch (err) {
      onError(err);
    } finally {
      setBusy(false);
    }
  };

  if (limit === null) return null;
  return (
    <SettingsCard
      id="h-credit"
      title={t('account.settingsTitle')}
      onSubmit={save}
      disabled={!editable || busy}
      save={editable && t('account.saveSettings')}
    >
      <div className="grid-2">
        <div>
          <TextField
            id="s-credit-limit"
            label={t('account.defaultLimit', { currency })}
            inputMode="decimal"
            value={limit}
            onChange={setLimit}
            aria-describedby="s-credit-limit-hint"
          />
          <p id="s-credit-limit-hint" className="muted">
            {t('account.defaultLimitHint')}
          </p>
        </div>
        <div>
          <TextField
            id="s-terms"
            label={t('account.defaultTerms')}
            type="number"
            min={0}
            max={365}
            required
            value={terms}
            onChange={setTerms}
            aria-describedby="s-terms-hint"
          />
          <p id="s-terms-hint" className="muted">
            {t('account.defaultTermsHint')}
          </p>
        </div>
        <SelectField
          id="s-credit-policy"
          label={t('account.policy')}
          value={policy}
          onChange={setPolicy}
          options={CREDIT_POLICIES.map((p) => ({ value: p, label: t(`account.policy.${p}`) }))}
        />
      </div>
    </SettingsCard>
  );
}
