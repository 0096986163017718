import { type Bitboard, CELLS, key, WIDTH } from '../bitboard.ts';

//
// The solver's position: Pascal Pons' bitboard ("Solving Connect 4", blog.gamesolver.org;
// PascalPons/connect4 Position.hpp) held as four int32 halves, the layout of ../bitboard.ts:
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
// Pons' 49-bit number is hi · 2^28 + lo. `cur` holds the stones of the player to move, `mask`
// every stone. Why these halves: the solver's inner operation, threat cells + popcount, measured
// by bench/solver/representation.ts (400,000 calls on random positions, Node 20, this machine):
//
//   two int32 halves, cut between columns 4 and 5 (this)    10.9 ns per call
//   two int32 halves, cut at bit 32                          16.6 ns
//   BigInt                                                    926 ns
//
// The column cut wins because vertical shifts never cross it and each half of the result needs
// only its own half of each shifted copy (winningLo / winningHi below share no work);
// bench/games/bitboard-representation.ts found the same for perft (BigInt 13–21× slower).
//
// The search itself (search.ts) keeps the four halves in local variables; it computes the threat
// cells of its moves with its own copy of winningLo/winningHi below, both halves together and
// laid out for V8's register allocator (see scoreMoves there). `SolverPosition` is the boxed form
// for the API and the opening book.
//

/**
 * A position the solver can work on: the rules' bitboard itself (`currentLo/Hi`: the stones of the
 * player to move, `maskLo/Hi`: every stone, `plies`: stones played). Playing, room in a column,
 * immediate wins, heights and the key are the rules' functions, under the solver's names.
 */
export type SolverPosition = Bitboard;
export {
  CELLS,
  canPlay,
  EMPTY as EMPTY_POSITION,
  HEIGHT,
  height as columnHeight,
  isWinningMove,
  key as positionKey,
  play as playColumn,
  WIDTH,
} from '../bitboard.ts';

/** The lowest score: losing to the opponent's 4th stone (Pons' `MIN_SCORE`). */
export const MIN_SCORE = -(CELLS >> 1) + 3;
/** The highest score: winning with one's own 4th stone (Pons' `MAX_SCORE`). */
export const MAX_SCORE = ((CELLS + 1) >> 1) - 3;

/** The score of winning with the player to move's next stone, `plies` stones played: (43 − plies) / 2. */
export const winNowScore = (plies: number): number => (CELLS + 1 - plies) >> 1;

const bitOf = (column: number, row: number): number => 1 << (7 * (column < 4 ? column : column - 4) + row);
// Typed arrays (not the rules' plain arrays): the search reads these in its inner loop.
const perColumn = (f: (column: number) => number): Int32Array =>
  Int32Array.from({ length: WIDTH }, (_, column) => f(column));

/** The bottom cell of every column, columns 1–4. */
export const BOTTOM_LO = 0x204081;
/** The bottom cell of every column, columns 5–7. */
export const BOTTOM_HI = 0x4081;
/** Every cell of the board (no sentinel), columns 1–4. */
export const BOARD_LO = BOTTOM_LO * 0x3f;
/** Every cell of the board (no sentinel), columns 5–7. */
export const BOARD_HI = BOTTOM_HI * 0x3f;
/** The six cells of each column (index 0–6) in the lo half, 0 for columns 5–7. */
export const COLUMN_LO = perColumn((c) => (c < 4 ? 0x3f * bitOf(c, 0) : 0));
/** The six cells of each column (index 0–6) in the hi half, 0 for columns 1–4. */
export const COLUMN_HI = perColumn((c) => (c < 4 ? 0 : 0x3f * bitOf(c, 0)));

//
// The free cells where stones `(pLo, pHi)` would complete four in a row (Pons'
// `compute_winning_position`), one half at a time: each half of the result needs only its own
// half of each shifted copy, so the two functions share no work. A 49-bit shift of (hi, lo):
//   left by s:  lo << s,                     hi << s | lo >>> (28 − s)
//   right by s: lo >>> s | hi << (28 − s),   hi >>> s
// Bits pushed above bit 27 of lo or bit 20 of hi are garbage; the final AND with the free cells
// clears them, and no garbage bit is shifted again since every copy is made from the clean input.
// For each direction d (7: horizontal, 6 and 8: the diagonals) a free cell x wins when x + d and
// x + 2d hold stones and so does x + 3d or x − d, or when x − d and x − 2d do and so does x + d or
// x − 3d; vertically, when the three cells below it do.
//

/** The lo half (columns 1–4) of the cells that complete four in a row for stones `p`. */
export function winningLo(pLo: number, pHi: number, maskLo: number): number {
  let r = (pLo << 1) & (pLo << 2) & (pLo << 3);
  // horizontal: d = 7
  let l1 = pLo << 7;
  let r1 = (pLo >>> 7) | (pHi << 21);
  let p = l1 & (pLo << 14);
  r |= p & ((pLo << 21) | r1);
  p = r1 & ((pLo >>> 14) | (pHi << 14));
  r |= p & (l1 | (pLo >>> 21) | (pHi << 7));
  // diagonal: d = 6
  l1 = pLo << 6;
  r1 = (pLo >>> 6) | (pHi << 22);
  p = l1 & (pLo << 12);
  r |= p & ((pLo << 18) | r1);
  p = r1 & ((pLo >>> 12) | (pHi << 16));
  r |= p & (l1 | (pLo >>> 18) | (pHi << 10));
  // diagonal: d = 8
  l1 = pLo << 8;
  r1 = (pLo >>> 8) | (pHi << 20);
  p = l1 & (pLo << 16);
  r |= p & ((pLo << 24) | r1);
  p = r1 & ((pLo >>> 16) | (pHi << 12));
  r |= p & (l1 | (pLo >>> 24) | (pHi << 4));
  return r & (0x7efdfbf ^ maskLo); // BOARD_LO: a literal, which V8 folds (a module constant is a load)
}

