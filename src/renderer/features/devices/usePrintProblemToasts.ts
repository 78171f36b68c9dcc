import { useEffect, useRef } from 'react';
import { useT } from '../../i18n';
import { api } from '../../lib/api';
import { useToast } from '../../ui/toast';

/** The same problem (a dead printer, no printer set up) is said once a minute, not once per receipt or retry. */
const REPEAT_AFTER_MS = 60_000;

/** Wherever the cashier is, a receipt that cannot print says why. */
export function usePrintProblemToasts(): void {
  const t = useT();
  const toast = useToast();
  const said = useRef(new Map<string, number>());
  useEffect(
    () =>
      api.on('print.job', (e) => {
        if (!e.lastError || (e.status !== 'queued' && e.status !== 'failed')) return;
        const last = said.current.get(e.lastError);
        if (last !== undefined && Date.now() - last < REPEAT_AFTER_MS) return;
        said.current.set(e.lastError, Date.now());
        toast.error(t('dev.jobFailed', { error: e.lastError }));
      }),
    [t, toast],
  );
}
