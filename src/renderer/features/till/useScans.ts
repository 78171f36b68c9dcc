import { useEffect, useMemo, useRef, useState } from 'react';
import type { WedgeSettings } from '../../../shared/contract/sales';
import { api } from '../../lib/api';
import { type ScanEvent, useWedgeScanner } from './useWedgeScanner';
import { wedgeOptions } from './wedge';

/**
 * Every scan the screen should act on, whatever read it: the keyboard wedge (timed here, with the shop's interval
 * setting) and the serial and USB HID scanners the main process reads (`scan.code` events). A screen handles one
 * `ScanEvent` and never needs to know which scanner it came from.
 */
export function useScans(onScan: (scan: ScanEvent) => void, { enabled = true }: { enabled?: boolean } = {}): void {
  const handler = useRef(onScan);
  handler.current = onScan;
  const wedge = useWedgeSetting();
  const options = useMemo(() => wedgeOptions(wedge), [wedge]);

  useWedgeScanner((scan) => handler.current(scan), { enabled, options });

  useEffect(() => {
    if (!enabled) return;
    return api.on('scan.code', (e) => handler.current({ source: 'device', code: e.code, scanner: e.source }));
  }, [enabled]);
}

// The setting as last read or saved, shared by every screen that listens for scans: saving it on the Devices
// screen applies at once there and on the till, without a reload.
let known: WedgeSettings | null = null;
const watchers = new Set<(s: WedgeSettings | null) => void>();

/** Tells the screens listening for scans about a newly saved setting. */
export function publishWedgeSetting(s: WedgeSettings | null): void {
  known = s;
  for (const w of watchers) w(s);
}

/** The shop's wedge setting; null (the built-in defaults) until read, or when it cannot be. */
function useWedgeSetting(): WedgeSettings | null {
  const [setting, setSetting] = useState<WedgeSettings | null>(known);
  useEffect(() => {
    watchers.add(setSetting);
    api.sales
      .settings(null)
      .then((s) => publishWedgeSetting(s.wedge ?? null))
      // the defaults still work: a scan is never lost because the setting could not be read
      .catch(() => {});
    return () => {
      watchers.delete(setSetting);
    };
  }, []);
  return setting;
}
