import { useT } from '../../i18n';
import { useShell } from '../../lib/session';
import { useApiMutation, useApiQuery, useSetAnswer } from '../../ui/query';
import { useToast } from '../../ui/toast';

/**
 * On the customer's page: which price list they pay by. A manager picks the customer's own list here (it wins over
 * their category's); everyone else sees which list applies.
 */
export function CustomerPriceList({ customerId, name }: { customerId: string; name: string }) {
  const t = useT();
  const { can } = useShell();
  const toast = useToast();
  const manage = can('pricing.manage');
  const lists = useApiQuery('pricing', 'lists', null).data ?? [];
  const current = useApiQuery('pricing', 'customerPriceList', { customerId }).data;
  const own = current?.priceListId ?? null;
  const fromCategory = current?.categoryPriceListId ?? null;
  const setAnswer = useSetAnswer();
  const assign = useApiMutation('pricing', 'assignToCustomer', {
    onSuccess: (_, { priceListId: id }) => {
      // the select shows the new list at once, before the answer is read again
      if (current) setAnswer('pricing', 'customerPriceList', { customerId }, { ...current, priceListId: id });
      toast.success(t('pr.cust.saved', { name, list: nameOf(id) ?? categoryText }));
    },
  });

  const nameOf = (id: string | null) => lists.find((l) => l.id === id)?.name ?? null;
  const categoryText = nameOf(fromCategory)
    ? t('pr.cust.category', { name: nameOf(fromCategory) as string })
    : t('pr.cust.regular');

  const choose = (id: string | null) => assign.mutate({ customerId, priceListId: id });

  if (!manage)
    return (
      <p className="muted" data-testid="customer-price-list">
        {t('pr.cust.label')}: {nameOf(own) ?? categoryText}
      </p>
    );
  return (
    <div className="field pr-customer-list">
      <label htmlFor="cust-price-list">{t('pr.cust.label')}</label>
      <select id="cust-price-list" value={own ?? ''} onChange={(e) => choose(e.target.value || null)}>
        <option value="">{categoryText}</option>
        {lists.map((l) => (
          <option key={l.id} value={l.id}>
            {l.name}
            {l.active ? '' : ` (${t('pr.inactive')})`}
          </option>
        ))}
      </select>
    </div>
  );
}
