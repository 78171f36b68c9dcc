import { z } from 'zod';

export const Id = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/, 'not an id');
export const EpochMs = z.number().int().nonnegative();
export const Void = z.null();
export const Pin = z.string().regex(/^\d{4,8}$/, 'a PIN is 4 to 8 digits');
export const PersonName = z
  .string()
  .transform((s) => s.trim().replace(/\s+/g, ' '))
  .pipe(z.string().min(1, 'a name is needed').max(120));

export function Page<T extends z.ZodType>(row: T) {
  return z.object({ rows: z.array(row), nextCursor: z.string().nullable() });
}
