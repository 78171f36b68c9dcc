import { asc, eq } from 'drizzle-orm';
import type { SessionInfo, StaffRow } from '../../../shared/contract/system';
import { AppError, notFound } from '../../../shared/errors';
import { PERMISSIONS, type Permission, type Role } from '../../../shared/permissions';
import { staff } from '../../db/schema';
import { type Actor, type AuditService, diffFields } from '../audit/service';
import type { Deps } from '../deps';
import { hashPin, verifyPin } from './pin';
import { type RoleMatrixView, rolesOf } from './roles';

export const MAX_FAILED_PINS = 5;
export const PIN_LOCKOUT_MS = 5 * 60_000;

export interface Session {
  staffId: string;
  name: string;
  role: Role;
  signedInAt: number;
  lastActivityAt: number;
  locked: boolean;
}

type StaffRecord = typeof staff.$inferSelect;

const toRow = (s: StaffRecord): StaffRow => ({ id: s.id, name: s.name, role: s.role, active: s.active });

export class StaffService {
  /** Signed-in sessions by client (an Electron window or a browser tab). */
  private sessions = new Map<string, Session>();

  constructor(
    private deps: Deps,
    private audit: AuditService,
    private lockAfterMs: () => number,
  ) {}

  roster(): Array<Omit<StaffRow, 'active'>> {
    return this.deps.db
      .select()
      .from(staff)
      .where(eq(staff.active, true))
      .orderBy(asc(staff.name))
      .all()
      .map(({ id, name, role }) => ({ id, name, role }));
  }

  list(): StaffRow[] {
    return this.deps.db.select().from(staff).orderBy(asc(staff.name)).all().map(toRow);
  }

  private find(id: string): StaffRecord {
    const row = this.deps.db.select().from(staff).where(eq(staff.id, id)).get();
    if (!row) throw notFound('Staff member', id);
    return row;
  }

  create(actor: Actor & { role?: Role }, input: { name: string; role: Role; pin: string }): StaffRow {
    if (input.role === 'owner' && actor.role && actor.role !== 'owner') {
      throw new AppError('FORBIDDEN', 'Only an owner can add another owner.');
    }
    const record: StaffRecord = {
      id: this.deps.newId(),
      name: input.name,
      role: input.role,
      pinHash: hashPin(input.pin),
      active: true,
      failedAttempts: 0,
      lockedUntil: null,
      tillId: this.deps.tillId(),
      createdAt: this.deps.clock.now(),
    };
    this.deps.sqlite.transaction(() => {
      this.deps.db.insert(staff).values(record).run();
      this.audit.record(actor, { action: 'staff.create', entity: 'staff', entityId: record.id, after: toRow(record) });
    })();
    return toRow(record);
  }

  update(
    actor: Actor & { role?: Role },
    input: { id: string; name?: string; role?: Role; active?: boolean; pin?: string },
  ): StaffRow {
    return this.deps.sqlite.transaction(() => {
      const before = this.find(input.id);
      const touchesOwner = before.role === 'owner' || input.role === 'owner';
      if (touchesOwner && actor.role && actor.role !== 'owner') {
        throw new AppError('FORBIDDEN', 'Only an owner can change an owner.');
      }
      const after: StaffRecord = {
        ...before,
        name: input.name ?? before.name,
        role: input.role ?? before.role,
        active: input.active ?? before.active,
        pinHash: input.pin ? hashPin(input.pin) : before.pinHash,
        failedAttempts: input.pin ? 0 : before.failedAttempts,
        lockedUntil: input.pin ? null : before.lockedUntil,
      };
      if (before.role === 'owner' && (after.role !== 'owner' || !after.active) && this.activeOwners() <= 1) {
        throw new AppError('CONFLICT', 'The shop needs at least one active owner.');
      }
      this.deps.db.update(staff).set(after).where(eq(staff.id, before.id)).run();
      const changes = input.pin ? [{ field: 'pin', before: '••••', after: '•••• (changed)' }] : [];
      this.audit.record(actor, {
        action: 'staff.update',
        entity: 'staff',
        entityId: before.id,
        changes: [...diffFields(toRow(before), toRow(after)), ...changes],
      });
      if (!after.active) this.endSessionsOf(after.id);
      return toRow(after);
    })();
  }

  private activeOwners(): number {
    return this.list().filter((s) => s.active && s.role === 'owner').length;
  }

