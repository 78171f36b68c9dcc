import type { ReactNode, RefObject } from 'react';
import { useT } from '../../i18n';
import { STEP_NAME, STEP_NO, type WizardStep } from './useImportWizard';
import './import.css';
import { InlineError } from '../../ui/DialogParts';

/** The wizard's page: its heading and way back, which step this is, and the last error or the work under way. */
export function ImportWizardFrame({
  wizard,
  headingId,
  title,
  backLabel,
  onClose,
  children,
}: {
  /** what useImportWizard says of the wizard's state */
  wizard: {
    heading: RefObject<HTMLHeadingElement | null>;
    step: { kind: WizardStep<unknown>['kind'] };
    error: string | null;
    busy: string | null;
  };
  headingId: string;
  title: string;
  backLabel: string;
  onClose: () => void;
  children: ReactNode;
}) {
  const t = useT();
  const { heading, error, busy } = wizard;
  const step = wizard.step.kind;
  return (
    <section className="section import-wizard" aria-labelledby={headingId}>
      <div className="section-head">
        <h1 id={headingId} ref={heading} tabIndex={-1}>
          {title}
        </h1>
        <div className="row-actions head-actions">
          <button type="button" className="btn btn-ghost" onClick={onClose} disabled={step === 'running'}>
            {backLabel}
          </button>
        </div>
      </div>
      <p className="import-step muted">{t('imp.step', { n: STEP_NO[step], name: t(STEP_NAME[step]) })}</p>
      <InlineError error={error} />
      {busy && step !== 'running' && (
        <p className="muted" role="status">
          {busy}
        </p>
      )}
      {children}
    </section>
  );
}
