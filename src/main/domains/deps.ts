import type { Clock } from '../../shared/clock';
import type { IdSource } from '../../shared/ids';
import type { Db, Sqlite } from '../db/open';
import type { EventBus } from '../events';

/** What every service is built from; createApp makes one of these. */
export interface Deps {
  db: Db;
  sqlite: Sqlite;
  clock: Clock;
  newId: IdSource;
  events: EventBus;
  /** this till's id (rows record where they were made) */
  tillId: () => string;
}
