import type { GameDefinition, Json, OptionValues, Seat } from '../games/index.ts';
import type { ServerData } from '../protocol/index.ts';
import type { Session } from '../server/index.ts';
import type { MatchRecord, TimeControl } from '../store/index.ts';
import { MatchClock } from './match-clock.ts';

/** The chat room of a match is this prefix and the match id. */
export const MATCH_ROOM_PREFIX = 'match-';

/** What `match.started` says of any match, turn-based or real-time. */
type MatchInfoData = ServerData<'match.started'>['match'];

/** The fields of a match that its protocol form (`MatchInfoData`) is made of. */
interface MatchFacts {
  readonly id: string;
  readonly game: { readonly id: string };
  readonly options: OptionValues;
  readonly nicks: readonly string[];
  readonly room: string;
  readonly private: boolean;
  readonly startedAt: number;
}

/** The protocol form of a match for the recipient at `seat` (copies: the match's own may change). */
export const matchInfo = (match: MatchFacts, seat: Seat | null, timeControl: TimeControl): MatchInfoData => ({
  id: match.id,
  game: match.game.id,
  options: { ...match.options },
  players: [...match.nicks],
  seat,
  room: match.room,
  timeControl,
  private: match.private,
  startedAt: match.startedAt,
});

/** A turn-based game with its types erased: what a match hosts. */
export type TurnBasedGame = GameDefinition<unknown, unknown, unknown, OptionValues>;

/** How a match ended, seats and reason; the protocol form adds the winner's nickname. */
export interface MatchEnd {
  readonly winner: Seat | null;
  readonly reason: string;
}

/** What a match is made from: everything but the moves. */
export interface MatchSetup {
  readonly id: string;
  readonly game: TurnBasedGame;
  readonly options: OptionValues;
  readonly seed: number;
  /** The sessions at each seat (index = seat). */
  readonly players: readonly Session[];
  readonly timeControl: TimeControl;
  readonly private: boolean;
  readonly startedAt: number;
}

/**
 * One match of one game (a game room): seats, spectators, the current state and its version, the
 * moves, the clocks. The room is the only authority: every move goes through `play`, which
 * changes nothing when it refuses. Delivery, timers and storage are the caller's (matches.ts).
 */
export class Match {
  readonly id: string;
  readonly game: TurnBasedGame;
  readonly options: OptionValues;
  readonly seed: number;
  readonly players: readonly Session[];
  /** Nicknames at the start: records and messages keep them even if a player renames. */
  readonly nicks: readonly string[];
  readonly timeControl: TimeControl;
  readonly private: boolean;
  readonly startedAt: number;
  /** The chat room of the match: players and spectators are in it. */
  readonly room: string;
  /** The seat that moved first (a rematch gives the first move to the other seat). */
  readonly firstMover: Seat | null;
  readonly spectators = new Set<Session>();
  readonly clock: MatchClock;
  readonly moves: Json[] = [];
  readonly moveTimes: number[] = [];
  /** Seats that offered a rematch once the match was over. */
  readonly rematchOffers = new Set<Seat>();
  state: unknown;
  version = 0;
  end: MatchEnd | null = null;
  endedAt = 0;
  /** The pending loss on time, if a clock runs. */
  timer: NodeJS.Timeout | undefined;

  constructor(setup: MatchSetup, initialState: unknown) {
    this.id = setup.id;
    this.game = setup.game;
    this.options = setup.options;
    this.seed = setup.seed;
    this.players = setup.players;
    this.nicks = setup.players.map((p) => p.nick as string);
    this.timeControl = setup.timeControl;
    this.private = setup.private;
    this.startedAt = setup.startedAt;
    this.room = `${MATCH_ROOM_PREFIX}${setup.id}`;
    this.state = initialState;
    this.firstMover = setup.game.toMove(initialState);
    this.clock = new MatchClock(setup.timeControl, setup.players.length, setup.startedAt);
  }

  /** The seat of `session`, or null for anyone else. */
  seatOf(session: Session): Seat | null {
    const seat = this.players.indexOf(session);
    return seat === -1 ? null : seat;
  }

  /** The seat to move, or null once over. */
  get toMove(): Seat | null {
    return this.end === null ? this.game.toMove(this.state) : null;
  }

  /** When the seat to move loses on time, if a clock runs. */
  deadline(): number | null {
    return this.clock.deadline(this.toMove);
  }

  /** Everyone who receives the match's events: players (connected or away) and spectators. */
  *audience(): Generator<Session> {
    yield* this.players;
    yield* this.spectators;
  }

  /** The other seat of a two-seat game (the winner when `seat` resigns, runs out of time or leaves). */
  opponentOf(seat: Seat): Seat | null {
    return this.players.length === 2 ? 1 - seat : null;
  }

  /** The game's view for a viewer: a player's seat, or a spectator. */
  viewFor(seat: Seat | null): unknown {
    return this.game.view(this.state, seat ?? 'spectator');
  }

  /** The protocol form of what a match is, for the recipient at `seat`. */
  info(seat: Seat | null): MatchInfoData {
    return matchInfo(this, seat, this.timeControl);
  }

  /** The result in protocol form, or null while the match runs. */
  result(): ServerData<'match.ended'>['result'] | null {
    if (this.end === null) return null;
    const { winner, reason } = this.end;
    return { winner: winner === null ? null : (this.nicks[winner] as string), seat: winner, reason };
  }

  /** The record to store once the match is over. */
  record(): MatchRecord {
    return {
      id: this.id,
      game: this.game.id,
      options: { ...this.options },
      seed: this.seed,
      players: [...this.nicks],
      moves: [...(this.moves as MatchRecord['moves'])],
      moveTimes: [...this.moveTimes],
      winner: this.end?.winner ?? null,
      reason: this.end?.reason ?? 'aborted',
      timeControl: this.timeControl,
      startedAt: this.startedAt,
      endedAt: this.endedAt,
    };
  }
}
