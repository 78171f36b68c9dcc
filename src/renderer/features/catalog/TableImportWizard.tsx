import { type ReactNode, useEffect, useRef, useState } from 'react';
import type { ImportReport } from '../../../shared/contract/customer-import';
import type { TableChoice, TablePreview } from '../../../shared/contract/table-import';
import { type MessageKey, useT } from '../../i18n';
import { downloadBase64 } from '../../lib/download';
import '../customers/import/import.css';
import { Issues } from '../customers/import/ReportSteps';

export type Choice = Omit<TableChoice, 'uploadId'>;

/** What one kind of import supplies to the wizard: its words, fields and procedures. */
export interface TableImportDriver {
  title: string;
  fileLabel: string;
  fileHelp: string;
  backLabel: string;
  fields: readonly string[];
  fieldLabel: (field: string) => string;
  /** "New products" / "Prices added" … for the counts */
  countLabels: { created: string; updated: string; skipped: string };
  goLabel: (n: number) => string;
  upload: (fileName: string, base64: string) => Promise<{ uploadId: string }>;
  preview: (uploadId: string, choice: Choice) => Promise<TablePreview>;
  run: (uploadId: string, choice: Choice, dryRun: boolean) => Promise<ImportReport>;
  reportExport: (uploadId: string) => Promise<{ fileName: string; mimeType: string; base64: string }>;
  /** choices beside the dry run's counts (e.g. update or skip existing rows); changing one runs the check again */
  policy?: (rerun: () => void) => ReactNode;
}

type Step =
  | { kind: 'file' }
  | { kind: 'columns'; preview: TablePreview }
  | { kind: 'report'; preview: TablePreview; report: ImportReport }
  | { kind: 'running'; preview: TablePreview; report: ImportReport }
  | { kind: 'done'; report: ImportReport };

const STEP_NO: Record<Step['kind'], number> = { file: 1, columns: 2, report: 3, running: 3, done: 4 };
const STEP_NAME: Record<Step['kind'], MessageKey> = {
  file: 'imp.step.file',
  columns: 'imp.step.columns',
  report: 'imp.step.check',
  running: 'imp.step.check',
  done: 'imp.step.done',
};

