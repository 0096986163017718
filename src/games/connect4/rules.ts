import type { Outcome, Seat, Viewer } from '../game.ts';
import * as bitboard from './bitboard.ts';

/** A column as people and the wire number it: 1 (left) to 7 (right). */
export type Column = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** All columns, left to right. */
export const COLUMNS: readonly Column[] = [1, 2, 3, 4, 5, 6, 7];

/** A move: drop a stone in a column. JSON `{"column": 4}`, text `4`. */
export interface Connect4Move {
  readonly column: Column;
}

/** A cell: column 1–7 from the left, row 1–6 from the bottom. */
export interface Cell {
  readonly column: Column;
  readonly row: number;
}

/** Why a Connect Four game ended. */
export type Connect4EndReason = 'four-in-a-row' | 'board-full';

/** How a Connect Four game ended. */
export interface Connect4Outcome extends Outcome {
  readonly reason: Connect4EndReason;
}

/** A Connect Four game in progress or over. Immutable; `play` returns a new one. */
export interface Connect4State {
  readonly board: bitboard.Bitboard;
  /** The moves so far in position notation: the columns played, `"4453"`. */
  readonly moves: string;
  /** The seat that moved first (it plays the stones of player 0 of the bitboard). */
  readonly firstSeat: Seat;
  /** Set by the move that ended the game. */
  readonly outcome: Connect4Outcome | undefined;
}

/** Whether a value is a column number 1–7. */
export const isColumn = (value: unknown): value is Column =>
  typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= bitboard.WIDTH;

/** The mirror image of a column (1 ↔ 7, 4 stays): the rules are symmetric under it. */
export const mirrorColumn = (column: Column): Column => (8 - column) as Column;

/** A new game with `firstSeat` to move. */
export const startState = (firstSeat: Seat): Connect4State => ({
  board: bitboard.EMPTY,
  moves: '',
  firstSeat,
  outcome: undefined,
});

/** The seat of a bitboard player (0 = moved first) in this game. */
export const seatOf = (state: Connect4State, player: bitboard.Player): Seat =>
  player === 0 ? state.firstSeat : 1 - state.firstSeat;

/** The seat to move, or `null` once the game is over. */
export const seatToMove = (state: Connect4State): Seat | null =>
  state.outcome === undefined ? seatOf(state, (state.board.plies % 2) as bitboard.Player) : null;

/** Whether the player to move may drop a stone in `column`. */
export const canDrop = (state: Connect4State, column: Column): boolean =>
  state.outcome === undefined && bitboard.canPlay(state.board, column - 1);

/** The columns the player to move may play, left to right; none once the game is over. */
export const legalColumns = (state: Connect4State): Column[] => COLUMNS.filter((c) => canDrop(state, c));

/**
 * The state after the player to move drops a stone in `column`. The caller has checked the move
 * (`canDrop`): this is the rules' inner step, the checks and error values are in index.ts.
 */
export function drop(state: Connect4State, column: Column): Connect4State {
  const board = bitboard.play(state.board, column - 1);
  const mover = seatOf(state, ((board.plies - 1) % 2) as bitboard.Player);
  let outcome: Connect4Outcome | undefined;
  if (bitboard.lastMoverWon(board)) outcome = { winner: mover, reason: 'four-in-a-row' };
  else if (board.plies === bitboard.CELLS) outcome = { winner: null, reason: 'board-full' };
  return { board, moves: state.moves + column, firstSeat: state.firstSeat, outcome };
}

/** Which seat has a stone at `cell`, or `null` when it is empty. */
export function stoneAt(state: Connect4State, column: Column, row: number): Seat | null {
  const player = bitboard.stoneAt(state.board, column - 1, row - 1);
  return player === null ? null : seatOf(state, player);
}

/** Every line of four cells on the board (69: 24 horizontal, 21 vertical, 12 + 12 diagonal). */
export const LINES: readonly (readonly Cell[])[] = (() => {
  const lines: Cell[][] = [];
  const directions = [
    [1, 0],
    [0, 1],
    [1, 1],
    [1, -1],
  ] as const;
  for (const column of COLUMNS) {
    for (let row = 1; row <= bitboard.HEIGHT; row++) {
      for (const [dc, dr] of directions) {
        const line = [0, 1, 2, 3].map((k) => ({ column: column + k * dc, row: row + k * dr }));
        if (line.every((cell) => isColumn(cell.column) && cell.row >= 1 && cell.row <= bitboard.HEIGHT)) {
          lines.push(line as Cell[]);
        }
      }
    }
  }
  return lines;
})();

/**
 * The cells of every four-in-a-row of the winner (more than four when the last stone closed
 * several lines), bottom to top then left to right; empty unless the game was won.
 */
export function winningCells(state: Connect4State): Cell[] {
  const winner = state.outcome?.winner;
  if (winner === undefined || winner === null) return [];
  const cells = new Map<number, Cell>();
  for (const line of LINES) {
    if (line.every((c) => stoneAt(state, c.column, c.row) === winner)) {
      for (const c of line) cells.set(c.row * 10 + c.column, c);
    }
  }
  return [...cells.keys()].sort((a, b) => a - b).map((k) => cells.get(k)!);
}

/**
 * What a player or spectator sees: everything (Connect Four hides nothing), as JSON. `rows` is
 * the board as drawn, top row first, each row left to right, holding the seat of each stone.
 */
export interface Connect4View {
  readonly viewer: Viewer;
  readonly rows: readonly (readonly (Seat | null)[])[];
  /** The moves so far in position notation, `"4453"`. */
  readonly moves: string;
  readonly firstSeat: Seat;
  readonly toMove: Seat | null;
  readonly legalColumns: readonly Column[];
  readonly outcome: Connect4Outcome | null;
  /** The cells of the winning line(s), for highlighting; empty unless someone won. */
  readonly winningCells: readonly Cell[];
}

/** The view of `state` for `viewer`. */
export function viewOf(state: Connect4State, viewer: Viewer): Connect4View {
  const rows: (Seat | null)[][] = [];
  for (let row = bitboard.HEIGHT; row >= 1; row--) rows.push(COLUMNS.map((c) => stoneAt(state, c, row)));
  return {
    viewer,
    rows,
    moves: state.moves,
    firstSeat: state.firstSeat,
    toMove: seatToMove(state),
    legalColumns: legalColumns(state),
    outcome: state.outcome ?? null,
    winningCells: winningCells(state),
  };
}
