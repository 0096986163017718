/**
 * Tic-tac-toe (F4): 3 × 3 cells, three in a row in any direction wins, a full board is a draw.
 * Added by following docs/adding-a-game.md. Must not import anything outside src/games/.
 */

import { firstSeatOption, pickFirstSeat } from '../first-seat.ts';
import type { GameDefinition } from '../game.ts';
import { GameErrorCode, gameError } from '../game-error.ts';
import type { OptionsOf, OptionsSchema } from '../options.ts';
import { err, ok } from '../result.ts';
import { checkTwoSeatTurn } from '../turn-checks.ts';
import { makeMove, makeMoveText, parseMove, parseMoveText, renderText } from './notation.ts';
import {
  freeMoves,
  isCoordinate,
  isFree,
  mark,
  seatToMove,
  startState,
  type TicTacToeMove,
  type TicTacToeState,
  type TicTacToeView,
  viewOf,
} from './rules.ts';

export { defaultMarks, renderBoard, renderStatus } from './notation.ts';
export type {
  Coordinate,
  TicTacToeEndReason,
  TicTacToeMove,
  TicTacToeOutcome,
  TicTacToeState,
  TicTacToeView,
} from './rules.ts';

const ticTacToeOptions = {
  firstSeat: firstSeatOption('Which seat moves first (and plays X); "random" draws it from the game seed.'),
} as const satisfies OptionsSchema;

/** The options of a tic-tac-toe game. */
export type TicTacToeOptions = OptionsOf<typeof ticTacToeOptions>;

/**
 * Tic-tac-toe as a `GameDefinition`: seats 0 and 1, moves `{"row": 1-3, "column": 1-3}` (text
 * `b2`), the same view for players and spectators, outcome reasons `three-in-a-row` and
 * `board-full`.
 */
export const ticTacToe: GameDefinition<TicTacToeState, TicTacToeMove, TicTacToeView, TicTacToeOptions> = {
  kind: 'turn-based',
  id: 'tic-tac-toe',
  name: 'Tic-tac-toe',
  seats: { min: 2, max: 2 },
  options: ticTacToeOptions,

  create(options, seed) {
    const firstSeat = pickFirstSeat(options.firstSeat, seed);
    return ok(startState(firstSeat));
  },

  seatCount: () => 2,
  toMove: seatToMove,
  legalMoves: freeMoves,
  isLegal: (state, move) => isCoordinate(move.row) && isCoordinate(move.column) && isFree(state, move),

  play(state, seat, move) {
    const refused = checkTwoSeatTurn('tic-tac-toe', seat, state.outcome !== undefined, seatToMove(state));
    if (refused) return err(refused);
    if (!isCoordinate(move.row) || !isCoordinate(move.column)) {
      return err(gameError(GameErrorCode.GAME_ILLEGAL_MOVE, 'there is no such cell (rows and columns 1-3)'));
    }
    if (!isFree(state, move)) {
      return err(gameError(GameErrorCode.GAME_ILLEGAL_MOVE, `cell ${makeMoveText(move)} is taken`));
    }
    return ok(mark(state, move));
  },

  outcome: (state) => state.outcome,
  view: viewOf,
  parseMove,
  makeMove,
  parseMoveText,
  makeMoveText,
  renderText,
};
