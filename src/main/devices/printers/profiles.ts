import { z } from 'zod';
import { PrinterProfile } from '../../../shared/contract/devices';
import { AppError } from '../../../shared/errors';
import { stmt } from '../../db/statements';
import type { Actor, AuditService } from '../../domains/audit/service';
import type { Deps } from '../../domains/deps';

const KEY = 'printers';
const Stored = z.object({ printers: z.array(PrinterProfile) });

/**
 * Printer profiles, one row of the settings table (no table of their own: a till has one or two printers and
 * they change rarely). Exactly one is the default whenever any exist.
 */
export class PrinterProfiles {
  constructor(
    private deps: Deps,
    private audit: AuditService,
  ) {}

  list(): PrinterProfile[] {
    const row = stmt(this.deps.sqlite, 'SELECT value FROM settings WHERE key = ?').get(KEY) as
      | { value: string }
      | undefined;
    if (!row) return [];
    const parsed = Stored.safeParse(JSON.parse(row.value));
    return parsed.success ? parsed.data.printers : [];
  }

  get(id: string): PrinterProfile {
    const p = this.list().find((x) => x.id === id);
    if (!p) throw new AppError('NOT_FOUND', 'That printer is no longer set up.', { id });
    return p;
  }

  /** The printer a job goes to: its own, else the default. */
  resolve(printerId: string | null): PrinterProfile | null {
    const all = this.list();
    return (printerId && all.find((p) => p.id === printerId)) || all.find((p) => p.isDefault) || null;
  }

  save(actor: Actor, input: Omit<z.input<typeof PrinterProfile>, 'id'> & { id?: string }): PrinterProfile[] {
    return this.deps.sqlite.transaction(() => {
      const before = this.list();
      const id = input.id ?? this.deps.newId();
      const previous = before.find((p) => p.id === id);
      if (input.id && !previous) throw new AppError('NOT_FOUND', 'That printer is no longer set up.', { id });
      const profile = PrinterProfile.parse({ ...input, id });
      if (before.some((p) => p.id !== id && p.name.toLowerCase() === profile.name.toLowerCase()))
        throw new AppError('CONFLICT', `There is already a printer called "${profile.name}".`);
      let next = previous ? before.map((p) => (p.id === id ? profile : p)) : [...before, profile];
      next = withOneDefault(next, profile.isDefault ? id : null);
      this.write(actor, previous ? 'printer.update' : 'printer.create', id, previous ?? null, profile, next);
      return next;
    })();
  }

  remove(actor: Actor, id: string): PrinterProfile[] {
    return this.deps.sqlite.transaction(() => {
      const before = this.list();
      const gone = before.find((p) => p.id === id);
      if (!gone) throw new AppError('NOT_FOUND', 'That printer is no longer set up.', { id });
      const next = withOneDefault(
        before.filter((p) => p.id !== id),
        null,
      );
      this.write(actor, 'printer.delete', id, gone, null, next);
      return next;
    })();
  }

  private write(
    actor: Actor,
    action: string,
    id: string,
    before: PrinterProfile | null,
    after: PrinterProfile | null,
    all: PrinterProfile[],
  ) {
    stmt(
      this.deps.sqlite,
      'INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
    ).run(KEY, JSON.stringify({ printers: all }), this.deps.clock.now());
    this.audit.record(actor, { action, entity: 'printer', entityId: id, before, after });
  }
}

function withOneDefault(list: PrinterProfile[], preferred: string | null): PrinterProfile[] {
  const chosen = preferred ?? list.find((p) => p.isDefault)?.id ?? list[0]?.id ?? null;
  return list.map((p) => ({ ...p, isDefault: p.id === chosen }));
}
