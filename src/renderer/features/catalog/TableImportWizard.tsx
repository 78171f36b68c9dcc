import type { ReactNode } from 'react';
import type { TableChoice, TablePreview } from '../../../shared/contract/table-import';
import { useT } from '../../i18n';
import { ColumnsStep } from '../import/ColumnsStep';
import { FileStep } from '../import/FileStep';
import { ImportWizardFrame } from '../import/ImportWizardFrame';
import { type CountLabels, DoneStep, DryRunReport, ReportActions } from '../import/ReportSteps';
import { type ImportProcedures, useImportWizard } from '../import/useImportWizard';

export type Choice = Omit<TableChoice, 'uploadId'>;

/** What one kind of import supplies to the wizard: its words, fields and procedures. */
export interface TableImportDriver extends ImportProcedures<TablePreview, Choice> {
  title: string;
  fileLabel: string;
  fileHelp: string;
  backLabel: string;
  fields: readonly string[];
  fieldLabel: (field: string) => string;
  /** "New products" / "Prices added" … for the counts */
  countLabels: CountLabels;
  goLabel: (n: number) => string;
  /** choices beside the dry run's counts (e.g. update or skip existing rows); changing one runs the check again */
  policy?: (rerun: () => void) => ReactNode;
}

/**
 * The customer import wizard's steps for simple tables (products, a price list's prices): file → detected header
 * row and columns (each can be changed) → dry run with the rows to look at by row number → import → summary. Every
 * field a table needs must have a column before the rows are checked.
 */
export function TableImportWizard({ driver, onClose }: { driver: TableImportDriver; onClose: () => void }) {
  const t = useT();
  const w = useImportWizard(driver);
  const { step, file, busy } = w;

  return (
    <ImportWizardFrame
      wizard={w}
      headingId="h-table-import"
      title={driver.title}
      backLabel={driver.backLabel}
      onClose={onClose}
    >
      {step.kind === 'file' && (
        <FileStep
          id="table-import-file"
          label={driver.fileLabel}
          help={driver.fileHelp}
          busy={!!busy}
          onPick={(f) => void w.pick(f)}
        />
      )}

      {step.kind === 'columns' && file && (
        <ColumnsStep<string, Choice>
          idPrefix="ti"
          fileName={file.name}
          preview={step.preview}
          choice={w.choice}
          fields={driver.fields.map((f) => ({ value: f, label: driver.fieldLabel(f) }))}
          busy={!!busy}
          rowsText={t('ti.rows', { n: step.preview.rows })}
          mappingNote={
            step.preview.unmapped.length > 0 && (
              <p className="inline-alert" role="status">
                {t('ti.needs', { list: step.preview.unmapped.map(driver.fieldLabel).join(', ') })}
              </p>
            )
          }
          canCheck={step.preview.unmapped.length === 0}
          onChoice={(next) => void w.repreview(next)}
          onBack={w.restart}
          onNext={() => void w.dryRun(step.preview)}
        />
      )}

      {(step.kind === 'report' || step.kind === 'running') && (
        <>
          <DryRunReport
            report={step.report}
            labels={driver.countLabels}
            policy={driver.policy?.(() => void w.dryRun(step.preview))}
          />
          {step.kind === 'running' ? (
            <div className="card import-card">
              <h2>{t('imp.running', { file: file?.name ?? '' })}</h2>
              <progress className="import-progress" aria-label={t('imp.progress')} />
            </div>
          ) : (
            <ReportActions
              report={step.report}
              goLabel={driver.goLabel}
              busy={!!busy}
              onImport={() => w.commit(step.preview, step.report)}
              onExport={() => void w.exportReport()}
              onBack={() => w.backToColumns(step.preview)}
            />
          )}
        </>
      )}

      {step.kind === 'done' && (
        <DoneStep
          report={step.report}
          labels={driver.countLabels}
          backLabel={driver.backLabel}
          onExport={() => void w.exportReport()}
          onClose={onClose}
          onAnother={w.restart}
        />
      )}
    </ImportWizardFrame>
  );
}
