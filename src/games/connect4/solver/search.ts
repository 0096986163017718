import {
  CELLS,
  canPlay,
  canWinNext,
  isWinningMove,
  playColumn,
  popcount2,
  type SolverPosition,
  WIDTH,
  winNowScore,
  winningHi,
  winningLo,
} from './position.ts';
import { createTranspositionTable, DEFAULT_TABLE_BITS, slotOf } from './transposition-table.ts';

//
// The search: Pascal Pons' final solver ("Solving Connect 4", blog.gamesolver.org parts 3–12;
// PascalPons/connect4 Solver.cpp), written again for V8. Negamax with alpha-beta and a fail-soft
// return value; each node first keeps only the moves that do not let the opponent win at once
// (and returns at once when none is left), clamps the window to what the stones left allow, then
// to the bound the transposition table holds, then asks the opening book, then searches its
// moves best first: the most cells where the mover would then threaten four in a row, ties
// broken centre first. Upper bounds (every move failed low) and lower bounds (a cut) go to the
// table. `solve` finds the exact score with null-window searches, narrowing [min, max] around 0
// first.
//
// Kept identical to Pons' on purpose, so that the explored-node counts match his exactly (the
// benchmark compares them): the move order, the table size and slot function, what is stored
// when, the order of the checks. What differs is how it runs in V8 (measurements in
// bench/solver/README.md):
//   - the position is four int32 halves passed as arguments: no object per node;
//   - the table packs check and value in one int32: one cache miss per probe instead of two;
//   - a bitmap of the table's 64-byte lines in use (128 KiB, stays in cache) answers "empty" for
//     lines no search wrote since the last reset without touching the table, and makes `reset`
//     clear 128 KiB instead of 64 MiB. Most probes of a fresh search are of empty slots, and the
//     cache miss they cost was the largest single cost of the search. The table starts on a
//     cache-line boundary (transposition-table.ts), so that a line is one cache line;
//   - a parent that ordered its moves has computed, for each, the cells where it then threatens
//     to win: the child's opponent threats. With them it also runs the child's first checks
//     (`settle`), which end about a third of the nodes: no call for those;
//   - every search is a null window (alpha, alpha + 1), as in Pons' `solve`: no beta to pass;
//   - the moves are scored in one call per node (`scoreMoves`), written so that V8 keeps its
//     values in registers, and taken best first from packed keys instead of sorted;
//   - int32 arithmetic throughout (the slot too), constants as literals (V8 folds those; a module
//     constant is a load), typed arrays for the per-ply lists and the node countdown (V8 embeds
//     the address of a large typed array in compiled code; a closure `let` is a load, a check
//     and a store).
//

/** What `solve` and `analyze` accept besides the position. */
export interface SolveOptions {
  /**
   * Only the sign of the score: 1 (the player to move wins), 0 (draw) or −1 (loses). Faster on
   * positions far from the end (Pons' weak solver, window [−1, 1]).
   * @default false
   */
  readonly weak?: boolean;
  /**
   * `solveWithin` only: give up after exploring about this many positions (checked every
   * `checkEvery`). No limit by default.
   */
  readonly maxNodes?: number;
  /**
   * `solveWithin` only: asked every `checkEvery` explored positions; returning true gives up.
   * Pass a deadline check such as `() => Date.now() > deadline`: the solver has no clock.
   */
  readonly shouldStop?: () => boolean;
  /**
   * How many explored positions between two budget checks.
   * @default 65536
   */
  readonly checkEvery?: number;
}

/** What `solveWithin` found: the exact score, or the bounds proved before the budget ran out. */
export type SolveOutcome =
  | { readonly complete: true; readonly score: number }
  | { readonly complete: false; readonly lower: number; readonly upper: number };

/** A source of exact scores known in advance: the opening book. */
export interface ScoreSource {
  /** The most stones played in a position it knows; the search does not ask about deeper ones. */
  readonly depth: number;
  /** The exact score of a position (given as its halves), or `undefined` when not known. */
  lookup(curLo: number, curHi: number, maskLo: number, maskHi: number, moves: number): number | undefined;
}

