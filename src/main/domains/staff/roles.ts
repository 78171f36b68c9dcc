import { AppError } from '../../../shared/errors';
import { PERMISSIONS, type Permission, ROLE_PERMISSIONS, ROLES, type Role } from '../../../shared/permissions';
import type { Sqlite } from '../../db/open';
import { stmt } from '../../db/statements';

const KEY = 'rolePermissions';

export type RoleMatrixView = Record<Role, Permission[]>;

/**
 * What each role may do, as the owner set it on the Staff screen (settings key `rolePermissions`), else the defaults
 * in src/shared/permissions.ts. The owner keeps every permission, so the shop can never lock its owner out. The main
 * process asks this on every call (the router) and wherever a role decides (approvals, credit, price overrides).
 */
const matrices = new WeakMap<Sqlite, RoleMatrix>();

/** The shop's matrix (one per open database, so two shops in one process never share one). */
export function rolesOf(sqlite: Sqlite): RoleMatrix {
  let m = matrices.get(sqlite);
  if (!m) {
    m = new RoleMatrix(sqlite);
    matrices.set(sqlite, m);
  }
  return m;
}

export class RoleMatrix {
  private cache: Record<Role, ReadonlySet<Permission>> | null = null;

  constructor(private sqlite: Sqlite) {}

  can(role: Role, permission: Permission): boolean {
    return this.current()[role]?.has(permission) ?? false;
  }

  view(): RoleMatrixView {
    const m = this.current();
    return Object.fromEntries(ROLES.map((r) => [r, PERMISSIONS.filter((p) => m[r].has(p))])) as RoleMatrixView;
  }

  /** The defaults for every role, for the screen's "back to the defaults". */
  defaults(): RoleMatrixView {
    return Object.fromEntries(
      ROLES.map((r) => [r, PERMISSIONS.filter((p) => ROLE_PERMISSIONS[r].has(p))]),
    ) as RoleMatrixView;
  }

  /** Writes one role's permissions (inside the caller's transaction, which audits); returns what changed. */
  write(role: Role, permissions: readonly Permission[], at: number): { added: Permission[]; removed: Permission[] } {
    if (role === 'owner') throw new AppError('VALIDATION', 'The owner always has every permission.');
    const before = this.current()[role];
    const after = new Set(permissions);
    const stored = this.stored();
    stored[role] = PERMISSIONS.filter((p) => after.has(p));
    stmt(
      this.sqlite,
      `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
    ).run(KEY, JSON.stringify(stored), at);
    this.cache = null;
    return {
      added: PERMISSIONS.filter((p) => after.has(p) && !before.has(p)),
      removed: PERMISSIONS.filter((p) => before.has(p) && !after.has(p)),
    };
  }

  private stored(): Partial<Record<Role, Permission[]>> {
    const row = stmt(this.sqlite, 'SELECT value FROM settings WHERE key = ?').get(KEY) as { value: string } | undefined;
    if (!row) return {};
    try {
      return JSON.parse(row.value) as Partial<Record<Role, Permission[]>>;
    } catch {
      return {};
    }
  }

  private current(): Record<Role, ReadonlySet<Permission>> {
    if (this.cache) return this.cache;
    const stored = this.stored();
    const known = new Set<string>(PERMISSIONS);
    this.cache = Object.fromEntries(
      ROLES.map((r) => [
        r,
        r === 'owner' || !stored[r]
          ? ROLE_PERMISSIONS[r]
          : new Set(stored[r].filter((p): p is Permission => known.has(p))),
      ]),
    ) as Record<Role, ReadonlySet<Permission>>;
    return this.cache;
  }
}
