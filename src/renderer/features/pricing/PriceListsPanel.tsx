import { useCallback, useEffect, useState } from 'react';
import type { ProductCategory } from '../../../shared/contract/catalog';
import type { Category } from '../../../shared/contract/customers';
import type { PriceList } from '../../../shared/contract/pricing';
import { useT } from '../../i18n';
import { api } from '../../lib/api';
import { downloadBase64 } from '../../lib/download';
import { useShell } from '../../lib/session';
import { useToast } from '../../ui/toast';
import { PriceListEditor } from './PriceListEditor';

/** The shop's price lists, who gets each, and the editor for one. */
export function PriceListsPanel({ onImport }: { onImport?: (list: PriceList) => void }) {
  const t = useT();
  const { onError, store } = useShell();
  const toast = useToast();
  const [lists, setLists] = useState<PriceList[] | null>(null);
  const [editing, setEditing] = useState<PriceList | 'new' | null>(null);
  const [customerCategories, setCustomerCategories] = useState<Category[]>([]);
  const [productCategories, setProductCategories] = useState<ProductCategory[]>([]);

  const load = useCallback(() => {
    api.pricing.lists(null).then(setLists).catch(onError);
    api.customers.categories(null).then(setCustomerCategories).catch(onError);
    api.catalog.categories(null).then(setProductCategories).catch(onError);
  }, [onError]);
  useEffect(load, [load]);

  const dates = (l: PriceList) => {
    const f = new Intl.DateTimeFormat(store?.locale ?? 'en', { dateStyle: 'medium' });
    if (l.validFrom === null && l.validTo === null) return t('pr.always');
    return `${l.validFrom !== null ? f.format(l.validFrom) : '…'} – ${l.validTo !== null ? f.format(l.validTo) : '…'}`;
  };

  const remove = async (l: PriceList) => {
    if (!window.confirm(t('pr.list.confirmDelete', { name: l.name }))) return;
    try {
      await api.pricing.deleteList({ id: l.id });
      toast.success(t('pr.list.deleted', { name: l.name }));
      load();
    } catch (e) {
      onError(e);
    }
  };

  const exportList = async (l: PriceList, format: 'xlsx' | 'csv') => {
    try {
      const f = await api.pricing.exportList({ id: l.id, format });
      downloadBase64(f.fileName, f.mimeType, f.base64);
    } catch (e) {
      onError(e);
    }
  };

  if (editing)
    return (
      <PriceListEditor
        key={editing === 'new' ? 'new' : editing.id}
        list={editing === 'new' ? null : editing}
        customerCategories={customerCategories}
        productCategories={productCategories}
        onSaved={(l) => {
          setEditing(l);
          load();
        }}
        onClose={() => {
          setEditing(null);
          load();
        }}
      />
    );

  const catNames = (l: PriceList) =>
    l.categoryIds.map((id) => customerCategories.find((c) => c.id === id)?.name ?? '?').join(', ');

  return (
    <div className="card">
      <div className="section-head">
        <h2 id="h-pr-lists">{t('pr.lists')}</h2>
        <div className="row-actions">
          <button type="button" className="btn btn-primary" onClick={() => setEditing('new')}>
            {t('pr.list.new')}
          </button>
        </div>
      </div>
      {lists && lists.length === 0 && <p className="muted">{t('pr.list.none')}</p>}
      {lists && lists.length > 0 && (
        <table className="table" aria-labelledby="h-pr-lists">
          <thead>
            <tr>
              <th scope="col">{t('pr.list.name')}</th>
              <th scope="col">{t('pr.currency')}</th>
              <th scope="col">{t('pr.valid')}</th>
              <th scope="col" className="num">
                {t('pr.list.items')}
              </th>
              <th scope="col">{t('pr.list.givenTo')}</th>
              <th scope="col">{t('pr.status')}</th>
              <th scope="col">
                <span className="sr-only">{t('pr.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {lists.map((l) => (
              <tr key={l.id} className={l.active ? '' : 'row-inactive'}>
                <td>{l.name}</td>
                <td>{l.currency}</td>
                <td>{dates(l)}</td>
                <td className="num">{l.items.length}</td>
                <td>
                  {catNames(l)}
                  {l.customerCount > 0 && (
                    <span className="muted">
                      {catNames(l) ? ' · ' : ''}
                      {t('pr.list.customers', { n: l.customerCount })}
                    </span>
                  )}
                </td>
                <td>
                  <span className={`pill ${l.active ? 'pill-ok' : 'pill-off'}`}>
                    {l.active ? t('pr.active') : t('pr.inactive')}
                  </span>
                </td>
                <td>
                  <div className="row-actions">
                    <button type="button" className="btn btn-sm" onClick={() => setEditing(l)}>
                      {t('common.edit')}
                      <span className="sr-only"> {l.name}</span>
                    </button>
                    {onImport && (
                      <button type="button" className="btn btn-sm" onClick={() => onImport(l)}>
                        {t('pr.list.import')}
                        <span className="sr-only"> {l.name}</span>
                      </button>
                    )}
                    <button type="button" className="btn btn-sm" onClick={() => void exportList(l, 'xlsx')}>
                      {t('pr.list.exportXlsx')}
                      <span className="sr-only"> {l.name}</span>
                    </button>
                    <button type="button" className="btn btn-sm" onClick={() => void exportList(l, 'csv')}>
                      {t('pr.list.exportCsv')}
                      <span className="sr-only"> {l.name}</span>
                    </button>
                    <button type="button" className="btn btn-sm btn-danger" onClick={() => void remove(l)}>
                      {t('pr.delete')}
                      <span className="sr-only"> {l.name}</span>
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
