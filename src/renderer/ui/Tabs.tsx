import type { ReactNode } from 'react';
import { type MessageKey, useT } from '../i18n';
import { Screen } from './Screen';

type TabsProps<T extends string> = {
  tabs: readonly T[];
  value: T;
  onChange: (tab: T) => void;
  label: string;
  labelOf: (tab: T) => string;
  className?: string;
  keys?: boolean;
  arrows?: boolean;
};

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
}: TabsProps<T>) {
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

/**
 * What names a screen of tabs: its heading's id and title, the tab list's label, each tab's message
 * `<tabMessages>.<tab>`, and how the tab list looks and takes keys (as `Tabs`).
 */
export type TabScreenSpec = {
  headingId: string;
  title: MessageKey;
  label: MessageKey;
  tabMessages: string;
} & Pick<TabsProps<string>, 'className' | 'keys' | 'arrows'>;

/**
 * A screen of tabs: its heading, the tab list and the selected tab's panel, or `children` in its place when given.
 * With `hideLone`, a single tab shows no tab list.
 */
export function TabScreen<T extends string>({
  spec: { headingId, title, label, tabMessages, ...look },
  tabs,
  state: [value, onChange],
  panels,
  hideLone = false,
  children,
}: {
  spec: TabScreenSpec;
  tabs: readonly T[];
  state: readonly [T, (tab: T) => void];
  panels: Partial<Record<T, ReactNode>>;
  hideLone?: boolean;
  children?: ReactNode;
}) {
  const t = useT();
  const labelOf = (x: T) => t(`${tabMessages}.${x}` as MessageKey);
  return (
    <Screen headingId={headingId} title={t(title)}>
      {!(hideLone && tabs.length < 2) && (
        <Tabs {...look} tabs={tabs} value={value} onChange={onChange} label={t(label)} labelOf={labelOf} />
      )}
      {children ?? panels[value]}
    </Screen>
  );
}
