import type { GameError } from './game-error.ts';
import type { OptionsSchema, OptionValues } from './options.ts';
import type { Result } from './result.ts';
import type { Seed } from './rng.ts';

//
// The game contract (F1). A game is a pure rules module: plain functions over immutable values,
// with no I/O, no clock, no randomness of its own and no imports outside src/games/. The host
// (the server's game room, a bot, a replay, a test) owns time, seats, sockets and storage; the
// game only answers "what happens if…".
//
//   options (untrusted JSON) ──parseOptions(schema)──► Options ──create(·, seed)──► State
//   move (untrusted JSON)    ──parseMove──► Move ──play(state, seat, move)──► Result<State, GameError>
//   State ──view(state, seat | 'spectator')──► View (JSON; what that viewer may know)
//   State ──outcome──► undefined while running, then { winner: seat | null, reason }
//
// Real-time games share the first and last lines and replace moves by a fixed-step clock:
//   State ──advance(state, inputs by seat, dtMs)──► State, called tickRateHz times a second.
//

/** A seat at the table, numbered from 0 in the order the host seated the players. */
export type Seat = number;

/** Who looks at a game: a seated player, or anyone else. */
export type Viewer = Seat | 'spectator';

/** A value that survives `JSON.stringify` and `JSON.parse` unchanged. */
export type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json };

/** How many players a game seats: `{ min: 2, max: 2 }` for a two-player game. */
export interface SeatRange {
  readonly min: number;
  readonly max: number;
}

/** How a game ended. */
export interface Outcome {
  /** The winning seat, or `null` for a draw. */
  readonly winner: Seat | null;
  /** Why it ended, a kebab-case word the game documents (`'four-in-a-row'`, `'board-full'`). */
  readonly reason: string;
  /** Final score of each seat (index = seat), for games that keep one. */
  readonly scores?: readonly number[];
}

/**
 * What every game has, turn-based or real-time.
 *
 * Implementation contract, for every function of a game (checked for each registered game by
 * `defineGameContract`, src/games/contract.ts):
 * - **Pure.** Same arguments, same result; arguments are never mutated; no I/O, no clock, no
 *   `Math.random`, no timers. Randomness comes from the `seed` of `create`; a game that draws later
 *   keeps an `RngState` (rng.ts) in its state.
 * - **Total on untrusted input.** Anything that comes from a client (options, moves, inputs, seat
 *   numbers) is answered with a `Result`; a throw means a bug in the host or the game.
 * - **Values, not objects.** States are immutable (`readonly` all the way down) and should be
 *   cheap to keep: a host may keep the previous state for a takeback or a replay. Views,
 *   snapshots, moves and inputs encoded for the wire are `Json`.
 * - **Seats are 0 … seatCount − 1.** A game whose number of players varies reads it from an
 *   integer option named `seats`, bounded by `seats.min` … `seats.max`.
 */
export interface GameBase<State, Options extends OptionValues> {
  /** Stable identifier: lowercase letters, digits and `-`. Stored with finished games; never renamed. */
  readonly id: string;
  /** Name shown to people. */
  readonly name: string;
  /** How many players the game seats. */
  readonly seats: SeatRange;
  /** The options a host may set, with types, defaults and help: plain data for `game.list`. */
  readonly options: OptionsSchema;
  /**
   * The starting state for options already checked against `options` (`parseOptions`). Fails with
   * `GAME_BAD_OPTIONS` when the values are individually valid but make no game together.
   */
  create(options: Options, seed: Seed): Result<State, GameError>;
  /** How many seats this game has (constant from `create` on). */
  seatCount(state: State): number;
  /** `undefined` while the game runs; how it ended once it has. */
  outcome(state: State): Outcome | undefined;
}

/**
 * A turn-based game: players move one at a time, and nothing happens between moves.
 *
 * Implementation contract (besides `GameBase`'s):
 * - `toMove` is `null` exactly when `outcome` is defined, and `legalMoves` is empty exactly then.
 * - `isLegal(s, m)` is true exactly for the moves `legalMoves(s)` lists.
 * - `play` checks, in this order: the seat (`GAME_BAD_SEAT`), the end (`GAME_OVER`), the turn
 *   (`GAME_NOT_YOUR_TURN`), then the move (`GAME_ILLEGAL_MOVE`). A legal move by the seat to move
 *   always succeeds.
 * - `parseMove(makeMove(m))` and `parseMoveText(makeMoveText(m))` give back `m` for every legal `m`.
 * - Every game ends: no infinite sequence of legal moves.
 */
