import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import {
  type BackupInfo,
  type BackupReason,
  BackupSettings,
  type RestoreOutcome,
} from '../../../shared/contract/backups';
import { AppError } from '../../../shared/errors';
import type { Actor, AuditService } from '../audit/service';
import type { Deps } from '../deps';
import { readSettingRow, writeSettingRow } from '../settings/rows';
import type { SettingsService } from '../settings/service';
import { zoneParts } from '../zone';
import {
  backupName,
  checkBackupOffThread,
  copyOffThread,
  parseBackupName,
  readInfo,
  rotation,
  writeInfo,
} from './files';

const KEY = 'backups';
const SYSTEM: Actor = { id: null, name: 'scheduled backup' };

export interface BackupFiles {
  /** the shop's data folder; null for an in-memory shop (nothing to back up) */
  dataDir: string | null;
  migrationsDir: string;
  /** an encrypted shop's key: its backups are encrypted with it, and checked with it */
  key?: string | null;
}

/** Puts a backup in place of the running shop (App.restore): the host closes and reopens the database around it. */
export type RestoreShop = (backup: BackupInfo, actor: Actor) => Promise<RestoreOutcome>;

/**
 * Backups of the shop's database, copied with VACUUM INTO by a read-only connection on a worker thread (a sale is
 * never blocked: in WAL mode the copy is one read transaction beside the till's writes), each checked once written (integrity, Counterline's tables, row counts) and
 * described in a small .json beside it, so the list needs no database of its own. The daily one runs after closing
 * time in long-running hosts and rotates the older daily ones away.
 */
export class BackupService {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<BackupInfo> | null = null;

  constructor(
    private deps: Deps,
    private audit: AuditService,
    private store: SettingsService,
    private files: BackupFiles,
    private restoreShop: RestoreShop | null = null,
  ) {}

  settings(): BackupSettings {
    const saved = readSettingRow(this.deps.sqlite, KEY);
    return BackupSettings.parse(saved !== undefined ? saved : {});
  }

  saveSettings(actor: Actor, patch: Partial<BackupSettings>): BackupSettings {
    return this.deps.sqlite.transaction(() => {
      const before = this.settings();
      const next = BackupSettings.parse({ ...before, ...patch });
      writeSettingRow(this.deps.sqlite, KEY, next, this.deps.clock.now());
      this.audit.record(actor, { action: 'settings.backups', entity: 'settings', entityId: KEY, before, after: next });
      return next;
    })();
  }

  /** Where backups go: the folder set, else the backups folder in the data folder. */
  folder(): string {
    if (!this.files.dataDir)
      throw new AppError('CONFLICT', 'This shop lives in memory only; there is no file to back up.');
    return this.settings().folder ?? join(this.files.dataDir, 'backups');
  }

  /** Every backup in the folder, newest first. */
  list(): BackupInfo[] {
    const dir = this.folder();
    if (!existsSync(dir)) return [];
    const out: BackupInfo[] = [];
    for (const name of readdirSync(dir)) {
      const parsed = parseBackupName(name);
      if (!parsed) continue;
      const file = join(dir, name);
      out.push(readInfo(file) ?? { ...unchecked(file, name, parsed) });
    }
    return out.sort((a, b) => b.at - a.at);
  }

