import type { Kysely } from 'kysely';
import { err, nickKey, ok, type Result } from '../../protocol/index.ts';
import { assertLimit } from '../checks.ts';
import type { MatchQuery, MatchRecord, MatchStore } from '../store.ts';
import type { Database, MatchesTable } from './schema.ts';

/** Turns a row back into a match record. */
const toMatch = (row: MatchesTable): MatchRecord => ({
  id: row.id,
  game: row.game,
  options: JSON.parse(row.options) as MatchRecord['options'],
  seed: row.seed,
  players: JSON.parse(row.players) as MatchRecord['players'],
  moves: JSON.parse(row.moves) as MatchRecord['moves'],
  moveTimes: JSON.parse(row.move_times) as MatchRecord['moveTimes'],
  winner: row.winner,
  reason: row.reason,
  timeControl: { moveMs: row.time_move_ms, gameMs: row.time_game_ms },
  startedAt: row.started_at,
  endedAt: row.ended_at,
});

/** Inserts one match and its seats; false when a match with its id is stored already. */
const insertMatch = async (trx: Kysely<Database>, record: MatchRecord): Promise<boolean> => {
  const inserted = await trx
    .insertInto('matches')
    .values({
      id: record.id,
      game: record.game,
      options: JSON.stringify(record.options),
      seed: record.seed,
      players: JSON.stringify(record.players),
      moves: JSON.stringify(record.moves),
      move_times: JSON.stringify(record.moveTimes),
      winner: record.winner,
      reason: record.reason,
      time_move_ms: record.timeControl.moveMs,
      time_game_ms: record.timeControl.gameMs,
      started_at: record.startedAt,
      ended_at: record.endedAt,
    })
    .onConflict((conflict) => conflict.column('id').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted === undefined) return false;
  if (record.players.length > 0) {
    await trx
      .insertInto('match_players')
      .values(
        record.players.map((nick, seat) => ({
          match_id: record.id,
          seat,
          nick_key: nickKey(nick),
          ended_at: record.endedAt,
        })),
      )
      .execute();
  }
  return true;
};

/** Finished matches in the `matches` table, with their seats in `match_players`, on any Kysely dialect. */
export class SqlMatchStore implements MatchStore {
  readonly #db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async saveMatch(record: MatchRecord): Promise<Result<void, 'MATCH_EXISTS'>> {
    const refused = await this.saveMatches([record]);
    return refused.length === 0 ? ok(undefined) : err('MATCH_EXISTS');
  }

  async saveMatches(records: readonly MatchRecord[]): Promise<string[]> {
    // One transaction: a match is never listed without its seats, nor found by a player without
    // its row; and many matches cost one commit. ON CONFLICT DO NOTHING + RETURNING tells a taken
    // id apart as for accounts.
    return this.#db.transaction().execute(async (trx) => {
      const refused: string[] = [];
      for (const record of records) {
        if (!(await insertMatch(trx, record))) refused.push(record.id);
      }
      return refused;
    });
  }

  async getMatch(id: string): Promise<MatchRecord | undefined> {
    const row = await this.#db.selectFrom('matches').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toMatch(row);
  }

  async listMatches(query: MatchQuery): Promise<MatchRecord[]> {
    assertLimit(query.limit);
    const { before, player } = query;
    if (player === undefined) {
      let select = this.#db.selectFrom('matches').selectAll();
      if (before !== undefined) {
        // Keyset paging on (ended_at, id): matches ending in the same millisecond are neither skipped nor repeated.
        select = select.where((eb) =>
          eb.or([
            eb('ended_at', '<', before.endedAt),
            eb.and([eb('ended_at', '=', before.endedAt), eb('id', '<', before.id)]),
          ]),
        );
      }
      const rows = await select
        .orderBy('ended_at', 'desc')
        .orderBy('id', 'desc')
        .limit(query.limit)
        .execute();
      return rows.map(toMatch);
    }
    // Walks the player's entries of the (nick_key, ended_at, match_id) index newest first and
    // joins each to its match. A nick seated twice in one match counts once: only its lowest seat.
    const key = nickKey(player);
    let select = this.#db
      .selectFrom('match_players as mp')
      .innerJoin('matches as m', 'm.id', 'mp.match_id')
      .selectAll('m')
      .where('mp.nick_key', '=', key)
      .where(({ exists, not, selectFrom }) =>
        not(
          exists(
            selectFrom('match_players as other')
              .select('other.seat')
              .whereRef('other.match_id', '=', 'mp.match_id')
              .where('other.nick_key', '=', key)
              .whereRef('other.seat', '<', 'mp.seat'),
          ),
        ),
      );
    if (before !== undefined) {
      select = select.where((eb) =>
        eb.or([
          eb('mp.ended_at', '<', before.endedAt),
          eb.and([eb('mp.ended_at', '=', before.endedAt), eb('mp.match_id', '<', before.id)]),
        ]),
      );
    }
    const rows = await select
      .orderBy('mp.ended_at', 'desc')
      .orderBy('mp.match_id', 'desc')
      .limit(query.limit)
      .execute();
    return rows.map(toMatch);
  }
}
