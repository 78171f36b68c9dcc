import { useRef, useState } from 'react';
import type { ImportChoice, ImportPreview } from '../../../../shared/contract/customer-import';
import { useT } from '../../../i18n';
import { api } from '../../../lib/api';
import { downloadBase64 } from '../../../lib/download';
import { FileStep } from '../../import/FileStep';
import { ImportWizardFrame } from '../../import/ImportWizardFrame';
import { DoneStep } from '../../import/ReportSteps';
import { type ImportProcedures, useImportWizard } from '../../import/useImportWizard';
import { CustomerColumnsStep } from './CustomerColumnsStep';
import { customerCountLabels, ReportStep, RunningStep } from './ReportSteps';

export type Choice = Omit<ImportChoice, 'uploadId'>;
type Policy = { onDuplicate: 'skip' | 'update'; createCategories: boolean };

/** The import wizard: file → detected settings and columns → dry-run report → import with progress → summary. */
export function ImportWizard({ onClose }: { onClose: () => void }) {
  const t = useT();
  const [policy, setPolicy] = useState<Policy>({ onDuplicate: 'skip', createCategories: false });
  // read when the wizard runs, which may be from a render before the policy changed
  const policyNow = useRef(policy);
  policyNow.current = policy;
  const procedures: ImportProcedures<ImportPreview, Choice> = {
    upload: (fileName, base64) => api.customers.importUpload({ fileName, base64 }),
    preview: (uploadId, choice) => api.customers.importPreview({ uploadId, ...choice }),
    run: (uploadId, choice, dryRun) =>
      dryRun
        ? api.customers.importDryRun({ uploadId, ...choice, ...policyNow.current })
        : api.customers.importCommit({ uploadId, ...choice, ...policyNow.current }),
    reportExport: (uploadId) => api.customers.importReportExport({ uploadId }),
  };
  const w = useImportWizard(procedures);
  const { step, file, busy } = w;

  const template = () =>
    w.attempt(t('imp.file.template'), async () => {
      const f = await api.customers.importTemplate(null);
      downloadBase64(f.fileName, f.mimeType, f.base64);
    });

  return (
    <ImportWizardFrame
      wizard={w}
      headingId="h-import"
      title={t('imp.title')}
      backLabel={t('imp.done.back')}
      onClose={onClose}
    >
      {step.kind === 'file' && (
        <FileStep
          id="import-file"
          label={t('imp.file.label')}
          help={t('imp.file.help')}
          busy={!!busy}
          onPick={(f) => void w.pick(f)}
        >
          <button type="button" className="btn" onClick={() => void template()} disabled={!!busy}>
            {t('imp.file.template')}
          </button>
        </FileStep>
      )}

      {step.kind === 'columns' && file && (
        <CustomerColumnsStep
          fileName={file.name}
          preview={step.preview}
          choice={w.choice}
          busy={!!busy}
          onChoice={(next) => void w.repreview(next)}
          onBack={w.restart}
          onNext={() => void w.dryRun(step.preview)}
        />
      )}

      {step.kind === 'report' && (
        <ReportStep
          report={step.report}
          policy={policy}
          busy={!!busy}
          onPolicy={(p) => {
            setPolicy(p);
            policyNow.current = p;
            void w.dryRun(step.preview);
          }}
          onExport={() => void w.exportReport()}
          onBack={() => w.backToColumns(step.preview)}
          onImport={() => w.commit(step.preview, step.report)}
        />
      )}

      {step.kind === 'running' && file && (
        <RunningStep
          fileName={file.name}
          uploadId={file.uploadId}
          onCancel={() => void api.customers.importCancel({ uploadId: file.uploadId })}
        />
      )}

      {step.kind === 'done' && (
        <DoneStep
          report={step.report}
          labels={customerCountLabels(t)}
          backLabel={t('imp.done.back')}
          onExport={() => void w.exportReport()}
          onClose={onClose}
          onAnother={w.restart}
        />
      )}
    </ImportWizardFrame>
  );
}

/** The list's way in to the wizard (CustomersScreen passes it as one of the list's actions). */
export function ImportButton({ onClick }: { onClick: () => void }) {
  const t = useT();
  return (
    <button type="button" className="btn" onClick={onClick}>
      {t('imp.open')}
    </button>
  );
}
