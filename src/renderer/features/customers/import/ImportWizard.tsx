import { useEffect, useRef, useState } from 'react';
import type { ImportChoice, ImportPreview, ImportReport } from '../../../../shared/contract/customer-import';
import { type MessageKey, useT } from '../../../i18n';
import { api } from '../../../lib/api';
import { downloadBase64 } from '../../../lib/download';
import { ColumnsStep } from './ColumnsStep';
import './import.css';
import { DoneStep, ReportStep, RunningStep } from './ReportSteps';

export type Choice = Omit<ImportChoice, 'uploadId'>;

type Step =
  | { kind: 'file' }
  | { kind: 'columns'; preview: ImportPreview }
  | { kind: 'report'; preview: ImportPreview; report: ImportReport }
  | { kind: 'running'; preview: ImportPreview; report: ImportReport }
  | { kind: 'done'; report: ImportReport };

const STEP_NO: Record<Step['kind'], number> = { file: 1, columns: 2, report: 3, running: 3, done: 4 };
const STEP_NAME: Record<Step['kind'], MessageKey> = {
  file: 'imp.step.file',
  columns: 'imp.step.columns',
  report: 'imp.step.check',
  running: 'imp.step.check',
  done: 'imp.step.done',
};

/** A browser File as base64 (what the upload procedure takes). */
function base64Of(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

/** Plain words from the main process; anything unexpected still says what to do next. */
function messageOf(err: unknown): string {
  return err instanceof Error && err.message ? err.message : String(err);
}

/** The import wizard: file → detected settings and columns → dry-run report → import with progress → summary. */
export function ImportWizard({ onClose }: { onClose: () => void }) {
  const t = useT();
  const [step, setStep] = useState<Step>({ kind: 'file' });
  const [file, setFile] = useState<{ name: string; uploadId: string } | null>(null);
  const [choice, setChoice] = useState<Choice>({});
  const [policy, setPolicy] = useState<{ onDuplicate: 'skip' | 'update'; createCategories: boolean }>({
    onDuplicate: 'skip',
    createCategories: false,
  });
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  // each step starts with the heading focused, so a screen reader and the keyboard begin at the top
  const kind = step.kind;
  useEffect(() => {
    if (kind !== 'file') heading.current?.focus();
  }, [kind]);

  const attempt = async (label: string, work: () => Promise<void>) => {
    setBusy(label);
    setError(null);
    try {
      await work();
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(null);
    }
  };

  const pick = (f: File) =>
    attempt(t('imp.file.reading', { file: f.name }), async () => {
      const { uploadId } = await api.customers.importUpload({ fileName: f.name, base64: await base64Of(f) });
      setFile({ name: f.name, uploadId });
      setChoice({});
      const preview = await api.customers.importPreview({ uploadId });
      setStep({ kind: 'columns', preview });
    });

  const repreview = (next: Choice) =>
    attempt(t('imp.checking'), async () => {
      if (!file) return;
      const preview = await api.customers.importPreview({ uploadId: file.uploadId, ...next });
      setChoice(next);
      if (step.kind === 'columns') setStep({ kind: 'columns', preview });
    });

  const dryRun = (preview: ImportPreview, p = policy) =>
    attempt(t('imp.checking'), async () => {
      if (!file) return;
      const report = await api.customers.importDryRun({ uploadId: file.uploadId, ...choice, ...p });
      setStep({ kind: 'report', preview, report });
    });

  const commit = (preview: ImportPreview, dry: ImportReport) => {
    if (!file) return;
    setError(null);
    setStep({ kind: 'running', preview, report: dry });
    api.customers
      .importCommit({ uploadId: file.uploadId, ...choice, ...policy })
      .then((report) => setStep({ kind: 'done', report }))
      .catch((err: unknown) => {
        setError(messageOf(err));
        setStep({ kind: 'report', preview, report: dry });
      });
  };

  const exportReport = () =>
    attempt(t('imp.report'), async () => {
      if (!file) return;
      const f = await api.customers.importReportExport({ uploadId: file.uploadId });
      downloadBase64(f.fileName, f.mimeType, f.base64);
    });

  const template = () =>
    attempt(t('imp.file.template'), async () => {
      const f = await api.customers.importTemplate(null);
      downloadBase64(f.fileName, f.mimeType, f.base64);
    });

  const restart = () => {
    setStep({ kind: 'file' });
    setFile(null);
    setChoice({});
    setError(null);
  };

  return (
    <section className="section import-wizard" aria-labelledby="h-import">
      <div className="section-head">
        <h1 id="h-import" ref={heading} tabIndex={-1}>
          {t('imp.title')}
        </h1>
        <div className="row-actions head-actions">
          <button type="button" className="btn btn-ghost" onClick={onClose} disabled={step.kind === 'running'}>
            {t('imp.done.back')}
          </button>
        </div>
      </div>
      <p className="import-step muted">{t('imp.step', { n: STEP_NO[step.kind], name: t(STEP_NAME[step.kind]) })}</p>
      {error && (
        <p className="inline-alert" role="alert">
          {error}
        </p>
      )}
      {busy && step.kind !== 'running' && (
        <p className="muted" role="status">
          {busy}
        </p>
      )}

      {step.kind === 'file' && (
        <div className="card import-card">
          <div className="field">
            <label htmlFor="import-file">{t('imp.file.label')}</label>
            <input
              id="import-file"
              type="file"
              accept=".xlsx,.xls,.csv,.txt,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel,text/csv"
              disabled={!!busy}
              autoFocus
              onChange={(e) => {
                const f = e.target.files?.[0];
                if (f) void pick(f);
                e.target.value = '';
              }}
            />
          </div>
          <p className="muted">{t('imp.file.help')}</p>
          <button type="button" className="btn" onClick={() => void template()} disabled={!!busy}>
            {t('imp.file.template')}
          </button>
        </div>
      )}

      {step.kind === 'columns' && file && (
        <ColumnsStep
          fileName={file.name}
          preview={step.preview}
          choice={choice}
          busy={!!busy}
          onChoice={(next) => void repreview(next)}
          onBack={restart}
          onNext={() => void dryRun(step.preview)}
        />
      )}

      {step.kind === 'report' && (
        <ReportStep
          report={step.report}
          policy={policy}
          busy={!!busy}
          onPolicy={(p) => {
            setPolicy(p);
            void dryRun(step.preview, p);
          }}
          onExport={() => void exportReport()}
          onBack={() => setStep({ kind: 'columns', preview: step.preview })}
          onImport={() => commit(step.preview, step.report)}
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
        <DoneStep report={step.report} onExport={() => void exportReport()} onClose={onClose} onAnother={restart} />
      )}
    </section>
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
