import type { ReactNode } from 'react';
import type { ChartSpec } from '../../../shared/charts';
import type { RfmSegment } from '../../../shared/contract/insights';
import type { CustomerListSource } from '../../../shared/contract/insights-files';
import { type MessageKey, type TFunction, useT } from '../../i18n';
import { Chart } from '../../ui/Chart';

/** The message key of an RFM segment's name: "Can't lose" → ins.segment.cantLose. */
export function segmentKey(s: RfmSegment | string): MessageKey {
  const words = s.replace(/[^A-Za-z ]/g, '').split(' ');
  const slug = words.map((w, i) => (i ? w.charAt(0).toUpperCase() + w.slice(1) : w.toLowerCase())).join('');
  return `ins.segment.${slug}` as MessageKey;
}
export const segmentName = (t: TFunction, s: string) => t(segmentKey(s));

/** What the screens do with a report's customers: open one, or open them all as a list. */
export interface Drill {
  openCustomer: (id: string) => void;
  openList: (source: CustomerListSource, title: string) => void;
}

/** A customer's name that opens their page (mouse and keyboard alike). */
export function CustomerLink({ id, name, onOpen }: { id: string; name: string; onOpen: (id: string) => void }) {
  const t = useT();
  return (
    <button type="button" className="ins-link" onClick={() => onOpen(id)} aria-label={t('ins.openCustomer', { name })}>
      {name || '—'}
    </button>
  );
}

/** "Open as a customer list" for a report's current rows. */
export function ListButton({ onClick, children }: { onClick: () => void; children?: ReactNode }) {
  const t = useT();
  return (
    <button type="button" className="btn btn-sm" onClick={onClick}>
      {children ?? t('ins.asList')}
    </button>
  );
}

/** The states every report shows before its rows: reading, failed. */
export function ReportState({ loading, error }: { loading: boolean; error: boolean }) {
  const t = useT();
  if (error)
    return (
      <p className="muted" role="alert">
        {t('ins.failed')}
      </p>
    );
  if (loading) return <p className="muted">{t('ins.loading')}</p>;
  return null;
}

/** YYYY-MM-DD n days before/after a day (calendar arithmetic in UTC: days have no time here). */
export function shiftDay(ymd: string, n: number): string {
  return new Date(Date.parse(`${ymd}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}
/** the first of the month `back` months before the day's month */
export function monthsBack(ymd: string, back: number): string {
  const d = new Date(Date.parse(`${ymd.slice(0, 7)}-01T00:00:00Z`));
  d.setUTCMonth(d.getUTCMonth() - back);
  return d.toISOString().slice(0, 10);
}
/** a shop day written the shop's way */
export const dayText = (date: (ms: number) => string, ymd: string) => date(Date.parse(`${ymd}T12:00:00Z`));

/** a sideways bar chart tall enough for every name beside its bar */
export const barsHeight = (spec: ChartSpec) =>
  spec.kind === 'heatmap' ? 300 : Math.max(180, spec.categories.length * 28 + 40);

/** A report's chart with words saying what it measures (the table below holds the same figures). */
export function ChartFigure({ spec, caption }: { spec: ChartSpec; caption: string }) {
  return (
    <figure className="ins-figure">
      <figcaption className="muted">{caption}</figcaption>
      <Chart spec={spec} label={caption} height={barsHeight(spec)} />
    </figure>
  );
}
