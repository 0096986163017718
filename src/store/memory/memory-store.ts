import { randomUUID } from 'node:crypto';
import { err, nickKey, ok, type Result } from '../../protocol/index.ts';
import { assertLimit } from '../checks.ts';
import type {
  Account,
  AccountStore,
  AuditEntry,
  AuditEntryId,
  AuditLog,
  AuditQuery,
  LiftRequest,
  MatchQuery,
  MatchRecord,
  MatchStore,
  ModerationStore,
  NewAuditEntry,
  NewSanction,
  Sanction,
  SanctionId,
  SanctionTarget,
  Store,
} from '../store.ts';
import { targetKey } from '../target-key.ts';

// Kept as plain data and copied in and out, so a caller mutating what it passed or got back
// cannot change what is "stored" (as with a real database).

/** A stored sanction with its matching key and lifting state. */
interface SanctionRecord {
  readonly sanction: Sanction;
  readonly key: string;
  liftedAt: number | null;
  liftedBy: string | null;
}

const copySanction = (s: Sanction): Sanction => ({ ...s, target: { ...s.target } });

const isActive = (record: SanctionRecord, now: number): boolean =>
  record.liftedAt === null && (record.sanction.expiresAt === null || record.sanction.expiresAt > now);

const matches = (record: SanctionRecord, target: SanctionTarget): boolean =>
  record.sanction.target.type === target.type && record.key === targetKey(target);

/** Orders like the SQL adapters' `ORDER BY at DESC, id DESC`. */
const newestFirst = (a: AuditEntry, b: AuditEntry): number =>
  b.at - a.at || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

class MemoryAccounts implements AccountStore {
  readonly #byKey = new Map<string, Account>();

  async createAccount(account: Account): Promise<Result<Account, 'ACCOUNT_EXISTS'>> {
    const key = nickKey(account.nick);
    if (this.#byKey.has(key)) return err('ACCOUNT_EXISTS');
    const stored = { nick: account.nick, passwordHash: account.passwordHash, createdAt: account.createdAt };
    this.#byKey.set(key, stored);
    return ok({ ...stored });
  }

  async getAccount(nick: string): Promise<Account | undefined> {
    const account = this.#byKey.get(nickKey(nick));
    return account && { ...account };
  }

  async updatePasswordHash(nick: string, passwordHash: string): Promise<Result<void, 'ACCOUNT_NOT_FOUND'>> {
    const key = nickKey(nick);
    const account = this.#byKey.get(key);
    if (account === undefined) return err('ACCOUNT_NOT_FOUND');
    this.#byKey.set(key, { ...account, passwordHash });
    return ok(undefined);
  }
}

class MemoryModeration implements ModerationStore {
  readonly #records: SanctionRecord[] = [];

  async addSanction(sanction: NewSanction): Promise<SanctionId> {
    const id = randomUUID() as SanctionId;
    const stored = copySanction({ ...sanction, id });
    this.#records.push({ sanction: stored, key: targetKey(stored.target), liftedAt: null, liftedBy: null });
    return id;
  }

  async activeSanctions(now: number, target?: SanctionTarget): Promise<Sanction[]> {
    return this.#records
      .filter((record) => isActive(record, now) && (target === undefined || matches(record, target)))
      .map((record) => copySanction(record.sanction))
      .sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  async liftSanctions(request: LiftRequest): Promise<number> {
    let lifted = 0;
    for (const record of this.#records) {
      if (!isActive(record, request.at) || !matches(record, request.target)) continue;
      if (request.kind !== undefined && record.sanction.kind !== request.kind) continue;
      record.liftedAt = request.at;
      record.liftedBy = request.liftedBy;
      lifted += 1;
    }
    return lifted;
  }
}

class MemoryAudit implements AuditLog {
  readonly #entries: AuditEntry[] = [];

  async append(entry: NewAuditEntry): Promise<AuditEntryId> {
    const id = randomUUID() as AuditEntryId;
    this.#entries.push({ ...entry, id, details: structuredClone(entry.details) });
    return id;
  }

  async list(query: AuditQuery): Promise<AuditEntry[]> {
    assertLimit(query.limit);
    const { before } = query;
    return this.#entries
      .filter((e) => before === undefined || e.at < before.at || (e.at === before.at && e.id < before.id))
      .sort(newestFirst)
      .slice(0, query.limit)
      .map((e) => ({ ...e, details: structuredClone(e.details) }));
  }
}

/** Orders like the SQL adapters' `ORDER BY ended_at DESC, id DESC`. */
const newestMatchFirst = (a: MatchRecord, b: MatchRecord): number =>
  b.endedAt - a.endedAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

class MemoryMatches implements MatchStore {
  readonly #byId = new Map<string, MatchRecord>();

  async saveMatch(record: MatchRecord): Promise<Result<void, 'MATCH_EXISTS'>> {
    if (this.#byId.has(record.id)) return err('MATCH_EXISTS');
    this.#byId.set(record.id, structuredClone(record));
    return ok(undefined);
  }

  async saveMatches(records: readonly MatchRecord[]): Promise<string[]> {
    const refused: string[] = [];
    for (const record of records) if (!(await this.saveMatch(record)).ok) refused.push(record.id);
    return refused;
  }

  async getMatch(id: string): Promise<MatchRecord | undefined> {
    const record = this.#byId.get(id);
    return record && structuredClone(record);
  }

  async listMatches(query: MatchQuery): Promise<MatchRecord[]> {
    assertLimit(query.limit);
    const { before, player } = query;
    const key = player === undefined ? undefined : nickKey(player);
    return [...this.#byId.values()]
      .filter(
        (m) =>
          (before === undefined ||
            m.endedAt < before.endedAt ||
            (m.endedAt === before.endedAt && m.id < before.id)) &&
          (key === undefined || m.players.some((nick) => nickKey(nick) === key)),
      )
      .sort(newestMatchFirst)
      .slice(0, query.limit)
      .map((m) => structuredClone(m));
  }
}

/** A store that keeps everything in this process and forgets it on exit: for tests of other areas. */
export const createMemoryStore = (): Store => ({
  kind: 'memory',
  accounts: new MemoryAccounts(),
  moderation: new MemoryModeration(),
  audit: new MemoryAudit(),
  matches: new MemoryMatches(),
  close: async () => {},
});
