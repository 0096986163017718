import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { describeError } from '../describe-error.ts';
import { migrateToLatest } from '../sql/migrations.ts';
import type { Database } from '../sql/schema.ts';
import { SqlStore } from '../sql/sql-store.ts';
import type { Store } from '../store.ts';

/** Where and how to connect. */
export interface PostgresStoreOptions {
  /** A `postgres://` connection URL. */
  readonly url: string;
  /** The schema holding Parlor's tables, created if missing; by default the connection's current schema. */
  readonly schema?: string;
  /** How long to wait for a connection before failing (ms). */
  readonly connectTimeoutMs?: number;
  /** The most connections the pool opens. */
  readonly maxConnections?: number;
  /** Told when an idle pooled connection breaks (the server restarted, say); the next query reconnects. */
  readonly onIdleError?: (error: Error) => void;
}

/** Schema names spliced into `search_path` and DDL: plain identifiers only, no quoting games. */
const SCHEMA_PATTERN = /^[a-z_][a-z0-9_]{0,62}$/;

// pg returns int8 (bigint) as a string, because it may exceed 2^53. Parlor's bigints are epoch
// milliseconds and row counts, far below that, so they are parsed as numbers, for this pool only
// rather than through the process-wide pg.types.setTypeParser.
const types: pg.CustomTypesConfig = {
  getTypeParser: (oid, format) =>
    oid === pg.types.builtins.INT8 && format !== 'binary' ? Number : pg.types.getTypeParser(oid, format),
};

/** The URL without its password, for error messages. */
const redact = (url: string): string => {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparsable URL)';
  }
};

/** Connects once, creating the schema if asked, and returns the schema the tables live in. */
const probe = async (pool: pg.Pool, schema: string | undefined): Promise<string> => {
  const client = await pool.connect();
  try {
    if (schema !== undefined) await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    const result = await client.query<{ schema: string | null }>('SELECT current_schema() AS schema');
    const current = result.rows[0]?.schema;
    if (current === null || current === undefined) {
      throw new Error('no schema of search_path exists; pass a schema');
    }
    return current;
  } finally {
    client.release();
  }
};

/**
 * Connects to PostgreSQL at `options.url` and migrates Parlor's tables. Throws an Error naming the
 * server when it cannot connect: a configured database is never silently replaced by another store.
 */
export const openPostgresStore = async (options: PostgresStoreOptions): Promise<Store> => {
  const { url, schema } = options;
  if (schema !== undefined && !SCHEMA_PATTERN.test(schema)) {
    throw new Error(`Invalid PostgreSQL schema name ${JSON.stringify(schema)}: use [a-z0-9_], at most 63`);
  }
  const pool = new pg.Pool({
    connectionString: url,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5000,
    max: options.maxConnections ?? 10,
    types,
    // Every connection resolves unqualified table names in the chosen schema only.
    ...(schema === undefined ? {} : { options: `-c search_path=${schema}` }),
  });
  // Without a listener an idle connection's error would crash the process. The pool has already
  // dropped that connection, and queries still reject loudly, so the default only keeps us alive.
  pool.on('error', options.onIdleError ?? (() => {}));
  let current: string;
  try {
    current = await probe(pool, schema);
  } catch (error) {
    await pool.end();
    throw new Error(`Cannot connect to PostgreSQL at ${redact(url)}: ${describeError(error)}`, {
      cause: error,
    });
  }
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    await migrateToLatest(db, current);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return new SqlStore('postgres', db);
};
