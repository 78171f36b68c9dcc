import { createHash, randomBytes } from 'node:crypto';
import type { ApprovalNeed, Cart } from '../../../shared/contract/sales';
import { AppError } from '../../../shared/errors';
import type { Role } from '../../../shared/permissions';
import type { Deps } from '../deps';

export interface Approver {
  id: string;
  name: string;
  role: Role;
}

interface Grant {
  approver: Approver;
  /** the cashier it was given to */
  actorId: string;
  /** what it allows: the needs of the cart it was given for, plus the action asked */
  kinds: ReadonlySet<ApprovalNeed['kind']>;
  /** the exact cart (lines, prices, discounts, customer): the amounts approved */
  cartHash: string;
  expiresAt: number;
  /** the sale (idempotency key) that used it: a retry of that sale may use it again, no other sale */
  usedBy: string | null;
}

/** A manager's approval is for one sale in the making: unused ones lapse after this long. */
export const APPROVAL_TTL_MS = 10 * 60_000;

/**
 * Approvals the till holds as tokens instead of the manager's PIN. Each is valid only for the cashier it was given
 * to, the cart (so the amounts) and the kinds of approval it was given for, once: completing the sale uses it up.
 * Kept in memory: an approval outlives neither the app nor ten minutes, and a restart just asks for the PIN again.
 */
export class ApprovalGrants {
  private grants = new Map<string, Grant>();

  constructor(private now: () => number) {}

  issue(approver: Approver, scope: { actorId: string; cart: Cart; kinds: Iterable<ApprovalNeed['kind']> }): string {
    this.sweep();
    const token = randomBytes(24).toString('base64url');
    this.grants.set(token, {
      approver,
      actorId: scope.actorId,
      kinds: new Set(scope.kinds),
      cartHash: cartHash(scope.cart),
      expiresAt: this.now() + APPROVAL_TTL_MS,
      usedBy: null,
    });
    return token;
  }

  /**
   * The approver behind a token, checked against this request. `useKey` (the completing sale's idempotency key) uses
   * it up: afterwards only that same sale (a retry, or a second check inside it) may present it.
   */
  redeem(
    token: string,
    request: { actorId: string | null; cart: Cart; needs: ApprovalNeed[]; useKey: string | null },
  ): Approver {
    const grant = this.grants.get(token);
    const refuse = (why: string) => new AppError('FORBIDDEN', `The manager's approval ${why}: ask for it again.`);
    if (!grant || grant.expiresAt <= this.now()) throw refuse('has lapsed');
    if (grant.usedBy !== null && grant.usedBy !== request.useKey) throw refuse('was used for another sale already');
    if (grant.actorId !== request.actorId) throw refuse('was given to another cashier');
    if (grant.cartHash !== cartHash(request.cart)) throw refuse('was for other items or amounts');
    const missing = request.needs.filter((n) => !grant.kinds.has(n.kind));
    if (missing.length) throw refuse(`does not cover ${missing.map((n) => n.message).join(' ')}`);
    if (request.useKey) grant.usedBy = request.useKey;
    return grant.approver;
  }

  private sweep(): void {
    const now = this.now();
    for (const [k, g] of this.grants) if (g.expiresAt <= now) this.grants.delete(k);
  }
}

const perApp = new WeakMap<Deps, ApprovalGrants>();

/** One store per app (tests run several apps in one process). */
export function approvalGrants(deps: Deps): ApprovalGrants {
  let g = perApp.get(deps);
  if (!g) {
    g = new ApprovalGrants(() => deps.clock.now());
    perApp.set(deps, g);
  }
  return g;
}

/** The cart as approved: every field that changes what is charged, in a fixed order. */
export function cartHash(cart: Cart): string {
  return createHash('sha256').update(stable(cart)).digest('hex');
}

function stable(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stable).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v)
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stable((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v ?? null);
}
