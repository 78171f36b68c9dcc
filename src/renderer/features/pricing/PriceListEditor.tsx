import { useState } from 'react';
import type { PriceList, PriceListInput, PriceListItemView } from '../../../shared/contract/pricing';
import { CURRENCY_CODES, type CurrencyCode } from '../../../shared/money';
import { useT } from '../../i18n';
import { api } from '../../lib/api';
import { useShell } from '../../lib/session';
import { CheckField, SelectField, TextField } from '../../ui/fields';
import { useLoadedForm } from '../../ui/form';
import { useApiQuery } from '../../ui/query';
import { DateRangeFields } from '../../ui/ReportFrame';
import { blankFirst, rowOptions } from '../../ui/SelectFields';
import { CategoryChecklist } from './CategoryChecklist';
import { amountOf, amountText, daysOf, daysText, percentBpOf, percentText, qtyMilliOf, qtyText } from './inputs';
import { ProductPicker } from './ProductPicker';
import { RuleEditorFooter } from './RuleEditorFooter';
import { type Collected, useRuleEditor } from './useRuleEditor';
import type { RuleEditorContext } from './useRulesList';
import './pricing.css';
import { TableHead } from '../../ui/DataTable';

interface PriceRow {
  key: number;
  productId: string;
  productName: string;
  sku: string | null;
  price: string;
  minQty: string;
}
interface RuleRow {
  key: number;
  /** '' = every product */
  categoryId: string;
  percent: string;
  minQty: string;
}

let nextKey = 1;
const NO_ITEMS: PriceListItemView[] = [];