/** How a solver is built. */
export interface SolverOptions {
  /**
   * Size of the transposition table: the first prime ≥ 2^bits int32 slots, bits 24 (64 MiB, the
   * size of Pons' table) to 27 (512 MiB). A bigger table explores fewer positions on hard
   * positions.
   * @default 24
   */
  readonly tableBits?: number;
  /** Exact scores known in advance (the opening book), asked at the root and during the search. */
  readonly book?: ScoreSource;
}

/** A Connect Four solver with its own transposition table, kept from one call to the next. */
export interface Solver {
  /**
   * The exact score of a position for the player to move, in Pons' convention: 22 − k for a win
   * with one's k-th stone, k − 22 for a loss to the opponent's k-th stone, 0 for a draw; or only
   * its sign with `{ weak: true }`. The position must not be over (nobody has four in a row;
   * `parseSolverPosition` refuses those). Ignores budgets: see `solveWithin`.
   * @example
   * const solver = createSolver();
   * const position = parseSolverPosition('4455');
   * if (position.ok) solver.solve(position.value); // 18: the player to move wins with their 4th stone
   */
  solve(position: SolverPosition, options?: SolveOptions): number;
  /** `solve` within a budget (`maxNodes`, `shouldStop`): the score, or the bounds proved so far. */
  solveWithin(position: SolverPosition, options?: SolveOptions): SolveOutcome;
  /**
   * The score of playing each column (index 0 = column 1) for the player to move, with best play
   * afterwards, `null` for a full column (all `null` once the board is full). The best moves have
   * the highest score.
   */
  analyze(position: SolverPosition, options?: SolveOptions): (number | null)[];
  /**
   * Whether the score of `position` is at most `bound`: one null-window search, far cheaper than
   * the exact score. `undefined` when the budget (`maxNodes`, `shouldStop`) ran out first. The
   * perfect player uses it to find, among the moves, one that keeps the position's known score.
   */
  isAtMost(position: SolverPosition, bound: number, options?: SolveOptions): boolean | undefined;
  /** Positions explored (calls of the search) since the last `reset`. */
  readonly nodeCount: number;
  /** Forgets everything the transposition table learnt and zeroes the node count. */
  reset(): void;
}

/** Search order of the columns when move scores tie: centre first (0-based: 3, 2, 4, 1, 5, 0, 6). */
export const COLUMN_ORDER: readonly number[] = Array.from(
  { length: WIDTH },
  (_, i) => (WIDTH >> 1) + (1 - 2 * (i % 2)) * ((i + 1) >> 1),
);

/** Thrown inside the search only, when a budget runs out; `solveWithin` catches it. */
class BudgetExhausted extends Error {}

const SLOTS_PER_LINE = 16; // 64-byte cache line / 4-byte slot

