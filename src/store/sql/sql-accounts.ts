import type { Kysely } from 'kysely';
import { err, nickKey, ok, type Result } from '../../protocol/index.ts';
import type { Account, AccountStore } from '../store.ts';
import type { Database } from './schema.ts';

/** Accounts in the `accounts` table, on any Kysely dialect. */
export class SqlAccountStore implements AccountStore {
  readonly #db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async createAccount(account: Account): Promise<Result<Account, 'ACCOUNT_EXISTS'>> {
    // ON CONFLICT DO NOTHING + RETURNING tells a taken nick apart without catching a
    // dialect-specific unique-violation error, and stays atomic between concurrent writers.
    const inserted = await this.#db
      .insertInto('accounts')
      .values({
        nick_key: nickKey(account.nick),
        nick: account.nick,
        password_hash: account.passwordHash,
        created_at: account.createdAt,
      })
      .onConflict((conflict) => conflict.column('nick_key').doNothing())
      .returning('nick_key')
      .executeTakeFirst();
    if (inserted === undefined) return err('ACCOUNT_EXISTS');
    return ok({ nick: account.nick, passwordHash: account.passwordHash, createdAt: account.createdAt });
  }

  async getAccount(nick: string): Promise<Account | undefined> {
    const row = await this.#db
      .selectFrom('accounts')
      .select(['nick', 'password_hash', 'created_at'])
      .where('nick_key', '=', nickKey(nick))
      .executeTakeFirst();
    return row && { nick: row.nick, passwordHash: row.password_hash, createdAt: row.created_at };
  }

  async updatePasswordHash(nick: string, passwordHash: string): Promise<Result<void, 'ACCOUNT_NOT_FOUND'>> {
    const result = await this.#db
      .updateTable('accounts')
      .set({ password_hash: passwordHash })
      .where('nick_key', '=', nickKey(nick))
      .executeTakeFirst();
    return result.numUpdatedRows === 0n ? err('ACCOUNT_NOT_FOUND') : ok(undefined);
  }
}
