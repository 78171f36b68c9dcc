import { useState } from 'react';
import type { Product } from '../../../shared/contract/catalog';
import type { Offer, OfferInput } from '../../../shared/contract/pricing';
import type { CurrencyCode } from '../../../shared/money';
import { useT } from '../../i18n';
import { api } from '../../lib/api';
import { useShell } from '../../lib/session';
import { CheckField, SelectField, TextField } from '../../ui/fields';
import { useForm } from '../../ui/form';
import { useApiQuery } from '../../ui/query';
import { DateRangeFields } from '../../ui/ReportFrame';
import { CategoryChecklist } from './CategoryChecklist';
import { amountOf, amountText, daysOf, daysText, percentBpOf, percentText, qtyMilliOf, qtyText } from './inputs';
import { ProductPicker } from './ProductPicker';
import { RuleEditorFooter } from './RuleEditorFooter';
import { type Collected, useRuleEditor } from './useRuleEditor';
import type { RuleEditorContext } from './useRulesList';
import './pricing.css';
import { blankFirst, namedOptions, rowOptions } from '../../ui/SelectFields';

const words = (s: string) =>
  s
    .split(',')
    .map((w) => w.trim())
    .filter(Boolean);

/** Creates or edits a segment offer: what it takes off, on what, for whom, when, how often. */
export function OfferEditor({ offer, ...context }: { offer: Offer | null } & RuleEditorContext<Offer>) {
  const { customerCategories, productCategories, onSaved, onClose } = context;
  const t = useT();
  const { store } = useShell();
  const currency: CurrencyCode = store?.currency ?? 'UGX';
  const locale = store?.locale ?? 'en';
  const { form, put, bind, check } = useForm(() => ({
    name: offer?.name ?? '',
    kind: offer?.kind ?? ('percent' as Offer['kind']),
    value: offer ? (offer.kind === 'percent' ? percentText(offer.value) : amountText(offer.value, currency)) : '',
    scope: offer?.scope ?? ('product' as Offer['scope']),
    categoryId: offer?.scope === 'category' ? (offer.targetId ?? '') : '',
    minSpend: amountText(offer?.minSpend ?? null, currency),
    minQty: qtyText(offer?.minQtyMilli ?? null),
    cats: new Set(offer?.eligibleCategories ?? []),
    tags: (offer?.eligibleTags ?? []).join(', '),
    tiers: (offer?.eligibleTiers ?? []).join(', '),
    days: daysText(offer?.startsAt ?? null, offer?.endsAt ?? null),
    limit: offer?.perCustomerLimit ? String(offer.perCustomerLimit) : '',
    stackable: offer?.stackable ?? false,
    active: offer?.active ?? true,
  }));
  const { name, kind, value, scope, categoryId, minSpend, minQty, cats, tags, tiers, days, limit, stackable, active } =
    form;
  // the product an offer on one product names: read from the catalog until another is picked
  const [picked, setProduct] = useState<Pick<Product, 'id' | 'name'> | null>(null);
  const targetId = offer?.scope === 'product' ? offer.targetId : null;
  const current = useApiQuery('catalog', 'get', { id: targetId ?? '' }, { enabled: !!targetId });
  const product = picked ?? (current.data ? { id: current.data.id, name: current.data.name } : null);

  const collect = (): Collected<OfferInput> => {
    const out: string[] = [];
    const v = kind === 'percent' ? percentBpOf(value) : amountOf(value, currency, locale);
    if (v === null || v === 0) out.push(t(kind === 'percent' ? 'pr.offer.badPercent' : 'pr.offer.badAmount'));
    const spend = minSpend.trim() ? amountOf(minSpend, currency, locale) : null;
    if (minSpend.trim() && spend === null) out.push(t('pr.offer.badSpend'));
    const qty = qtyMilliOf(minQty);
    if (qty === null) out.push(t('pr.offer.badQty'));
    const n = limit.trim() ? Number(limit) : null;
    if (n !== null && !(Number.isInteger(n) && n > 0)) out.push(t('pr.offer.badLimit'));
    const targetId = scope === 'product' ? (product?.id ?? null) : scope === 'category' ? categoryId || null : null;
    if (scope !== 'order' && !targetId)
      out.push(t(scope === 'product' ? 'pr.offer.needProduct' : 'pr.offer.needCategory'));
    if (!name.trim()) out.push(t('pr.offer.nameNeeded'));
    const when = daysOf(days);
    if (!when) out.push(t('pr.badDate'));
    if (out.length) return { problems: out };
    return {
      input: {
        name: name.trim(),
        kind,
        value: v as number,
        scope,
        targetId,
        minSpend: spend,
        minQtyMilli: qty ? qty : null,
        eligibleCategories: [...cats],
        eligibleTags: words(tags),
        eligibleTiers: words(tiers),
        startsAt: when?.start ?? null,
        endsAt: when?.end ?? null,
        perCustomerLimit: n,
        stackable,
        active,
      },
    };
  };

  const { problems, busy, save } = useRuleEditor({
    collect,
    persist: (input: OfferInput) =>
      offer ? api.pricing.updateOffer({ id: offer.id, offer: input }) : api.pricing.createOffer(input),
    savedKey: 'pr.offer.saved',
    onSaved,
  });

  return (
    <form className="card pr-editor" onSubmit={save} aria-labelledby="h-pr-offer">
      <h2 id="h-pr-offer">{offer ? t('pr.offer.editTitle', { name: offer.name }) : t('pr.offer.newTitle')}</h2>
      <div className="grid-3">
        <TextField id="of-name" label={t('pr.offer.name')} required {...bind('name')} />
        <SelectField
          id="of-kind"
          label={t('pr.offer.kind')}
          value={kind}
          onChange={(v) => put('kind', v)}
          options={namedOptions(t, 'pr.offer.kind', ['percent', 'amount'] as const)}
        />
        <TextField
          id="of-value"
          label={t(
            kind === 'percent' ? 'pr.offer.percent' : scope === 'order' ? 'pr.offer.amountOrder' : 'pr.offer.amount',
            { currency },
          )}
          inputMode="decimal"
          {...bind('value')}
        />
        <SelectField
          id="of-scope"
          label={t('pr.offer.scope')}
          value={scope}
          onChange={(v) => put('scope', v)}
          options={namedOptions(t, 'pr.offer.scope', ['product', 'category', 'order'] as const)}
        />
        {scope === 'category' && (
          <SelectField
            id="of-category"
            label={t('pr.offer.category')}
            options={blankFirst(t('pr.offer.chooseCategory'), rowOptions(productCategories))}
            {...bind('categoryId')}
          />
        )}
        <TextField
          id="of-min-spend"
          label={t('pr.offer.minSpend', { currency })}
          inputMode="decimal"
          {...bind('minSpend')}
        />
        <TextField id="of-min-qty" label={t('pr.offer.minQty')} inputMode="decimal" {...bind('minQty')} />
      </div>
      {scope === 'product' && (
        <div className="pr-target">
          <p>
            {t('pr.offer.product')}:{' '}
            <strong data-testid="offer-product">{product?.name ?? t('pr.offer.noProduct')}</strong>
          </p>
          <ProductPicker id="of-product" label={t('pr.offer.pickProduct')} onPick={(p) => setProduct(p)} />
        </div>
      )}
      {scope === 'order' && <p className="muted">{t('pr.offer.orderHelp')}</p>}

      <CategoryChecklist
        legend={t('pr.offer.who')}
        categories={customerCategories}
        checked={cats}
        onChange={(update) => put('cats', update(cats))}
      >
        <div className="grid-2">
          <TextField id="of-tags" label={t('pr.offer.tags')} {...bind('tags')} />
          <TextField id="of-tiers" label={t('pr.offer.tiers')} {...bind('tiers')} />
        </div>
        <p className="muted">{t('pr.offer.whoHelp')}</p>
      </CategoryChecklist>

      <div className="grid-3">
        <DateRangeFields
          idPrefix="of"
          labels={[t('pr.offer.from'), t('pr.offer.to')]}
          value={days}
          onChange={(v) => put('days', v)}
        />
        <TextField id="of-limit" label={t('pr.offer.limit')} inputMode="numeric" {...bind('limit')} />
        <CheckField id="of-stackable" label={t('pr.offer.stackable')} {...check('stackable')} />
        <CheckField id="of-active" label={t('pr.active')} {...check('active')} />
      </div>

      <RuleEditorFooter problems={problems} busy={busy} saveLabel={t('pr.offer.save')} onClose={onClose} />
    </form>
  );
}
