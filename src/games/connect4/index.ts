/**
 * Connect Four (G1): 7 columns × 6 rows, stones fall to the lowest free cell, four in a row in
 * any direction wins, a full board is a draw. Pure rules on a bitboard, position notation and a
 * text board. Must not import anything outside src/games/.
 */

import { firstSeatOption, pickFirstSeat } from '../first-seat.ts';
import type { GameDefinition } from '../game.ts';
import { GameErrorCode, gameError } from '../game-error.ts';
import type { OptionsOf, OptionsSchema } from '../options.ts';
import { err, ok } from '../result.ts';
import { checkTwoSeatTurn } from '../turn-checks.ts';
import { makeMove, makeMoveText, parseMove, parseMoveText, parsePosition, renderText } from './notation.ts';
import {
  type Connect4Move,
  type Connect4State,
  type Connect4View,
  canDrop,
  drop,
  isColumn,
  legalColumns,
  seatToMove,
  viewOf,
} from './rules.ts';

export * as bitboard from './bitboard.ts';
export {
  defaultMarks,
  makePosition,
  parsePosition,
  renderBoard,
  renderStatus,
} from './notation.ts';
export {
  type Cell,
  COLUMNS,
  type Column,
  type Connect4EndReason,
  type Connect4Move,
  type Connect4Outcome,
  type Connect4State,
  type Connect4View,
  mirrorColumn,
} from './rules.ts';
/** The strong solver (issue 5): exact scores, per-column analysis, the opening book format. */
export * as solver from './solver/index.ts';

const connect4Options = {
  firstSeat: firstSeatOption('Which seat moves first; "random" draws it from the game seed.'),
  position: {
    type: 'string',
    maxLength: 42,
    pattern: '^[1-7]*$',
    default: '',
    help: 'Columns already played from the empty board, e.g. "4453" (analysis, puzzles).',
  },
} as const satisfies OptionsSchema;

/** The options of a Connect Four game. */
export type Connect4Options = OptionsOf<typeof connect4Options>;

/**
 * Connect Four as a `GameDefinition`: seats 0 and 1, moves `{"column": 1-7}` (text `4`), the same
 * view for players and spectators, outcome reasons `four-in-a-row` and `board-full`.
 * @example
 * const game = connect4.create({ firstSeat: 0, position: '' }, seed);
 * const next = game.ok && connect4.play(game.value, 0, { column: 4 });
 */
export const connect4: GameDefinition<Connect4State, Connect4Move, Connect4View, Connect4Options> = {
  kind: 'turn-based',
  id: 'connect4',
  name: 'Connect Four',
  seats: { min: 2, max: 2 },
  options: connect4Options,

  create(options, seed) {
    const firstSeat = pickFirstSeat(options.firstSeat, seed);
    const start = parsePosition(options.position, firstSeat);
    if (!start.ok)
      return err(gameError(GameErrorCode.GAME_BAD_OPTIONS, `option position: ${start.error.message}`));
    if (start.value.outcome !== undefined) {
      return err(gameError(GameErrorCode.GAME_BAD_OPTIONS, 'option position: that game is already over'));
    }
    return start;
  },

  seatCount: () => 2,
  toMove: seatToMove,
  legalMoves: (state) => legalColumns(state).map((column) => ({ column })),
  isLegal: (state, move) => isColumn(move.column) && canDrop(state, move.column),

  play(state, seat, move) {
    const refused = checkTwoSeatTurn('Connect Four', seat, state.outcome !== undefined, seatToMove(state));
    if (refused) return err(refused);
    if (!isColumn(move.column)) {
      return err(gameError(GameErrorCode.GAME_ILLEGAL_MOVE, 'there is no such column (1-7)'));
    }
    if (!canDrop(state, move.column)) {
      return err(gameError(GameErrorCode.GAME_ILLEGAL_MOVE, `column ${move.column} is full`));
    }
    return ok(drop(state, move.column));
  },

  outcome: (state) => state.outcome,
  view: viewOf,
  parseMove,
  makeMove,
  parseMoveText,
  makeMoveText,
  renderText,
};
