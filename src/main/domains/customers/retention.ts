import { AppError } from '../../../shared/errors';
import { stmt } from '../../db/statements';
import type { Actor, AuditService } from '../audit/service';
import type { Deps } from '../deps';
import { readSettingRow, writeSettingRow } from '../settings/rows';
import { type CustomerErase, erasedName } from './erase';

const KEY = 'retention';
const YEAR_MS = 365.25 * 86_400_000;

export interface RetentionCandidate {
  id: string;
  name: string;
  /** the last sale, payment or change on their record; their creation when there was none */
  lastActivityAt: number;
}

/**
 * The owner's retention rule (issue 17): customers with no activity for N years are listed, and erased only when
 * the owner approves the list. Someone who still owes money is never listed (erasing them is refused anyway).
 */
export class CustomerRetention {
  constructor(
    private deps: Deps,
    private audit: AuditService,
    private erase: CustomerErase,
  ) {}

  years(): number | null {
    const saved = readSettingRow(this.deps.sqlite, KEY);
    const years = saved !== undefined ? (saved as { years: number | null }).years : null;
    return typeof years === 'number' ? years : null;
  }

  setYears(actor: Actor & { role?: string }, years: number | null): { years: number | null } {
    if (actor.role !== 'owner') throw new AppError('FORBIDDEN', 'Only the owner sets how long customers are kept.');
    const before = this.years();
    this.deps.sqlite.transaction(() => {
      writeSettingRow(this.deps.sqlite, KEY, { years }, this.deps.clock.now());
      this.audit.record(actor, {
        action: 'customers.retention',
        entity: 'settings',
        entityId: KEY,
        changes: [{ field: 'years', before, after: years }],
      });
    })();
    return { years };
  }

  /** Who the rule would erase today: no activity since the cut-off, nothing owed, not merged or erased already. */
  candidates(limit = 500): { years: number | null; cutoff: number | null; rows: RetentionCandidate[] } {
    const years = this.years();
    if (years === null) return { years, cutoff: null, rows: [] };
    const cutoff = this.deps.clock.now() - years * YEAR_MS;
    const rows = (
      stmt(
        this.deps.sqlite,
        `SELECT id, display_name AS name, coalesce(last_activity_at, created_at) AS lastActivityAt FROM customers
         WHERE status != 'merged' AND balance <= 0 AND coalesce(last_activity_at, created_at) < ?
         ORDER BY lastActivityAt, id LIMIT ?`,
      ).all(cutoff, limit + 1000) as RetentionCandidate[]
    )
      .filter((c) => c.name !== erasedName(c.id))
      .slice(0, limit);
    return { years, cutoff, rows };
  }

  /** Erases the listed customers the owner approved (only those the rule still lists); audited one by one. */
  eraseApproved(actor: Actor & { role?: string }, ids: readonly string[]): { erased: number; skipped: number } {
    if (actor.role !== 'owner')
      throw new AppError('FORBIDDEN', 'Only the owner approves erasing by the retention rule.');
    const listed = new Map(this.candidates(100_000).rows.map((c) => [c.id, c]));
    let erased = 0;
    for (const id of ids) {
      const c = listed.get(id);
      if (!c) continue;
      // the owner's approval of the list stands for typing each name
      this.erase.erase(actor, id, c.name);
      erased++;
    }
    return { erased, skipped: ids.length - erased };
  }
}
