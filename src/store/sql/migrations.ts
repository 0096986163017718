import { type Kysely, type Migration, Migrator } from 'kysely';
import { describeError } from '../describe-error.ts';
import type { Database } from './schema.ts';

// One list of migrations for both dialects, written with Kysely's schema builder only (no raw SQL),
// using types both understand: text, bigint (epoch ms). Forward-only: add a new entry for every
// change and never edit one that has shipped; names sort in the order they run. Later issues
// (match records, ratings, tournaments) add their tables here as 0002, 0003, ...
const migrations: Record<string, Migration> = {
  '0001_accounts_sanctions_audit': {
    async up(db) {
      await db.schema
        .createTable('accounts')
        .addColumn('nick_key', 'text', (col) => col.primaryKey())
        .addColumn('nick', 'text', (col) => col.notNull())
        .addColumn('password_hash', 'text', (col) => col.notNull())
        .addColumn('created_at', 'bigint', (col) => col.notNull())
        .execute();
      await db.schema
        .createTable('sanctions')
        .addColumn('id', 'text', (col) => col.primaryKey())
        .addColumn('kind', 'text', (col) => col.notNull())
        .addColumn('target_type', 'text', (col) => col.notNull())
        .addColumn('target_value', 'text', (col) => col.notNull())
        .addColumn('target_key', 'text', (col) => col.notNull())
        .addColumn('reason', 'text', (col) => col.notNull())
        .addColumn('created_by', 'text', (col) => col.notNull())
        .addColumn('created_at', 'bigint', (col) => col.notNull())
        .addColumn('expires_at', 'bigint')
        .addColumn('lifted_at', 'bigint')
        .addColumn('lifted_by', 'text')
        .execute();
      await db.schema
        .createIndex('sanctions_target')
        .on('sanctions')
        .columns(['target_type', 'target_key'])
        .execute();
      await db.schema
        .createTable('audit_log')
        .addColumn('id', 'text', (col) => col.primaryKey())
        .addColumn('at', 'bigint', (col) => col.notNull())
        .addColumn('actor', 'text', (col) => col.notNull())
        .addColumn('action', 'text', (col) => col.notNull())
        .addColumn('target', 'text')
        .addColumn('details', 'text', (col) => col.notNull())
        .execute();
      await db.schema.createIndex('audit_log_at_id').on('audit_log').columns(['at', 'id']).execute();
    },
  },
  '0002_match_records': {
    async up(db) {
      await db.schema
        .createTable('matches')
        .addColumn('id', 'text', (col) => col.primaryKey())
        .addColumn('game', 'text', (col) => col.notNull())
        .addColumn('options', 'text', (col) => col.notNull())
        .addColumn('seed', 'bigint', (col) => col.notNull())
        .addColumn('players', 'text', (col) => col.notNull())
        .addColumn('moves', 'text', (col) => col.notNull())
        .addColumn('move_times', 'text', (col) => col.notNull())
        .addColumn('winner', 'integer')
        .addColumn('reason', 'text', (col) => col.notNull())
        .addColumn('time_move_ms', 'bigint')
        .addColumn('time_game_ms', 'bigint')
        .addColumn('started_at', 'bigint', (col) => col.notNull())
        .addColumn('ended_at', 'bigint', (col) => col.notNull())
        .execute();
      await db.schema.createIndex('matches_ended_at_id').on('matches').columns(['ended_at', 'id']).execute();
      await db.schema
        .createTable('match_players')
        .addColumn('match_id', 'text', (col) => col.notNull().references('matches.id'))
        .addColumn('seat', 'integer', (col) => col.notNull())
        .addColumn('nick_key', 'text', (col) => col.notNull())
        // A copy of matches.ended_at, so that listing a player's matches pages on this table's index.
        .addColumn('ended_at', 'bigint', (col) => col.notNull())
        .addPrimaryKeyConstraint('match_players_pk', ['match_id', 'seat'])
        .execute();
      await db.schema
        .createIndex('match_players_nick_key_ended_at')
        .on('match_players')
        .columns(['nick_key', 'ended_at', 'match_id'])
        .execute();
    },
  },
};

/**
 * Brings the schema up to date; a no-op when it already is. `schema` names where Kysely keeps its
 * bookkeeping tables: on PostgreSQL it must be given, or Kysely takes a `kysely_migration` table
 * in any other schema of the database for its own.
 */
export const migrateToLatest = async (db: Kysely<Database>, schema?: string): Promise<void> => {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    ...(schema === undefined ? {} : { migrationTableSchema: schema }),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error === undefined) return;
  const failed = results?.find((result) => result.status === 'Error')?.migrationName;
  throw new Error(
    `Store migration ${failed ?? '(before any migration ran)'} failed: ${describeError(error)}`,
    {
      cause: error,
    },
  );
};