function base64Of(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

const messageOf = (err: unknown) => (err instanceof Error && err.message ? err.message : String(err));

/**
 * The customer import wizard's steps for simple tables (products, a price list's prices): file → detected header
 * row and columns (each can be changed) → dry run with the rows to look at by row number → import → summary.
 */
export function TableImportWizard({ driver, onClose }: { driver: TableImportDriver; onClose: () => void }) {
  const t = useT();
  const [step, setStep] = useState<Step>({ kind: 'file' });
  const [file, setFile] = useState<{ name: string; uploadId: string } | null>(null);
  const [choice, setChoice] = useState<Choice>({});
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
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
      const { uploadId } = await driver.upload(f.name, await base64Of(f));
      setFile({ name: f.name, uploadId });
      setChoice({});
      setStep({ kind: 'columns', preview: await driver.preview(uploadId, {}) });
    });

  const repreview = (next: Choice) =>
    attempt(t('imp.checking'), async () => {
      if (!file) return;
      const preview = await driver.preview(file.uploadId, next);
      setChoice(next);
      setStep({ kind: 'columns', preview });
    });

  const dryRun = (preview: TablePreview) =>
    attempt(t('imp.checking'), async () => {
      if (!file) return;
      setStep({ kind: 'report', preview, report: await driver.run(file.uploadId, choice, true) });
    });

  const commit = (preview: TablePreview, dry: ImportReport) => {
    if (!file) return;
    setError(null);
    setStep({ kind: 'running', preview, report: dry });
    driver
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
      const f = await driver.reportExport(file.uploadId);
      downloadBase64(f.fileName, f.mimeType, f.base64);
    });

  const restart = () => {
    setStep({ kind: 'file' });
    setFile(null);
    setChoice({});
    setError(null);
  };

  const setField = (index: number, field: string | null) => {
    const others = (choice.columns ?? []).filter((c) => c.index !== index);
    void repreview({ ...choice, columns: [...others, { index, field }] });
  };

  return (
    <section className="section import-wizard" aria-labelledby="h-table-import">
      <div className="section-head">
        <h1 id="h-table-import" ref={heading} tabIndex={-1}>
          {driver.title}
        </h1>
        <div className="row-actions head-actions">
          <button type="button" className="btn btn-ghost" onClick={onClose} disabled={step.kind === 'running'}>
            {driver.backLabel}
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
            <label htmlFor="table-import-file">{driver.fileLabel}</label>
            <input
              id="table-import-file"
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
          <p className="muted">{driver.fileHelp}</p>
        </div>
      )}

      {step.kind === 'columns' && file && (
        <>
          <div className="card import-card">
            <h2>{t('imp.found', { file: file.name })}</h2>
            <div className="import-settings">
              {step.preview.sheets.length > 1 && (
                <div className="field">
                  <label htmlFor="ti-sheet">{t('imp.sheet')}</label>
                  <select
                    id="ti-sheet"
                    value={step.preview.sheet ?? ''}
                    disabled={!!busy}
                    onChange={(e) => void repreview({ sheet: e.target.value })}
                  >
                    {step.preview.sheets.map((s) => (
                      <option key={s} value={s}>
                        {s}
                      </option>
                    ))}
                  </select>
                </div>
              )}
              <div className="field">
                <label htmlFor="ti-header">{t('imp.headerRow')}</label>
                <input
                  id="ti-header"
                  type="number"
                  min={1}
                  max={10000}
                  value={step.preview.headerRow}
                  disabled={!!busy}
                  onChange={(e) => {
                    const n = Number(e.target.value);
                    if (Number.isInteger(n) && n >= 1) void repreview({ ...choice, headerRow: n, columns: undefined });
                  }}
                />
              </div>
            </div>
            <p className="muted">{t('ti.rows', { n: step.preview.rows })}</p>
          </div>
          <div className="card import-card">
            <h2 id="h-ti-columns">{t('imp.columns')}</h2>
            <table className="table import-columns" aria-labelledby="h-ti-columns">
              <thead>
                <tr>
                  <th scope="col">{t('imp.col.header')}</th>
                  <th scope="col">{t('imp.col.example')}</th>
                  <th scope="col">{t('imp.col.field')}</th>
                </tr>
              </thead>
              <tbody>
                {step.preview.columns.map((c) => (
                  <tr key={c.index} className={c.field ? undefined : 'import-unmapped'}>
                    <th scope="row">{c.header || `#${c.index + 1}`}</th>
                    <td className="import-sample">{c.samples.join(' · ')}</td>
                    <td>
                      <select
                        aria-label={t('imp.col.fieldFor', { name: c.header || `#${c.index + 1}` })}
                        value={c.field ?? ''}
                        disabled={!!busy}
                        onChange={(e) => setField(c.index, e.target.value || null)}
                      >
                        <option value="">{t('imp.field.none')}</option>
                        {driver.fields.map((f) => (
                          <option key={f} value={f}>
                            {driver.fieldLabel(f)}
                          </option>
                        ))}
                      </select>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {step.preview.unmapped.length > 0 && (
              <p className="inline-alert" role="status">
                {t('ti.needs', { list: step.preview.unmapped.map(driver.fieldLabel).join(', ') })}
              </p>
            )}
          </div>
          <div className="row-actions">
            <button
              type="button"
              className="btn btn-primary"
              disabled={!!busy || step.preview.unmapped.length > 0}
              onClick={() => void dryRun(step.preview)}
            >
              {t('imp.check')}
            </button>
            <button type="button" className="btn btn-ghost" disabled={!!busy} onClick={restart}>
              {t('imp.startOver')}
            </button>
          </div>
        </>
      )}

      {(step.kind === 'report' || step.kind === 'running') && (
        <>
          <div className="card import-card">
            <h2>{t('imp.willHappen')}</h2>
            <Counts report={step.report} labels={driver.countLabels} />
            {driver.policy?.(() => void dryRun(step.preview))}
          </div>
          <div className="card import-card">
            <Issues report={step.report} />
          </div>
          {step.kind === 'running' ? (
            <div className="card import-card">
              <h2>{t('imp.running', { file: file?.name ?? '' })}</h2>
              <progress className="import-progress" aria-label={t('imp.progress')} />
            </div>
          ) : (
            <div className="row-actions">
              <button
                type="button"
                className="btn btn-primary"
                disabled={!!busy || step.report.created + step.report.updated === 0}
                onClick={() => commit(step.preview, step.report)}
              >
                {step.report.created + step.report.updated
                  ? driver.goLabel(step.report.created + step.report.updated)
                  : t('imp.goNone')}
              </button>
              <button type="button" className="btn" disabled={!!busy} onClick={() => void exportReport()}>
                {t('imp.report')}
              </button>
              <button
                type="button"
                className="btn btn-ghost"
                disabled={!!busy}
                onClick={() => setStep({ kind: 'columns', preview: step.preview })}
              >
                {t('imp.back')}
              </button>
            </div>
          )}
        </>
      )}

      {step.kind === 'done' && (
        <>
          <div className="card import-card">
            <h2>{t('imp.done')}</h2>
            <p role="status">
              {t('imp.done.summary', {
                created: step.report.created,
                updated: step.report.updated,
                skipped: step.report.skipped,
                errors: step.report.errors.length,
              })}
            </p>
            <Counts report={step.report} labels={driver.countLabels} />
          </div>
          <div className="card import-card">
            <Issues report={step.report} />
          </div>
          <div className="row-actions">
            <button type="button" className="btn btn-primary" onClick={onClose} autoFocus>
              {driver.backLabel}
            </button>
            <button type="button" className="btn" onClick={() => void exportReport()}>
              {t('imp.report')}
            </button>
            <button type="button" className="btn btn-ghost" onClick={restart}>
              {t('imp.done.another')}
            </button>
          </div>
        </>
      )}
    </section>
  );
}

function Counts({ report, labels }: { report: ImportReport; labels: TableImportDriver['countLabels'] }) {
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
