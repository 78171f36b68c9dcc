import { type FormEvent, type ReactNode, useState } from 'react';
import { type CurrencyCode, MoneyParseError, parseMoney } from '../../../shared/money';
import { useT } from '../../i18n';
import { ApiError, api } from '../../lib/api';
import { EnterButton, EscButton, InlineError } from '../../ui/DialogParts';
import { AmountField } from '../../ui/fields';
import { messageOf } from '../../ui/toast';

/** The server refused cash because no shift is open on this till (`requireOpenShift`): the till offers to open one. */
export function isNoOpenShift(e: unknown): boolean {
  return e instanceof ApiError && (e.details as { reason?: string } | undefined)?.reason === 'noOpenShift';
}

/**
 * What a dialog whose cash may be refused for want of a shift keeps (sale, refund, debt payment): its problem line,
 * whether its call is under way, and whether it waits for a shift to be opened. `run` makes the call, saying why it
 * failed and whether it was for want of a shift; `actions` go on its ShiftAwareActions, `form(retry)` on its
 * OpenShiftForm (the float in the dialog's money), which carries on with `retry` once the shift is open.
 */
export function useShiftGate(currency: CurrencyCode, locale: string) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [needsShift, setNeedsShift] = useState(false);
  const run = async (call: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await call();
    } catch (err) {
      setError(messageOf(err));
      setNeedsShift(isNoOpenShift(err));
    } finally {
      setBusy(false);
    }
  };
  const form = (retry: () => void) => ({
    currency,
    locale,
    busy,
    onError: setError,
    onOpened: () => {
      setNeedsShift(false);
      retry();
    },
  });
  return { error, setError, busy, needsShift, run, actions: { error, needsShift, busy }, form };
}

/**
 * Opening a shift from the dialog whose cash was refused for want of one: the float in the drawer (empty is none) and
 * Enter open it, and `onOpened` carries on with what was refused (the sale, the refund, the debt payment). Shown under
 * the server's plain words, with the float field focused so one key does it.
 */
export function OpenShiftForm({
  id,
  currency,
  locale,
  submitLabel,
  busy,
  onOpened,
  onError,
}: {
  id: string;
  currency: CurrencyCode;
  locale: string;
  /** what Enter does here, e.g. "Open shift and complete the sale" */
  submitLabel: string;
  busy: boolean;
  onOpened: () => void;
  onError: (words: string) => void;
}) {
  const t = useT();
  const [float, setFloat] = useState('');
  const [opening, setOpening] = useState(false);
  const open = async (e: FormEvent) => {
    e.preventDefault();
    if (busy || opening) return;
    setOpening(true);
    try {
      await api.shifts.open({ float: { amount: float.trim() ? parseMoney(float, currency, locale) : 0 } });
    } catch (err) {
      onError(err instanceof MoneyParseError ? t('till.badAmount') : messageOf(err));
      return;
    } finally {
      setOpening(false);
    }
    onOpened();
  };
  return (
    <form className="pay-open-shift" onSubmit={(e) => void open(e)} aria-label={t('shift.till.open')}>
      <AmountField id={id} autoFocus label={t('shift.till.float')} value={float} onChange={setFloat} />
      <button type="submit" className="btn btn-primary" disabled={busy || opening}>
        {submitLabel} <kbd>Enter</kbd>
      </button>
    </form>
  );
}

/**
 * The last rows of a form whose cash may be refused for want of a shift (sale, refund, debt payment): the error, the
 * Enter button (no longer primary and without its key while the shift form below has Enter), any other buttons, and
 * Cancel.
 */
export function ShiftAwareActions({
  error,
  needsShift,
  busy,
  disabled,
  large,
  className = 'row-actions',
  onClose,
  extra,
  children,
}: {
  error: string | null;
  needsShift: boolean;
  busy: boolean;
  /** Enter cannot be used (besides while busy) */
  disabled?: boolean;
  large?: boolean;
  className?: string;
  onClose: () => void;
  /** buttons between Enter and Cancel */
  extra?: ReactNode;
  /** what Enter does */
  children: ReactNode;
}) {
  const t = useT();
  const size = large ? ' btn-lg' : '';
  return (
    <>
      <InlineError error={error} />
      <div className={className}>
        <EnterButton
          className={needsShift ? `btn${size}` : `btn btn-primary${size}`}
          keyHint={!needsShift}
          disabled={busy || disabled}
        >
          {children}
        </EnterButton>
        {extra}
        <EscButton label={t('common.cancel')} onClick={onClose} disabled={busy} />
      </div>
    </>
  );
}
