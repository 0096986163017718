import type { Json, Seat } from '../game.ts';
import { type GameError, GameErrorCode, gameError } from '../game-error.ts';
import { err, ok, type Result } from '../result.ts';
import { CELLS } from './bitboard.ts';
import {
  COLUMNS,
  type Connect4Move,
  type Connect4State,
  type Connect4View,
  canDrop,
  drop,
  isColumn,
  startState,
} from './rules.ts';

//
// Position notation (Pascal Pons' test sets, ../shared/bench/connect4/README.md): the columns
// played from the empty board, 1–7 from the left, no separators. "4453" = first player in column
// 4, second player on top of it, first player in 5, second player in 3. The empty string is the
// empty board. The first player is whoever the game seated first (seat 0 unless told otherwise).
//

/**
 * The game reached by playing `text` from the empty board. Refuses (`GAME_BAD_POSITION`) any
 * character that is not 1–7, a move into a full column, and any move after the game ended; a
 * string that ends with the winning move is fine (a finished game).
 */
export function parsePosition(text: string, firstSeat: Seat = 0): Result<Connect4State, GameError> {
  if (text.length > CELLS) {
    return err(gameError(GameErrorCode.GAME_BAD_POSITION, `a position has at most ${CELLS} moves`));
  }
  let state = startState(firstSeat);
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    const column = Number(char);
    const where = `move ${i + 1} (${JSON.stringify(char)})`;
    if (!/^[1-7]$/.test(char) || !isColumn(column)) {
      return err(gameError(GameErrorCode.GAME_BAD_POSITION, `${where} is not a column 1-7`));
    }
    if (state.outcome !== undefined) {
      return err(gameError(GameErrorCode.GAME_BAD_POSITION, `${where} comes after the end of the game`));
    }
    if (!canDrop(state, column)) {
      return err(gameError(GameErrorCode.GAME_BAD_POSITION, `${where} is in a full column`));
    }
    state = drop(state, column);
  }
  return ok(state);
}

/** The position notation of a game: the columns played so far. */
export const makePosition = (state: Connect4State): string => state.moves;

const badMove = (message: string) => err(gameError(GameErrorCode.GAME_BAD_MOVE, message));

/** A move from its JSON form, `{"column": 1..7}`. */
export function parseMove(raw: unknown): Result<Connect4Move, GameError> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return badMove('a Connect Four move is an object {"column": 1-7}');
  }
  const keys = Object.keys(raw);
  const column: unknown = (raw as { column?: unknown }).column;
  if (keys.length !== 1 || keys[0] !== 'column' || !isColumn(column)) {
    return badMove('a Connect Four move is an object {"column": 1-7}');
  }
  return ok({ column });
}

/** The JSON form of a move. */
export const makeMove = (move: Connect4Move): Json => ({ column: move.column });

/** A move from its text form: the column number, `"4"` (spaces around it are ignored). */
export function parseMoveText(text: string): Result<Connect4Move, GameError> {
  const trimmed = text.trim();
  const column = Number(trimmed);
  if (!/^[1-7]$/.test(trimmed) || !isColumn(column)) return badMove('type a column number from 1 to 7');
  return ok({ column });
}

/** The text form of a move: the column number. */
export const makeMoveText = (move: Connect4Move): string => String(move.column);

/** Marks by seat for `renderBoard`: the first player is `X`, the second `O`, as in most books. */
export const defaultMarks = (firstSeat: Seat): readonly [string, string] =>
  firstSeat === 0 ? ['X', 'O'] : ['O', 'X'];

/**
 * The board as text, column numbers underneath, one mark per seat (`marks[seat]`) and `.` for
 * empty cells. A client that colours the board can pass one-character marks and colour them.
 * @example
 * |. . . . . . .|
 * |. . . . . . .|
 * |. . . . . . .|
 * |. . . . . . .|
 * |. . . O . . .|
 * |. . O X X . .|
 * +-------------+
 *  1 2 3 4 5 6 7
 */
export function renderBoard(
  view: Connect4View,
  marks: readonly [string, string] = defaultMarks(view.firstSeat),
): string {
  const rows = view.rows.map(
    (row) => `|${row.map((seat) => (seat === null ? '.' : marks[seat])).join(' ')}|`,
  );
  const rule = `+${'-'.repeat(COLUMNS.length * 2 - 1)}+`;
  return [...rows, rule, ` ${COLUMNS.join(' ')}`].join('\n');
}

/** A one-line status under the board: who is to move, or how the game ended. */
export function renderStatus(view: Connect4View, names?: readonly string[]): string {
  const marks = defaultMarks(view.firstSeat);
  const who = (seat: Seat) =>
    names?.[seat] === undefined ? `${marks[seat]} (seat ${seat})` : `${names[seat]} (${marks[seat]})`;
  if (view.outcome !== null) {
    return view.outcome.winner === null
      ? 'Draw: the board is full.'
      : `${who(view.outcome.winner)} wins with four in a row.`;
  }
  const you = view.viewer === view.toMove ? ', your move' : '';
  return `${who(view.toMove!)} to move${you} (columns ${view.legalColumns.join(' ')}).`;
}

/** Board and status, for terminals and text mode. */
export const renderText = (view: Connect4View, names?: readonly string[]): string =>
  `${renderBoard(view)}\n${renderStatus(view, names)}`;
