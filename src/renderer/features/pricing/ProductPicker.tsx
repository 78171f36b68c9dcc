import { type KeyboardEvent, useState } from 'react';
import type { Product } from '../../../shared/contract/catalog';
import { useT } from '../../i18n';
import { api } from '../../lib/api';
import { useShell } from '../../lib/session';

/**
 * Finds a product by scan, SKU or name: Enter takes an exact barcode/SKU at once (a scanner ends with Enter),
 * otherwise the matches show as buttons to pick from.
 */
export function ProductPicker({ id, label, onPick }: { id: string; label: string; onPick: (p: Product) => void }) {
  const t = useT();
  const { onError } = useShell();
  const [text, setText] = useState('');
  const [found, setFound] = useState<Product[] | null>(null);

  const take = (p: Product) => {
    onPick(p);
    setText('');
    setFound(null);
  };

  const find = async () => {
    const q = text.trim();
    if (!q) return;
    try {
      const exact = /^[\x21-\x7e]{1,64}$/.test(q) ? await api.catalog.byBarcode({ code: q }) : null;
      if (exact) return take(exact);
      const page = await api.catalog.search({ text: q, status: 'active', limit: 8 });
      if (page.rows.length === 1 && page.rows[0]) return take(page.rows[0]);
      setFound(page.rows);
    } catch (e) {
      onError(e);
    }
  };

  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      void find();
    } else if (e.key === 'Escape') setFound(null);
  };

  return (
    <div className="pr-picker">
      <div className="field">
        <label htmlFor={id}>{label}</label>
        <div className="pr-picker-row">
          <input
            id={id}
            value={text}
            placeholder={t('pr.pick.placeholder')}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={onKey}
          />
          <button type="button" className="btn btn-sm" onClick={() => void find()}>
            {t('pr.pick.find')}
          </button>
        </div>
      </div>
      {found && (
        <ul className="pr-found" aria-label={t('pr.pick.results')}>
          {found.length === 0 && <li className="muted">{t('pr.pick.none')}</li>}
          {found.map((p) => (
            <li key={p.id}>
              <button type="button" className="btn btn-sm btn-ghost" onClick={() => take(p)}>
                {p.name}
                {p.sku && <span className="muted"> · {p.sku}</span>}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
