import { useState } from 'react';
import type { Product } from '../../../shared/contract/catalog';
import { formatMoney } from '../../../shared/money';
import { type MessageKey, useT } from '../../i18n';
import { useShell } from '../../lib/session';
import { type Column, DataTable } from '../../ui/DataTable';
import { SearchField, SelectField } from '../../ui/fields';
import { useApiPages } from '../../ui/query';
import { useDebounced } from '../../ui/useDebounced';

type Status = 'active' | 'inactive' | 'any';

/** Products by name, SKU or barcode (the catalog's way in to the product import). */
export function ProductsPanel({ onImport }: { onImport: (() => void) | null }) {
  const t = useT();
  const { store } = useShell();
  const [text, setText] = useState('');
  const [status, setStatus] = useState<Status>('active');
  const products = useApiPages('catalog', 'search', { text: useDebounced(text, 150), status, limit: 50 });
  const money = (n: number) => formatMoney(n, store?.currency ?? 'UGX', store?.locale ?? 'en');

  const columns: Column<Product>[] = [
    { key: 'name', header: t('cat.col.name'), cell: (p) => p.name },
    { key: 'sku', header: t('cat.col.sku'), className: 'mono', cell: (p) => p.sku ?? '' },
    { key: 'barcodes', header: t('cat.col.barcodes'), className: 'mono', cell: (p) => p.barcodes.join(', ') },
    { key: 'category', header: t('cat.col.category'), cell: (p) => p.categoryName ?? '' },
    { key: 'price', header: t('cat.col.price'), num: true, cell: (p) => money(p.price) },
    {
      key: 'stock',
      header: t('cat.col.stock'),
      num: true,
      cell: (p) => (
        <>
          {p.stockOnHandMilli / 1000}
          {p.unit !== 'piece' && ` ${t(`till.unit.${p.unit}` as MessageKey)}`}
        </>
      ),
    },
  ];

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
        <SearchField id="cat-search" label={t('cat.search')} value={text} autoFocus onChange={setText} />
        <SelectField
          id="cat-status"
          label={t('cat.status')}
          value={status}
          onChange={setStatus}
          options={(['active', 'inactive', 'any'] as const).map((s) => ({
            value: s,
            label: t(`cat.status.${s}` as MessageKey),
          }))}
        />
      </div>
      <DataTable
        rows={products.rows}
        columns={columns}
        rowKey={(p) => p.id}
        labelledBy="h-products"
        wrap
        empty={t('cat.none')}
        rowClassName={(p) => (p.active ? undefined : 'row-inactive')}
      />
      {products.more && (
        <button type="button" className="btn" onClick={products.more}>
          {t('cat.more')}
        </button>
      )}
    </div>
  );
}
