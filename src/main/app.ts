import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { type Clock, systemClock } from '../shared/clock';
import { contract } from '../shared/contract';
import type { BackupInfo, RestoreOutcome } from '../shared/contract/backups';
import { AppError } from '../shared/errors';
import { type IdSource, uuidv7Source } from '../shared/ids';
import { DATABASE_FILE, VERSION } from './config';
import { type Checkpointer, startCheckpointer } from './db/checkpointer';
import { keyFromEnv } from './db/key';
import { type Db, defaultMigrationsDir, openDatabase, type Sqlite } from './db/open';
import { tills } from './db/schema';
import type { Actor } from './domains/audit/service';
import { checkBackupOffThread, snapshot } from './domains/backups/files';
import { swapIn, upgradesSince } from './domains/backups/restore';
import type { Deps } from './domains/deps';
import { handlers } from './domains/handlers';
import { EventBus } from './events';
import { type Logger, Router } from './host/router';
import type { SystemPrint } from './host/system-print';
import { createServices, type ServiceOptions, type Services } from './services';

export interface AppConfig {
  /** folder holding counterline.db, or ':memory:' for tests */
  dataDir: string;
  clock?: Clock;
  newId?: IdSource;
  migrationsDir?: string;
  log?: Logger;
  /** tests only: changes the list of postings (see src/main/postings.ts) */
  postings?: ServiceOptions['postings'];
  /** the key of an encrypted shop; by default COUNTERLINE_DB_KEY (src/main/db/key.ts) */
  key?: string | null;
  /** the Electron shell's system print dialog */
  systemPrint?: SystemPrint;
}

export interface App {
  /** the database and the services of the shop as it is now (a restore replaces them) */
  readonly db: Db;
  readonly sqlite: Sqlite;
  readonly services: Services;
  /** the one door every transport calls; it outlives a restore */
  router: Router;
  /** every core's events, forwarded: transports subscribe once */
  events: EventBus;
  clock: Clock;
  dataDir: string;
  /** long-running hosts (the Electron shell, the browser host): WAL checkpoints move off the till's thread */
  startCheckpoints(): void;
  /** long-running hosts: checkpoints, the print queue and scanners, the outbox, the daily loyalty and backup jobs */
  startBackground(): void;
  /** a listed backup in place of the shop's data while the host runs (the Backups screen) */
  restore(backup: BackupInfo, actor: Actor): Promise<RestoreOutcome>;
  close(): void;
}

/** What the seeders write through: the database, the services and the clock (no host, router or events). */
export type AppCore = Pick<App, 'sqlite' | 'services' | 'clock'>;

interface Core {
  db: Db;
  sqlite: Sqlite;
  services: Services;
  /** stops forwarding this core's events */
  unforward: () => void;
}

const RESTORING = 'Counterline is putting a backup in place of the shop. Wait a moment, then sign in again.';

