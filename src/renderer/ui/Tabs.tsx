/**
 * A screen's tabs as segmented buttons (`role="tablist"`), one selected. With `keys`, each tab names its Ctrl+digit
 * shortcut and the arrow keys move between the tabs, as a tab list does; with `arrows`, only the arrow keys.
 */
export function Tabs<T extends string>({
  tabs,
  value,
  onChange,
  label,
  labelOf,
  className = 'pr-tabs',
  keys = false,
  arrows = keys,
}: {
  tabs: readonly T[];
  value: T;
  onChange: (tab: T) => void;
  label: string;
  labelOf: (tab: T) => string;
  className?: string;
  keys?: boolean;
  arrows?: boolean;
}) {
  return (
    <div className={className} role="tablist" aria-label={label}>
      {tabs.map((x, i) => (
        <button
          key={x}
          type="button"
          role="tab"
          aria-selected={value === x}
          aria-keyshortcuts={keys ? `Control+${i + 1}` : undefined}
          className={value === x ? 'seg seg-on' : 'seg'}
          onClick={() => onChange(x)}
          onKeyDown={
            arrows
              ? (e) => {
                  const d = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
                  if (!d) return;
                  const next = tabs[(i + d + tabs.length) % tabs.length] as T;
                  onChange(next);
                  (e.currentTarget.parentElement?.children[tabs.indexOf(next)] as HTMLElement | undefined)?.focus();
                }
              : undefined
          }
        >
          {labelOf(x)}
        </button>
      ))}
    </div>
  );
}
