import type { KeyboardEvent, ReactNode } from 'react';
import { type MessageKey, useT } from '../../i18n';

/**
 * The row of big payment-method buttons (a radio group) in the payment and debt-payment dialogs: each says its
 * Alt+digit key, or why it cannot be used now.
 */
export function PayMethods<M extends string>({
  methods,
  value,
  onChange,
  label,
  busy,
  unusable,
}: {
  methods: readonly M[];
  value: M;
  onChange: (m: M) => void;
  label: string;
  busy: boolean;
  /** why a method cannot be used now (shown on it and as its hover text), or null */
  unusable?: (m: M) => { title: string; why: string } | null;
}) {
  const t = useT();
  const usable = methods.filter((m) => !unusable?.(m));
  return (
    <div className="pay-methods" role="radiogroup" aria-label={label}>
      {methods.map((m) => {
        const off = unusable?.(m) ?? null;
        return (
          // biome-ignore lint/a11y/useSemanticElements: a row of big buttons reads better than radio inputs
          <button
            key={m}
            type="button"
            role="radio"
            aria-checked={value === m}
            disabled={!!off || busy}
            title={off ? off.title : undefined}
            className={value === m ? 'pay-method pay-method-on' : 'pay-method'}
            onClick={() => onChange(m)}
          >
            {t(`till.method.${m}` as MessageKey)}
            {!off && <kbd>Alt+{usable.indexOf(m) + 1}</kbd>}
            {off && <span className="pay-method-why">{off.why}</span>}
          </button>
        );
      })}
    </div>
  );
}

/**
 * The dialog's keys for the methods: Alt+1…Alt+`last` choose the method at that place (stopped there so the shell
 * does not switch sections).
 */
export function methodKeys<M>(methods: readonly M[], choose: (m: M) => void, last: number) {
  const digit = new RegExp(`^Digit[1-${last}]$`);
  return (e: KeyboardEvent) => {
    if (e.altKey && digit.test(e.code)) {
      const m = methods[Number(e.code.slice(5)) - 1];
      if (m) choose(m);
      e.preventDefault();
      e.stopPropagation();
    }
  };
}

/** One big figure atop a payment dialog; false leaves it out. */
export type PayFigure = { label: string; testId: string; value: ReactNode; className?: string } | false;

/** The big figures atop a payment dialog: what is due and still to pay, or what they owe now and after. */
export function PayFigures({ figures }: { figures: readonly PayFigure[] }) {
  return (
    <div className="pay-figures">
      {figures.map(
        (f) =>
          f && (
            <div key={f.testId}>
              <span className="pay-figure-label">{f.label}</span>
              <span className={f.className ? `pay-figure ${f.className}` : 'pay-figure'} data-testid={f.testId}>
                {f.value}
              </span>
            </div>
          ),
      )}
    </div>
  );
}
