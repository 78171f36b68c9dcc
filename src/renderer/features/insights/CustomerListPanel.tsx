import { useState } from 'react';
import type { CustomerListSource, ListedCustomer } from '../../../shared/contract/insights-files';
import { parseMoney } from '../../../shared/money';
import { useT } from '../../i18n';
import { api } from '../../lib/api';
import { useShell } from '../../lib/session';
import { type Column, DataTable } from '../../ui/DataTable';
import { EscButton, InlineError } from '../../ui/DialogParts';
import { ExportButtons } from '../../ui/ExportButtons';
import { TextField } from '../../ui/fields';
import { useShopFormat } from '../../ui/format';
import { useApiMutation, useApiQuery } from '../../ui/query';
import { FilterBar } from '../../ui/ReportFrame';
import { useToast } from '../../ui/toast';
import { BulkSendDialog } from '../messaging/BulkSendDialog';
import { CustomerLink, dayText, ReportState } from './common';

/**
 * Exactly the customers of a report's rows or of a segment, optionally only those who spent more than an amount:
 * each opens the customer page; the list exports, and can be tagged at once so an offer eligible by that tag (Pricing)
 * reaches them.
 */
export function CustomerListPanel({
  source,
  title,
  onBack,
  onOpenCustomer,
}: {
  source: CustomerListSource;
  title: string;
  onBack: () => void;
  onOpenCustomer: (id: string) => void;
}) {
  const t = useT();
  const f = useShopFormat();
  const toast = useToast();
  const { can } = useShell();
  const [above, setAbove] = useState('');
  const [spentMoreThan, setSpentMoreThan] = useState<number | undefined>(undefined);
  const [aboveError, setAboveError] = useState<string | null>(null);
  const [tag, setTag] = useState('');
  const [sending, setSending] = useState(false);
  const list = { source, spentMoreThan };
  const q = useApiQuery('insights', 'customerList', list, { keepPrevious: true });
  const tagAll = useApiMutation('customers', 'tagMany', {
    invalidates: ['insights', 'customers'],
    onSuccess: (r, input) => {
      toast.success(t('ins.list.tagged', { count: r.tagged, tag: input.tag }));
      setTag('');
    },
  });
  const rows = q.data?.customers;
  const columns: Column<ListedCustomer>[] = [
    {
      key: 'name',
      header: t('ins.col.customer'),
      cell: (c) => <CustomerLink id={c.id} name={c.name} onOpen={onOpenCustomer} />,
    },
    { key: 'phone', header: t('ins.col.phone'), className: 'nowrap', cell: (c) => c.phone ?? '' },
    { key: 'spend', header: t('ins.col.spendIn', { currency: f.currency }), num: true, cell: (c) => f.plain(c.spend) },
    {
      key: 'last',
      header: t('ins.col.lastPurchase'),
      num: true,
      cell: (c) => (c.lastPurchaseAt ? dayText(f.date, c.lastPurchaseAt) : ''),
    },
    { key: 'tags', header: t('ins.col.tags'), cell: (c) => c.tags.join(', ') },
  ];
  const applyAbove = () => {
    if (!above.trim()) {
      setAboveError(null);
      return setSpentMoreThan(undefined);
    }
    try {
      const minor = parseMoney(above, f.currency, f.locale);
      if (minor < 0) throw new Error('negative');
      setAboveError(null);
      setSpentMoreThan(minor);
    } catch {
      setAboveError(t('ins.list.badAmount'));
    }
  };
  return (
    <section
      className="debt-panel ins-panel"
      aria-labelledby="ins-list-h"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !e.defaultPrevented) {
          e.preventDefault();
          onBack();
        }
      }}
    >
      <div className="debt-bar">
        <h2 className="debt-h2" id="ins-list-h">
          {spentMoreThan === undefined
            ? t('ins.list.title', { name: title })
            : t('ins.list.titleAbove', { name: title, amount: f.money(spentMoreThan) })}
        </h2>
        <EscButton label={t('ins.back')} onClick={onBack} />
      </div>
      <FilterBar className="debt-filters" onApply={applyAbove}>
        <TextField
          id="ins-list-above"
          label={t('ins.list.spentMoreThan', { currency: f.currency })}
          inputMode="decimal"
          value={above}
          onChange={setAbove}
        />
        <button type="submit" className="btn btn-primary">
          {t('ins.show')}
        </button>
        <InlineError error={aboveError} />
      </FilterBar>
      {rows && (
        <div className="debt-bar">
          <p className="muted" data-testid="ins-list-count">
            {t('ins.list.count', { count: rows.length })}
          </p>
          <ExportButtons
            label={t('ins.export')}
            fetchFile={(format) => api.insights.export({ report: 'customerList', list, format })}
          />
          {rows.length > 0 && can('messages.manage') && (
            <button type="button" className="btn btn-sm" onClick={() => setSending(true)}>
              {t('ins.list.message', { count: rows.length })}
            </button>
          )}
        </div>
      )}
      {sending && rows && (
        <BulkSendDialog
          customerIds={rows.map((c) => c.id)}
          template="points_expiring"
          onClose={() => setSending(false)}
        />
      )}
      {rows && rows.length > 0 && can('customers.edit') && (
        <FilterBar
          className="debt-filters"
          onApply={() => {
            const name = tag.trim();
            if (name) tagAll.mutate({ ids: rows.map((c) => c.id), tag: name });
          }}
        >
          <TextField id="ins-list-tag" label={t('ins.list.tag')} maxLength={40} value={tag} onChange={setTag} />
          <button type="submit" className="btn" disabled={tagAll.isPending || !tag.trim()}>
            {t('ins.list.tagAll', { count: rows.length })}
          </button>
          <p className="muted ins-hint">{t('ins.list.tagHint')}</p>
        </FilterBar>
      )}
      {rows ? (
        <DataTable
          rows={rows}
          columns={columns}
          rowKey={(c) => c.id}
          labelledBy="ins-list-h"
          wrap
          empty={t('ins.list.empty')}
          virtual={{ above: 200, height: 480, rowHeight: 40 }}
        />
      ) : (
        <ReportState loading={q.isLoading} error={q.isError} />
      )}
    </section>
  );
}
