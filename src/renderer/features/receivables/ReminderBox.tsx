import { useT } from '../../i18n';
import { useShell } from '../../lib/session';
import { useApiQuery } from '../../ui/query';
import { useToast } from '../../ui/toast';

/** The reminder text and the links that open WhatsApp, SMS or e-mail with it (only where the customer agreed). */
export function ReminderBox({ customerId }: { customerId: string }) {
  const t = useT();
  const toast = useToast();
  const { onError } = useShell();
  const r = useApiQuery('debts', 'reminder', { customerId }).data;
  if (!r) return null;
  const none = !r.whatsappUrl && !r.smsUrl && !r.mailtoUrl;
  return (
    <section className="debt-reminder" aria-labelledby="debt-reminder-h">
      <h3 id="debt-reminder-h" className="debt-h3">
        {t('debt.share')}
      </h3>
      <label htmlFor="debt-reminder-text">{t('debt.share.text')}</label>
      <textarea id="debt-reminder-text" readOnly rows={3} value={r.text} />
      <div className="row-actions">
        <button
          type="button"
          className="btn btn-sm"
          onClick={() =>
            navigator.clipboard
              ?.writeText(r.text)
              .then(() => toast.success(t('debt.share.copied')))
              .catch(onError)
          }
        >
          {t('debt.share.copy')}
        </button>
        {r.whatsappUrl && (
          <a className="btn btn-sm btn-primary" href={r.whatsappUrl} target="_blank" rel="noreferrer">
            {t('debt.share.whatsapp')}
          </a>
        )}
        {r.smsUrl && (
          <a className="btn btn-sm" href={r.smsUrl}>
            {t('debt.share.sms')}
          </a>
        )}
        {r.mailtoUrl && (
          <a className="btn btn-sm" href={r.mailtoUrl}>
            {t('debt.share.email')}
          </a>
        )}
      </div>
      {none && <p className="muted">{t('debt.share.noConsent')}</p>}
    </section>
  );
}
