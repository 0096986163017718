/**
 * Pure game rules (F1): the game contract, the games themselves and the registry of games the
 * server offers. Synchronous, deterministic, no I/O, no clock, no randomness of its own; runs in
 * browsers too. Must not import anything outside src/games/.
 */

/** Connect Four's own helpers (notation, board text, bitboard, types) for clients and bots. */
export * as Connect4 from './connect4/index.ts';
export { connect4 } from './connect4/index.ts';
/** The Connect Four solver (issue 5) and its opening book format. */
export * as Connect4Solver from './connect4/solver/index.ts';
export type {
  AnyGameDefinition,
  GameBase,
  GameDefinition,
  Json,
  Outcome,
  RealtimeGameDefinition,
  Seat,
  SeatRange,
  Viewer,
} from './game.ts';
export { type GameError, GameErrorCode, gameError } from './game-error.ts';
export {
  type BooleanOption,
  type ChoiceOption,
  defaultOptions,
  type IntegerOption,
  type OptionSpec,
  type OptionsOf,
  type OptionsSchema,
  type OptionValue,
  type OptionValues,
  parseOptions,
  type StringOption,
} from './options.ts';
export { describeGame, findGame, type GameInfo, games, listGames } from './registry.ts';
export { type ReplayedGame, type ReplayedMove, replayGame } from './replay.ts';
export { err, ok, type Result } from './result.ts';
export {
  nextFloat,
  nextInt,
  nextUint32,
  type RngState,
  type Seed,
  seedRng,
  uniformSource,
} from './rng.ts';
export {
  applySnapshotDelta,
  jsonEqual,
  type RowsPatch,
  SnapshotBuffer,
  type SnapshotDelta,
  type SnapshotFrame,
  snapshotDelta,
} from './snapshot-delta.ts';
/** The tank arena's own helpers (maps, snapshot format, bot brain, rules) for clients and bots. */
export * as Tanks from './tanks/index.ts';
