//
// Connect Four bitboard, Pascal Pons' technique ("Solving Connect 4", blog.gamesolver.org, part 6;
// PascalPons/connect4 Position.hpp): two sets of 49 bits, `current` (the stones of the player to
// move) and `mask` (every stone). One bit per cell, column by column from the bottom, plus an
// always-empty sentinel bit on top of each column, so a shift never carries a line from the top of
// one column into the bottom of the next.
//
// Representation: the 49 bits in two int32 halves cut at a column boundary, columns 1–4 in `lo`
// (28 bits) and columns 5–7 in `hi` (21 bits). Pons' 49-bit number is hi · 2^28 + lo.
//
//   column    1  2  3  4 │  5  6  7
//   sentinel  6 13 20 27 │  6 13 20
//   row 6     5 12 19 26 │  5 12 19
//   row 5     4 11 18 25 │  4 11 18
//   row 4     3 10 17 24 │  3 10 17      lo: bits 0–27 (28–31 always 0)
//   row 3     2  9 16 23 │  2  9 16      hi: bits 0–20 (21–31 always 0)
//   row 2     1  8 15 22 │  1  8 15
//   row 1     0  7 14 21 │  0  7 14
//             └── lo ───┘ └─── hi ──┘
//
// Why these halves, measured by bench/games/bitboard-representation.ts (`npx tsx` it; perft 7 =
// 960,792 nodes of play + four-in-a-row test; "win sweep" = is-this-column-an-immediate-win for
// the 7 columns of 20,000 random positions, 10 times). Node 20.20.2, x64, 2 cores shared with
// other jobs; candidates interleaved, best of 5 rounds after 2 warm-up rounds:
//
//   representation                          perft 7 ms   Mnodes/s   win sweep ms   Mchecks/s
//   BigInt (2 × 49-bit)                        140.9          6.8        186.9          7.5
//   2 × int32, cut at bit 32                     9.7         98.7         15.9         87.9
//   2 × int32, cut at column 5  (chosen)         8.5        112.4         14.7         95.2
//   Uint32Array stack, make/unmake              12.7         75.6         16.1         86.9
//   doubles (< 2^49), cut for each op           17.1         56.2         25.8         54.2
//   Int8Array cells, scan from last stone       24.0         40.0         50.7         27.6
//   this module (immutable objects)             13.8         69.7         15.8         88.8
//
// Runs on this busy machine vary by up to 1.5×, but every run told the same (interleaved runs,
// and runs of one candidate per process): BigInt 13–21× slower than int32 halves in perft (each
// BigInt operation allocates), doubles about 2× (cutting them into halves for every operation), a
// cell array 2–5×. The two cuts are within noise of each other; the cut at a column boundary is
// simpler, since playing never carries from one half into the other, so it wins. Keeping the
// halves in a typed-array stack is slower than passing plain numbers as arguments. This module
// returns a new object per move (rule states are immutable), about 1.5× the cost of the bare
// halves in perft; a solver's inner loop can keep the four numbers in local variables and call
// `hasFour` directly.
//
// Columns here count from 0 (0–6); everywhere else in Parlor they count from 1 (1–7).
//

/** Columns of the board. */
export const WIDTH = 7;
/** Rows of the board. */
export const HEIGHT = 6;
/** Cells of the board: a game that fills them all is a draw. */
export const CELLS = WIDTH * HEIGHT;

/** A position: four int32 halves (see the layout above) and the number of stones played. */
export interface Bitboard {
  /** Stones of the player to move, columns 0–3. */
  readonly currentLo: number;
  /** Stones of the player to move, columns 4–6. */
  readonly currentHi: number;
  /** Every stone, columns 0–3. */
  readonly maskLo: number;
  /** Every stone, columns 4–6. */
  readonly maskHi: number;
  /** Stones played so far; even when the first player is to move. */
  readonly plies: number;
}

/** Which player a stone belongs to: 0 for the player who moved first, 1 for the other. */
export type Player = 0 | 1;

const inLo = (column: number): boolean => column < 4;
const bit = (column: number, row: number): number => 1 << (7 * (inLo(column) ? column : column - 4) + row);
const perColumn = (f: (column: number) => number): readonly number[] =>
  Array.from({ length: WIDTH }, (_, column) => f(column));
const BOTTOM_LO = perColumn((c) => (inLo(c) ? bit(c, 0) : 0));
const BOTTOM_HI = perColumn((c) => (inLo(c) ? 0 : bit(c, 0)));
const TOP_LO = perColumn((c) => (inLo(c) ? bit(c, HEIGHT - 1) : 0));
const TOP_HI = perColumn((c) => (inLo(c) ? 0 : bit(c, HEIGHT - 1)));
const COLUMN_LO = perColumn((c) => (inLo(c) ? 0x3f * bit(c, 0) : 0));
const COLUMN_HI = perColumn((c) => (inLo(c) ? 0 : 0x3f * bit(c, 0)));

