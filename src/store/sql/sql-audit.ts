import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { assertLimit } from '../checks.ts';
import type { AuditEntry, AuditEntryId, AuditLog, AuditQuery, NewAuditEntry } from '../store.ts';
import type { Database } from './schema.ts';

/** The audit log in the `audit_log` table, on any Kysely dialect. */
export class SqlAuditLog implements AuditLog {
  readonly #db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async append(entry: NewAuditEntry): Promise<AuditEntryId> {
    const id = randomUUID() as AuditEntryId;
    await this.#db
      .insertInto('audit_log')
      .values({
        id,
        at: entry.at,
        actor: entry.actor,
        action: entry.action,
        target: entry.target,
        details: JSON.stringify(entry.details),
      })
      .execute();
    return id;
  }

  async list(query: AuditQuery): Promise<AuditEntry[]> {
    assertLimit(query.limit);
    let select = this.#db.selectFrom('audit_log').selectAll();
    const before = query.before;
    if (before !== undefined) {
      // Keyset paging on (at, id): entries sharing a millisecond are neither skipped nor repeated.
      select = select.where((eb) =>
        eb.or([eb('at', '<', before.at), eb.and([eb('at', '=', before.at), eb('id', '<', before.id)])]),
      );
    }
    const rows = await select.orderBy('at', 'desc').orderBy('id', 'desc').limit(query.limit).execute();
    return rows.map((row) => ({
      id: row.id as AuditEntryId,
      at: row.at,
      actor: row.actor,
      action: row.action,
      target: row.target,
      details: JSON.parse(row.details) as AuditEntry['details'],
    }));
  }
}