/** Creates or edits one price list: dates, product prices with quantity breaks, percentage rules, who gets it. */
export function PriceListEditor({ list, ...context }: { list: PriceList | null } & RuleEditorContext<PriceList>) {
  const { customerCategories, productCategories, onSaved, onClose } = context;
  const t = useT();
  const { store } = useShell();
  const storeCurrency: CurrencyCode = store?.currency ?? 'UGX';
  const locale = store?.locale ?? 'en';
  const [name, setName] = useState(list?.name ?? '');
  const [currency, setCurrency] = useState<CurrencyCode>((list?.currency as CurrencyCode) ?? storeCurrency);
  const [days, setDays] = useState(() => daysText(list?.validFrom ?? null, list?.validTo ?? null));
  const [active, setActive] = useState(list?.active ?? true);
  // an existing list's prices and rules as read, then as edited here; a new list starts with none
  const items = useApiQuery('pricing', 'listItems', { id: list?.id ?? '' }, { enabled: !!list }).data;
  const cur = (list?.currency as CurrencyCode) ?? storeCurrency;
  const loaded = useLoadedForm(list ? items : NO_ITEMS, (all) => ({
    prices: all.filter((i) => i.kind === 'fixed').map((i) => priceRow(i, cur)),
    rules: all
      .filter((i) => i.kind === 'percent_off')
      .map((i) => ({
        key: nextKey++,
        categoryId: i.categoryId ?? '',
        percent: percentText(i.bp),
        minQty: qtyText(i.minQtyMilli),
      })),
  }));
  const { prices, rules } = loaded.form ?? { prices: [], rules: [] };
  const setPrices = (update: (rows: PriceRow[]) => PriceRow[]) => loaded.setForm({ rules, prices: update(prices) });
  const setRules = (update: (rows: RuleRow[]) => RuleRow[]) => loaded.setForm({ prices, rules: update(rules) });
  const [assigned, setAssigned] = useState<Set<string>>(new Set(list?.categoryIds ?? []));

  const setPrice = (key: number, patch: Partial<PriceRow>) =>
    setPrices((rows) => rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const setRule = (key: number, patch: Partial<RuleRow>) =>
    setRules((rows) => rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));

  /** The form as the contract takes it, or the rows that need fixing. */
  const collect = (): Collected<PriceListInput> => {
    const out: string[] = [];
    const items: NonNullable<PriceListInput['items']> = [];
    for (const r of prices) {
      const price = amountOf(r.price, currency, locale);
      const minQtyMilli = qtyMilliOf(r.minQty);
      if (price === null) out.push(t('pr.list.badPrice', { name: r.productName, value: r.price }));
      if (minQtyMilli === null) out.push(t('pr.list.badQty', { name: r.productName, value: r.minQty }));
      if (price !== null && minQtyMilli !== null)
        items.push({ productId: r.productId, kind: 'fixed', price, minQtyMilli });
    }
    for (const r of rules) {
      const bp = percentBpOf(r.percent);
      const minQtyMilli = qtyMilliOf(r.minQty);
      const target = productCategories.find((c) => c.id === r.categoryId)?.name ?? t('pr.allProducts');
      if (bp === null) out.push(t('pr.list.badPercent', { name: target, value: r.percent }));
      if (minQtyMilli === null) out.push(t('pr.list.badQty', { name: target, value: r.minQty }));
      if (bp !== null && minQtyMilli !== null)
        items.push({ categoryId: r.categoryId || null, kind: 'percent_off', bp, minQtyMilli });
    }
    if (!name.trim()) out.push(t('pr.list.nameNeeded'));
    const when = daysOf(days);
    if (!when) out.push(t('pr.badDate'));
    if (out.length) return { problems: out };
    return {
      input: { name: name.trim(), currency, validFrom: when?.start ?? null, validTo: when?.end ?? null, active, items },
    };
  };

  // the list first, then the categories that gain or lose it, then the list again with its new category ids
  const persist = async (input: PriceListInput) => {
    const saved = list
      ? await api.pricing.updateList({ id: list.id, list: input })
      : await api.pricing.createList(input);
    const before = new Set(list?.categoryIds ?? []);
    for (const cat of customerCategories) {
      const want = assigned.has(cat.id);
      if (want !== before.has(cat.id))
        await api.pricing.assignToCategory({ categoryId: cat.id, priceListId: want ? saved.id : null });
    }
    return api.pricing.getList({ id: saved.id });
  };
  const { problems, busy, save } = useRuleEditor({ collect, persist, savedKey: 'pr.list.saved', onSaved });

  const title = list ? t('pr.list.editTitle', { name: list.name }) : t('pr.list.newTitle');
  return (
    <form className="card pr-editor" onSubmit={save} aria-labelledby="h-pr-list">
      <h2 id="h-pr-list">{title}</h2>
      <div className="grid-3">
        <TextField id="pl-name" label={t('pr.list.name')} required value={name} onChange={setName} />
        <SelectField
          id="pl-currency"
          label={t('pr.currency')}
          value={currency}
          onChange={setCurrency}
          options={CURRENCY_CODES.map((c) => ({ value: c, label: c }))}
        />
        <CheckField id="pl-active" label={t('pr.active')} checked={active} onChange={setActive} />
        <DateRangeFields idPrefix="pl" labels={[t('pr.validFrom'), t('pr.validTo')]} value={days} onChange={setDays} />
      </div>
      {currency !== storeCurrency && <p className="notice">{t('pr.list.otherCurrency', { currency })}</p>}

      <h3 id="h-pl-prices">{t('pr.list.prices')}</h3>
      <p className="muted">{t('pr.list.pricesHelp')}</p>
      {prices.length > 0 && (
        <table className="table pr-items" aria-labelledby="h-pl-prices">
          <TableHead
            cells={[t('pr.product'), t('pr.fromQty'), t('pr.price'), t('pr.actions')]}
            num={[1, 2]}
            srOnly={[3]}
          />
          <tbody>
            {prices.map((r) => (
              <tr key={r.key}>
                <td>
                  {r.productName}
                  {r.sku && <span className="muted"> · {r.sku}</span>}
                </td>
                <td className="num">
                  <input
                    className="pr-num"
                    inputMode="decimal"
                    aria-label={t('pr.list.qtyFor', { name: r.productName })}
                    placeholder="1"
                    value={r.minQty}
                    onChange={(e) => setPrice(r.key, { minQty: e.target.value })}
                  />
                </td>
                <td className="num">
                  <input
                    className="pr-num"
                    inputMode="decimal"
                    aria-label={t('pr.list.priceFor', { name: r.productName, qty: r.minQty || '1' })}
                    value={r.price}
                    onChange={(e) => setPrice(r.key, { price: e.target.value })}
                  />
                </td>
                <td>
                  <div className="row-actions">
                    <button
                      type="button"
                      className="btn btn-sm btn-ghost"
                      onClick={() =>
                        setPrices((rows) => {
                          const at = rows.findIndex((x) => x.key === r.key);
                          const copy = { ...r, key: nextKey++, minQty: '', price: '' };
                          return [...rows.slice(0, at + 1), copy, ...rows.slice(at + 1)];
                        })
                      }
                    >
                      {t('pr.list.addBreak')}
                      <span className="sr-only"> {r.productName}</span>
                    </button>
                    <button
                      type="button"
                      className="btn btn-sm btn-ghost"
                      aria-label={t('pr.removeFor', { name: r.productName })}
                      onClick={() => setPrices((rows) => rows.filter((x) => x.key !== r.key))}
                    >
                      ×
                    </button>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <ProductPicker
        id="pl-add-product"
        label={t('pr.list.addProduct')}
        onPick={(p) =>
          setPrices((rows) => [
            ...rows,
            {
              key: nextKey++,
              productId: p.id,
              productName: p.name,
              sku: p.sku,
              price: amountText(p.price, currency),
              minQty: '',
            },
          ])
        }
      />

      <h3 id="h-pl-rules">{t('pr.list.rules')}</h3>
      <p className="muted">{t('pr.list.rulesHelp')}</p>
      {rules.map((r) => {
        const target = productCategories.find((c) => c.id === r.categoryId)?.name ?? t('pr.allProducts');
        return (
          <div key={r.key} className="pr-rule">
            <SelectField
              id={`pl-rule-cat-${r.key}`}
              label={t('pr.list.ruleFor')}
              value={r.categoryId}
              onChange={(categoryId) => setRule(r.key, { categoryId })}
              options={blankFirst(t('pr.allProducts'), rowOptions(productCategories))}
            />
            <TextField
              id={`pl-rule-pct-${r.key}`}
              label={t('pr.list.percentOff', { name: target })}
              inputMode="decimal"
              value={r.percent}
              onChange={(v) => setRule(r.key, { percent: v })}
            />
            <TextField
              id={`pl-rule-qty-${r.key}`}
              label={t('pr.list.ruleQty', { name: target })}
              inputMode="decimal"
              placeholder="1"
              value={r.minQty}
              onChange={(v) => setRule(r.key, { minQty: v })}
            />
            <button
              type="button"
              className="btn btn-sm btn-ghost"
              aria-label={t('pr.removeFor', { name: target })}
              onClick={() => setRules((rows) => rows.filter((x) => x.key !== r.key))}
            >
              ×
            </button>
          </div>
        );
      })}
      <button
        type="button"
        className="btn btn-sm"
        onClick={() => setRules((rows) => [...rows, { key: nextKey++, categoryId: '', percent: '', minQty: '' }])}
      >
        {t('pr.list.addRule')}
      </button>

      <CategoryChecklist
        legend={t('pr.list.assign')}
        categories={customerCategories}
        checked={assigned}
        onChange={setAssigned}
        note={(c) =>
          c.priceListId && c.priceListId !== list?.id && <span className="muted"> {t('pr.list.hasOther')}</span>
        }
      >
        <p className="muted">{t('pr.list.ownListHelp')}</p>
      </CategoryChecklist>

      <RuleEditorFooter problems={problems} busy={busy} saveLabel={t('pr.list.save')} onClose={onClose} />
    </form>
  );
}

function priceRow(i: PriceListItemView, currency: CurrencyCode): PriceRow {
  return {
    key: nextKey++,
    productId: i.productId ?? '',
    productName: i.productName ?? '?',
    sku: i.productSku,
    price: amountText(i.price, currency),
    minQty: qtyText(i.minQtyMilli),
  };
}