/** The empty board, first player to move. */
export const EMPTY: Bitboard = Object.freeze({ currentLo: 0, currentHi: 0, maskLo: 0, maskHi: 0, plies: 0 });

/**
 * Whether a set of stones holds four in a row in any direction. For each direction (shift 7:
 * horizontal, 6 and 8: the diagonals, 1: vertical), `m = x & (x >> s)` marks pairs and
 * `m & (m >> 2s)` pairs of pairs. A 49-bit shift right of (hi, lo) is `(lo >>> s) | (hi << (28 - s))`
 * and `hi >>> s`; the bits it brings above bit 27 of lo are garbage, but the AND with `lo` or `mLo`,
 * whose bits 28–31 are 0, clears them.
 */
export function hasFour(lo: number, hi: number): boolean {
  let mLo = lo & ((lo >>> 7) | (hi << 21));
  let mHi = hi & (hi >>> 7);
  if ((mLo & ((mLo >>> 14) | (mHi << 14))) | (mHi & (mHi >>> 14))) return true;
  mLo = lo & ((lo >>> 6) | (hi << 22));
  mHi = hi & (hi >>> 6);
  if ((mLo & ((mLo >>> 12) | (mHi << 16))) | (mHi & (mHi >>> 12))) return true;
  mLo = lo & ((lo >>> 8) | (hi << 20));
  mHi = hi & (hi >>> 8);
  if ((mLo & ((mLo >>> 16) | (mHi << 12))) | (mHi & (mHi >>> 16))) return true;
  mLo = lo & ((lo >>> 1) | (hi << 27));
  mHi = hi & (hi >>> 1);
  return ((mLo & ((mLo >>> 2) | (mHi << 26))) | (mHi & (mHi >>> 2))) !== 0;
}

/** Whether `column` (0–6) still has room. */
export function canPlay(board: Bitboard, column: number): boolean {
  return ((board.maskLo & TOP_LO[column]!) | (board.maskHi & TOP_HI[column]!)) === 0;
}

/**
 * The board after the player to move drops a stone in `column` (0–6), which must have room
 * (`canPlay`). The stone lands on top of the column: adding the column's bottom bit to the mask
 * carries through the filled cells into the first empty one.
 */
export function play(board: Bitboard, column: number): Bitboard {
  return {
    currentLo: board.currentLo ^ board.maskLo,
    currentHi: board.currentHi ^ board.maskHi,
    maskLo: board.maskLo | (board.maskLo + BOTTOM_LO[column]!),
    maskHi: board.maskHi | (board.maskHi + BOTTOM_HI[column]!),
    plies: board.plies + 1,
  };
}

/** Whether the player to move would make four in a row by playing `column` (which must have room). */
export function isWinningMove(board: Bitboard, column: number): boolean {
  return hasFour(
    board.currentLo | ((board.maskLo + BOTTOM_LO[column]!) & COLUMN_LO[column]!),
    board.currentHi | ((board.maskHi + BOTTOM_HI[column]!) & COLUMN_HI[column]!),
  );
}

/** Whether the player who made the last move has four in a row. */
export function lastMoverWon(board: Bitboard): boolean {
  return hasFour(board.currentLo ^ board.maskLo, board.currentHi ^ board.maskHi);
}

/** How many stones `column` (0–6) holds. */
export function height(board: Bitboard, column: number): number {
  const bits = inLo(column) ? board.maskLo : board.maskHi;
  let row = 0;
  while (row < HEIGHT && (bits & bit(column, row)) !== 0) row++;
  return row;
}

/** Who owns the stone at `column` (0–6), `row` (0 = bottom), or `null` for an empty cell. */
export function stoneAt(board: Bitboard, column: number, row: number): Player | null {
  const b = bit(column, row);
  const lo = inLo(column);
  if (((lo ? board.maskLo : board.maskHi) & b) === 0) return null;
  const ownedByMover = ((lo ? board.currentLo : board.currentHi) & b) !== 0;
  const moverIsFirst = board.plies % 2 === 0;
  return ownedByMover === moverIsFirst ? 0 : 1;
}

/**
 * A number that identifies the position (Pons' key: current + mask, below 2^49 so exact in a
 * double): the mask adds one bit above each column's stones, which tells the heights, and current
 * tells who owns them. Transpositions (the same stones reached in another order) share a key.
 */
export function key(board: Bitboard): number {
  return (board.currentHi + board.maskHi) * 2 ** 28 + (board.currentLo + board.maskLo);
}
