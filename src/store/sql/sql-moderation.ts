import { randomUUID } from 'node:crypto';
import type { ExpressionBuilder, Kysely } from 'kysely';
import { isSanctionKind, isTargetType } from '../checks.ts';
import type {
  LiftRequest,
  ModerationStore,
  NewSanction,
  Sanction,
  SanctionId,
  SanctionTarget,
} from '../store.ts';
import { targetKey } from '../target-key.ts';
import type { Database, SanctionsTable } from './schema.ts';

/** Unlifted, and either without expiry or expiring after `now`. */
const activeAt = (now: number) => (eb: ExpressionBuilder<Database, 'sanctions'>) =>
  eb.and([eb('lifted_at', 'is', null), eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)])]);

/** Turns a row back into a sanction, refusing rows no version of Parlor writes. */
const toSanction = (row: SanctionsTable): Sanction => {
  if (!isSanctionKind(row.kind) || !isTargetType(row.target_type)) {
    throw new Error(`Corrupt sanction ${row.id}: kind ${row.kind}, target type ${row.target_type}`);
  }
  return {
    id: row.id as SanctionId,
    kind: row.kind,
    target: { type: row.target_type, value: row.target_value },
    reason: row.reason,
    createdBy: row.created_by,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
  };
};

/** Bans and suspensions in the `sanctions` table, on any Kysely dialect. */
export class SqlModerationStore implements ModerationStore {
  readonly #db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async addSanction(sanction: NewSanction): Promise<SanctionId> {
    const id = randomUUID() as SanctionId;
    await this.#db
      .insertInto('sanctions')
      .values({
        id,
        kind: sanction.kind,
        target_type: sanction.target.type,
        target_value: sanction.target.value,
        target_key: targetKey(sanction.target),
        reason: sanction.reason,
        created_by: sanction.createdBy,
        created_at: sanction.createdAt,
        expires_at: sanction.expiresAt,
        lifted_at: null,
        lifted_by: null,
      })
      .execute();
    return id;
  }

  async activeSanctions(now: number, target?: SanctionTarget): Promise<Sanction[]> {
    let query = this.#db.selectFrom('sanctions').selectAll().where(activeAt(now));
    if (target !== undefined) {
      query = query.where('target_type', '=', target.type).where('target_key', '=', targetKey(target));
    }
    const rows = await query.orderBy('created_at').orderBy('id').execute();
    return rows.map(toSanction);
  }

  async liftSanctions(request: LiftRequest): Promise<number> {
    let update = this.#db
      .updateTable('sanctions')
      .set({ lifted_at: request.at, lifted_by: request.liftedBy })
      .where('target_type', '=', request.target.type)
      .where('target_key', '=', targetKey(request.target))
      .where(activeAt(request.at));
    if (request.kind !== undefined) update = update.where('kind', '=', request.kind);
    const result = await update.executeTakeFirst();
    return Number(result.numUpdatedRows);
  }
}
