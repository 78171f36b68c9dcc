import { type ReactNode, useEffect, useId, useRef } from 'react';
import './dialog.css';

/**
 * A modal dialog on the native <dialog> element: the browser keeps focus inside it and makes the page behind inert.
 * Esc calls `onClose` (the native close is cancelled so React stays in charge of whether it is open), except while
 * `busy` (a call under way that the dialog waits for).
 */
export function Dialog({
  title,
  onClose,
  children,
  className,
  role = 'dialog',
  initialFocus,
  busy = false,
}: {
  title: ReactNode;
  onClose: () => void;
  children: ReactNode;
  className?: string;
  role?: 'dialog' | 'alertdialog';
  /** a selector for the control that gets the cursor on opening (else the first one, as the browser does) */
  initialFocus?: string;
  busy?: boolean;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const close = useRef(onClose);
  close.current = busy ? () => {} : onClose;
  const focusFirst = useRef(initialFocus);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    if (!el.open) el.showModal();
    // React's autoFocus runs while the dialog is still closed (nothing in it can take focus yet), so focus here
    if (focusFirst.current) el.querySelector<HTMLElement>(focusFirst.current)?.focus();
    const onCancel = (e: Event) => {
      e.preventDefault();
      close.current();
    };
    el.addEventListener('cancel', onCancel);
    return () => {
      el.removeEventListener('cancel', onCancel);
      if (el.open) el.close();
    };
  }, []);

  return (
    <dialog ref={ref} className={className ? `modal ${className}` : 'modal'} aria-labelledby={titleId} role={role}>
      <h2 id={titleId} className="modal-title">
        {title}
      </h2>
      {children}
    </dialog>
  );
}