/** The whole main-process core, without Electron: used by the Electron shell, the browser host, the CLI and tests. */
export function createApp(config: AppConfig): App {
  const clock = config.clock ?? systemClock;
  const newId = config.newId ?? uuidv7Source(clock);
  const memory = config.dataDir === ':memory:';
  const file = memory ? ':memory:' : join(config.dataDir, DATABASE_FILE);
  const migrationsDir = config.migrationsDir ?? defaultMigrationsDir();
  const key = config.key === undefined ? keyFromEnv() : config.key;
  const log = config.log ?? ((m: string) => console.error(m));
  const events = new EventBus();
  let restoring = false;
  /** from the moment the shop is copied aside until the backup is open: every call is refused */
  let paused = false;

  const openCore = (): Core => {
    const { sqlite, db } = openDatabase({
      file,
      migrationsDir,
      key,
      // a shop that already has data is copied before it is upgraded
      beforeMigrate: memory
        ? undefined
        : (s) => snapshot(s, join(config.dataDir, 'backups'), 'before-migration', migrationsDir, Date.now(), key),
    });
    // each core has its own bus, so a replaced core's listeners go with it
    const bus = new EventBus();
    const unforward = bus.subscribe((name, payload) => events.emit(name, payload));
    const tillId = ensureThisTill(db, clock, newId);
    const deps: Deps = { db, sqlite, clock, newId, events: bus, tillId: () => tillId };
    const services = createServices(deps, VERSION, {
      postings: config.postings,
      files: { dataDir: memory ? null : config.dataDir, migrationsDir, key },
      restore: memory ? undefined : restore,
    });
    if (config.systemPrint) services.devices.systemPrint = config.systemPrint;
    return { db, sqlite, services, unforward };
  };

  let core = openCore();
  const router = new Router(
    () => core.services,
    config.log,
    () => (paused ? RESTORING : null),
  );
  router.registerAll(contract, handlers);

  let checkpoints: Checkpointer | null = null;
  let background = false;
  const startCheckpoints = () => {
    checkpoints ??= startCheckpointer(core.sqlite, log, undefined, key);
  };
  const startBackground = () => {
    startCheckpoints();
    background = true;
    const s = core.services;
    s.devices.start();
    s.messaging.start();
    s.loyalty.startDaily();
    s.backups.startDaily();
    s.insightsThread.startDaily();
  };
  /** Stops what runs beside the calls: loops, timers, threads. */
  const stopCore = (c: Core) => {
    checkpoints?.stop();
    checkpoints = null;
    c.services.devices.stop();
    c.services.messaging.stop();
    c.services.loyalty.stopDaily();
    c.services.backups.stopDaily();
    c.services.insights.clvModels.stop();
    c.services.insightsThread.stopDaily();
    c.services.insightsThread.stop();
  };
  const closeDb = (c: Core) => {
    c.unforward();
    c.sqlite.close();
  };

  /**
   * A restore while the host runs: the backup is checked on a worker while the till still sells; then every call is
   * refused (in plain words) while the shop as it is now is copied aside as a "before-restore" backup, the database is
   * closed, the backup copied into its place and opened (upgraded when it is older); every screen then signs in
   * again, as the staff and their PINs are the backup's. When the upgrade fails, the shop is put back as it was.
   */
  async function restore(backup: BackupInfo, actor: Actor): Promise<RestoreOutcome> {
    if (restoring) throw new AppError('CONFLICT', 'A restore is already running.');
    if (core.services.customerImports.busy())
      throw new AppError('CONFLICT', 'A customer import is running. Let it finish or cancel it, then restore.');
    restoring = true;
    const progress = (step: 'check' | 'keep' | 'swap' | 'upgrade') =>
      events.emit('backups.restoreProgress', { step, file: backup.name });
    try {
      progress('check');
      const check = await checkBackupOffThread(backup.file, migrationsDir, key);
      if (!check.ok) throw new AppError('VALIDATION', `Nothing was restored: ${check.problem}`);
      progress('keep');
      paused = true;
      await core.services.backups.idle();
      const keptAside = await core.services.backups.create(actor, 'before-restore');
      if (!keptAside.ok)
        throw new AppError('CONFLICT', `Nothing was restored: the copy of the shop as it is failed its check.`);
      progress('swap');
      const old = core;
      stopCore(old);
      // a receipt printing or a message going out finishes its pass and records what happened first
      await Promise.all([old.services.devices.queue.idle(), old.services.messaging.outbox.idle()]);
      closeDb(old);
      let migrated: string[];
      try {
        swapIn(file, backup.file);
        progress('upgrade');
        core = openCore();
        migrated = upgradesSince(core.sqlite, check.schema);
      } catch (err) {
        // the shop goes back to what it was: the copy just taken holds everything up to the pause
        if (core !== old) closeDb(core);
        swapIn(file, keptAside.file);
        core = openCore();
        throw new AppError(
          'INTERNAL',
          `The backup could not be opened, so the shop was put back as it was: ${(err as Error).message}`,
        );
      } finally {
        if (background) startBackground();
      }
      core.services.audit.record(actor, {
        action: 'backup.restore',
        entity: 'settings',
        entityId: 'backups',
        note: `Restored ${backup.name}; the shop as it was before is kept in ${keptAside.name}`,
        after: { file: backup.file, keptAside: keptAside.file, migrated },
      });
      events.emit('shop.restored', { name: backup.name, at: backup.at });
      return { name: backup.name, at: backup.at, keptAside, migrated };
    } finally {
      paused = false;
      restoring = false;
    }
  }

  return {
    get db() {
      return core.db;
    },
    get sqlite() {
      return core.sqlite;
    },
    get services() {
      return core.services;
    },
    router,
    events,
    clock,
    dataDir: config.dataDir,
    startCheckpoints,
    startBackground,
    restore,
    close: () => {
      stopCore(core);
      closeDb(core);
    },
  };
}

function ensureThisTill(db: Db, clock: Clock, newId: IdSource): string {
  const existing = db.select().from(tills).where(eq(tills.isThisTill, true)).get();
  if (existing) return existing.id;
  const id = newId();
  db.insert(tills).values({ id, name: 'Till 1', prefix: '', isThisTill: true, createdAt: clock.now() }).run();
  return id;
}
