import { type FormEvent, useState } from 'react';
import { CREDIT_POLICIES } from '../../../shared/contract/receivables';
import { parseMoney, toDecimalString } from '../../../shared/money';
import { useI18n } from '../../i18n';
import { SelectField } from '../../ui/fields';
import { binders, HintedTextField, useLoadedForm } from '../../ui/form';
import { useApiMutation, useApiQuery } from '../../ui/query';
import { namedOptions } from '../../ui/SelectFields';
import { useToast } from '../../ui/toast';
import { SettingsCard, type ShopCardProps } from './SettingsCard';

/**
 * The shop's credit rules: the limit for customers without their own, payment terms when neither the customer nor
 * their category has any, and what the till does when a sale goes over a limit.
 */
export function CreditSettingsCard({ editable, currency, locale }: ShopCardProps) {
  const { t } = useI18n();
  const toast = useToast();
  const credit = useApiQuery('receivables', 'settings', null);
  const till = useApiQuery('sales', 'settings', null);
  const { form, setForm } = useLoadedForm(
    credit.data && till.data && { credit: credit.data, till: till.data },
    ({ credit: r, till: s }) => ({
      limit: r.defaultCreditLimit === null ? '' : toDecimalString(r.defaultCreditLimit, currency),
      policy: r.creditPolicy,
      terms: String(s.defaultPaymentTermsDays),
    }),
  );
  const saveCredit = useApiMutation('receivables', 'updateSettings');
  const saveTerms = useApiMutation('sales', 'updateSettings');
  const [busy, setBusy] = useState(false);

  if (!form) return null;
  const { bind, put } = binders(form, setForm);
  const save = async (e: FormEvent) => {
    e.preventDefault();
    let defaultCreditLimit: number | null = null;
    if (form.limit.trim()) {
      try {
        defaultCreditLimit = parseMoney(form.limit, currency, locale);
      } catch {
        return toast.error(t('account.badLimit'));
      }
      if (defaultCreditLimit < 0) return toast.error(t('account.badLimit'));
    }
    setBusy(true);
    try {
      await saveCredit.mutateAsync({ defaultCreditLimit, creditPolicy: form.policy });
      await saveTerms.mutateAsync({ defaultPaymentTermsDays: Number(form.terms) });
      toast.success(t('account.settingsSaved'));
    } catch {
      // the mutation has shown the failure
    } finally {
      setBusy(false);
    }
  };

  return (
    <SettingsCard
      id="h-credit"
      title={t('account.settingsTitle')}
      onSubmit={save}
      disabled={!editable || busy}
      save={editable && t('account.saveSettings')}
    >
      <div className="grid-2">
        <HintedTextField
          id="s-credit-limit"
          label={t('account.defaultLimit', { currency })}
          hint={t('account.defaultLimitHint')}
          inputMode="decimal"
          {...bind('limit')}
        />
        <HintedTextField
          id="s-terms"
          label={t('account.defaultTerms')}
          hint={t('account.defaultTermsHint')}
          type="number"
          min={0}
          max={365}
          required
          {...bind('terms')}
        />
        <SelectField
          id="s-credit-policy"
          // its choices are sentences: a row of its own so the chosen one is read whole
          className="span-2"
          label={t('account.policy')}
          value={form.policy}
          onChange={(v) => put('policy', v)}
          options={namedOptions(t, 'account.policy', CREDIT_POLICIES)}
        />
      </div>
    </SettingsCard>
  );
}
