import type { Offer } from '../../../shared/contract/pricing';
import { formatMoney } from '../../../shared/money';
import { useT } from '../../i18n';
import { api } from '../../lib/api';
import { useShell } from '../../lib/session';
import { OfferEditor } from './OfferEditor';
import { RulesListPanel } from './RulesListPanel';
import { type RulesSource, useRulesList } from './useRulesList';

const OFFERS: RulesSource<Offer> = {
  fetch: () => api.pricing.offers(null),
  remove: (id) => api.pricing.deleteOffer({ id }),
  confirmDelete: 'pr.offer.confirmDelete',
  deleted: 'pr.offer.deleted',
};

/** Segment offers: what each takes off, for whom and when, and the editor for one. */
export function OffersPanel() {
  const t = useT();
  const { store } = useShell();
  const { rules, customerCategories, productCategories, remove, edit, editor } = useRulesList(OFFERS);
  const currency = store?.currency ?? 'UGX';
  const money = (n: number) => formatMoney(n, currency, store?.locale ?? 'en');

  if (editor) return <OfferEditor key={editor.key} offer={editor.rule} {...editor.context} />;

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
    <RulesListPanel
      headingId="h-pr-offers"
      title={t('pr.offers')}
      newLabel={t('pr.offer.new')}
      emptyText={t('pr.offer.none')}
      rules={rules}
      columns={[
        { key: 'name', header: t('pr.offer.col.name'), cell: (o) => o.name },
        { key: 'what', header: t('pr.offer.col.what'), cell: what },
        { key: 'who', header: t('pr.offer.col.who'), cell: who },
        { key: 'conditions', header: t('pr.offer.col.conditions'), className: 'muted', cell: conditions },
      ]}
      onNew={() => edit('new')}
      onEdit={edit}
      onDelete={(o) => void remove(o)}
    />
  );
}
