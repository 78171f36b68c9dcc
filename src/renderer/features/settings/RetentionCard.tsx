import { useEffect, useState } from 'react';
import { useI18n } from '../../i18n';
import { api } from '../../lib/api';
import { useShell } from '../../lib/session';
import { ConfirmDialog } from '../../ui/DialogParts';
import { TextField } from '../../ui/fields';
import { useToast } from '../../ui/toast';

type Listed = { years: number | null; rows: Array<{ id: string; name: string; lastActivityAt: number }> };

/** The owner's retention rule: how many quiet years before a customer's data goes, the list, and its approval. */
export function RetentionCard({ locale }: { locale: string }) {
  const { t } = useI18n();
  const { onError } = useShell();
  const toast = useToast();
  const [listed, setListed] = useState<Listed | null>(null);
  const [years, setYears] = useState('');
  const [asking, setAsking] = useState(false);

  const load = () =>
    api.customers
      .retention(null)
      .then((r) => {
        setListed(r);
        setYears(r.years === null ? '' : String(r.years));
      })
      .catch(onError);
  // biome-ignore lint/correctness/useExhaustiveDependencies: read once when the card opens
  useEffect(() => {
    void load();
  }, []);

  const save = async () => {
    try {
      await api.customers.setRetention({ years: years.trim() ? Number(years) : null });
      toast.success(t('ret.saved'));
      await load();
    } catch (err) {
      onError(err);
    }
  };
  const erase = async () => {
    setAsking(false);
    try {
      const r = await api.customers.eraseByRetention({ ids: (listed?.rows ?? []).map((c) => c.id) });
      toast.success(t('ret.erased', { n: r.erased }));
      await load();
    } catch (err) {
      onError(err);
    }
  };
  if (!listed) return null;
  const day = (ms: number) => new Date(ms).toLocaleDateString(locale, { dateStyle: 'medium' });
  return (
    <section className="card" aria-labelledby="h-retention">
      <h2 id="h-retention">{t('ret.title')}</h2>
      <p className="muted">{t('ret.intro')}</p>
      <div className="form-row">
        <TextField id="ret-years" label={t('ret.years')} inputMode="numeric" value={years} onChange={setYears} />
        <button type="button" className="btn" onClick={() => void save()}>
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
          onConfirm={() => void erase()}
          onClose={() => setAsking(false)}
        />
      )}
    </section>
  );
}
