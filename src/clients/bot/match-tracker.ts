import type { ServerData } from '../../protocol/index.ts';
import { type BotView, readConnect4View } from './connect4-view.ts';
import type { TurnClock } from './think-time.ts';

/** How a match ended, as the server says it. */
export type MatchResult = ServerData<'match.ended'>['result'];

/** The bot's picture of its current (or last) match. */
export interface TrackedMatch {
  readonly id: string;
  /** The bot's seat. */
  readonly seat: number;
  /** The player at each seat. */
  readonly players: readonly string[];
  readonly timeControl: TurnClock['timeControl'];
  /** The state version of `view` (docs/protocol.md, "Versions"). */
  readonly version: number;
  readonly view: BotView;
  readonly clock: TurnClock['clock'];
  /** When the latest position arrived, on the bot's clock. */
  readonly receivedAt: number;
  /** Set once the match is over. */
  readonly result: MatchResult | null;
}

/** A position where the bot is to move. */
export interface Turn {
  readonly match: string;
  readonly version: number;
  /** The columns played so far (the view's `moves`). */
  readonly moves: string;
  /** The columns the bot may play. */
  readonly legalColumns: readonly number[];
  readonly clock: TurnClock;
}

/** The picture of a match from a message that carries all of it (`match.started`, `match.state`). */
const tracked = (
  data: Pick<ServerData<'match.state'>, 'match' | 'version' | 'clock' | 'result'>,
  seat: number,
  view: BotView,
  receivedAt: number,
): TrackedMatch => ({
  id: data.match.id,
  seat,
  players: data.match.players,
  timeControl: data.match.timeControl,
  version: data.version,
  view,
  clock: data.clock,
  receivedAt,
  result: data.result,
});

/**
 * Follows the bot's match from the messages that carry a position: `match.started`,
 * `match.update`, `match.state` (after a resume or a `match.get`) and `match.ended`. Each may come
 * twice or late (a replay, a reply and an event): a position older than the one known is ignored,
 * by version. Only Connect Four matches the bot plays in are followed.
 */
export class MatchTracker {
  #match: TrackedMatch | undefined;

  /** The current match, or the last one once over; undefined before the first. */
  get match(): TrackedMatch | undefined {
    return this.#match;
  }

  /** True while the bot plays a match that is not over. */
  get playing(): boolean {
    return this.#match !== undefined && this.#match.result === null;
  }

  /** A match started; true if it is a new one (not a repeat of the current match). */
  started(data: ServerData<'match.started'>, now: number): boolean {
    const view = readConnect4View(data.view);
    const { match } = data;
    if (view === undefined || match.seat === null || match.game !== 'connect4') return false;
    if (this.#match?.id === match.id) return false;
    this.#match = tracked({ ...data, result: null }, match.seat, view, now);
    return true;
  }

  /** A move was played; true if it moved the picture on. */
  update(data: ServerData<'match.update'>, now: number): boolean {
    const current = this.#match;
    const view = readConnect4View(data.view);
    if (current === undefined || current.id !== data.match || current.result !== null) return false;
    if (view === undefined || data.version <= current.version) return false;
    this.#match = { ...current, version: data.version, view, clock: data.clock, receivedAt: now };
    return true;
  }

  /**
   * The whole state of a match; `new` if it is a live match of the bot's not known before (its
   * start was missed), `updated` if it refreshed the current one, else `ignored`.
   */
  state(data: ServerData<'match.state'>, now: number): 'new' | 'updated' | 'ignored' {
    const view = readConnect4View(data.view);
    const { match } = data;
    if (view === undefined || match.seat === null || match.game !== 'connect4') return 'ignored';
    const current = this.#match;
    const known = current?.id === match.id;
    if (!known && data.result !== null) return 'ignored';
    if (known && (data.version < current.version || current.result !== null)) return 'ignored';
    this.#match = tracked(data, match.seat, view, now);
    return known ? 'updated' : 'new';
  }

  /** The match ended; the match if it is the bot's and was not known to be over. */
  ended(id: string, result: MatchResult): TrackedMatch | undefined {
    const current = this.#match;
    if (current === undefined || current.id !== id || current.result !== null) return undefined;
    this.#match = { ...current, result };
    return this.#match;
  }

  /** The position to move in, if the bot is to move in a live match. */
  turn(): Turn | undefined {
    const current = this.#match;
    if (current === undefined || current.result !== null) return undefined;
    const { view, seat } = current;
    if (view.toMove !== seat || view.legalColumns.length === 0) return undefined;
    return {
      match: current.id,
      version: current.version,
      moves: view.moves,
      legalColumns: view.legalColumns,
      clock: {
        timeControl: current.timeControl,
        clock: current.clock,
        seat,
        moves: view.moves.length,
        receivedAt: current.receivedAt,
      },
    };
  }
}