/** Builds a solver with its own transposition table. */
export function createSolver(options: SolverOptions = {}): Solver {
  const tableBits = options.tableBits ?? DEFAULT_TABLE_BITS;
  const table = createTranspositionTable(tableBits);
  const slots = table.slots;
  const slotPairs = table.pairs;
  const tableSize = table.size;
  const excess = table.excess;
  // Bit i: line i of the table (slots 16i … 16i + 15) was written since the last reset.
  const lineBits = new Int32Array(Math.ceil(tableSize / SLOTS_PER_LINE / 32));
  const book = options.book;
  const bookDepth = book === undefined ? -1 : book.depth;
  // Per ply (8 entries each, 42 plies), the node's candidate moves k = 0 … count − 1: the cell it
  // fills (one of the two halves is 0), the cells where the mover then threatens to win (the
  // child's opponent threats) and its sort key.
  const cellsLo = new Int32Array(CELLS * 8);
  const cellsHi = new Int32Array(CELLS * 8);
  const threatsLo = new Int32Array(CELLS * 8);
  const threatsHi = new Int32Array(CELLS * 8);
  const moveKeys = new Int32Array(CELLS * 8);
  // `settle`'s second answer: the node's non-losing moves [lo, hi]. 16 entries, not 2: V8 keeps a
  // typed array of more than 64 bytes off its heap, where compiled code reaches it directly.
  const nonLosing = new Int32Array(16);

  /** Marks line `line` in use, after emptying what searches before the last reset left in it. */
  const openLine = (line: number): void => {
    lineBits[line >>> 5] = lineBits[line >>> 5]! | (1 << (line & 31));
    const at = line << 3;
    slotPairs[at] = 0;
    slotPairs[at + 1] = 0;
    slotPairs[at + 2] = 0;
    slotPairs[at + 3] = 0;
    slotPairs[at + 4] = 0;
    slotPairs[at + 5] = 0;
    slotPairs[at + 6] = 0;
    slotPairs[at + 7] = 0;
  };

  //
  // Scores the candidates base … base + count − 1 of a node: for each, the free cells where the
  // mover would complete four in a row after playing it (winningLo/winningHi of position.ts,
  // Pons' compute_winning_position) go to threatsLo/Hi, and its sort key, (number of those
  // cells << 3) | k, to moveKeys. The highest key is then Pons' best move: his insertion sort
  // keeps equal scores in the order they came (k) and reads the list from its end.
  //
  // The threat cells are written out here for the two halves together, per direction d: with
  // A = p >> d and the pairs P = p & A (stones at x and x + d), x wins when P holds x + d and p
  // holds x + 3d or x − d, or when P holds x − 2d and p holds x + d or x − 3d (position.ts shows
  // how a shift of the 49-bit set works on its halves). One call per node, not per move; and each
  // direction in its own block (`at` is never negative: the tests are always true), because V8
  // otherwise computes every shifted copy first and spills most of them to the stack. Measured in
  // the search against winningLo/winningHi called per move: 9% faster written this way, 14% with
  // the blocks.
  //
  const scoreMoves = (
    curLo: number,
    curHi: number,
    maskLo: number,
    maskHi: number,
    base: number,
    count: number,
  ): void => {
    for (let at = base; at < base + count; at++) {
      const pLo = curLo | cellsLo[at]!;
      const pHi = curHi | cellsHi[at]!;
      // Vertical: the three cells below.
      let rLo = (pLo << 1) & (pLo << 2) & (pLo << 3);
      let rHi = (pHi << 1) & (pHi << 2) & (pHi << 3);
      if (at !== -7) {
        // Horizontal, d = 7.
        const aLo = (pLo >>> 7) | (pHi << 21);
        const aHi = pHi >>> 7;
        const pairsLo = pLo & aLo;
        const pairsHi = pHi & aHi;
        rLo |= ((pairsLo >>> 7) | (pairsHi << 21)) & ((pLo >>> 21) | (pHi << 7) | (pLo << 7));
        rHi |= (pairsHi >>> 7) & ((pHi >>> 21) | (pHi << 7) | (pLo >>> 21));
        rLo |= (pairsLo << 14) & (aLo | (pLo << 21));
        rHi |= ((pairsHi << 14) | (pairsLo >>> 14)) & (aHi | (pHi << 21) | (pLo >>> 7));
      }
      if (at !== -6) {
        // Diagonal, d = 6.
        const aLo = (pLo >>> 6) | (pHi << 22);
        const aHi = pHi >>> 6;
        const pairsLo = pLo & aLo;
        const pairsHi = pHi & aHi;
        rLo |= ((pairsLo >>> 6) | (pairsHi << 22)) & ((pLo >>> 18) | (pHi << 10) | (pLo << 6));
        rHi |= (pairsHi >>> 6) & ((pHi >>> 18) | (pHi << 6) | (pLo >>> 22));
        rLo |= (pairsLo << 12) & (aLo | (pLo << 18));
        rHi |= ((pairsHi << 12) | (pairsLo >>> 16)) & (aHi | (pHi << 18) | (pLo >>> 10));
      }
      if (at !== -8) {
        // Diagonal, d = 8.
        const aLo = (pLo >>> 8) | (pHi << 20);
        const aHi = pHi >>> 8;
        const pairsLo = pLo & aLo;
        const pairsHi = pHi & aHi;
        rLo |= ((pairsLo >>> 8) | (pairsHi << 20)) & ((pLo >>> 24) | (pHi << 4) | (pLo << 8));
        rHi |= (pairsHi >>> 8) & ((pHi >>> 24) | (pHi << 8) | (pLo >>> 20));
        rLo |= (pairsLo << 16) & (aLo | (pLo << 24));
        rHi |= ((pairsHi << 16) | (pairsLo >>> 12)) & (aHi | (pHi << 24) | (pLo >>> 4));
      }
      // Only free cells (BOARD_LO / BOARD_HI as literals); this also clears the bits that shifts
      // carried above either half.
      const lo = rLo & (0x7efdfbf ^ maskLo);
      const hi = rHi & (0xfdfbf ^ maskHi);
      threatsLo[at] = lo;
      threatsHi[at] = hi;
      moveKeys[at] = (popcount2(lo, hi) << 3) | (at - base);
    }
  };

  //
  // Explored positions: `counted` + (`chunk` − 1 − countdown[0]). The search only decrements
  // countdown[0], an int32 that stays small (a counter past 2^31 would become a heap number in V8,
  // an allocation per node); `tick` runs at the chunk-th node, when it goes below 0, adds the
  // chunk to `counted` and checks the budget. (A typed array of 16, not a `let`: see nonLosing.)
  //
  const NO_LIMIT_CHUNK = 2 ** 30;
  let counted = 0;
  let chunk = NO_LIMIT_CHUNK;
  const countdown = new Int32Array(16);
  countdown[0] = chunk - 1;
  let maxNodes = Number.POSITIVE_INFINITY;
  let checkEvery = NO_LIMIT_CHUNK;
  let shouldStop: (() => boolean) | undefined;
  const nodeCount = (): number => counted + (chunk - 1 - countdown[0]!);
  const rearm = (): void => {
    chunk = Math.max(1, Math.min(checkEvery, maxNodes - counted, NO_LIMIT_CHUNK));
    countdown[0] = chunk - 1;
  };
  const tick = (): void => {
    counted += chunk - 1 - countdown[0]!;
    chunk = 1;
    countdown[0] = 0;
    if (counted >= maxNodes || shouldStop?.() === true) throw new BudgetExhausted();
    rearm();
  };

  //
  // A node's first steps, in Pons' order: count it; keep the moves that do not let the opponent
  // win at once (none left: lost); a draw when the board is all but full; the window clamped by
  // the soonest loss. About a third of the nodes end here, so the parent runs these steps itself
  // (V8 inlines this small function into the loop of `negamax`) and calls `negamax` only for the
  // others. `oppLo`/`oppHi`: the opponent's winning cells. Every search is a null window
  // (alpha, alpha + 1). Returns the node's score, or 100 (not a score) when it must be
  // searched, its non-losing moves then in nonLosing[0], nonLosing[1].
  //
  function settle(
    maskLo: number,
    maskHi: number,
    moves: number,
    alpha: number,
    oppLo: number,
    oppHi: number,
  ): number {
    const left = (countdown[0]! - 1) | 0;
    countdown[0] = left;
    if (left < 0) tick();
    // The playable cells, (mask + BOTTOM) & BOARD per half as literals; then the single forced
    // block if the opponent threatens a playable cell; never below an opponent's winning cell.
    let possibleLo = (maskLo + 0x204081) & 0x7efdfbf;
    let possibleHi = (maskHi + 0x4081) & 0xfdfbf;
    const forcedLo = possibleLo & oppLo;
    const forcedHi = possibleHi & oppHi;
    if ((forcedLo | forcedHi) !== 0) {
      // Two threats on playable cells cannot both be blocked.
      if ((forcedLo & (forcedLo - 1)) !== 0 || (forcedHi & (forcedHi - 1)) !== 0) {
        return 0 - ((42 - moves) >> 1);
      }
      if (forcedLo !== 0 && forcedHi !== 0) return 0 - ((42 - moves) >> 1);
      possibleLo = forcedLo;
      possibleHi = forcedHi;
    }
    possibleLo &= ~(oppLo >>> 1);
    possibleHi &= ~(oppHi >>> 1);
    // (0 − x, not −x: −0 is a double in V8, and scores must stay ints.)
    if ((possibleLo | possibleHi) === 0) return 0 - ((42 - moves) >> 1);
    if (moves >= 40) return 0; // neither player can win any more
    // The opponent cannot win with their next stone: we lose at their second one at the soonest.
    const min = 0 - ((40 - moves) >> 1);
    if (alpha < min) return min;
    nonLosing[0] = possibleLo;
    nonLosing[1] = possibleHi;
    return 100; // not a score: scores lie within ±21
  }

  //
  // The rest of the search of a node `settle` left unsettled. The position (cur, mask, stones
  // played) comes as its halves; the player to move cannot win at once and has the non-losing
  // moves `possibleLo`/`possibleHi` (at least one). Null window (alpha, alpha + 1): returns the
  // exact score or an upper bound ≤ alpha when the score is ≤ alpha, else a lower bound > alpha
  // (fail-soft).
  //
  function negamax(
    curLo: number,
    curHi: number,
    maskLo: number,
    maskHi: number,
    moves: number,
    alpha: number,
    possibleLo: number,
    possibleHi: number,
  ): number {
    // We cannot win with our next stone (the caller checked): at our second one at the soonest.
    // (A clamp of the null window either empties it, and the node returns, or leaves it.)
    const max = (41 - moves) >> 1;
    if (max <= alpha) return max;

    // The key cur + mask < 2^49 is keyHi · 2^28 + keyLo; its check is its low 25 bits
    // (transposition-table.ts).
    const keyLo = curLo + maskLo;
    const check = keyLo & 0x1ffffff;
    const slot = slotOf(keyLo, curHi + maskHi, tableBits, excess);
    const line = slot >>> 4;
    const entry = (lineBits[line >>> 5]! & (1 << (line & 31))) === 0 ? 0 : slots[slot]!;
    if (entry >>> 7 === check) {
      const value = entry & 0x7f;
      if (value > 37) {
        // A lower bound, stored as bound + 56.
        if (alpha < value - 56) return value - 56;
      } else if (value !== 0) {
        // An upper bound, stored as bound + 19.
        if (value - 19 <= alpha) return value - 19;
      }
    }

    if (moves <= bookDepth) {
      const known = book!.lookup(curLo, curHi, maskLo, maskHi, moves);
      if (known !== undefined) return known;
    }

    // The candidates in reverse COLUMN_ORDER (columns 7, 1, 6, 2, 5, 3, 4), each column's six
    // cells written as a literal mask of its half.
    const base = moves << 3;
    let count = 0;
    let cell = possibleHi & 0xfc000; // column 7
    if (cell !== 0) {
      cellsLo[base + count] = 0;
      cellsHi[base + count++] = cell;
    }
    cell = possibleLo & 0x3f; // column 1
    if (cell !== 0) {
      cellsLo[base + count] = cell;
      cellsHi[base + count++] = 0;
    }
    cell = possibleHi & 0x1f80; // column 6
    if (cell !== 0) {
      cellsLo[base + count] = 0;
      cellsHi[base + count++] = cell;
    }
    cell = possibleLo & 0x1f80; // column 2
    if (cell !== 0) {
      cellsLo[base + count] = cell;
      cellsHi[base + count++] = 0;
    }
    cell = possibleHi & 0x3f; // column 5
    if (cell !== 0) {
      cellsLo[base + count] = 0;
      cellsHi[base + count++] = cell;
    }
    cell = possibleLo & 0xfc000; // column 3
    if (cell !== 0) {
      cellsLo[base + count] = cell;
      cellsHi[base + count++] = 0;
    }
    cell = possibleLo & 0x7e00000; // column 4
    if (cell !== 0) {
      cellsLo[base + count] = cell;
      cellsHi[base + count++] = 0;
    }
    // (A single move needs no key, but its threats are the child's: scored all the same.)
    scoreMoves(curLo, curHi, maskLo, maskHi, base, count);

    const nextCurLo = curLo ^ maskLo;
    const nextCurHi = curHi ^ maskHi;
    // Best first: the highest key left, moved out of the list (the last key takes its place).
    // No sort: a node that cuts mostly does so at its first move.
    for (let left = count; left > 0; ) {
      let best = base;
      let bestKey = moveKeys[base]!;
      for (let i = base + 1; i < base + left; i++) {
        const key = moveKeys[i]!;
        if (key > bestKey) {
          bestKey = key;
          best = i;
        }
      }
      left--;
      moveKeys[best] = moveKeys[base + left]!;
      const at = base + (bestKey & 7);
      const moveLo = cellsLo[at]!;
      const moveHi = cellsHi[at]!;
      // The child's opponent is us: our threats after this move, minus the cell it fills.
      let childScore = settle(
        maskLo | moveLo,
        maskHi | moveHi,
        moves + 1,
        -1 - alpha,
        threatsLo[at]! & ~moveLo,
        threatsHi[at]! & ~moveHi,
      );
      if (childScore === 100) {
        childScore = negamax(
          nextCurLo,
          nextCurHi,
          maskLo | moveLo,
          maskHi | moveHi,
          moves + 1,
          -1 - alpha,
          nonLosing[0]!,
          nonLosing[1]!,
        );
      }
      const score = 0 - childScore;
      if (score > alpha) {
        if ((lineBits[line >>> 5]! & (1 << (line & 31))) === 0) openLine(line);
        slots[slot] = (check << 7) | (score + 56);
        return score;
      }
    }

    if ((lineBits[line >>> 5]! & (1 << (line & 31))) === 0) openLine(line);
    slots[slot] = (check << 7) | (alpha + 19);
    return alpha;
  }

  /**
   * The null-window search (alpha, alpha + 1) of a position whose player to move cannot win at
   * once: a score ≤ alpha when its score is ≤ alpha, else a score > alpha (bounds as `negamax`).
   */
  function search(position: SolverPosition, alpha: number): number {
    const { currentLo: curLo, currentHi: curHi, maskLo, maskHi, plies: moves } = position;
    const oppLo = winningLo(curLo ^ maskLo, curHi ^ maskHi, maskLo);
    const oppHi = winningHi(curLo ^ maskLo, curHi ^ maskHi, maskHi);
    const settled = settle(maskLo, maskHi, moves, alpha, oppLo, oppHi);
    if (settled !== 100) return settled;
    return negamax(curLo, curHi, maskLo, maskHi, moves, alpha, nonLosing[0]!, nonLosing[1]!);
  }

  /** Pons' narrowing loop; `bounds` holds what is proved so far, also when a budget stops it. */
  function narrow(position: SolverPosition, bounds: { min: number; max: number }): void {
    while (bounds.min < bounds.max) {
      const { min, max } = bounds;
      // Probe near 0 first (most positions are close to a draw), then bisect. (x / 2) | 0
      // truncates toward zero as C++ does, and never gives −0.
      let med = min + (((max - min) / 2) | 0);
      if (med <= 0 && ((min / 2) | 0) < med) med = (min / 2) | 0;
      else if (med >= 0 && ((max / 2) | 0) > med) med = (max / 2) | 0;
      const r = search(position, med);
      if (r <= med) bounds.max = r;
      else bounds.min = r;
    }
  }

  function solveWithin(position: SolverPosition, solveOptions: SolveOptions = {}): SolveOutcome {
    const weak = solveOptions.weak === true;
    if (position.plies >= CELLS) return { complete: true, score: 0 };
    if (canWinNext(position)) return { complete: true, score: weak ? 1 : winNowScore(position.plies) };
    if (position.plies <= bookDepth) {
      const { currentLo: curLo, currentHi: curHi, maskLo, maskHi, plies: moves } = position;
      const known = book!.lookup(curLo, curHi, maskLo, maskHi, moves);
      if (known !== undefined) return { complete: true, score: weak ? Math.sign(known) : known };
    }
    const bounds = weak
      ? { min: -1, max: 1 }
      : { min: 0 - ((CELLS - position.plies) >> 1), max: winNowScore(position.plies) };
    const completed = withinBudget(solveOptions, () => narrow(position, bounds));
    if (completed) {
      // A fail-soft result above a weak window can exceed 1: only its sign counts.
      return { complete: true, score: weak ? Math.sign(bounds.min) : bounds.min };
    }
    return weak
      ? { complete: false, lower: Math.max(-1, bounds.min), upper: Math.min(1, bounds.max) }
      : { complete: false, lower: bounds.min, upper: bounds.max };
  }

  /** Runs `search` under the budget of `budget`; false when the budget ran out first. */
  function withinBudget(budget: SolveOptions, search: () => void): boolean {
    counted = nodeCount();
    maxNodes = counted + (budget.maxNodes ?? Number.POSITIVE_INFINITY);
    shouldStop = budget.shouldStop;
    checkEvery = shouldStop === undefined ? NO_LIMIT_CHUNK : Math.max(1, budget.checkEvery ?? 65536);
    rearm();
    try {
      search();
      return true;
    } catch (error) {
      if (!(error instanceof BudgetExhausted)) throw error;
      return false;
    } finally {
      counted = nodeCount();
      maxNodes = Number.POSITIVE_INFINITY;
      checkEvery = NO_LIMIT_CHUNK;
      shouldStop = undefined;
      rearm();
    }
  }

  function isAtMost(position: SolverPosition, bound: number, budget: SolveOptions = {}): boolean | undefined {
    if (position.plies >= CELLS) return 0 <= bound;
    if (canWinNext(position)) return winNowScore(position.plies) <= bound;
    if (position.plies <= bookDepth) {
      const { currentLo: curLo, currentHi: curHi, maskLo, maskHi, plies: moves } = position;
      const known = book!.lookup(curLo, curHi, maskLo, maskHi, moves);
      if (known !== undefined) return known <= bound;
    }
    let result = 0;
    const completed = withinBudget(budget, () => {
      result = search(position, bound);
    });
    return completed ? result <= bound : undefined;
  }

  function solve(position: SolverPosition, solveOptions: SolveOptions = {}): number {
    const outcome = solveWithin(position, { weak: solveOptions.weak === true });
    // Without a budget the search always completes.
    return outcome.complete ? outcome.score : Number.NaN;
  }

  function analyze(position: SolverPosition, solveOptions: SolveOptions = {}): (number | null)[] {
    const weak = solveOptions.weak === true;
    const scores: (number | null)[] = [];
    for (let column = 0; column < WIDTH; column++) {
      if (position.plies >= CELLS || !canPlay(position, column)) scores.push(null);
      else if (isWinningMove(position, column)) scores.push(weak ? 1 : winNowScore(position.plies));
      else scores.push(0 - solve(playColumn(position, column), { weak }));
    }
    return scores;
  }

  return {
    solve,
    solveWithin,
    analyze,
    isAtMost,
    get nodeCount() {
      return nodeCount();
    },
    reset() {
      lineBits.fill(0);
      counted = 0;
      rearm();
    },
  };
}
