import { type ReactNode, useState } from 'react';
import { Dialog } from './Dialog';
import { TextField } from './fields';

/** A dialog's problem line, read out as it appears. */
export function InlineError({ error }: { error: ReactNode }) {
  if (!error) return null;
  return (
    <p className="inline-alert" role="alert">
      {error}
    </p>
  );
}

/** The button Esc stands for (cancel, close, keep): its words, then the key. */
export function EscButton({
  label,
  onClick,
  disabled,
  className = 'btn btn-ghost',
}: {
  label: ReactNode;
  onClick: () => void;
  disabled?: boolean;
  className?: string;
}) {
  return (
    <button type="button" className={className} onClick={onClick} disabled={disabled}>
      {label} <kbd>Esc</kbd>
    </button>
  );
}

/** A form's submit button that Enter presses: its words, then the key. */
export function EnterButton({
  children,
  disabled,
  className = 'btn btn-primary',
  keyHint = true,
}: {
  children: ReactNode;
  disabled?: boolean;
  className?: string;
  /** false while another form in the dialog has the cursor and Enter (e.g. opening a shift) */
  keyHint?: boolean;
}) {
  return (
    <button type="submit" className={className} disabled={disabled}>
      {children}
      {keyHint && (
        <>
          {' '}
          <kbd>Enter</kbd>
        </>
      )}
    </button>
  );
}

/** A form's last row: its submit button, then the one that leaves without saving. */
export function FormActions({
  submit,
  cancel,
  onCancel,
  disabled,
  className = 'row-actions',
}: {
  submit: ReactNode;
  cancel: ReactNode;
  onCancel: () => void;
  disabled?: boolean;
  className?: string;
}) {
  return (
    <div className={className}>
      <button type="submit" className="btn btn-primary" disabled={disabled}>
        {submit}
      </button>
      <button type="button" className="btn btn-ghost" onClick={onCancel}>
        {cancel}
      </button>
    </div>
  );
}

/** A yes-or-no question before something that cannot be taken back; the yes button has the cursor. */
export function ConfirmDialog({
  title,
  text,
  confirmLabel,
  cancelLabel,
  onConfirm,
  onClose,
}: {
  title: ReactNode;
  text: ReactNode;
  confirmLabel: ReactNode;
  cancelLabel: ReactNode;
  onConfirm: () => void;
  onClose: () => void;
}) {
  return (
    <Dialog title={title} onClose={onClose} role="alertdialog" initialFocus=".btn-danger">
      <p>{text}</p>
      <div className="row-actions">
        <button type="button" className="btn btn-danger" onClick={onConfirm}>
          {confirmLabel}
        </button>
        <EscButton label={cancelLabel} onClick={onClose} />
      </div>
    </Dialog>
  );
}

/**
 * The gravest confirmations (erasing a customer): the button works only once `expected` is typed in full. `onConfirm`
 * gets what was typed (trimmed), for the main process to check again; it resolves false when it did not go through.
 */
export function TypedConfirmDialog({
  id,
  title,
  explain,
  typeLabel,
  expected,
  confirmLabel,
  cancelLabel,
  onConfirm,
  onClose,
}: {
  id: string;
  title: ReactNode;
  explain: ReactNode;
  typeLabel: string;
  expected: string;
  confirmLabel: ReactNode;
  cancelLabel: ReactNode;
  onConfirm: (typed: string) => Promise<boolean>;
  onClose: () => void;
}) {
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const matches = typed.trim() === expected;
  return (
    <Dialog title={title} onClose={onClose} role="alertdialog">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!matches) return;
          setBusy(true);
          void onConfirm(typed.trim()).then((ok) => {
            if (!ok) setBusy(false);
          });
        }}
      >
        <p>{explain}</p>
        <TextField id={id} label={typeLabel} value={typed} onChange={setTyped} autoComplete="off" />
        <div className="row-actions">
          <button type="submit" className="btn btn-danger" disabled={!matches || busy}>
            {confirmLabel}
          </button>
          <EscButton label={cancelLabel} onClick={onClose} />
        </div>
      </form>
    </Dialog>
  );
}

/**
 * A long job (an import, an export, a backup, a bulk send) under way: a bar, the count done, and Cancel when the job
 * can stop. `total` null means not known yet (the bar moves without a figure).
 */
export function ProgressDialog({
  title,
  label,
  done,
  total,
  status,
  cancelLabel,
  onCancel,
}: {
  title: ReactNode;
  label: string;
  done: number;
  total: number | null;
  status?: ReactNode;
  cancelLabel: ReactNode;
  onCancel?: () => void;
}) {
  const pct = total ? Math.min(100, Math.round((done / total) * 100)) : undefined;
  return (
    <Dialog title={title} onClose={() => onCancel?.()} className="progress-dialog">
      <progress className="import-progress" aria-label={label} max={100} value={pct} />
      {status && (
        <p className="muted" aria-live="polite">
          {status}
        </p>
      )}
      {onCancel && (
        <div className="row-actions">
          <EscButton label={cancelLabel} onClick={onCancel} className="btn" />
        </div>
      )}
    </Dialog>
  );
}
