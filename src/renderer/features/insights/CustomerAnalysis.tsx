import { useMemo } from 'react';
import type { ChartSpec } from '../../../shared/charts';
import type { CurrencyCode } from '../../../shared/money';
import { type MessageKey, useT } from '../../i18n';
import { useShell } from '../../lib/session';
import { Chart } from '../../ui/Chart';
import { useShopFormat } from '../../ui/format';
import { useApiMutation, useApiQuery } from '../../ui/query';
import { dayText, ReportState, segmentName } from './common';
import './insights.css';

/**
 * The customer page's Analysis: spend by month, RFM segment, rhythm (due, at risk, expected next visit), predicted
 * value, favourite products, payment methods and usual items (insights.customerAnalysis). For those who may read reports.
 */
export function CustomerAnalysis({ customerId }: { customerId: string }) {
  const { can } = useShell();
  if (!can('reports.view')) return null;
  return <Analysis customerId={customerId} />;
}

function Analysis({ customerId }: { customerId: string }) {
  const t = useT();
  const f = useShopFormat();
  const analysis = useApiQuery('insights', 'customerAnalysis', { customerId });
  const hint = useApiQuery('insights', 'customerHint', { customerId });
  // the CLV model is fitted on a worker once a day, on request: the analysis reads it once it is there
  const fit = useApiMutation('insights', 'clv');
  const a = analysis.data;
  const h = hint.data;
  const spendChart = useMemo<ChartSpec | null>(
    () =>
      a?.spendByMonth.some((m) => m.spend !== 0)
        ? {
            kind: 'bar',
            categories: a.spendByMonth.map((m) => m.month),
            series: [{ name: t('ins.col.spend'), values: a.spendByMonth.map((m) => m.spend) }],
            currency: a.currency as CurrencyCode,
          }
        : null,
    [a, t],
  );
  const days = (n: number | null) => (n === null ? '–' : t('ins.days', { count: Math.round(n) }));
  const method = (m: string) => {
    const k = `method.${m}` as MessageKey;
    const w = t(k);
    return w === k ? m : w;
  };
  if (!a || !h)
    return (
      <section className="card" aria-labelledby="h-cust-analysis">
        <h2 id="h-cust-analysis">{t('ins.analysis')}</h2>
        <ReportState loading={analysis.isLoading || hint.isLoading} error={analysis.isError || hint.isError} />
      </section>
    );
  const r = a.rhythm;
  const segment = a.rfm?.segment ?? h.segment;
  return (
    <section className="card" aria-labelledby="h-cust-analysis">
      <h2 id="h-cust-analysis">{t('ins.analysis')}</h2>
      <dl className="ins-analysis-figures">
        <div>
          <dt className="muted">{t('ins.col.segment')}</dt>
          <dd data-testid="cust-segment">{segment ? segmentName(t, segment) : t('ins.analysis.noSegment')}</dd>
        </div>
        <div>
          <dt className="muted">{t('ins.analysis.rhythm')}</dt>
          <dd data-testid="cust-rhythm">{t(`ins.status.${r.status}` as MessageKey)}</dd>
        </div>
        <div>
          <dt className="muted">{t('ins.analysis.sales')}</dt>
          <dd>{a.basket.orders}</dd>
        </div>
        <div>
          <dt className="muted">{t('ins.analysis.basket')}</dt>
          <dd>{f.money(a.basket.averageValue)}</dd>
        </div>
        <div>
          <dt className="muted">{t('ins.col.lastPurchase')}</dt>
          <dd>
            {r.lastPurchaseAt ? dayText(f.date, r.lastPurchaseAt) : '–'}
            {r.daysSinceLastPurchase !== null && ` (${t('ins.daysAgo', { count: r.daysSinceLastPurchase })})`}
          </dd>
        </div>
        <div>
          <dt className="muted">{t('ins.analysis.usualGap')}</dt>
          <dd>
            {days(r.medianGapDays)}
            {r.basis === 'shop' && ` ${t('ins.analysis.shopBasis')}`}
          </dd>
        </div>
        <div>
          <dt className="muted">{t('ins.analysis.longGap')}</dt>
          <dd>{days(r.p90GapDays)}</dd>
        </div>
        <div>
          <dt className="muted">{t('ins.analysis.next')}</dt>
          <dd>{r.expectedNextVisit ? dayText(f.date, r.expectedNextVisit) : '–'}</dd>
        </div>
        <div>
          <dt className="muted">{t('ins.analysis.predicted')}</dt>
          <dd data-testid="cust-predicted">
            {a.clv?.predicted12m != null ? (
              f.money(a.clv.predicted12m)
            ) : (
              <button
                type="button"
                className="btn btn-sm"
                disabled={fit.isPending}
                onClick={() => fit.mutate({ limit: 1 })}
              >
                {fit.isPending ? t('ins.analysis.fitting') : t('ins.analysis.fit')}
              </button>
            )}
          </dd>
        </div>
        {a.clv?.pAlive != null && (
          <div>
            <dt className="muted">{t('ins.analysis.pAlive')}</dt>
            <dd>{Math.round(a.clv.pAlive * 100)}%</dd>
          </div>
        )}
      </dl>
      {spendChart && (
        <figure className="ins-figure">
          <figcaption className="muted">{t('ins.analysis.spendByMonth', { currency: a.currency })}</figcaption>
          <Chart spec={spendChart} label={t('ins.analysis.spendByMonth', { currency: a.currency })} height={200} />
        </figure>
      )}
      <div className="ins-analysis-lists">
        <ShortList
          title={t('ins.analysis.favourites')}
          none={t('ins.usualItems.none')}
          items={a.favouriteProducts.byQuantity.slice(0, 5).map((p) => ({
            key: p.productId,
            text: `${t('ins.usualItem', { name: p.name, count: p.sales })} · ${f.money(p.spend)}`,
          }))}
        />
        <ShortList
          title={t('ins.analysis.payments')}
          none="–"
          items={a.paymentMethods.map((p) => ({ key: p.method, text: `${method(p.method)}: ${f.money(p.amount)}` }))}
        />
        <ShortList
          title={t('ins.usualItems')}
          none={t('ins.usualItems.none')}
          items={h.usualItems.map((i) => ({
            key: i.productId,
            text: t('ins.usualItem', { name: i.name, count: i.times }),
          }))}
        />
      </div>
    </section>
  );
}

