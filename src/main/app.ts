import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { type Clock, systemClock } from '../shared/clock';
import { contract } from '../shared/contract';
import { type IdSource, uuidv7Source } from '../shared/ids';
import { DATABASE_FILE, VERSION } from './config';
import { type Checkpointer, startCheckpointer } from './db/checkpointer';
import { keyFromEnv } from './db/key';
import { type Db, defaultMigrationsDir, openDatabase, type Sqlite } from './db/open';
import { tills } from './db/schema';
import { snapshot } from './domains/backups/files';
import type { Deps } from './domains/deps';
import { handlers } from './domains/handlers';
import { EventBus } from './events';
import { type Logger, Router } from './host/router';
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
}

export interface App {
  db: Db;
  sqlite: Sqlite;
  router: Router;
  services: Services;
  events: EventBus;
  clock: Clock;
  dataDir: string;
  /** long-running hosts (the Electron shell, the browser host): WAL checkpoints move off the till's thread */
  startCheckpoints(): void;
  close(): void;
}

/** What the seeders write through: the database, the services and the clock (no host, router or events). */
export type AppCore = Pick<App, 'sqlite' | 'services' | 'clock'>;

/** The whole main-process core, without Electron: used by the Electron shell, the browser host, the CLI and tests. */
export function createApp(config: AppConfig): App {
  const clock = config.clock ?? systemClock;
  const newId = config.newId ?? uuidv7Source(clock);
  const file = config.dataDir === ':memory:' ? ':memory:' : join(config.dataDir, DATABASE_FILE);
  const migrationsDir = config.migrationsDir ?? defaultMigrationsDir();
  const memory = config.dataDir === ':memory:';
  const key = config.key === undefined ? keyFromEnv() : config.key;
  const { sqlite, db } = openDatabase({
    file,
    migrationsDir,
    key,
    // a shop that already has data is copied before it is upgraded
    beforeMigrate: memory
      ? undefined
      : (s) => snapshot(s, join(config.dataDir, 'backups'), 'before-migration', migrationsDir, Date.now(), key),
  });
  const events = new EventBus();
  const tillId = ensureThisTill(db, clock, newId);
  const deps: Deps = { db, sqlite, clock, newId, events, tillId: () => tillId };
  const services = createServices(deps, VERSION, {
    postings: config.postings,
    files: { dataDir: memory ? null : config.dataDir, migrationsDir, key },
  });
  const router = new Router(services, config.log);
  router.registerAll(contract, handlers);
  let checkpoints: Checkpointer | null = null;
  return {
    db,
    sqlite,
    router,
    services,
    events,
    clock,
    dataDir: config.dataDir,
    startCheckpoints: () => {
      checkpoints ??= startCheckpointer(sqlite, config.log ?? ((m) => console.error(m)), undefined, key);
    },
    close: () => {
      checkpoints?.stop();
      services.devices.stop();
      services.messaging.stop();
      services.loyalty.stopDaily();
      services.backups.stopDaily();
      services.insights.clvModels.stop();
      sqlite.close();
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
