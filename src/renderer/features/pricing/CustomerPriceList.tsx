import { useEffect, useState } from 'react';
import type { PriceList } from '../../../shared/contract/pricing';
import { useT } from '../../i18n';
import { api } from '../../lib/api';
import { useShell } from '../../lib/session';
import { useToast } from '../../ui/toast';

/**
 * On the customer's page: which price list they pay by. A manager picks the customer's own list here (it wins over
 * their category's); everyone else sees which list applies.
 */
export function CustomerPriceList({ customerId, name }: { customerId: string; name: string }) {
  const t = useT();
  const { can, onError } = useShell();
  const toast = useToast();
  const manage = can('pricing.manage');
  const [lists, setLists] = useState<PriceList[]>([]);
  const [own, setOwn] = useState<string | null>(null);
  const [fromCategory, setFromCategory] = useState<string | null>(null);

  useEffect(() => {
    api.pricing
      .customerPriceList({ customerId })
      .then((r) => {
        setOwn(r.priceListId);
        setFromCategory(r.categoryPriceListId);
      })
      .catch(onError);
    api.pricing.lists(null).then(setLists).catch(onError);
  }, [customerId, onError]);

  const nameOf = (id: string | null) => lists.find((l) => l.id === id)?.name ?? null;
  const categoryText = nameOf(fromCategory)
    ? t('pr.cust.category', { name: nameOf(fromCategory) as string })
    : t('pr.cust.regular');

  const choose = async (id: string | null) => {
    try {
      await api.pricing.assignToCustomer({ customerId, priceListId: id });
      setOwn(id);
      toast.success(t('pr.cust.saved', { name, list: nameOf(id) ?? categoryText }));
    } catch (e) {
      onError(e);
    }
  };

  if (!manage)
    return (
      <p className="muted" data-testid="customer-price-list">
        {t('pr.cust.label')}: {nameOf(own) ?? categoryText}
      </p>
    );
  return (
    <div className="field pr-customer-list">
      <label htmlFor="cust-price-list">{t('pr.cust.label')}</label>
      <select id="cust-price-list" value={own ?? ''} onChange={(e) => void choose(e.target.value || null)}>
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
