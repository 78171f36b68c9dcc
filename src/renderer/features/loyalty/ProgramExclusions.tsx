import { type KeyboardEvent, useEffect, useState } from 'react';
import type { Product } from '../../../shared/contract/catalog';
import { useT } from '../../i18n';
import { api } from '../../lib/api';
import { useShell } from '../../lib/session';
import { InlineError } from '../../ui/DialogParts';
import { CheckField, TextField } from '../../ui/fields';
import { useApiQuery } from '../../ui/query';

/**
 * What earns no points: product categories ticked here, and single products added by scanning or typing their barcode
 * or SKU (a shop has too many products for a list of checkboxes).
 */
export function ProgramExclusions({
  categoryIds,
  productIds,
  onChange,
}: {
  categoryIds: string[];
  productIds: string[];
  onChange: (next: { categoryIds: string[]; productIds: string[] }) => void;
}) {
  const t = useT();
  const { onError } = useShell();
  const categories = useApiQuery('catalog', 'categories', null).data ?? [];
  const [names, setNames] = useState<Record<string, string>>({});
  const [code, setCode] = useState('');
  const [problem, setProblem] = useState('');

  useEffect(() => {
    const missing = productIds.filter((id) => !(id in names));
    if (!missing.length) return;
    Promise.all(missing.map((id) => api.catalog.get({ id }).catch(() => null)))
      .then((found) =>
        setNames((n) => ({
          ...n,
          ...Object.fromEntries(missing.map((id, i) => [id, found[i]?.name ?? t('loy.prog.exclude.gone')])),
        })),
      )
      .catch(onError);
  }, [productIds, names, onError, t]);

  const toggle = (id: string, on: boolean) =>
    onChange({ productIds, categoryIds: on ? [...categoryIds, id] : categoryIds.filter((x) => x !== id) });

  const add = async (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    const text = code.trim();
    if (!text) return;
    try {
      const p: Product | null = await api.catalog.byBarcode({ code: text });
      if (!p) {
        setProblem(t('loy.prog.exclude.unknown', { code: text }));
        return;
      }
      setProblem('');
      setCode('');
      setNames((n) => ({ ...n, [p.id]: p.name }));
      if (!productIds.includes(p.id)) onChange({ categoryIds, productIds: [...productIds, p.id] });
    } catch (err) {
      onError(err);
    }
  };

  return (
    <fieldset className="card">
      <legend>{t('loy.prog.exclude')}</legend>
      {categories.length > 0 && (
        <fieldset className="form-row plain">
          <legend>{t('loy.prog.exclude.categories')}</legend>
          {categories.map((c) => (
            <CheckField
              key={c.id}
              id={`lp-ex-cat-${c.id}`}
              label={c.name}
              checked={categoryIds.includes(c.id)}
              onChange={(on) => toggle(c.id, on)}
            />
          ))}
        </fieldset>
      )}
      <TextField
        id="lp-ex-product"
        label={t('loy.prog.exclude.product')}
        value={code}
        onChange={setCode}
        onKeyDown={(e) => void add(e)}
      >
        <InlineError error={problem} />
      </TextField>
      {productIds.length > 0 && (
        <ul className="loy-excluded" aria-label={t('loy.prog.exclude.products')}>
          {productIds.map((id) => (
            <li key={id}>
              {names[id] ?? '…'}{' '}
              <button
                type="button"
                className="btn btn-ghost"
                onClick={() => onChange({ categoryIds, productIds: productIds.filter((x) => x !== id) })}
              >
                {t('loy.prog.exclude.remove', { name: names[id] ?? '' })}
              </button>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}
