import type { Session } from '../server/index.ts';
import type { Match } from './match.ts';
import type { Table } from './realtime/table.ts';

/** What the games area knows about one session. */
export interface PlayerEntry {
  /** The live match the session plays (at most one). */
  match: Match | null;
  /** The last match it played, once over: for `/board`, rematches and leaving its room. */
  last: Match | null;
  /** Live matches it watches. */
  readonly watching: Set<Match>;
  /** The matchmaking queue it waits in (its key), if any. */
  queue: string | null;
  /** The table of a real-time game it sits at, if any. */
  table: Table | null;
}

/** Per-session game state, kept beside the session (the server core knows nothing of games). */
export class PlayerBook {
  readonly #entries = new WeakMap<Session, PlayerEntry>();

  of(session: Session): PlayerEntry {
    let entry = this.#entries.get(session);
    if (entry === undefined) {
      entry = { match: null, last: null, watching: new Set(), queue: null, table: null };
      this.#entries.set(session, entry);
    }
    return entry;
  }
}
