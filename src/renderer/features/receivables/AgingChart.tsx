import { type MessageKey, useT } from '../../i18n';
import { BUCKETS } from './format';

/**
 * The five buckets as bars, in plain SVG (no chart library): height by amount, the amount written above each bar.
 * Negative Current (customers in credit) is drawn as an empty bar; the figure under it says how much.
 */
export function AgingChart({
  totals,
  format,
  onPick,
}: {
  totals: Record<(typeof BUCKETS)[number], number>;
  format: (n: number) => string;
  onPick?: (bucket: (typeof BUCKETS)[number]) => void;
}) {
  const t = useT();
  const max = Math.max(1, ...BUCKETS.map((b) => totals[b]));
  const W = 560;
  const H = 220;
  const top = 28;
  const base = H - 34;
  const slot = W / BUCKETS.length;
  const bar = slot * 0.56;
  return (
    <figure className="aging-chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby="aging-chart-title" width="100%">
        <title id="aging-chart-title">
          {`${t('debt.aging.chart')}: ${BUCKETS.map((b) => `${t(`debt.bucket.${b}` as MessageKey)} ${format(totals[b])}`).join(', ')}`}
        </title>
        <line x1={0} x2={W} y1={base} y2={base} className="aging-axis" />
        {BUCKETS.map((b, i) => {
          const v = Math.max(0, totals[b]);
          const h = ((base - top) * v) / max;
          const x = i * slot + (slot - bar) / 2;
          return (
            // biome-ignore lint/a11y/noStaticElementInteractions: the table below holds the same figures for keyboards
            <g key={b} className={`aging-bar aging-${b}`} onClick={onPick ? () => onPick(b) : undefined}>
              <rect x={x} y={base - h} width={bar} height={Math.max(h, 1)} rx={4} />
              <text x={x + bar / 2} y={base - h - 8} textAnchor="middle" className="aging-value">
                {format(totals[b])}
              </text>
              <text x={x + bar / 2} y={base + 20} textAnchor="middle" className="aging-label">
                {t(`debt.bucket.${b}` as MessageKey)}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
