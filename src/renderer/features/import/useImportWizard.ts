import { useEffect, useRef, useState } from 'react';
import type { ImportReport } from '../../../shared/contract/customer-import';
import { type MessageKey, useT } from '../../i18n';
import { downloadBase64 } from '../../lib/download';

/** What one kind of import does with a file: the wizard only decides when. */
export interface ImportProcedures<P, C> {
  upload: (fileName: string, base64: string) => Promise<{ uploadId: string }>;
  preview: (uploadId: string, choice: C) => Promise<P>;
  run: (uploadId: string, choice: C, dryRun: boolean) => Promise<ImportReport>;
  reportExport: (uploadId: string) => Promise<{ fileName: string; mimeType: string; base64: string }>;
}

export type WizardStep<P> =
  | { kind: 'file' }
  | { kind: 'columns'; preview: P }
  | { kind: 'report'; preview: P; report: ImportReport }
  | { kind: 'running'; preview: P; report: ImportReport }
  | { kind: 'done'; report: ImportReport };

export const STEP_NO: Record<WizardStep<unknown>['kind'], number> = {
  file: 1,
  columns: 2,
  report: 3,
  running: 3,
  done: 4,
};
export const STEP_NAME: Record<WizardStep<unknown>['kind'], MessageKey> = {
  file: 'imp.step.file',
  columns: 'imp.step.columns',
  report: 'imp.step.check',
  running: 'imp.step.check',
  done: 'imp.step.done',
};

/** A browser File as base64 (what the upload procedures take). */
function base64Of(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

/** Plain words from the main process; anything unexpected still says what to do next. */
const messageOf = (err: unknown) => (err instanceof Error && err.message ? err.message : String(err));

/**
 * The import wizard's steps: file → detected settings and columns → dry-run report → import → summary. One piece of
 * work at a time: `busy` says which (and turns the buttons off), `error` what went wrong with the last one.
 */
export function useImportWizard<P, C extends object>(procedures: ImportProcedures<P, C>) {
  const t = useT();
  const [step, setStep] = useState<WizardStep<P>>({ kind: 'file' });
  const [file, setFile] = useState<{ name: string; uploadId: string } | null>(null);
  const [choice, setChoice] = useState<C>({} as C);
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
      const { uploadId } = await procedures.upload(f.name, await base64Of(f));
      setFile({ name: f.name, uploadId });
      setChoice({} as C);
      setStep({ kind: 'columns', preview: await procedures.preview(uploadId, {} as C) });
    });

  const repreview = (next: C) =>
    attempt(t('imp.checking'), async () => {
      if (!file) return;
      const preview = await procedures.preview(file.uploadId, next);
      setChoice(next);
      setStep({ kind: 'columns', preview });
    });

  const dryRun = (preview: P) =>
    attempt(t('imp.checking'), async () => {
      if (!file) return;
      setStep({ kind: 'report', preview, report: await procedures.run(file.uploadId, choice, true) });
    });

  // no `attempt`: the running step shows its own progress, and a failure goes back to the dry run's report
  const commit = (preview: P, dry: ImportReport) => {
    if (!file) return;
    setError(null);
    setStep({ kind: 'running', preview, report: dry });
    procedures
      .run(file.uploadId, choice, false)
      .then((report) => setStep({ kind: 'done', report }))
      .catch((err: unknown) => {
        setError(messageOf(err));
        setStep({ kind: 'report', preview, report: dry });
      });
  };

  const exportReport = () =>
    attempt(t('imp.report'), async () => {
      if (!file) return;
      const f = await procedures.reportExport(file.uploadId);
      downloadBase64(f.fileName, f.mimeType, f.base64);
    });

  const restart = () => {
    setStep({ kind: 'file' });
    setFile(null);
    setChoice({} as C);
    setError(null);
  };

  const backToColumns = (preview: P) => setStep({ kind: 'columns', preview });

  return {
    step,
    file,
    choice,
    busy,
    error,
    heading,
    attempt,
    pick,
    repreview,
    dryRun,
    commit,
    exportReport,
    restart,
    backToColumns,
  };
}
