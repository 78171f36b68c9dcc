import { devicesAsync, HIDAsync } from 'node-hid';
import { type HidPosLayout, HONEYWELL_POS, KeyboardReportDecoder, PosReportDecoder } from './hid-decode';

export interface HidScannerConfig {
  vendorId: number;
  productId: number;
  /** keyboard: boot keyboard reports; pos: HID POS (usage page 0x8C) */
  mode: 'keyboard' | 'pos';
  /** keyboard reports start with a report-id byte (composite devices) */
  hasReportId?: boolean;
  posLayout?: HidPosLayout;
}

/**
 * A USB HID scanner opened by vendor/product id. Reports go through the same decoders the tests feed with recorded
 * reports. When the device goes away (unplugged, error) it is looked for again every `retryMs` and reopened.
 */
export class HidScanner {
  private device: HIDAsync | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private config: HidScannerConfig,
    private onCode: (code: string) => void,
    private opts: { retryMs?: number; onState?: (connected: boolean, problem?: string) => void } = {},
  ) {}

  start(): void {
    this.stopped = false;
    void this.open();
  }

  private async open(): Promise<void> {
    if (this.stopped) return;
    const { vendorId, productId } = this.config;
    try {
      const present = await devicesAsync(vendorId, productId);
      if (!present.length) throw new Error(`no USB device ${hex(vendorId)}:${hex(productId)} is plugged in`);
      const device = await HIDAsync.open(vendorId, productId);
      if (this.stopped) {
        await device.close();
        return;
      }
      this.device = device;
      const decoder =
        this.config.mode === 'pos'
          ? new PosReportDecoder(this.config.posLayout ?? HONEYWELL_POS)
          : new KeyboardReportDecoder({ hasReportId: this.config.hasReportId });
      device.on('data', (report: Buffer) => {
        for (const code of decoder.push(report)) this.onCode(code);
      });
      device.on('error', (e: Error) => {
        this.device = null;
        this.opts.onState?.(false, e.message);
        void device.close().catch(() => {});
        this.retry();
      });
      this.opts.onState?.(true);
    } catch (e) {
      this.opts.onState?.(false, (e as Error).message);
      this.retry();
    }
  }

  private retry(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.open(), this.opts.retryMs ?? 2000);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    const d = this.device;
    this.device = null;
    if (d) await d.close().catch(() => {});
  }
}

const hex = (n: number) => n.toString(16).padStart(4, '0');
