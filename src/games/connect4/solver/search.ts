import {
  CELLS,
  COLUMN_HI,
  COLUMN_LO,
  canPlay,
  canWinNext,
  HI_WEIGHT,
  isWinningMove,
  playColumn,
  popcount2,
  type SolverPosition,
  WIDTH,
  winNowScore,
  winningHi,
  winningLo,
} from './position.ts';
import { createTranspositionTable, DEFAULT_TABLE_BITS } from './transposition-table.ts';

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
//     cache miss they cost was the largest single cost of the search;
//   - a parent that ordered its moves has computed, for each, the cells where it then threatens
//     to win: the child's opponent threats. It hands them down instead of the child recomputing;
//   - a move list of one move is not scored;
//   - constants in the hot code are literals (V8 folds those; a module constant is a load).
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
  const table = createTranspositionTable(options.tableBits ?? DEFAULT_TABLE_BITS);
  const slots = table.slots;
  const tableSize = table.size;
  const hiMod = HI_WEIGHT % tableSize;
  const inverseSize = 1 / tableSize;
  // Bit i: line i of the table (slots 16i … 16i + 15) was written since the last reset.
  const lineBits = new Int32Array(Math.ceil(tableSize / SLOTS_PER_LINE / 32));
  const book = options.book;
  const bookDepth = book === undefined ? -1 : book.depth;
  const columnLo = COLUMN_LO;
  const columnHi = COLUMN_HI;
  // Per ply (8 entries each, 42 plies): the move list, sorted in place; and per column the cells
  // where the mover threatens to win after playing it.
  const moveColumns = new Int32Array(CELLS * 8);
  const moveScores = new Int32Array(CELLS * 8);
  const threatsLo = new Int32Array(CELLS * 8);
  const threatsHi = new Int32Array(CELLS * 8);

  /** Marks line `line` in use, after emptying what searches before the last reset left in it. */
  const openLine = (line: number): void => {
    lineBits[line >>> 5] = lineBits[line >>> 5]! | (1 << (line & 31));
    const end = Math.min((line + 1) * SLOTS_PER_LINE, tableSize);
    for (let i = line * SLOTS_PER_LINE; i < end; i++) slots[i] = 0;
  };

  /** The move-ordering score of stones `p` (threat cells), keeping the cells at `at` for the child. */
  const scoreMove = (pLo: number, pHi: number, maskLo: number, maskHi: number, at: number): number => {
    const lo = winningLo(pLo, pHi, maskLo);
    const hi = winningHi(pLo, pHi, maskHi);
    threatsLo[at] = lo;
    threatsHi[at] = hi;
    return popcount2(lo, hi);
  };

  //
  // Explored positions: `counted` + (`chunk` − 1 − `countdown`). The search only decrements
  // `countdown`, an int that stays small (a counter past 2^31 would become a heap number in V8,
  // an allocation per node); `tick` runs at the chunk-th node, when it goes below 0, adds the
  // chunk to `counted` and checks the budget.
  //
  const NO_LIMIT_CHUNK = 2 ** 30;
  let counted = 0;
  let chunk = NO_LIMIT_CHUNK;
  let countdown = chunk - 1;
  let maxNodes = Number.POSITIVE_INFINITY;
  let checkEvery = NO_LIMIT_CHUNK;
  let shouldStop: (() => boolean) | undefined;
  const nodeCount = (): number => counted + (chunk - 1 - countdown);
  const rearm = (): void => {
    chunk = Math.max(1, Math.min(checkEvery, maxNodes - counted, NO_LIMIT_CHUNK));
    countdown = chunk - 1;
  };
  const tick = (): void => {
    counted += chunk - 1 - countdown;
    chunk = 1;
    countdown = 0;
    if (counted >= maxNodes || shouldStop?.() === true) throw new BudgetExhausted();
    rearm();
  };

  //
  // The alpha-beta search. The position (cur, mask, stones played) comes as its halves; the
  // player to move cannot win at once (the caller checked). `knownLo`/`knownHi` are the
  // opponent's winning cells when the parent computed them, else knownLo = −1 (a real set never
  // has bit 31). Returns the exact score when it lies in [alpha, beta], an upper bound ≤ alpha
  // when the score is ≤ alpha, a lower bound ≥ beta when it is ≥ beta (fail-soft).
  //
  function negamax(
    curLo: number,
    curHi: number,
    maskLo: number,
    maskHi: number,
    moves: number,
    alpha: number,
    beta: number,
    knownLo: number,
    knownHi: number,
  ): number {
    const cells = 42; // CELLS, as a literal
    if (--countdown < 0) tick();

    // Moves that do not let the opponent win at once: (mask + BOTTOM) & BOARD, per half, then
    // the single forced block if the opponent threatens a playable cell, never below a threat.
    let possibleLo = (maskLo + 0x204081) & 0x7efdfbf;
    let possibleHi = (maskHi + 0x4081) & 0xfdfbf;
    let oppLo = knownLo;
    let oppHi = knownHi;
    if (knownLo === -1) {
      oppLo = winningLo(curLo ^ maskLo, curHi ^ maskHi, maskLo);
      oppHi = winningHi(curLo ^ maskLo, curHi ^ maskHi, maskHi);
    }
    const forcedLo = possibleLo & oppLo;
    const forcedHi = possibleHi & oppHi;
    if ((forcedLo | forcedHi) !== 0) {
      // Two threats on playable cells cannot both be blocked.
      if ((forcedLo & (forcedLo - 1)) !== 0 || (forcedHi & (forcedHi - 1)) !== 0) {
        return 0 - ((cells - moves) >> 1);
      }
      if (forcedLo !== 0 && forcedHi !== 0) return 0 - ((cells - moves) >> 1);
      possibleLo = forcedLo;
      possibleHi = forcedHi;
    }
    possibleLo &= ~(oppLo >>> 1);
    possibleHi &= ~(oppHi >>> 1);
    // (0 − x, not −x: −0 is a double in V8, and scores must stay ints.)
    if ((possibleLo | possibleHi) === 0) return 0 - ((cells - moves) >> 1);

    if (moves >= cells - 2) return 0; // neither player can win any more

    // The opponent cannot win with their next stone: we lose at their second one at the soonest.
    let min = 0 - ((cells - 2 - moves) >> 1);
    if (alpha < min) {
      alpha = min;
      if (alpha >= beta) return alpha;
    }
    // We cannot win with our next stone (the caller checked): at our second one at the soonest.
    let max = (cells - 1 - moves) >> 1;
    if (beta > max) {
      beta = max;
      if (alpha >= beta) return beta;
    }

    // The key cur + mask < 2^49 is keyHi · 2^28 + keyLo. Its slot is key mod size, computed as
    // (keyHi · (2^28 mod size) + keyLo) mod size with a multiplication by 1 / size, exact in
    // doubles up to the ±1 correction; its check is its low 25 bits (transposition-table.ts).
    const keyLo = curLo + maskLo;
    const check = keyLo & 0x1ffffff;
    const x = (curHi + maskHi) * hiMod + keyLo;
    let slot = x - Math.floor(x * inverseSize) * tableSize;
    if (slot < 0) slot += tableSize;
    else if (slot >= tableSize) slot -= tableSize;
    const line = slot >>> 4;
    const entry = (lineBits[line >>> 5]! & (1 << (line & 31))) === 0 ? 0 : slots[slot]!;
    if (entry >>> 7 === check) {
      const value = entry & 0x7f;
      if (value > 37) {
        // A lower bound, stored as bound + 56.
        min = value - 56;
        if (alpha < min) {
          alpha = min;
          if (alpha >= beta) return alpha;
        }
      } else if (value !== 0) {
        // An upper bound, stored as bound + 19.
        max = value - 19;
        if (beta > max) {
          beta = max;
          if (alpha >= beta) return beta;
        }
      }
    }

    if (moves <= bookDepth) {
      const known = book!.lookup(curLo, curHi, maskLo, maskHi, moves);
      if (known !== undefined) return known;
    }

    // Best first: insertion sort by score, ties in centre-first order (equal scores keep the
    // order they came in, and the list is read from its end). A single move needs no score.
    // The candidates come in reverse COLUMN_ORDER (6, 0, 5, 1, 4, 2, 3), each column's six cells
    // written as a literal mask of its half.
    const base = moves << 3;
    let count = 0;
    if ((possibleHi & 0xfc000) !== 0) moveColumns[base + count++] = 6;
    if ((possibleLo & 0x3f) !== 0) moveColumns[base + count++] = 0;
    if ((possibleHi & 0x1f80) !== 0) moveColumns[base + count++] = 5;
    if ((possibleLo & 0x1f80) !== 0) moveColumns[base + count++] = 1;
    if ((possibleHi & 0x3f) !== 0) moveColumns[base + count++] = 4;
    if ((possibleLo & 0xfc000) !== 0) moveColumns[base + count++] = 2;
    if ((possibleLo & 0x7e00000) !== 0) moveColumns[base + count++] = 3;
    if (count > 1) {
      for (let k = 0; k < count; k++) {
        const column = moveColumns[base + k]!;
        const score = scoreMove(
          curLo | (possibleLo & columnLo[column]!),
          curHi | (possibleHi & columnHi[column]!),
          maskLo,
          maskHi,
          base + column,
        );
        let at = base + k;
        while (at > base && moveScores[at - 1]! > score) {
          moveScores[at] = moveScores[at - 1]!;
          moveColumns[at] = moveColumns[at - 1]!;
          at--;
        }
        moveScores[at] = score;
        moveColumns[at] = column;
      }
    }

    const nextCurLo = curLo ^ maskLo;
    const nextCurHi = curHi ^ maskHi;
    for (let at = base + count - 1; at >= base; at--) {
      const column = moveColumns[at]!;
      const moveLo = possibleLo & columnLo[column]!;
      const moveHi = possibleHi & columnHi[column]!;
      const score =
        0 -
        negamax(
          nextCurLo,
          nextCurHi,
          maskLo | moveLo,
          maskHi | moveHi,
          moves + 1,
          0 - beta,
          0 - alpha,
          // The child's opponent is us: our threats after this move, minus the cell it fills.
          count > 1 ? threatsLo[base + column]! & ~moveLo : -1,
          threatsHi[base + column]! & ~moveHi,
        );
      if (score >= beta) {
        if ((lineBits[line >>> 5]! & (1 << (line & 31))) === 0) openLine(line);
        slots[slot] = (check << 7) | (score + 56);
        return score;
      }
      if (score > alpha) alpha = score;
    }

    if ((lineBits[line >>> 5]! & (1 << (line & 31))) === 0) openLine(line);
    slots[slot] = (check << 7) | (alpha + 19);
    return alpha;
  }

  /** Pons' narrowing loop; `bounds` holds what is proved so far, also when a budget stops it. */
  function narrow(position: SolverPosition, bounds: { min: number; max: number }): void {
    const { currentLo: curLo, currentHi: curHi, maskLo, maskHi, plies: moves } = position;
    while (bounds.min < bounds.max) {
      const { min, max } = bounds;
      // Probe near 0 first (most positions are close to a draw), then bisect. (x / 2) | 0
      // truncates toward zero as C++ does, and never gives −0.
      let med = min + (((max - min) / 2) | 0);
      if (med <= 0 && ((min / 2) | 0) < med) med = (min / 2) | 0;
      else if (med >= 0 && ((max / 2) | 0) > med) med = (max / 2) | 0;
      const r = negamax(curLo, curHi, maskLo, maskHi, moves, med, med + 1, -1, 0);
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
    const { currentLo: curLo, currentHi: curHi, maskLo, maskHi, plies: moves } = position;
    let result = 0;
    const completed = withinBudget(budget, () => {
      result = negamax(curLo, curHi, maskLo, maskHi, moves, bound, bound + 1, -1, 0);
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