  /**
   * Checks a PIN with the sign-in lock-out rules (5 wrong PINs lock the member out for 5 minutes), auditing refusals
   * and failures under the given actions; a manager's approval PIN at the till counts towards the same lock-out.
   */
  private checkPin(member: StaffRecord, pin: string, audit: { refused: string; failed: string; what: string }): void {
    const now = this.deps.clock.now();
    if (member.lockedUntil && member.lockedUntil > now) {
      const minutes = Math.ceil((member.lockedUntil - now) / 60_000);
      this.audit.record(
        { id: member.id, name: member.name },
        { action: audit.refused, entity: 'staff', entityId: member.id, note: 'PIN locked out' },
      );
      throw new AppError(
        'LOCKED',
        `Too many wrong PINs. ${member.name} can try again in ${minutes} minute${minutes === 1 ? '' : 's'}, or a manager can reset the PIN.`,
        { lockedUntil: member.lockedUntil },
      );
    }
    if (!verifyPin(pin, member.pinHash)) {
      const failed = member.failedAttempts + 1;
      const lockedUntil = failed >= MAX_FAILED_PINS ? now + PIN_LOCKOUT_MS : null;
      this.deps.sqlite.transaction(() => {
        this.deps.db.update(staff).set({ failedAttempts: failed, lockedUntil }).where(eq(staff.id, member.id)).run();
        this.audit.record(
          { id: member.id, name: member.name },
          {
            action: audit.failed,
            entity: 'staff',
            entityId: member.id,
            note: `wrong PIN (${failed} in a row)${lockedUntil ? '; locked out for 5 minutes' : ''}`,
          },
        );
      })();
      const left = MAX_FAILED_PINS - failed;
      throw new AppError(
        'UNAUTHENTICATED',
        left > 0
          ? `Wrong PIN. ${left} ${left === 1 ? 'try' : 'tries'} left before ${audit.what} is locked for 5 minutes.`
          : `Wrong PIN. ${audit.what === 'sign-in' ? 'Sign-in' : 'Approval'} is locked for 5 minutes.`,
        { attemptsLeft: Math.max(left, 0) },
      );
    }
    if (member.failedAttempts || member.lockedUntil)
      this.deps.db.update(staff).set({ failedAttempts: 0, lockedUntil: null }).where(eq(staff.id, member.id)).run();
  }

  /** A staff member's PIN typed to approve something at the till (discount over the limit, price override). */
  verifyApprover(staffId: string, pin: string): { id: string; name: string; role: Role } {
    const member = this.deps.db.select().from(staff).where(eq(staff.id, staffId)).get();
    if (!member?.active) throw new AppError('FORBIDDEN', 'That staff member cannot approve anything.');
    this.checkPin(member, pin, { refused: 'staff.approvalRefused', failed: 'staff.approvalFailed', what: 'approval' });
    return { id: member.id, name: member.name, role: member.role };
  }

  signIn(clientKey: string, staffId: string, pin: string): SessionInfo {
    const member = this.deps.db.select().from(staff).where(eq(staff.id, staffId)).get();
    if (!member?.active) throw new AppError('UNAUTHENTICATED', 'That staff member cannot sign in.');
    this.checkPin(member, pin, { refused: 'staff.signInRefused', failed: 'staff.signInFailed', what: 'sign-in' });
    const now = this.deps.clock.now();
    const previous = this.sessions.get(clientKey);
    this.deps.sqlite.transaction(() => {
      this.deps.db.update(staff).set({ failedAttempts: 0, lockedUntil: null }).where(eq(staff.id, member.id)).run();
      this.audit.record(
        { id: member.id, name: member.name },
        {
          action: previous?.locked && previous.staffId === member.id ? 'staff.unlock' : 'staff.signIn',
          entity: 'staff',
          entityId: member.id,
        },
      );
    })();
    const session: Session = {
      staffId: member.id,
      name: member.name,
      role: member.role,
      signedInAt: previous?.staffId === member.id ? previous.signedInAt : now,
      lastActivityAt: now,
      locked: false,
    };
    this.sessions.set(clientKey, session);
    return this.info(session);
  }

  /** The session for a client, locking it first if it has been idle too long. */
  current(clientKey: string): Session | null {
    const s = this.sessions.get(clientKey);
    if (!s) return null;
    if (!s.locked && this.deps.clock.now() - s.lastActivityAt > this.lockAfterMs()) {
      s.locked = true;
      this.deps.events.emit('session.locked', { reason: 'idle' });
    }
    return s;
  }

  touch(session: Session): void {
    session.lastActivityAt = this.deps.clock.now();
  }

  lock(clientKey: string): void {
    const s = this.sessions.get(clientKey);
    if (s) s.locked = true;
  }

  signOut(clientKey: string): void {
    const s = this.sessions.get(clientKey);
    if (!s) return;
    this.sessions.delete(clientKey);
    this.audit.record(
      { id: s.staffId, name: s.name },
      { action: 'staff.signOut', entity: 'staff', entityId: s.staffId },
    );
  }

  /** The owner's choice of what a role may do, audited with what was added and taken away. */
  setRolePermissions(actor: Actor & { role?: Role }, role: Role, permissions: readonly Permission[]): RoleMatrixView {
    if (actor.role !== 'owner') throw new AppError('FORBIDDEN', 'Only the owner changes what each role may do.');
    const roles = rolesOf(this.deps.sqlite);
    this.deps.sqlite.transaction(() => {
      const { added, removed } = roles.write(role, permissions, this.deps.clock.now());
      this.audit.record(actor, {
        action: 'staff.rolePermissions',
        entity: 'staff',
        entityId: null,
        note: `${role}: ${[...added.map((p) => `+${p}`), ...removed.map((p) => `-${p}`)].join(' ') || 'no change'}`,
      });
    })();
    return roles.view();
  }

  private endSessionsOf(staffId: string): void {
    for (const [key, s] of this.sessions) if (s.staffId === staffId) this.sessions.delete(key);
  }

  info(s: Session): SessionInfo {
    return {
      staff: { id: s.staffId, name: s.name, role: s.role },
      permissions: PERMISSIONS.filter((p) => rolesOf(this.deps.sqlite).can(s.role, p)),
      locked: s.locked,
      lockAfterMinutes: Math.round(this.lockAfterMs() / 60_000),
      signedInAt: s.signedInAt,
    };
  }
}
