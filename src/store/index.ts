/**
 * Persistence: the `Store` port (accounts, bans and suspensions, the audit log, match records) and its adapters,
 * SQLite (the embedded default), PostgreSQL and memory, with one set of migrations for the SQL ones.
 * Imports only name rules and `Result` from protocol. Only main picks an adapter.
 */
export { createMemoryStore } from './memory/memory-store.ts';
export { openPostgresStore, type PostgresStoreOptions } from './postgres/postgres-store.ts';
export { openSqliteStore } from './sqlite/sqlite-store.ts';
export {
  type Account,
  type AccountError,
  type AccountStore,
  type AuditEntry,
  type AuditEntryId,
  type AuditLog,
  type AuditQuery,
  type JsonValue,
  type LiftRequest,
  type MatchQuery,
  type MatchRecord,
  type MatchStore,
  type ModerationStore,
  type NewAuditEntry,
  type NewSanction,
  type Sanction,
  type SanctionId,
  SanctionKind,
  type SanctionTarget,
  type Store,
  type StoreKind,
  type TimeControl,
} from './store.ts';
