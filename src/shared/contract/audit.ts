import { z } from 'zod';
import { EpochMs, Id, Page } from './common';
import { procedure } from './define';

export const AuditChange = z.object({ field: z.string(), before: z.unknown(), after: z.unknown() });
export const AuditRow = z.object({
  id: Id,
  at: EpochMs,
  actorId: Id.nullable(),
  actorName: z.string(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  changes: z.array(AuditChange),
  note: z.string().nullable(),
});
export type AuditRow = z.infer<typeof AuditRow>;

export const AuditQuery = z.object({
  entity: z.string().max(40).optional(),
  entityId: z.string().max(64).optional(),
  action: z.string().max(60).optional(),
  actorId: Id.optional(),
  from: EpochMs.optional(),
  to: EpochMs.optional(),
  cursor: z.string().max(64).optional(),
  limit: z.number().int().min(1).max(200).default(50),
});

export const audit = {
  list: procedure({ input: AuditQuery, output: Page(AuditRow), permission: 'audit.view' }),
};
