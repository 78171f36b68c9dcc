import { SerialPort } from 'serialport';

/**
 * A serial barcode scanner: each scan is one line (CR, LF or CRLF). Reopens the port after it goes away (a USB
 * serial adapter unplugged and plugged back), every `retryMs`.
 */
export class SerialScanner {
  private port: SerialPort | null = null;
  private stopped = false;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private path: string,
    private onCode: (code: string) => void,
    private opts: {
      baudRate?: number;
      retryMs?: number;
      onState?: (connected: boolean, problem?: string) => void;
    } = {},
  ) {}

  start(): void {
    this.stopped = false;
    this.open();
  }

  private open(): void {
    if (this.stopped) return;
    const port = new SerialPort({ path: this.path, baudRate: this.opts.baudRate ?? 9600, autoOpen: false });
    port.open((err) => {
      if (err) {
        this.opts.onState?.(false, err.message);
        this.retry();
        return;
      }
      if (this.stopped) {
        port.close();
        return;
      }
      this.port = port;
      this.opts.onState?.(true);
      let pending = '';
      port.on('data', (chunk: Buffer) => {
        pending += chunk.toString('latin1');
        const lines = pending.split(/\r\n|\r|\n/);
        pending = lines.pop() ?? '';
        for (const line of lines) {
          const code = line.trim();
          if (code) this.onCode(code);
        }
      });
      port.once('close', () => {
        this.port = null;
        this.opts.onState?.(false, 'disconnected');
        this.retry();
      });
    });
  }

  private retry(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => this.open(), this.opts.retryMs ?? 2000);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    const port = this.port;
    this.port = null;
    if (port?.isOpen) await new Promise<void>((r) => port.close(() => r()));
  }
}
