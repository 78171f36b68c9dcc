import type { z } from 'zod';
import type { Permission } from '../permissions';

/**
 * Who may call a procedure: anyone with the transport token (`public`), any signed-in, unlocked session
 * (`session`), or a session whose role has the named permission.
 */
export type Access = 'public' | 'session' | Permission;

export interface Procedure<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  permission: Access;
}

export function procedure<I extends z.ZodType, O extends z.ZodType>(p: Procedure<I, O>): Procedure<I, O> {
  return p;
}

export type Domain = Record<string, Procedure>;
export type ContractShape = Record<string, Domain>;

export type InputOf<P> = P extends Procedure<infer I, z.ZodType> ? z.input<I> : never;
export type OutputOf<P> = P extends Procedure<z.ZodType, infer O> ? z.output<O> : never;

/** Flattens `{ staff: { signIn } }` into `[['staff.signIn', proc]]`, refusing duplicate names. */
export function flattenContract(contract: ContractShape): Array<[string, Procedure]> {
  const seen = new Set<string>();
  const out: Array<[string, Procedure]> = [];
  for (const [domain, procs] of Object.entries(contract)) {
    for (const [verb, proc] of Object.entries(procs)) {
      const name = `${domain}.${verb}`;
      if (seen.has(name)) throw new Error(`Procedure ${name} is declared twice`);
      seen.add(name);
      out.push([name, proc]);
    }
  }
  return out;
}
