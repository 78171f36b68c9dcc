/**
 * A worker that hands what is due in a table to the outside world (printers, mail servers), one pass at a time: `wake`
 * asks for a pass soon; a wake during a pass runs another after it; after the passes the worker asks the subclass when
 * the next row falls due and sleeps until then. The print queue and the outbox are both one.
 */
export abstract class DrainLoop {
  protected started = false;
  private running = false;
  private again = false;
  private timer: NodeJS.Timeout | null = null;

  /** `keepAlive: false`: a pending timer does not keep the process running (a short command may exit) */
  constructor(private keepAlive = true) {}

  /** sends what is due now */
  protected abstract pass(): Promise<void>;
  /** how long until the next row falls due, or null when nothing waits */
  protected abstract nextDelay(): number | null;

  /** Marks the worker started; false when it already was. */
  protected begin(): boolean {
    if (this.started) return false;
    this.started = true;
    return true;
  }

  stop(): void {
    this.started = false;
    this.setTimer(null);
  }

  /** Resolves once no pass is running (after `stop`, nothing starts another). */
  async idle(): Promise<void> {
    while (this.running) await new Promise((r) => setTimeout(r, 20));
  }

  /** Something may be due (a row was written, a setting saved, a retry asked for). */
  wake(): void {
    if (!this.started) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.setTimer(0);
  }

  /** Sends everything that is due; resolves when nothing is. */
  async drain(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      do {
        this.again = false;
        await this.pass();
      } while (this.again && this.started);
    } finally {
      this.running = false;
    }
    if (this.started) this.setTimer(this.nextDelay());
  }

  private setTimer(delay: number | null): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (delay === null) return;
    this.timer = setTimeout(() => void this.drain(), delay);
    if (!this.keepAlive) this.timer.unref?.();
  }
}
