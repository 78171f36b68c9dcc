import { z } from 'zod';
import { EpochMs, Void } from './common';
import { procedure } from './define';

const Folder = z
  .string()
  .max(1000)
  .refine((p) => p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\'), 'a full folder path');

/** When and where the shop is backed up, and how many backups are kept. */
export const BackupSettings = z.object({
  /** a daily backup once the shop's local time passes this (HH:MM) */
  closingTime: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time as HH:MM')
    .default('21:00'),
  daily: z.boolean().default(true),
  /** where backups go; null: the backups folder in the data folder */
  folder: Folder.nullable().default(null),
  /** a second copy (a USB drive or a network folder), when set */
  secondFolder: Folder.nullable().default(null),
  keepDaily: z.number().int().min(1).max(60).default(7),
  keepWeekly: z.number().int().min(0).max(52).default(4),
  keepMonthly: z.number().int().min(0).max(120).default(12),
});
export type BackupSettings = z.output<typeof BackupSettings>;

export const BACKUP_REASONS = ['manual', 'daily', 'before-migration', 'before-restore', 'before-encryption'] as const;
export type BackupReason = (typeof BACKUP_REASONS)[number];

/** One backup file and what its check found. */
export const BackupInfo = z.object({
  file: z.string(),
  name: z.string(),
  at: EpochMs,
  reason: z.enum(BACKUP_REASONS),
  bytes: z.number().int().nonnegative(),
  ok: z.boolean(),
  /** in words, when the check failed */
  problem: z.string().nullable(),
  /** the last database upgrade it holds */
  schema: z.string().nullable(),
  /** rows of the customer and money tables */
  counts: z.record(z.string(), z.number().int()),
  /** where the second copy went, or why it could not */
  copy: z.string().nullable(),
});
export type BackupInfo = z.output<typeof BackupInfo>;

/** What a restore did: the backup now in place, the shop as it was kept as a backup, the upgrades the copy got. */
export const RestoreOutcome = z.object({
  name: z.string(),
  at: EpochMs,
  keptAside: BackupInfo.nullable(),
  migrated: z.array(z.string()),
});
export type RestoreOutcome = z.output<typeof RestoreOutcome>;

export const backups = {
  list: procedure({ input: Void, output: z.array(BackupInfo), permission: 'data.backup' }),
  create: procedure({ input: Void, output: BackupInfo, permission: 'data.backup' }),
  settings: procedure({ input: Void, output: BackupSettings, permission: 'data.backup' }),
  saveSettings: procedure({ input: BackupSettings.partial(), output: BackupSettings, permission: 'settings.edit' }),
  /** one of the listed backups in place of the shop's data; every session signs in again afterwards */
  restore: procedure({
    input: z.object({ file: z.string().min(1).max(1000) }),
    output: RestoreOutcome,
    permission: 'data.restore',
  }),
};
