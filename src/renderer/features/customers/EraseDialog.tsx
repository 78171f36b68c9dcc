import { useI18n } from '../../i18n';
import { api } from '../../lib/api';
import { useShell } from '../../lib/session';
import { TypedConfirmDialog } from '../../ui/DialogParts';
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

  const erase = async (typed: string) => {
    try {
      const r = await api.customers.erase({ id: customer.id, confirm: typed });
      toast.success(t('cust.erased', { name: r.displayName }));
      onErased();
      return true;
    } catch (err) {
      onError(err);
      return false;
    }
  };

  return (
    <TypedConfirmDialog
      id="erase-confirm"
      title={t('cust.eraseTitle', { name: customer.displayName })}
      explain={t('cust.eraseExplain')}
      typeLabel={t('cust.eraseType', { name: customer.displayName })}
      expected={customer.displayName}
      confirmLabel={t('cust.erase')}
      cancelLabel={t('common.cancel')}
      onConfirm={erase}
      onClose={onClose}
    />
  );
}
