import { useEffect, useRef } from 'react';
import { useT } from '../../i18n';
import { api } from '../../lib/api';
import { useToast } from '../../ui/toast';

/** Wherever the cashier is, a receipt that could not print says why, once per job and problem (not every retry). */
export function usePrintProblemToasts(): void {
  const t = useT();
  const toast = useToast();
  const seen = useRef(new Map<string, string>());
  useEffect(
    () =>
      api.on('print.job', (e) => {
        if (!e.lastError || (e.status !== 'queued' && e.status !== 'failed')) return;
        if (seen.current.get(e.id) === e.lastError) return;
        seen.current.set(e.id, e.lastError);
        toast.error(t('dev.jobFailed', { error: e.lastError }));
      }),
    [t, toast],
  );
}
