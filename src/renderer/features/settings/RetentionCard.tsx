import { useState } from 'react';
import { useI18n } from '../../i18n';
import { ConfirmDialog } from '../../ui/DialogParts';
import { TextField } from '../../ui/fields';
import { useLoadedForm } from '../../ui/form';
import { useApiMutation, useApiQuery } from '../../ui/query';
import { useToast } from '../../ui/toast';

type Listed = { years: number | null; rows: Array<{ id: string; name: string; lastActivityAt: number }> };

/** The owner's retention rule: how many quiet years before a customer's data goes, the list, and its approval. */
export function RetentionCard({ locale }: { locale: string }) {
  const { t } = useI18n();
  const toast = useToast();
  const retention = useApiQuery('customers', 'retention', null);
  const listed: Listed | undefined = retention.data;
  // the years as read, until the owner types others
  const { form: years, setForm: setYears } = useLoadedForm(listed, (r) => (r.years === null ? '' : String(r.years)));
  const [asking, setAsking] = useState(false);
  const setRetention = useApiMutation('customers', 'setRetention', { onSuccess: () => toast.success(t('ret.saved')) });
  const eraseByRetention = useApiMutation('customers', 'eraseByRetention', {
    onSuccess: (r) => toast.success(t('ret.erased', { n: r.erased })),
  });

  const save = () => setRetention.mutate({ years: years?.trim() ? Number(years) : null });
  const erase = () => {
    setAsking(false);
    eraseByRetention.mutate({ ids: (listed?.rows ?? []).map((c) => c.id) });
  };
  if (!listed || years === null) return null;
  const day = (ms: number) => new Date(ms).toLocaleDateString(locale, { dateStyle: 'medium' });
  return (
    <section className="card" aria-labelledby="h-retention">
      <h2 id="h-retention">{t('ret.title')}</h2>
      <p className="muted">{t('ret.intro')}</p>
      <div className="form-row">
        <TextField id="ret-years" label={t('ret.years')} inputMode="numeric" value={years} onChange={setYears} />
        <button type="button" className="btn" onClick={save}>
          {t('ret.save')}
        </button>
      </div>
      {listed.years !== null && (
        <>
          <p>{t('ret.listed', { n: listed.rows.length, years: listed.years })}</p>
          {listed.rows.length > 0 && (
            <>
              <ul className="plain-list">
                {listed.rows.slice(0, 50).map((c) => (
                  <li key={c.id}>
                    {c.name} · {day(c.lastActivityAt)}
                  </li>
                ))}
              </ul>
              <button type="button" className="btn btn-danger" onClick={() => setAsking(true)}>
                {t('ret.erase', { n: listed.rows.length })}
              </button>
            </>
          )}
        </>
      )}
      {asking && (
        <ConfirmDialog
          title={t('ret.confirmTitle')}
          text={t('ret.confirmText', { n: listed.rows.length })}
          confirmLabel={t('ret.erase', { n: listed.rows.length })}
          cancelLabel={t('common.cancel')}
          onConfirm={erase}
          onClose={() => setAsking(false)}
        />
      )}
    </section>
  );
}