/** One of the analysis's short lists under its heading, or a line saying there is nothing in it. */
function ShortList({ title, none, items }: { title: string; none: string; items: { key: string; text: string }[] }) {
  return (
    <div>
      <h3>{title}</h3>
      {items.length === 0 ? (
        <p className="muted">{none}</p>
      ) : (
        <ul>
          {items.map((i) => (
            <li key={i.key}>{i.text}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The till's line about the attached customer: segment, due / at risk, usual items. */
export function TillInsightHint({ customerId }: { customerId: string }) {
  const t = useT();
  const { can } = useShell();
  const hint = useApiQuery('insights', 'customerHint', { customerId }, { enabled: can('till.use') });
  const h = hint.data;
  if (!h || (!h.segment && h.status !== 'due' && h.status !== 'at_risk' && h.usualItems.length === 0)) return null;
  return (
    <div className="ins-till-hint" data-testid="till-insight">
      {h.segment && (
        <span className="pill pill-off" title={t('ins.col.segment')}>
          {segmentName(t, h.segment)}
        </span>
      )}
      {(h.status === 'due' || h.status === 'at_risk') && (
        <span className={h.status === 'at_risk' ? 'pill pill-warn' : 'pill pill-off'}>
          {h.status === 'at_risk' ? t('ins.till.atRisk') : t('ins.till.due')}
        </span>
      )}
      {h.usualItems.length > 0 && (
        <span className="muted">{t('ins.till.usual', { items: h.usualItems.map((i) => i.name).join(', ') })}</span>
      )}
    </div>
  );
}
