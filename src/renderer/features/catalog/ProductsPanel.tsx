import { useEffect, useState } from 'react';
import type { Product } from '../../../shared/contract/catalog';
import { formatMoney } from '../../../shared/money';
import { type MessageKey, useT } from '../../i18n';
import { api } from '../../lib/api';
import { useShell } from '../../lib/session';

/** Products by name, SKU or barcode (the catalog's way in to the product import). */
export function ProductsPanel({ onImport }: { onImport: (() => void) | null }) {
  const t = useT();
  const { onError, store } = useShell();
  const [text, setText] = useState('');
  const [status, setStatus] = useState<'active' | 'inactive' | 'any'>('active');
  const [rows, setRows] = useState<Product[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const money = (n: number) => formatMoney(n, store?.currency ?? 'UGX', store?.locale ?? 'en');

  useEffect(() => {
    const timer = setTimeout(() => {
      api.catalog
        .search({ text, status, limit: 50 })
        .then((p) => {
          setRows(p.rows);
          setNext(p.nextCursor);
        })
        .catch(onError);
    }, 150);
    return () => clearTimeout(timer);
  }, [text, status, onError]);

  const more = async () => {
    if (!next) return;
    try {
      const p = await api.catalog.search({ text, status, limit: 50, cursor: next });
      setRows((r) => [...(r ?? []), ...p.rows]);
      setNext(p.nextCursor);
    } catch (e) {
      onError(e);
    }
  };

  return (
    <div className="card">
      <div className="section-head">
        <h2 id="h-products">{t('cat.products')}</h2>
        {onImport && (
          <div className="row-actions">
            <button type="button" className="btn" onClick={onImport}>
              {t('cat.import')}
            </button>
          </div>
        )}
      </div>
      <div className="filters">
        <div className="field">
          <label htmlFor="cat-search">{t('cat.search')}</label>
          <input id="cat-search" type="search" value={text} autoFocus onChange={(e) => setText(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="cat-status">{t('cat.status')}</label>
          <select id="cat-status" value={status} onChange={(e) => setStatus(e.target.value as typeof status)}>
            {(['active', 'inactive', 'any'] as const).map((s) => (
              <option key={s} value={s}>
                {t(`cat.status.${s}` as MessageKey)}
              </option>
            ))}
          </select>
        </div>
      </div>
      {rows && rows.length === 0 && <p className="muted">{t('cat.none')}</p>}
      {rows && rows.length > 0 && (
        <div className="table-wrap">
          <table className="table" aria-labelledby="h-products">
            <thead>
              <tr>
                <th scope="col">{t('cat.col.name')}</th>
                <th scope="col">{t('cat.col.sku')}</th>
                <th scope="col">{t('cat.col.barcodes')}</th>
                <th scope="col">{t('cat.col.category')}</th>
                <th scope="col" className="num">
                  {t('cat.col.price')}
                </th>
                <th scope="col" className="num">
                  {t('cat.col.stock')}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((p) => (
                <tr key={p.id} className={p.active ? '' : 'row-inactive'}>
                  <td>{p.name}</td>
                  <td className="mono">{p.sku ?? ''}</td>
                  <td className="mono">{p.barcodes.join(', ')}</td>
                  <td>{p.categoryName ?? ''}</td>
                  <td className="num">{money(p.price)}</td>
                  <td className="num">
                    {p.stockOnHandMilli / 1000}
                    {p.unit !== 'piece' && ` ${t(`till.unit.${p.unit}` as MessageKey)}`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {next && (
        <button type="button" className="btn" onClick={() => void more()}>
          {t('cat.more')}
        </button>
      )}
    </div>
  );
}
