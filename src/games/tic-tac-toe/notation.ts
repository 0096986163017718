import type { Json, Seat } from '../game.ts';
import { type GameError, GameErrorCode, gameError } from '../game-error.ts';
import { err, ok, type Result } from '../result.ts';
import { isCoordinate, type TicTacToeMove, type TicTacToeView } from './rules.ts';

// Cells are named like a spreadsheet: column letter a–c from the left, row digit 1–3 from the top.
// "b2" is the centre, "a1" the top-left corner.

const LETTERS = 'abc';
const JSON_SHAPE = 'a tic-tac-toe move is an object {"row": 1-3, "column": 1-3}';
const TEXT_SHAPE = 'type a cell: a column a-c and a row 1-3, like b2';

/** A move from its JSON form, `{"row": 1-3, "column": 1-3}`. */
export function parseMove(raw: unknown): Result<TicTacToeMove, GameError> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return err(gameError(GameErrorCode.GAME_BAD_MOVE, JSON_SHAPE));
  }
  const { row, column, ...rest } = raw as { row?: unknown; column?: unknown };
  if (!isCoordinate(row) || !isCoordinate(column) || Object.keys(rest).length > 0) {
    return err(gameError(GameErrorCode.GAME_BAD_MOVE, JSON_SHAPE));
  }
  return ok({ row, column });
}

/** The JSON form of a move. */
export const makeMove = (move: TicTacToeMove): Json => ({ row: move.row, column: move.column });

/** A move from its text form, `b2` (case and surrounding spaces ignored). */
export function parseMoveText(text: string): Result<TicTacToeMove, GameError> {
  const match = /^([a-c])([1-3])$/.exec(text.trim().toLowerCase());
  if (match === null) return err(gameError(GameErrorCode.GAME_BAD_MOVE, TEXT_SHAPE));
  const column = LETTERS.indexOf(match[1]!) + 1;
  const row = Number(match[2]);
  if (!isCoordinate(row) || !isCoordinate(column))
    return err(gameError(GameErrorCode.GAME_BAD_MOVE, TEXT_SHAPE));
  return ok({ row, column });
}

/** The text form of a move: `b2`. */
export const makeMoveText = (move: TicTacToeMove): string => `${LETTERS[move.column - 1]}${move.row}`;

/** Marks by seat: the first player is `X`, the second `O`. */
export const defaultMarks = (firstSeat: Seat): readonly [string, string] =>
  firstSeat === 0 ? ['X', 'O'] : ['O', 'X'];

/**
 * The board as text with its coordinates, one mark per seat (`marks[seat]`), `.` for empty cells.
 * @example
 *   a b c
 * 1 X . O
 * 2 . X .
 * 3 . . .
 */
export function renderBoard(
  view: TicTacToeView,
  marks: readonly [string, string] = defaultMarks(view.firstSeat),
): string {
  const rows = view.rows.map(
    (row, r) => `${r + 1} ${row.map((seat) => (seat === null ? '.' : marks[seat])).join(' ')}`,
  );
  return [`  ${[...LETTERS].join(' ')}`, ...rows].join('\n');
}

/** A one-line status under the board: who is to move, or how the game ended. */
export function renderStatus(view: TicTacToeView, names?: readonly string[]): string {
  const marks = defaultMarks(view.firstSeat);
  const who = (seat: Seat) =>
    names?.[seat] === undefined ? `${marks[seat]} (seat ${seat})` : `${names[seat]} (${marks[seat]})`;
  if (view.outcome !== null) {
    return view.outcome.winner === null
      ? 'Draw: the board is full.'
      : `${who(view.outcome.winner)} wins with three in a row.`;
  }
  const you = view.viewer === view.toMove ? ', your move' : '';
  return `${who(view.toMove!)} to move${you} (cells ${view.legalMoves.map(makeMoveText).join(' ')}).`;
}

/** Board and status, for terminals and text mode. */
export const renderText = (view: TicTacToeView, names?: readonly string[]): string =>
  `${renderBoard(view)}\n${renderStatus(view, names)}`;
