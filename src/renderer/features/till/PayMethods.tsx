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
