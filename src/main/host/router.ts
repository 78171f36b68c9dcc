import type { ZodError, z } from 'zod';
import type { Contract, Domain, Procedure } from '../../shared/contract';
import { AppError, type Result } from '../../shared/errors';
import type { Role } from '../../shared/permissions';
import type { Actor } from '../domains/audit/service';
import type { Session } from '../domains/staff/service';
import type { Services } from '../services';

/** Who is calling: an Electron window or a browser tab, known to the transport that received the call. */
export interface CallContext {
  clientKey: string;
}

export interface HandlerContext extends CallContext {
  services: Services;
  session: Session | null;
  /** the signed-in staff member, or the system for public procedures */
  actor: Actor & { role?: Role };
}

type Handler<P> =
  P extends Procedure<infer I, infer O>
    ? (input: z.output<I>, ctx: HandlerContext) => z.input<O> | Promise<z.input<O>>
    : never;
export type DomainHandlers<D extends Domain> = { [V in keyof D]: Handler<D[V]> };
export type AllHandlers = { [D in keyof Contract]: DomainHandlers<Contract[D]> };

export function implement<D extends Domain>(_domain: D, handlers: DomainHandlers<D>): DomainHandlers<D> {
  return handlers;
}

interface Entry {
  procedure: Procedure;
  handler: (input: unknown, ctx: HandlerContext) => unknown;
}

export type Logger = (message: string, err?: unknown) => void;

/**
 * The one door into the main process: checks input, session and permission, runs the handler, checks the output.
 * Every transport (Electron IPC, the browser host, tests) calls `call`.
 */
export class Router {
  private entries = new Map<string, Entry>();

  /**
   * `services`: the shop's services as they are now (a restore replaces them); `paused`: why no call is taken at the
   * moment (a restore is swapping the database), or null.
   */
  constructor(
    private services: () => Services,
    private log: Logger = (m, e) => console.error(m, e),
    private paused: () => string | null = () => null,
  ) {}

  register(name: string, procedure: Procedure, handler: Entry['handler']): void {
    if (this.entries.has(name)) throw new Error(`Procedure ${name} is registered twice`);
    this.entries.set(name, { procedure, handler });
  }

  registerAll(contract: Contract, handlers: AllHandlers): void {
    for (const [domain, procs] of Object.entries(contract) as Array<[keyof Contract, Domain]>) {
      const domainHandlers = handlers[domain] as Record<string, Entry['handler']> | undefined;
      for (const [verb, proc] of Object.entries(procs)) {
        const handler = domainHandlers?.[verb];
        if (!handler) throw new Error(`Procedure ${domain}.${verb} has no handler`);
        this.register(`${domain}.${verb}`, proc, handler);
      }
    }
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  names(): string[] {
    return [...this.entries.keys()];
  }

  async call(name: string, rawInput: unknown, ctx: CallContext): Promise<Result<unknown>> {
    const entry = this.entries.get(name);
    if (!entry) return fail(new AppError('NOT_FOUND', `There is no procedure called ${String(name).slice(0, 80)}.`));
    try {
      const busy = this.paused();
      if (busy) throw new AppError('CONFLICT', busy);
      const services = this.services();
      const session = services.staff.current(ctx.clientKey);
      const access = entry.procedure.permission;
      if (access !== 'public') {
        if (!session) throw new AppError('UNAUTHENTICATED', 'Please sign in first.');
        if (session.locked) throw new AppError('LOCKED', 'The till is locked. Enter your PIN to continue.');
        if (access !== 'session' && !services.roles.can(session.role, access)) {
          throw new AppError('FORBIDDEN', `A ${session.role} cannot do this. Ask a manager or the owner.`, {
            permission: access,
          });
        }
      }
      const parsed = entry.procedure.input.safeParse(rawInput === undefined ? null : rawInput);
      if (!parsed.success) throw validationError(parsed.error);
      if (session && !session.locked) services.staff.touch(session);
      const actor = session
        ? { id: session.staffId, name: session.name, role: session.role }
        : { id: null, name: 'system' };
      const data = await entry.handler(parsed.data, { ...ctx, services, session, actor });
      const out = entry.procedure.output.safeParse(data === undefined ? null : data);
      if (!out.success) {
        this.log(`Procedure ${name} returned data that does not match its contract`, out.error);
        throw new AppError('INTERNAL', 'Something went wrong inside Counterline. Nothing was lost; please try again.');
      }
      return { ok: true, data: out.data };
    } catch (err) {
      if (err instanceof AppError) return fail(err);
      const sqliteCode = (err as { code?: string }).code;
      if (typeof sqliteCode === 'string' && sqliteCode.startsWith('SQLITE_CONSTRAINT')) {
        return fail(new AppError('CONFLICT', 'That would clash with a record that already exists.', { sqliteCode }));
      }
      this.log(`Procedure ${name} failed`, err);
      return fail(
        new AppError('INTERNAL', 'Something went wrong inside Counterline. Nothing was saved; please try again.'),
      );
    }
  }
}

function fail(err: AppError): Result<never> {
  return { ok: false, error: err.toData() };
}

function validationError(error: ZodError): AppError {
  const issues = error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  const first = issues[0];
  const where = first?.path ? `${first.path}: ` : '';
  return new AppError('VALIDATION', `Please check the details: ${where}${first?.message ?? 'invalid input'}.`, {
    issues,
  });
}
