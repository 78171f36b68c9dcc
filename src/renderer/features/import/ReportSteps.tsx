import type { ReactNode } from 'react';
import type { ImportReport } from '../../../shared/contract/customer-import';
import { useT } from '../../i18n';
import { TableHead } from '../../ui/DataTable';

/** Rows shown on screen; the exported report has them all. */
const SHOWN_ISSUES = 200;

/** How one kind of import names its created / updated / skipped rows ("New products", "Prices added" …). */
export type CountLabels = { created: string; updated: string; skipped: string };

function Counts({ report, labels }: { report: ImportReport; labels: CountLabels }) {
  const t = useT();
  const items: Array<[string, number, boolean]> = [
    [t('imp.summary.rows'), report.rows, false],
    [labels.created, report.created, false],
    [labels.updated, report.updated, false],
    [labels.skipped, report.skipped, false],
    [t('imp.summary.errors'), report.errors.length, report.errors.length > 0],
    [t('imp.summary.warnings'), report.warnings.length, false],
  ];
  return (
    <dl className="import-counts">
      {items.map(([label, n, bad]) => (
        <div key={label} className={bad ? 'import-count bad' : 'import-count'}>
          <dt>{label}</dt>
          <dd>{n}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The rows to look at, errors before warnings on the same row, by row number as the file counts them. */
function Issues({ report }: { report: ImportReport }) {
  const t = useT();
  const all = [
    ...report.errors.map((e) => ({ ...e, kind: 'error' as const })),
    ...report.warnings.map((w) => ({ ...w, kind: 'warning' as const })),
  ].sort((a, b) => a.row - b.row || (a.kind === 'error' ? -1 : 1));
  if (!all.length) return <p className="muted">{t('imp.noIssues')}</p>;
  return (
    <>
      <h2 id="h-imp-issues">{t('imp.issues')}</h2>
      <div className="import-issues">
        <table className="table" aria-labelledby="h-imp-issues">
          <TableHead cells={[t('imp.issue.row'), t('imp.issue.kind'), t('imp.issue.message')]} num={[0]} />
          <tbody>
            {all.slice(0, SHOWN_ISSUES).map((i) => (
              <tr key={`${i.row}-${i.kind}-${i.field}-${i.message}`} className={`issue-${i.kind}`}>
                <td className="num">{i.row}</td>
                <td>
                  {t(
                    i.kind === 'error'
                      ? 'imp.issue.error'
                      : i.field === 'duplicate'
                        ? 'imp.issue.duplicate'
                        : 'imp.issue.warning',
                  )}
                </td>
                <td>{i.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {all.length > SHOWN_ISSUES && <p className="muted">{t('imp.issue.more', { n: all.length - SHOWN_ISSUES })}</p>}
    </>
  );
}

/** Step 3's cards: the dry run's counts with the caller's choices (`policy`) under them, then the rows to look at. */
export function DryRunReport({
  report,
  labels,
  policy,
}: {
  report: ImportReport;
  labels: CountLabels;
  policy?: ReactNode;
}) {
  const t = useT();
  return (
    <>
      <div className="card import-card">
        <h2>{t('imp.willHappen')}</h2>
        <Counts report={report} labels={labels} />
        {policy}
      </div>
      <div className="card import-card">
        <Issues report={report} />
      </div>
    </>
  );
}

/** Step 3's buttons: import what the dry run would save (off when that is nothing), its report, back to columns. */
export function ReportActions({
  report,
  goLabel,
  busy,
  onImport,
  onExport,
  onBack,
}: {
  report: ImportReport;
  goLabel: (n: number) => string;
  busy: boolean;
  onImport: () => void;
  onExport: () => void;
  onBack: () => void;
}) {
  const t = useT();
  const n = report.created + report.updated;
  return (
    <div className="row-actions">
      <button type="button" className="btn btn-primary" disabled={busy || n === 0} onClick={onImport}>
        {n ? goLabel(n) : t('imp.goNone')}
      </button>
      <button type="button" className="btn" disabled={busy} onClick={onExport}>
        {t('imp.report')}
      </button>
      <button type="button" className="btn btn-ghost" disabled={busy} onClick={onBack}>
        {t('imp.back')}
      </button>
    </div>
  );
}

/** Step 4: what was saved, the report, and where to go next. */
export function DoneStep({
  report,
  labels,
  backLabel,
  onExport,
  onClose,
  onAnother,
}: {
  report: ImportReport;
  labels: CountLabels;
  backLabel: string;
  onExport: () => void;
  onClose: () => void;
  onAnother: () => void;
}) {
  const t = useT();
  return (
    <>
      <div className="card import-card">
        <h2>{t('imp.done')}</h2>
        <p role="status">
          {t('imp.done.summary', {
            created: report.created,
            updated: report.updated,
            skipped: report.skipped,
            errors: report.errors.length,
          })}
        </p>
        <Counts report={report} labels={labels} />
      </div>
      <div className="card import-card">
        <Issues report={report} />
      </div>
      <div className="row-actions">
        <button type="button" className="btn btn-primary" onClick={onClose} autoFocus>
          {backLabel}
        </button>
        <button type="button" className="btn" onClick={onExport}>
          {t('imp.report')}
        </button>
        <button type="button" className="btn btn-ghost" onClick={onAnother}>
          {t('imp.done.another')}
        </button>
      </div>
    </>
  );
}