/** The hi half (columns 5–7) of the cells that complete four in a row for stones `p`. */
export function winningHi(pLo: number, pHi: number, maskHi: number): number {
  let r = (pHi << 1) & (pHi << 2) & (pHi << 3);
  // horizontal: d = 7
  let l1 = (pHi << 7) | (pLo >>> 21);
  let r1 = pHi >>> 7;
  let p = l1 & ((pHi << 14) | (pLo >>> 14));
  r |= p & ((pHi << 21) | (pLo >>> 7) | r1);
  p = r1 & (pHi >>> 14);
  r |= p & (l1 | (pHi >>> 21));
  // diagonal: d = 6
  l1 = (pHi << 6) | (pLo >>> 22);
  r1 = pHi >>> 6;
  p = l1 & ((pHi << 12) | (pLo >>> 16));
  r |= p & ((pHi << 18) | (pLo >>> 10) | r1);
  p = r1 & (pHi >>> 12);
  r |= p & (l1 | (pHi >>> 18));
  // diagonal: d = 8
  l1 = (pHi << 8) | (pLo >>> 20);
  r1 = pHi >>> 8;
  p = l1 & ((pHi << 16) | (pLo >>> 12));
  r |= p & ((pHi << 24) | (pLo >>> 4) | r1);
  p = r1 & (pHi >>> 16);
  r |= p & (l1 | (pHi >>> 24));
  return r & (0xfdfbf ^ maskHi); // BOARD_HI
}

/**
 * The number of set bits of `lo` plus those of `hi` (SWAR: both are summed per byte before the
 * final multiply, which holds since a byte of each counts at most 8).
 */
export function popcount2(lo: number, hi: number): number {
  lo -= (lo >>> 1) & 0x55555555;
  hi -= (hi >>> 1) & 0x55555555;
  lo = (lo & 0x33333333) + ((lo >>> 2) & 0x33333333);
  hi = (hi & 0x33333333) + ((hi >>> 2) & 0x33333333);
  lo = (lo + (lo >>> 4)) & 0x0f0f0f0f;
  hi = (hi + (hi >>> 4)) & 0x0f0f0f0f;
  return Math.imul(lo + hi, 0x01010101) >>> 24;
}

/** Whether the player to move can win with their next stone (Pons' `canWinNext`). */
export function canWinNext(position: SolverPosition): boolean {
  const { currentLo: curLo, currentHi: curHi, maskLo, maskHi } = position;
  return (
    ((winningLo(curLo, curHi, maskLo) & (maskLo + BOTTOM_LO) & BOARD_LO) |
      (winningHi(curLo, curHi, maskHi) & (maskHi + BOTTOM_HI) & BOARD_HI)) !==
    0
  );
}

/**
 * The moves that do not hand the opponent an immediate win, as a cell set `[lo, hi]` (one cell per
 * playable column): if the opponent threatens two playable cells, none; if one, only that cell;
 * never the cell right below an opponent's winning cell. Only for positions where the player to
 * move cannot win at once (it may then miss that win). Pons' `possibleNonLosingMoves`; the search
 * has the same steps written out inline.
 */
export function possibleNonLosingMoves(position: SolverPosition): readonly [number, number] {
  const { currentLo: curLo, currentHi: curHi, maskLo, maskHi } = position;
  let possibleLo = (maskLo + BOTTOM_LO) & BOARD_LO;
  let possibleHi = (maskHi + BOTTOM_HI) & BOARD_HI;
  const oppLo = winningLo(curLo ^ maskLo, curHi ^ maskHi, maskLo);
  const oppHi = winningHi(curLo ^ maskLo, curHi ^ maskHi, maskHi);
  const forcedLo = possibleLo & oppLo;
  const forcedHi = possibleHi & oppHi;
  if ((forcedLo | forcedHi) !== 0) {
    if ((forcedLo & (forcedLo - 1)) !== 0 || (forcedHi & (forcedHi - 1)) !== 0 || (forcedLo && forcedHi)) {
      return [0, 0];
    }
    possibleLo = forcedLo;
    possibleHi = forcedHi;
  }
  return [possibleLo & ~(oppLo >>> 1), possibleHi & ~(oppHi >>> 1)];
}

/** 2^28: the weight of the hi half in Pons' 49-bit number. */
export const HI_WEIGHT = 2 ** 28;

/** The position seen in a mirror (column 1 ↔ 7, 2 ↔ 6, 3 ↔ 5): its score is the same. */
export function mirror(position: SolverPosition): SolverPosition {
  const flip = (lo: number, hi: number): [number, number] => {
    let mLo = 0;
    let mHi = 0;
    for (let column = 0; column < WIDTH; column++) {
      const bits = column < 4 ? (lo >>> (7 * column)) & 0x7f : (hi >>> (7 * (column - 4))) & 0x7f;
      const to = WIDTH - 1 - column;
      if (to < 4) mLo |= bits << (7 * to);
      else mHi |= bits << (7 * (to - 4));
    }
    return [mLo, mHi];
  };
  const [currentLo, currentHi] = flip(position.currentLo, position.currentHi);
  const [maskLo, maskHi] = flip(position.maskLo, position.maskHi);
  return { currentLo, currentHi, maskLo, maskHi, plies: position.plies };
}

/** The smaller of a position's key and its mirror's: mirror images share it (the book's key). */
export const symmetricKey = (position: SolverPosition): number =>
  Math.min(key(position), key(mirror(position)));
