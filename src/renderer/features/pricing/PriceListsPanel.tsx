import type { PriceList } from '../../../shared/contract/pricing';
import { useT } from '../../i18n';
import { api } from '../../lib/api';
import { downloadBase64 } from '../../lib/download';
import { useShell } from '../../lib/session';
import { PriceListEditor } from './PriceListEditor';
import { RowButton, RulesListPanel } from './RulesListPanel';
import { type RulesSource, useRulesList } from './useRulesList';

const PRICE_LISTS: RulesSource<PriceList> = {
  fetch: () => api.pricing.lists(null),
  remove: (id) => api.pricing.deleteList({ id }),
  confirmDelete: 'pr.list.confirmDelete',
  deleted: 'pr.list.deleted',
};

/** The shop's price lists, who gets each, and the editor for one. */
export function PriceListsPanel({ onImport }: { onImport?: (list: PriceList) => void }) {
  const t = useT();
  const { onError, store } = useShell();
  const { rules, customerCategories, remove, edit, editor } = useRulesList(PRICE_LISTS);

  const dates = (l: PriceList) => {
    const f = new Intl.DateTimeFormat(store?.locale ?? 'en', { dateStyle: 'medium' });
    if (l.validFrom === null && l.validTo === null) return t('pr.always');
    return `${l.validFrom !== null ? f.format(l.validFrom) : '…'} – ${l.validTo !== null ? f.format(l.validTo) : '…'}`;
  };

  const exportList = async (l: PriceList, format: 'xlsx' | 'csv') => {
    try {
      const f = await api.pricing.exportList({ id: l.id, format });
      downloadBase64(f.fileName, f.mimeType, f.base64);
    } catch (e) {
      onError(e);
    }
  };

  if (editor) return <PriceListEditor key={editor.key} list={editor.rule} {...editor.context} />;

  const catNames = (l: PriceList) =>
    l.categoryIds.map((id) => customerCategories.find((c) => c.id === id)?.name ?? '?').join(', ');

  return (
    <RulesListPanel
      headingId="h-pr-lists"
      title={t('pr.lists')}
      newLabel={t('pr.list.new')}
      emptyText={t('pr.list.none')}
      rules={rules}
      columns={[
        { key: 'name', header: t('pr.list.name'), cell: (l) => l.name },
        { key: 'currency', header: t('pr.currency'), cell: (l) => l.currency },
        { key: 'valid', header: t('pr.valid'), cell: dates },
        { key: 'items', header: t('pr.list.items'), num: true, cell: (l) => l.items.length },
        {
          key: 'givenTo',
          header: t('pr.list.givenTo'),
          cell: (l) => (
            <>
              {catNames(l)}
              {l.customerCount > 0 && (
                <span className="muted">
                  {catNames(l) ? ' · ' : ''}
                  {t('pr.list.customers', { n: l.customerCount })}
                </span>
              )}
            </>
          ),
        },
      ]}
      extraActions={(l) => (
        <>
          {onImport && <RowButton label={t('pr.list.import')} name={l.name} onClick={() => onImport(l)} />}
          <RowButton label={t('pr.list.exportXlsx')} name={l.name} onClick={() => void exportList(l, 'xlsx')} />
          <RowButton label={t('pr.list.exportCsv')} name={l.name} onClick={() => void exportList(l, 'csv')} />
        </>
      )}
      onNew={() => edit('new')}
      onEdit={edit}
      onDelete={(l) => void remove(l)}
    />
  );
}
