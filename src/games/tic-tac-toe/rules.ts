import type { Outcome, Seat, Viewer } from '../game.ts';

/** A row (1 = top) or column (1 = left) number. */
export type Coordinate = 1 | 2 | 3;

/** A move: mark the empty cell at `row`, `column`. JSON `{"row": 2, "column": 2}`, text `b2`. */
export interface TicTacToeMove {
  readonly row: Coordinate;
  readonly column: Coordinate;
}

/** Why a tic-tac-toe game ended. */
export type TicTacToeEndReason = 'three-in-a-row' | 'board-full';

/** How a tic-tac-toe game ended. */
export interface TicTacToeOutcome extends Outcome {
  readonly reason: TicTacToeEndReason;
}

/** A tic-tac-toe game in progress or over. Immutable; `mark` returns a new one. */
export interface TicTacToeState {
  /** The 9 cells row by row from the top left, each holding the seat that marked it. */
  readonly cells: readonly (Seat | null)[];
  /** The seat that moved first (it plays X). */
  readonly firstSeat: Seat;
  /** Marks made so far. */
  readonly plies: number;
  /** Set by the move that ended the game. */
  readonly outcome: TicTacToeOutcome | undefined;
}

/** Both coordinates, in order. */
export const COORDINATES: readonly Coordinate[] = [1, 2, 3];

/** Every move of the empty board, row by row from the top left. */
export const ALL_MOVES: readonly TicTacToeMove[] = COORDINATES.flatMap((row) =>
  COORDINATES.map((column) => ({ row, column })),
);

/** The 8 lines of three, as cell indexes: 3 rows, 3 columns, 2 diagonals. */
export const LINES: readonly (readonly number[])[] = [
  [0, 1, 2],
  [3, 4, 5],
  [6, 7, 8],
  [0, 3, 6],
  [1, 4, 7],
  [2, 5, 8],
  [0, 4, 8],
  [2, 4, 6],
];

/** Whether a value is a coordinate 1–3. */
export const isCoordinate = (value: unknown): value is Coordinate =>
  value === 1 || value === 2 || value === 3;

/** The index in `cells` of a move's cell. */
export const cellIndex = (move: TicTacToeMove): number => (move.row - 1) * 3 + (move.column - 1);

/** A new game with `firstSeat` to move. */
export const startState = (firstSeat: Seat): TicTacToeState => ({
  cells: new Array<Seat | null>(9).fill(null),
  firstSeat,
  plies: 0,
  outcome: undefined,
});

/** The seat to move, or `null` once the game is over. */
export const seatToMove = (state: TicTacToeState): Seat | null =>
  state.outcome === undefined ? (state.plies % 2 === 0 ? state.firstSeat : 1 - state.firstSeat) : null;

/** Whether the seat to move may mark the cell of `move` (a well-formed move). */
export const isFree = (state: TicTacToeState, move: TicTacToeMove): boolean =>
  state.outcome === undefined && state.cells[cellIndex(move)] === null;

/** The moves of the seat to move, row by row; none once the game is over. */
export const freeMoves = (state: TicTacToeState): TicTacToeMove[] =>
  ALL_MOVES.filter((m) => isFree(state, m));

/**
 * The state after the seat to move marks the cell of `move`. The caller has checked the move
 * (`isFree`): this is the rules' inner step, the checks and error values are in index.ts.
 */
export function mark(state: TicTacToeState, move: TicTacToeMove): TicTacToeState {
  const mover = seatToMove(state)!;
  const cells = state.cells.with(cellIndex(move), mover);
  const plies = state.plies + 1;
  let outcome: TicTacToeOutcome | undefined;
  if (LINES.some((line) => line.every((i) => cells[i] === mover)))
    outcome = { winner: mover, reason: 'three-in-a-row' };
  else if (plies === 9) outcome = { winner: null, reason: 'board-full' };
  return { cells, firstSeat: state.firstSeat, plies, outcome };
}

/** The cells of the winner's line(s), row by row; empty unless the game was won. */
export function winningCells(state: TicTacToeState): TicTacToeMove[] {
  const winner = state.outcome?.winner;
  if (winner === undefined || winner === null) return [];
  const won = new Set(LINES.filter((line) => line.every((i) => state.cells[i] === winner)).flat());
  return ALL_MOVES.filter((move) => won.has(cellIndex(move)));
}

/** What a player or spectator sees: everything (tic-tac-toe hides nothing), as JSON. */
export interface TicTacToeView {
  readonly viewer: Viewer;
  /** The board as drawn, top row first, each row left to right, holding the seat of each mark. */
  readonly rows: readonly (readonly (Seat | null)[])[];
  readonly firstSeat: Seat;
  readonly toMove: Seat | null;
  readonly legalMoves: readonly TicTacToeMove[];
  readonly outcome: TicTacToeOutcome | null;
  /** The cells of the winning line(s), for highlighting; empty unless someone won. */
  readonly winningCells: readonly TicTacToeMove[];
}

/** The view of `state` for `viewer`. */
export const viewOf = (state: TicTacToeState, viewer: Viewer): TicTacToeView => ({
  viewer,
  rows: [0, 3, 6].map((start) => state.cells.slice(start, start + 3)),
  firstSeat: state.firstSeat,
  toMove: seatToMove(state),
  legalMoves: freeMoves(state),
  outcome: state.outcome ?? null,
  winningCells: winningCells(state),
});
