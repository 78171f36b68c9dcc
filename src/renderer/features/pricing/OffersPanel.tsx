import { useCallback, useEffect, useState } from 'react';
import type { ProductCategory } from '../../../shared/contract/catalog';
import type { Category } from '../../../shared/contract/customers';
import type { Offer } from '../../../shared/contract/pricing';
import { formatMoney } from '../../../shared/money';
import { type MessageKey, useT } from '../../i18n';
import { api } from '../../lib/api';
import { useShell } from '../../lib/session';
import { useToast } from '../../ui/toast';
import { OfferEditor } from './OfferEditor';

/** Segment offers: what each takes off, for whom and when, and the editor for one. */
export function OffersPanel() {
  const t = useT();
  const { onError, store } = useShell();
  const toast = useToast();
  const [offers, setOffers] = useState<Offer[] | null>(null);
  const [editing, setEditing] = useState<Offer | 'new' | null>(null);
  const [customerCategories, setCustomerCategories] = useState<Category[]>([]);
  const [productCategories, setProductCategories] = useState<ProductCategory[]>([]);
  const currency = store?.currency ?? 'UGX';
  const money = (n: number) => formatMoney(n, currency, store?.locale ?? 'en');

  const load = useCallback(() => {
    api.pricing.offers(null).then(setOffers).catch(onError);
    api.customers.categories(null).then(setCustomerCategories).catch(onError);
    api.catalog.categories(null).then(setProductCategories).catch(onError);
  }, [onError]);
  useEffect(load, [load]);

  const remove = async (o: Offer) => {
    if (!window.confirm(t('pr.offer.confirmDelete', { name: o.name }))) return;
    try {
      await api.pricing.deleteOffer({ id: o.id });
      toast.success(t('pr.offer.deleted', { name: o.name }));
      load();
    } catch (e) {
      onError(e);
    }
  };

  if (editing)
    return (
      <OfferEditor
        key={editing === 'new' ? 'new' : editing.id}
        offer={editing === 'new' ? null : editing}
        customerCategories={customerCategories}
        productCategories={productCategories}
        onSaved={(o) => {
          setEditing(o);
          load();
        }}
        onClose={() => {
          setEditing(null);
          load();
        }}
      />
    );

  const what = (o: Offer) => {
    const off = o.kind === 'percent' ? `${o.value / 100}%` : money(o.value);
    const on =
      o.scope === 'order'
        ? t('pr.offer.on.order')
        : o.scope === 'category'
          ? (productCategories.find((c) => c.id === o.targetId)?.name ?? '?')
          : t('pr.offer.on.product');
    return t('pr.offer.what', { off, on });
  };
  const who = (o: Offer) => {
    const parts = [
      ...o.eligibleCategories.map((id) => customerCategories.find((c) => c.id === id)?.name ?? '?'),
      ...o.eligibleTags.map((x) => `#${x}`),
      ...o.eligibleTiers.map((x) => t('pr.offer.tier', { tier: x })),
    ];
    return parts.length ? parts.join(', ') : t('pr.offer.everyone');
  };
  const conditions = (o: Offer) =>
    [
      o.minSpend !== null ? t('pr.offer.cond.spend', { amount: money(o.minSpend) }) : null,
      o.minQtyMilli !== null ? t('pr.offer.cond.qty', { n: o.minQtyMilli / 1000 }) : null,
      o.perCustomerLimit !== null ? t('pr.offer.cond.limit', { n: o.perCustomerLimit }) : null,
      o.stackable ? t('pr.offer.cond.stackable') : null,
    ]
      .filter(Boolean)
      .join(' · ');

  return (
    <div className="card">
      <div className="section-head">
        <h2 id="h-pr-offers">{t('pr.offers')}</h2>
        <div className="row-actions">
          <button type="button" className="btn btn-primary" onClick={() => setEditing('new')}>
            {t('pr.offer.new')}
          </button>
        </div>
      </div>
      {offers && offers.length === 0 && <p className="muted">{t('pr.offer.none')}</p>}
      {offers && offers.length > 0 && (
        <table className="table" aria-labelledby="h-pr-offers">
          <thead>
            <tr>
              <th scope="col">{t('pr.offer.col.name')}</th>
              <th scope="col">{t('pr.offer.col.what')}</th>
              <th scope="col">{t('pr.offer.col.who')}</th>
              <th scope="col">{t('pr.offer.col.conditions')}</th>
              <th scope="col">{t('pr.status')}</th>
              <th scope="col">
                <span className="sr-only">{t('pr.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {offers.map((o) => (
              <tr key={o.id} className={o.active ? '' : 'row-inactive'}>
                <td>{o.name}</td>
                <td>{what(o)}</td>
                <td>{who(o)}</td>
                <td className="muted">{conditions(o)}</td>
                <td>
                  <span className={`pill ${o.active ? 'pill-ok' : 'pill-off'}`}>
                    {t((o.active ? 'pr.active' : 'pr.inactive') as MessageKey)}
                  </span>
                </td>
                <td>
                  <div className="row-actions">
                    <button type="button" className="btn btn-sm" onClick={() => setEditing(o)}>
                      {t('common.edit')}
                      <span className="sr-only"> {o.name}</span>
                    </button>
                    <button type="button" className="btn btn-sm btn-danger" onClick={() => void remove(o)}>
                      {t('pr.delete')}
                      <span className="sr-only"> {o.name}</span>
                    </button>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
