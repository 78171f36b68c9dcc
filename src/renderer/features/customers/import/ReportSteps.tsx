import { useEffect, useState } from 'react';
import type { ImportReport } from '../../../../shared/contract/customer-import';
import { type MessageKey, useT } from '../../../i18n';
import { api } from '../../../lib/api';

/** Rows shown on screen; the exported report has them all. */
const SHOWN_ISSUES = 200;

function Counts({ report }: { report: ImportReport }) {
  const t = useT();
  const items: Array<[MessageKey, number]> = [
    ['imp.summary.rows', report.rows],
    ['imp.summary.create', report.created],
    ['imp.summary.update', report.updated],
    ['imp.summary.skip', report.skipped],
    ['imp.summary.errors', report.errors.length],
    ['imp.summary.warnings', report.warnings.length],
  ];
  return (
    <dl className="import-counts">
      {items.map(([k, n]) => (
        <div key={k} className={k === 'imp.summary.errors' && n > 0 ? 'import-count bad' : 'import-count'}>
          <dt>{t(k)}</dt>
          <dd>{n}</dd>
        </div>
      ))}
    </dl>
  );
}

export function Issues({ report }: { report: ImportReport }) {
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
          <thead>
            <tr>
              <th scope="col" className="num">
                {t('imp.issue.row')}
              </th>
              <th scope="col">{t('imp.issue.kind')}</th>
              <th scope="col">{t('imp.issue.message')}</th>
            </tr>
          </thead>
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

/** Step 3: the dry run's counts and rows to look at, the duplicate policy, and the Import button. */
export function ReportStep({
  report,
  policy,
  busy,
  onPolicy,
  onExport,
  onBack,
  onImport,
}: {
  report: ImportReport;
  policy: { onDuplicate: 'skip' | 'update'; createCategories: boolean };
  busy: boolean;
  onPolicy: (p: { onDuplicate: 'skip' | 'update'; createCategories: boolean }) => void;
  onExport: () => void;
  onBack: () => void;
  onImport: () => void;
}) {
  const t = useT();
  const n = report.created + report.updated;
  return (
    <>
      <div className="card import-card">
        <h2>{t('imp.willHappen')}</h2>
        <Counts report={report} />
        <fieldset className="plain">
          <legend>{t('imp.dup')}</legend>
          {(['skip', 'update'] as const).map((d) => (
            <label key={d} className="radio-line">
              <input
                type="radio"
                name="imp-duplicates"
                checked={policy.onDuplicate === d}
                disabled={busy}
                onChange={() => onPolicy({ ...policy, onDuplicate: d })}
              />
              {t(`imp.dup.${d}` as MessageKey)}
            </label>
          ))}
        </fieldset>
        <label className="radio-line">
          <input
            type="checkbox"
            checked={policy.createCategories}
            disabled={busy}
            onChange={(e) => onPolicy({ ...policy, createCategories: e.target.checked })}
          />
          {t('imp.createCategories')}
        </label>
      </div>
      <div className="card import-card">
        <Issues report={report} />
      </div>
      <div className="row-actions">
        <button type="button" className="btn btn-primary" disabled={busy || n === 0} onClick={onImport}>
          {n ? t('imp.go', { n }) : t('imp.goNone')}
        </button>
        <button type="button" className="btn" disabled={busy} onClick={onExport}>
          {t('imp.report')}
        </button>
        <button type="button" className="btn btn-ghost" disabled={busy} onClick={onBack}>
          {t('imp.back')}
        </button>
      </div>
    </>
  );
}

/** The import running: a progress bar fed by customers.importProgress, and Cancel. */
export function RunningStep({
  fileName,
  uploadId,
  onCancel,
}: {
  fileName: string;
  uploadId: string;
  onCancel: () => void;
}) {
  const t = useT();
  const [p, setP] = useState<{ phase: 'read' | 'check' | 'commit'; done: number; total: number }>({
    phase: 'read',
    done: 0,
    total: 1,
  });
  const [cancelling, setCancelling] = useState(false);
  useEffect(
    () =>
      api.on('customers.importProgress', (e) => {
        if (e.importId === uploadId) setP({ phase: e.phase, done: e.done, total: Math.max(1, e.total) });
      }),
    [uploadId],
  );
  const pct = p.phase === 'read' ? 2 : p.phase === 'check' ? 5 + (p.done / p.total) * 15 : 20 + (p.done / p.total) * 80;
  return (
    <div className="card import-card">
      <h2>{t('imp.running', { file: fileName })}</h2>
      <progress className="import-progress" aria-label={t('imp.progress')} max={100} value={Math.round(pct)} />
      <p className="muted" role="status">
        {t(`imp.phase.${p.phase}` as MessageKey, { done: p.done, total: p.total })}
      </p>
      <button
        type="button"
        className="btn"
        disabled={cancelling}
        onClick={() => {
          setCancelling(true);
          onCancel();
        }}
      >
        {cancelling ? t('imp.cancelling') : t('imp.cancel')}
      </button>
    </div>
  );
}

/** Step 4: what was saved, the report, and where to go next. */
export function DoneStep({
  report,
  onExport,
  onClose,
  onAnother,
}: {
  report: ImportReport;
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
        <Counts report={report} />
      </div>
      <div className="card import-card">
        <Issues report={report} />
      </div>
      <div className="row-actions">
        <button type="button" className="btn btn-primary" onClick={onClose} autoFocus>
          {t('imp.done.back')}
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
