import { useCallback } from 'react';
import { useT } from '../../i18n';
import { api } from '../../lib/api';
import { useShell } from '../../lib/session';
import { useToast } from '../../ui/toast';
import { useScans } from '../till/useScans';
import { type ScanEvent, setFieldValue } from '../till/useWedgeScanner';

/**
 * A loyalty card scanned anywhere on a screen opens that customer; an old (lost or replaced) card says so and opens
 * its customer, whose page shows the card history. A scan into a card-number field (data-scan-target="card") fills
 * the field instead: that is a pre-printed card being registered.
 */
export function useCardScan(open: (customerId: string) => void, { enabled = true }: { enabled?: boolean } = {}) {
  const t = useT();
  const toast = useToast();
  const { onError } = useShell();
  const onScan = useCallback(
    async (scan: ScanEvent) => {
      const el = document.activeElement;
      if (el instanceof HTMLInputElement && el.dataset.scanTarget === 'card') {
        setFieldValue(el, scan.code);
        return;
      }
      try {
        const r = await api.loyaltyCards.find({ code: scan.code });
        if (r.kind === 'customer') {
          toast.success(t('loy.scan.opened', { card: r.code, name: r.displayName }));
          open(r.customerId);
        } else if (r.kind === 'refused') {
          toast.error(r.message);
          open(r.customerId);
        } else toast.info(r.message);
      } catch (e) {
        onError(e);
      }
    },
    [open, onError, t, toast],
  );
  useScans((scan) => void onScan(scan), { enabled });
}
