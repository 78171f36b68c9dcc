import { useEffect, useState } from 'react';
import type { ImportReport } from '../../../../shared/contract/customer-import';
import { type MessageKey, type TFunction, useT } from '../../../i18n';
import { api } from '../../../lib/api';
import { RadioGroup } from '../../../ui/fields';
import { namedOptions } from '../../../ui/SelectFields';
import { type CountLabels, DryRunReport, ReportActions } from '../../import/ReportSteps';

/** A customer file's rows are created, updated or skipped as duplicates. */
export const customerCountLabels = (t: TFunction): CountLabels => ({
  created: t('imp.summary.create'),
  updated: t('imp.summary.update'),
  skipped: t('imp.summary.skip'),
});

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
  return (
    <>
      <DryRunReport
        report={report}
        labels={customerCountLabels(t)}
        policy={
          <>
            <RadioGroup
              legend={t('imp.dup')}
              options={namedOptions(t, 'imp.dup', ['skip', 'update'] as const)}
              value={policy.onDuplicate}
              disabled={busy}
              onChange={(d) => onPolicy({ ...policy, onDuplicate: d })}
            />
            <label className="radio-line">
              <input
                type="checkbox"
                checked={policy.createCategories}
                disabled={busy}
                onChange={(e) => onPolicy({ ...policy, createCategories: e.target.checked })}
              />
              {t('imp.createCategories')}
            </label>
          </>
        }
      />
      <ReportActions
        report={report}
        goLabel={(n) => t('imp.go', { n })}
        busy={busy}
        onImport={onImport}
        onExport={onExport}
        onBack={onBack}
      />
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