export interface GameDefinition<State, Move, View, Options extends OptionValues = OptionValues>
  extends GameBase<State, Options> {
  readonly kind: 'turn-based';
  /** The seat expected to move, or `null` once the game is over. */
  toMove(state: State): Seat | null;
  /** Every legal move of the seat to move, in a stable order; empty once the game is over. */
  legalMoves(state: State): readonly Move[];
  /** Whether the seat to move may play `move` now. */
  isLegal(state: State, move: Move): boolean;
  /** The state after `seat` plays `move`, or why it may not. */
  play(state: State, seat: Seat, move: Move): Result<State, GameError>;
  /** What `viewer` may see: the whole state for perfect-information games, less for others. */
  view(state: State, viewer: Viewer): View;
  /** A move from its JSON form (untrusted), or `GAME_BAD_MOVE`. Does not check legality. */
  parseMove(raw: unknown): Result<Move, GameError>;
  /** The JSON form of a move, as clients send it. */
  makeMove(move: Move): Json;
  /** A move from the notation people type (`"4"` for column 4), or `GAME_BAD_MOVE`. */
  parseMoveText(text: string): Result<Move, GameError>;
  /** The notation of a move for people and logs. */
  makeMoveText(move: Move): string;
  /**
   * A plain-text picture of a view (no colour codes), for terminals and text mode. `names` are the
   * players at each seat, to say "alice (X) to move" rather than "X (seat 0) to move".
   */
  renderText(view: View, names?: readonly string[]): string;
}

/**
 * A real-time game: the host advances it by fixed steps, `tickRateHz` times a second, with the
 * latest input of each seat. (The tank arena, H1; none is implemented yet.)
 *
 * Implementation contract (besides `GameBase`'s):
 * - `advance` is the only way time passes. The host always passes `dtMs = 1000 / tickRateHz`
 *   (a fixed step: same inputs, same result, on every machine); the game never reads a clock.
 *   Game time (a match timer, a respawn delay) is counted in the state, in ticks or in summed
 *   `dtMs`; randomness during play (respawn points) comes from an `RngState` kept in the state.
 * - `inputs` holds at most one input per seat: the latest the host accepted for that seat. A seat
 *   without an entry does nothing this tick. Sequence numbers, acknowledgements and delta
 *   encoding (H2) belong to the host and the protocol, not to the game.
 * - `advance` must not throw for any parsed input, and once `outcome` is defined it returns the
 *   state unchanged.
 * - `snapshot` is what one viewer may see of a state, as `Json` (hidden information stays hidden).
 *   Games are isomorphic, so a client may also run `advance` to predict its own moves (H2).
 * - `parseInput(makeInput(i))` gives back `i`.
 */
export interface RealtimeGameDefinition<State, Input, Snapshot, Options extends OptionValues = OptionValues>
  extends GameBase<State, Options> {
  readonly kind: 'realtime';
  /** How many `advance` steps make one second of game time. */
  readonly tickRateHz: number;
  /** The state one fixed step later. */
  advance(state: State, inputs: ReadonlyMap<Seat, Input>, dtMs: number): State;
  /** An input from its JSON form (untrusted), or `GAME_BAD_INPUT`. */
  parseInput(raw: unknown): Result<Input, GameError>;
  /** The JSON form of an input, as clients send it. */
  makeInput(input: Input): Json;
  /** What `viewer` may see of the state now. */
  snapshot(state: State, viewer: Viewer): Snapshot;
  /**
   * A plain-text picture of a snapshot for terminals and text mode (a scoreboard and the time
   * left, say; not the live field). `names` are the players at each seat.
   */
  renderText?(snapshot: Snapshot, names?: readonly string[]): string;
  /** A bot that plays a seat from what a spectator sees, for hosts that fill empty seats (H4). */
  readonly bot?: RealtimeBot<Snapshot, Input>;
}

/**
 * A real-time game's bot: pure, seeded, deciding each tick from the snapshot alone (what any
 * client may see), so that the same brain runs inside a host or in a separate process.
 */
export interface RealtimeBot<Snapshot, Input> {
  /** The memory of a new bot at `seat`; its randomness comes from `seed`. */
  start(seat: Seat, seed: Seed): unknown;
  /** The bot's input for this tick, and its memory after deciding. */
  decide(
    snapshot: Snapshot,
    seat: Seat,
    memory: unknown,
  ): { readonly input: Input; readonly memory: unknown };
}

/** Any game with its own types erased: what the registry holds. A host dispatches on `kind`. */
export type AnyGameDefinition =
  | GameDefinition<unknown, unknown, unknown, OptionValues>
  | RealtimeGameDefinition<unknown, unknown, unknown, OptionValues>;