  /** One backup at a time: a second request while one runs gets the same result. */
  create(actor: Actor, reason: BackupReason = 'manual', to?: string): Promise<BackupInfo> {
    this.running ??= this.write(actor, reason, to).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async write(actor: Actor, reason: BackupReason, to?: string): Promise<BackupInfo> {
    const dir = to ?? this.folder();
    mkdirSync(dir, { recursive: true });
    const at = this.deps.clock.now();
    const name = backupName(at, reason);
    const file = join(dir, name);
    if (existsSync(file)) throw new AppError('CONFLICT', `A backup named ${name} is already there.`);
    const part = `${file}.part`;
    try {
      await copyOffThread(this.deps.sqlite.name, part, this.files.key ?? null);
      renameSync(part, file);
    } catch (err) {
      rmSync(part, { force: true });
      throw new AppError('INTERNAL', `The backup to ${dir} failed: ${(err as Error).message}`);
    }
    const check = await checkBackupOffThread(file, this.files.migrationsDir, this.files.key ?? null);
    const second = this.settings().secondFolder;
    const copied = second && !to ? copyTo(file, second) : null;
    const copy = copied && ('file' in copied ? copied.file : copied.problem);
    const info: BackupInfo = { file, name, at, reason, bytes: statSync(file).size, ...check, copy };
    writeInfo(info);
    if (copied && 'file' in copied) writeInfo({ ...info, file: copied.file });
    this.audit.record(actor, {
      action: 'backup.create',
      entity: 'settings',
      entityId: KEY,
      note: `${reason} backup ${name}: ${check.ok ? 'checked, ok' : check.problem}`,
      after: { file, bytes: info.bytes, counts: check.counts, copy: info.copy },
    });
    if (reason === 'daily') this.rotate(dir);
    return info;
  }

  /** Resolves once no backup is being written (a restore must not swap the database under one). */
  async idle(): Promise<void> {
    await this.running?.catch(() => {});
  }

  /**
   * One of the listed backups in place of the shop's data: a file the list does not show is refused, so the screen
   * cannot name any other file on the PC. The host does the swap (the database is closed and reopened around it).
   */
  restore(actor: Actor, file: string): Promise<RestoreOutcome> {
    const backup = this.list().find((b) => b.file === file);
    if (!backup)
      throw new AppError('NOT_FOUND', 'That backup is not in the list of backups; choose one from the list.');
    if (!this.restoreShop)
      throw new AppError(
        'CONFLICT',
        'This Counterline cannot restore while it runs; use counterline restore FILE --yes.',
      );
    return this.restoreShop(backup, actor);
  }

  /** Removes the daily backups the rotation does not keep (in the main folder; a second place keeps its own). */
  private rotate(dir: string): void {
    const tz = this.store.store().timeZone;
    const day = (at: number) => {
      const p = zoneParts(at, tz);
      return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
    };
    const all = this.list().filter((b) => b.file.startsWith(dir));
    for (const old of rotation(all, this.settings(), day)) {
      rmSync(old.file, { force: true });
      rmSync(`${old.file}.json`, { force: true });
    }
  }

  /** The daily backup when it is due: after closing time in the shop's zone, once a day. */
  async runDailyIfDue(): Promise<BackupInfo | null> {
    const s = this.settings();
    if (!s.daily || !this.files.dataDir) return null;
    const now = this.deps.clock.now();
    const tz = this.store.store().timeZone;
    const p = zoneParts(now, tz);
    const [h, m] = s.closingTime.split(':').map(Number) as [number, number];
    if (p.hour * 60 + p.minute < h * 60 + m) return null;
    const today = (at: number) => {
      const q = zoneParts(at, tz);
      return q.year === p.year && q.month === p.month && q.day === p.day;
    };
    if (this.list().some((b) => b.reason === 'daily' && today(b.at))) return null;
    return this.create(SYSTEM, 'daily');
  }

  /** Long-running hosts: look once a minute whether the daily backup is due. */
  startDaily(everyMs = 60_000): void {
    if (this.timer || !this.files.dataDir) return;
    this.timer = setInterval(() => {
      this.runDailyIfDue().catch((err) =>
        console.error(`Counterline: the daily backup failed: ${(err as Error).message}`),
      );
    }, everyMs);
    this.timer.unref();
  }

  stopDaily(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}

/** The second copy (a USB drive or network folder that may be missing: that is said, not thrown). */
function copyTo(file: string, folder: string): { file: string } | { problem: string } {
  try {
    mkdirSync(folder, { recursive: true });
    const target = join(folder, basename(file));
    copyFileSync(file, target);
    return { file: target };
  } catch (err) {
    return { problem: `Could not copy it to ${folder}: ${(err as Error).message}` };
  }
}

function unchecked(file: string, name: string, parsed: { at: number; reason: BackupReason }): BackupInfo {
  return {
    file,
    name,
    ...parsed,
    bytes: statSync(file).size,
    ok: false,
    problem: 'Not checked yet.',
    schema: null,
    counts: {},
    copy: null,
  };
}
