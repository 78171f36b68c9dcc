import { useState } from 'react';
import type { Customer } from '../../../shared/contract/customers';
import type { CustomerLoyalty as Loyalty, PointsHistoryRow } from '../../../shared/contract/loyalty-reports';
import { type CurrencyCode, formatMoney } from '../../../shared/money';
import { type MessageKey, useT } from '../../i18n';
import { useShell } from '../../lib/session';
import { DataTable } from '../../ui/DataTable';
import { useApiPages } from '../../ui/query';
import { OrderDialog } from '../customers/sales/OrderDialog';
import { CardPanel } from './CardPanel';

/** The customer page's Loyalty section: balance, tier progress, next expiry, cards, and the points history. */
export function CustomerLoyalty({ customer, onChanged }: { customer: Customer; onChanged: (c: Customer) => void }) {
  const t = useT();
  const { store } = useShell();
  const history = useApiPages('loyaltyReports', 'customer', { customerId: customer.id, limit: 25 });
  const data: Loyalty | null = history.first;
  const rows: PointsHistoryRow[] = history.rows ?? [];
  const load = () => void history.refetch();
  const [opened, setOpened] = useState<string | null>(null);
  const locale = store?.locale;
  const money = (n: number) => formatMoney(n, (data?.currency ?? store?.currency ?? 'UGX') as CurrencyCode, locale);
  const day = (ms: number) =>
    new Date(ms).toLocaleDateString(locale, { day: 'numeric', month: 'short', year: 'numeric' });

  return (
    <section className="card customer-loyalty" aria-labelledby="h-loyalty">
      <h2 id="h-loyalty">{t('loy.section')}</h2>
      {data && !data.enabled && <p className="muted">{t('loy.off')}</p>}
      {data && (
        <dl className="cust-details loy-summary">
          <div>
            <dt>{t('loy.balance')}</dt>
            <dd data-testid="loy-balance" className={data.balance < 0 ? 'negative' : undefined}>
              <strong>{data.balance.toLocaleString(locale)}</strong>{' '}
              {data.balance > 0 && (
                <span className="muted">{t('loy.balanceValue', { amount: money(data.balanceValue) })}</span>
              )}
              {data.balance < 0 && <div className="notice">{t('loy.negative')}</div>}
            </dd>
          </div>
          <div>
            <dt>{t('loy.tier')}</dt>
            <dd>
              <strong>{data.tier.current?.name ?? t('loy.tier.none')}</strong>
              <div className="muted">
                {t('loy.tier.progress', { spend: money(data.tier.spend), months: data.tier.windowMonths })}{' '}
                {data.tier.next
                  ? t('loy.tier.next', { amount: money(data.tier.next.remaining), tier: data.tier.next.name })
                  : t('loy.tier.top')}
              </div>
              {data.tier.next && (
                <progress
                  className="loy-progress"
                  max={data.tier.next.threshold}
                  value={Math.max(0, data.tier.spend)}
                  aria-label={t('loy.tier.next', {
                    amount: money(data.tier.next.remaining),
                    tier: data.tier.next.name,
                  })}
                />
              )}
            </dd>
          </div>
          <div>
            <dt>{t('loy.expiry')}</dt>
            <dd>
              {data.nextExpiry
                ? t('loy.expiry.on', {
                    points: data.nextExpiry.points,
                    date: day(data.nextExpiry.at),
                  })
                : t('loy.expiry.none')}
            </dd>
          </div>
        </dl>
      )}

      <CardPanel
        customer={customer}
        onChanged={(c) => {
          onChanged(c);
          load();
        }}
      />

      <h3>{t('loy.history')}</h3>
      <DataTable
        rows={rows}
        columns={[
          { key: 'date', header: t('loy.col.date'), cell: (r) => new Date(r.at).toLocaleString(locale) },
          {
            key: 'kind',
            header: t('loy.col.kind'),
            cell: (r) => (
              <>
                {t(`loy.kind.${r.kind}` as MessageKey)}
                {r.expiresAt && r.points > 0 && (
                  <div className="muted small">{t('loy.expires', { date: day(r.expiresAt) })}</div>
                )}
              </>
            ),
          },
          {
            key: 'points',
            header: t('loy.col.points'),
            num: true,
            className: (r) => (r.points < 0 ? 'negative' : 'positive'),
            cell: (r) => (
              <>
                {r.points > 0 ? '+' : ''}
                {r.points.toLocaleString(locale)}
              </>
            ),
          },
          { key: 'balance', header: t('loy.col.balance'), num: true, cell: (r) => r.balance.toLocaleString(locale) },
          {
            key: 'document',
            header: t('loy.col.document'),
            cell: (r) => (
              <>
                {r.salesOrderId && (
                  <button
                    type="button"
                    className="btn btn-sm btn-link"
                    onClick={() => setOpened(r.salesOrderId as string)}
                  >
                    {r.saleNumber}
                  </button>
                )}
                {r.refundNumber && <span> {r.refundNumber}</span>}
              </>
            ),
          },
          { key: 'reason', header: t('loy.col.reason'), cell: (r) => r.reason },
          { key: 'by', header: t('loy.col.by'), cell: (r) => r.staffName },
        ]}
        rowKey={(r) => r.id}
        label={t('loy.history')}
        className="loy-history"
        empty={t('loy.history.empty')}
      />
      {history.more && (
        <button type="button" className="btn btn-sm" onClick={history.more}>
          {t('loy.history.more')}
        </button>
      )}
      {opened && <OrderDialog id={opened} onClose={() => setOpened(null)} onChanged={load} />}
    </section>
  );
}
