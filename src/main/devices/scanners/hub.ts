import { z } from 'zod';
import { ScannerProfile } from '../../../shared/contract/devices';
import { AppError } from '../../../shared/errors';
import { stmt } from '../../db/statements';
import type { Actor, AuditService } from '../../domains/audit/service';
import type { Deps } from '../../domains/deps';
import { HidScanner } from './hid-scanner';
import { SerialScanner } from './serial-scanner';

const KEY = 'scanners';
const Stored = z.object({ scanners: z.array(ScannerProfile) });

interface Running {
  stop(): Promise<void>;
  connected: boolean;
  problem: string | null;
}

/**
 * Scanners the main process reads (serial and USB HID), configured in settings. Each code becomes a `scan.code`
 * event; the till resolves it like a keyboard-wedge scan (loyalty card, product, document number).
 */
export class ScannerHub {
  private running = new Map<string, Running>();
  private started = false;

  constructor(
    private deps: Deps,
    private audit: AuditService,
  ) {}

  list(): ScannerProfile[] {
    const row = stmt(this.deps.sqlite, 'SELECT value FROM settings WHERE key = ?').get(KEY) as
      | { value: string }
      | undefined;
    const parsed = row ? Stored.safeParse(JSON.parse(row.value)) : null;
    return parsed?.success ? parsed.data.scanners : [];
  }

  states() {
    return this.list().map((s) => ({
      ...s,
      connected: this.running.get(s.id)?.connected ?? false,
      problem: this.running.get(s.id)?.problem ?? (this.started ? null : 'not started'),
    }));
  }

  save(actor: Actor, input: Omit<z.input<typeof ScannerProfile>, 'id'> & { id?: string }): ScannerProfile[] {
    const list = this.deps.sqlite.transaction(() => {
      const before = this.list();
      const id = input.id ?? this.deps.newId();
      const previous = before.find((s) => s.id === id) ?? null;
      if (input.id && !previous) throw new AppError('NOT_FOUND', 'That scanner is no longer set up.', { id });
      const profile = ScannerProfile.parse({ ...input, id });
      if (profile.kind === 'serial' && !profile.path)
        throw new AppError('VALIDATION', 'A serial scanner needs its port, such as /dev/ttyACM0 or COM4.');
      if (profile.kind === 'hid' && !(profile.vendorId && profile.productId))
        throw new AppError('VALIDATION', 'A USB scanner needs its vendor and product id (from `lsusb`).');
      const next = previous ? before.map((s) => (s.id === id ? profile : s)) : [...before, profile];
      this.write(actor, previous ? 'scanner.update' : 'scanner.create', id, previous, profile, next);
      return next;
    })();
    void this.restart();
    return list;
  }

  remove(actor: Actor, id: string): ScannerProfile[] {
    const list = this.deps.sqlite.transaction(() => {
      const before = this.list();
      const gone = before.find((s) => s.id === id);
      if (!gone) throw new AppError('NOT_FOUND', 'That scanner is no longer set up.', { id });
      const next = before.filter((s) => s.id !== id);
      this.write(actor, 'scanner.delete', id, gone, null, next);
      return next;
    })();
    void this.restart();
    return list;
  }

  start(): void {
    this.started = true;
    for (const s of this.list()) this.run(s);
  }

  async stop(): Promise<void> {
    this.started = false;
    const all = [...this.running.values()];
    this.running.clear();
    await Promise.all(all.map((r) => r.stop()));
  }

  private async restart(): Promise<void> {
    if (!this.started) return;
    await this.stop();
    this.start();
  }

  private run(s: ScannerProfile): void {
    const entry: Running = { stop: async () => {}, connected: false, problem: null };
    const onCode = (code: string) => this.deps.events.emit('scan.code', { scannerId: s.id, source: s.name, code });
    const onState = (connected: boolean, problem?: string) => {
      entry.connected = connected;
      entry.problem = connected ? null : (problem ?? null);
    };
    const scanner =
      s.kind === 'serial'
        ? new SerialScanner(s.path, onCode, { baudRate: s.baudRate, onState })
        : new HidScanner(
            { vendorId: s.vendorId, productId: s.productId, mode: s.hidMode, hasReportId: s.hasReportId },
            onCode,
            { onState },
          );
    entry.stop = () => scanner.stop();
    this.running.set(s.id, entry);
    scanner.start();
  }

  private write(
    actor: Actor,
    action: string,
    id: string,
    before: ScannerProfile | null,
    after: ScannerProfile | null,
    all: ScannerProfile[],
  ) {
    stmt(
      this.deps.sqlite,
      'INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
    ).run(KEY, JSON.stringify({ scanners: all }), this.deps.clock.now());
    this.audit.record(actor, { action, entity: 'scanner', entityId: id, before, after });
  }
}
