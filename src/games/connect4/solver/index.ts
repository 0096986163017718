/**
 * A strong Connect Four solver (issue 5): Pascal Pons' design (bitboards, negamax with
 * alpha-beta, null-window narrowing, threat-ordered moves, a transposition table) tuned for V8,
 * plus an opening book format. Pure: no I/O, no clock (budgets are passed in), runs in browsers
 * too. Must not import anything outside src/games/.
 */

export { parseSolverPosition } from './notation.ts';
export {
  createOpeningBook,
  decodeOpeningBook,
  encodeOpeningBook,
  OPENING_BOOK_MAGIC,
  OPENING_BOOK_VERSION,
  type OpeningBook,
} from './opening-book.ts';
export {
  bestColumn,
  type Choice,
  type ChooseOptions,
  chooseColumn,
  heuristicColumn,
  LEVEL_PROFILES,
  type LevelProfile,
  PLAYER_LEVELS,
  type PlayerLevel,
} from './player.ts';
export {
  CELLS,
  canPlay,
  canWinNext,
  columnHeight,
  EMPTY_POSITION,
  HEIGHT,
  isWinningMove,
  MAX_SCORE,
  MIN_SCORE,
  mirror,
  playColumn,
  positionKey,
  type SolverPosition,
  symmetricKey,
  WIDTH,
  winNowScore,
} from './position.ts';
export {
  COLUMN_ORDER,
  createSolver,
  type ScoreSource,
  type SolveOptions,
  type SolveOutcome,
  type Solver,
  type SolverOptions,
} from './search.ts';
export { DEFAULT_TABLE_BITS, MAX_TABLE_BITS, MIN_TABLE_BITS } from './transposition-table.ts';
