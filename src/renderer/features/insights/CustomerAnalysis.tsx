import { type MessageKey, useT } from '../../i18n';
import { useShell } from '../../lib/session';
import { useShopFormat } from '../../ui/format';
import { useApiQuery } from '../../ui/query';
import { dayText, ReportState, segmentName } from './common';
import './insights.css';

/**
 * The customer page's Analysis: their RFM segment, their own rhythm (due, at risk, when they are expected next) and
 * what they usually buy. For those who may read reports.
 */
export function CustomerAnalysis({ customerId }: { customerId: string }) {
  const { can } = useShell();
  if (!can('reports.view')) return null;
  return <Analysis customerId={customerId} />;
}

function Analysis({ customerId }: { customerId: string }) {
  const t = useT();
  const f = useShopFormat();
  const rhythm = useApiQuery('insights', 'rhythm', { customerId });
  const hint = useApiQuery('insights', 'customerHint', { customerId });
  const r = rhythm.data;
  const h = hint.data;
  const days = (n: number | null) => (n === null ? '–' : t('ins.days', { count: Math.round(n) }));
  return (
    <section className="card" aria-labelledby="h-cust-analysis">
      <h2 id="h-cust-analysis">{t('ins.analysis')}</h2>
      {!r || !h ? (
        <ReportState loading={rhythm.isLoading || hint.isLoading} error={rhythm.isError || hint.isError} />
      ) : (
        <>
          <dl className="ins-analysis-figures">
            <div>
              <dt className="muted">{t('ins.col.segment')}</dt>
              <dd data-testid="cust-segment">{h.segment ? segmentName(t, h.segment) : t('ins.analysis.noSegment')}</dd>
            </div>
            <div>
              <dt className="muted">{t('ins.analysis.rhythm')}</dt>
              <dd data-testid="cust-rhythm">{t(`ins.status.${r.status}` as MessageKey)}</dd>
            </div>
            <div>
              <dt className="muted">{t('ins.analysis.sales')}</dt>
              <dd>{r.sales}</dd>
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
          </dl>
          <h3>{t('ins.usualItems')}</h3>
          {h.usualItems.length === 0 ? (
            <p className="muted">{t('ins.usualItems.none')}</p>
          ) : (
            <ul>
              {h.usualItems.map((i) => (
                <li key={i.productId}>{t('ins.usualItem', { name: i.name, count: i.times })}</li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
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
      {h.segment && <span className="pill pill-off">{segmentName(t, h.segment)}</span>}
      {(h.status === 'due' || h.status === 'at_risk') && (
        <span className={h.status === 'at_risk' ? 'pill pill-warn' : 'pill pill-off'}>
          {t(`ins.status.${h.status}` as MessageKey)}
        </span>
      )}
      {h.usualItems.length > 0 && (
        <span className="muted">{t('ins.till.usual', { items: h.usualItems.map((i) => i.name).join(', ') })}</span>
      )}
    </div>
  );
}
