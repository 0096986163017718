import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { describeError } from '../describe-error.ts';
import { migrateToLatest } from '../sql/migrations.ts';
import type { Database } from '../sql/schema.ts';
import { SqlStore } from '../sql/sql-store.ts';
import type { Store } from '../store.ts';

/** How long a write waits for another process holding the file's lock before failing (ms). */
const BUSY_TIMEOUT_MS = 5000;

/** Opens the connection and sets the pragmas every Parlor database runs with. */
const openFile = (path: string): BetterSqlite3.Database => {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const database = new BetterSqlite3(path, { timeout: BUSY_TIMEOUT_MS });
  try {
    // WAL: readers never block the writer, and a commit is one append to the -wal file.
    database.pragma('journal_mode = WAL');
    // FULL fsyncs the WAL at every commit, so a write whose promise resolved survives a kill -9
    // and a power loss too. NORMAL would survive kill -9 but could lose the last commits on power
    // loss; a ban that was acknowledged to an operator must not come back undone.
    database.pragma('synchronous = FULL');
    database.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    // Off by default in SQLite; on so that the foreign keys later migrations declare are enforced.
    database.pragma('foreign_keys = ON');
    return database;
  } catch (error) {
    database.close();
    throw error;
  }
};

/**
 * Opens (creating if needed, with its directory) the SQLite store in the file `path`, or in memory
 * for `':memory:'`, and migrates it. Throws an Error naming the file if it cannot.
 */
export const openSqliteStore = async (path: string): Promise<Store> => {
  let db: Kysely<Database> | undefined;
  try {
    const database = openFile(path);
    db = new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
    await migrateToLatest(db);
    return new SqlStore('sqlite', db);
  } catch (error) {
    await db?.destroy();
    throw new Error(`Cannot open the SQLite store ${path}: ${describeError(error)}`, { cause: error });
  }
};
