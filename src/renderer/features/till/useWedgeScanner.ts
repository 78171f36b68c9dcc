import { useEffect, useRef } from 'react';
import { DEFAULT_WEDGE_OPTIONS, IDLE, step, type WedgeOptions, type WedgeState } from './wedge';

/** One scanned code, whatever read it: the keyboard wedge (read here) or a serial/HID scanner main reads. */
export type ScanEvent = { source: 'wedge'; code: string } | { source: 'device'; code: string; scanner: string };

type TextControl = HTMLInputElement | HTMLTextAreaElement;

function textControl(target: EventTarget | null): TextControl | null {
  if (target instanceof HTMLTextAreaElement) return target;
  if (target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit'].includes(target.type)) {
    return target;
  }
  return null;
}

/** Sets a (React-controlled) field's value the way typing would, so React's onChange sees it. */
export function setFieldValue(el: TextControl, value: string): void {
  const proto = el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  Object.getOwnPropertyDescriptor(proto, 'value')?.set?.call(el, value);
  el.dispatchEvent(new Event('input', { bubbles: true }));
}

/**
 * Listens to the whole window for keyboard-wedge scans. Characters are never swallowed while they arrive (a person
 * typing must not lose keys); when Enter closes a burst that timing says was a scan, the Enter is stopped and, if the
 * burst went into a text field, the field gets back the text it had before the burst. Then `onScan` runs.
 */
export function useWedgeScanner(
  onScan: (scan: ScanEvent) => void,
  { enabled = true, options = DEFAULT_WEDGE_OPTIONS }: { enabled?: boolean; options?: WedgeOptions } = {},
): void {
  const handler = useRef(onScan);
  handler.current = onScan;

  useEffect(() => {
    if (!enabled) return;
    let state: WedgeState = IDLE;
    let field: { el: TextControl; before: string } | null = null;

    const onKeyDown = (e: KeyboardEvent) => {
      if (e.isComposing) return;
      const r = step(state, { key: e.key, at: e.timeStamp, withCommand: e.ctrlKey || e.altKey || e.metaKey }, options);
      state = r.state;
      const v = r.verdict;
      if (v.kind === 'char' && v.burstStart) {
        const el = textControl(e.target);
        field = el ? { el, before: el.value } : null;
      } else if (v.kind === 'scan') {
        e.preventDefault();
        e.stopPropagation();
        const el = textControl(e.target);
        // the burst is the only thing that changed the field (it was too fast for a person), so undo all of it
        if (field && el === field.el && el.value !== field.before) setFieldValue(el, field.before);
        field = null;
        handler.current({ source: 'wedge', code: v.code });
      }
    };
    // capture: the scan is recognised before any field or shortcut handles the Enter
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, [enabled, options]);
}
