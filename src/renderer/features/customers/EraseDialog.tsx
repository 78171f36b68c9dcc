import { type FormEvent, useState } from 'react';
import { useI18n } from '../../i18n';
import { api } from '../../lib/api';
import { useShell } from '../../lib/session';
import { Dialog } from '../../ui/Dialog';
import { TextField } from '../../ui/fields';
import { useToast } from '../../ui/toast';

/**
 * Erasing a customer's personal data at their request: irreversible, so the name is typed in full before the button
 * works. The main process checks it again (and refuses while the customer owes money, saying so).
 */
export function EraseDialog({
  customer,
  onClose,
  onErased,
}: {
  customer: { id: string; displayName: string };
  onClose: () => void;
  onErased: () => void;
}) {
  const { t } = useI18n();
  const { onError } = useShell();
  const toast = useToast();
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const matches = typed.trim() === customer.displayName;

  const erase = async (e: FormEvent) => {
    e.preventDefault();
    if (!matches) return;
    setBusy(true);
    try {
      const r = await api.customers.erase({ id: customer.id, confirm: typed.trim() });
      toast.success(t('cust.erased', { name: r.displayName }));
      onErased();
    } catch (err) {
      onError(err);
      setBusy(false);
    }
  };

  return (
    <Dialog title={t('cust.eraseTitle', { name: customer.displayName })} onClose={onClose} role="alertdialog">
      <form onSubmit={erase}>
        <p>{t('cust.eraseExplain')}</p>
        <TextField
          id="erase-confirm"
          label={t('cust.eraseType', { name: customer.displayName })}
          value={typed}
          onChange={setTyped}
          autoComplete="off"
        />
        <div className="row-actions">
          <button type="submit" className="btn btn-danger" disabled={!matches || busy}>
            {t('cust.erase')}
          </button>
          <button type="button" className="btn btn-ghost" onClick={onClose}>
            {t('common.cancel')} <kbd>Esc</kbd>
          </button>
        </div>
      </form>
    </Dialog>
  );
}
