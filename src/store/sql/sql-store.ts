import type { Kysely } from 'kysely';
import type { Store, StoreKind } from '../store.ts';
import type { Database } from './schema.ts';
import { SqlAccountStore } from './sql-accounts.ts';
import { SqlAuditLog } from './sql-audit.ts';
import { SqlMatchStore } from './sql-matches.ts';
import { SqlModerationStore } from './sql-moderation.ts';

/** The store over a migrated Kysely database; the SQLite and PostgreSQL adapters differ only in how they open it. */
export class SqlStore implements Store {
  readonly kind: StoreKind;
  readonly accounts: SqlAccountStore;
  readonly moderation: SqlModerationStore;
  readonly audit: SqlAuditLog;
  readonly matches: SqlMatchStore;
  readonly #db: Kysely<Database>;
  #closed: Promise<void> | undefined;

  constructor(kind: StoreKind, db: Kysely<Database>) {
    this.kind = kind;
    this.#db = db;
    this.accounts = new SqlAccountStore(db);
    this.moderation = new SqlModerationStore(db);
    this.audit = new SqlAuditLog(db);
    this.matches = new SqlMatchStore(db);
  }

  /** Closes the database; calling it again waits for the first close (pg refuses a second `end`). */
  close(): Promise<void> {
    this.#closed ??= this.#db.destroy();
    return this.#closed;
  }
}
