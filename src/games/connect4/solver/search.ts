import {
  BOARD_HI,
  BOARD_LO,
  BOTTOM_HI,
  BOTTOM_LO,
  CELLS,
  COLUMN_HI,
  COLUMN_LO,
  canPlay,
  canWinNext,
  HI_WEIGHT,
  isWinningMove,
  MAX_SCORE,
  MIN_SCORE,
  playColumn,
  type SolverPosition,
  threatCount,
  WIDTH,
  winningHi,
  winningLo,
} from './position.ts';
import { createTranspositionTable, DEFAULT_TABLE_BITS } from './transposition-table.ts';

//
// The search: Pascal Pons' final solver ("Solving Connect 4", blog.gamesolver.org parts 3–12;
// PascalPons/connect4 Solver.cpp), written again for V8. Negamax with alpha-beta and a
// fail-soft return value; every node first drops the moves that let the opponent win at once (and
// returns at once when none is left), clamps the window to what the number of stones left allows,
// then to the bound the transposition table holds, then asks the opening book, then searches the
// moves best first: most cells where the mover would threaten four in a row, ties broken centre
// first. Upper bounds (all moves failed low) and lower bounds (a cut) go to the table. `solve`
// finds the exact score with null-window searches, narrowing [min, max] around 0 first.
//
// Kept identical to Pons' on purpose, so the explored-node counts match his exactly (the
// benchmark compares them): the move order, the table size and slot function, what is stored when,
// and the order of the checks. What changed is only how it runs in V8: the position is four int32
// halves passed as arguments (no object per node), the table packs key and value in one int32
// (one cache miss per probe instead of two), and the move list of each ply lives in typed arrays
// preallocated per depth.
//

/** What `solve` and `analyze` accept besides the position. */
export interface SolveOptions {
  /**
   * Only the sign of the score: 1 (the player to move wins), 0 (draw) or −1 (loses). Much
   * faster on positions far from the end (Pons' weak solver, window [−1, 1]).
   * @default false
   */
  readonly weak?: boolean;
  /**
   * Give up after exploring this many positions (counted over the whole call); `solveWithin`
   * then reports the bounds proved so far. No limit by default.
   */
  readonly maxNodes?: number;
  /**
   * Asked every `checkEvery` explored positions; returning true gives up (pass a deadline check:
   * `() => Date.now() > deadline`). The solver has no clock of its own.
   */
  readonly shouldStop?: () => boolean;
  /**
   * How many explored positions between two calls of `shouldStop`.
   * @default 65536
   */
  readonly checkEvery?: number;
}

/** What `solveWithin` found: the exact score, or the bounds proved before the budget ran out. */
export type SolveOutcome =
  | { readonly complete: true; readonly score: number }
  | { readonly complete: false; readonly lower: number; readonly upper: number };

/** A source of exact scores known in advance (an opening book). */
export interface ScoreSource {
  /** Stones played in the deepest positions it knows; deeper ones are not asked for. */
  readonly depth: number;
  /** The exact score of a position of at most `depth` stones, or `undefined` when not known. */
  lookup(curLo: number, curHi: number, maskLo: number, maskHi: number, moves: number): number | undefined;
}

/** How a solver is built. */
export interface SolverOptions {
  /**
   * Size of the transposition table: about 2^bits int32 slots (24: 64 MiB, as Pons' solver; 25:
   * 128 MiB; up to 27). A bigger table explores fewer positions on hard positions.
   * @default 24
   */
  readonly tableBits?: number;
  /** Exact scores known in advance (the opening book), asked at the root and in the search. */
  readonly book?: ScoreSource;
}

/** A Connect Four solver: one transposition table, reused by every call until `reset`. */
export interface Solver {
  /**
   * The exact score of a position for the player to move (Pons' convention: 22 − k for a win
   * with one's k-th stone, k − 22 for a loss to the opponent's k-th stone, 0 for a draw), or only
   * its sign with `{ weak: true }`. The position must not be over (nobody has four in a row).
   * Ignores `maxNodes` and `shouldStop`: use `solveWithin` for a budget.
   * @example
   * const solver = createSolver();
   * const start = parseSolverPosition('4455');
   * if (start.ok) solver.solve(start.value); // 18
   */
  solve(position: SolverPosition, options?: SolveOptions): number;
  /** `solve` within a budget (`maxNodes`, `shouldStop`): the score, or the bounds proved so far. */
  solveWithin(position: SolverPosition, options?: SolveOptions): SolveOutcome;
  /**
   * The score of each column (index 0 = column 1) for the player to move: what playing it is worth
   * with best play afterwards, `null` for a full column. The best moves have the highest score.
   */
  analyze(position: SolverPosition, options?: SolveOptions): (number | null)[];
  /** Positions explored (calls of the search) since the last `reset`. */
  readonly nodeCount: number;
  /** Empties the transposition table and zeroes the node count. */
  reset(): void;
}

/** Search order of the columns when move scores tie: centre first (0-based: 3, 2, 4, 1, 5, 0, 6). */
export const COLUMN_ORDER: readonly number[] = Array.from(
  { length: WIDTH },
  (_, i) => (WIDTH >> 1) + (1 - 2 * (i % 2)) * ((i + 1) >> 1),
);

/** Thrown inside the search only, when a budget runs out; `solveWithin` catches it. */
class BudgetExhausted extends Error {}

const UPPER_BOUND_OFFSET = 1 - MIN_SCORE; // stored value of an upper bound u: u + 19
const LOWER_BOUND_OFFSET = MAX_SCORE - 2 * MIN_SCORE + 2; // stored value of a lower bound l: l + 56
const BOUND_SPLIT = MAX_SCORE - MIN_SCORE + 1; // stored values above this are lower bounds

/** Builds a solver with its own transposition table. */
export function createSolver(options: SolverOptions = {}): Solver {
  const table = createTranspositionTable(options.tableBits ?? DEFAULT_TABLE_BITS);
  const slots = table.slots;
  const tableSize = table.size;
  const hiMod = HI_WEIGHT % tableSize;
  const inverseSize = 1 / tableSize;
  const book = options.book;
  const bookDepth = book === undefined ? -1 : book.depth;
  const order = Int32Array.from(COLUMN_ORDER);
  // Per ply (0–41), up to 7 moves: their column and their score, sorted by insertion.
  const moveColumns = new Int32Array(CELLS * 8);
  const moveScores = new Int32Array(CELLS * 8);

  let nodes = 0;
  let nextCheck = Number.POSITIVE_INFINITY;
  let maxNodes = Number.POSITIVE_INFINITY;
  let checkEvery = 65536;
  let shouldStop: (() => boolean) | undefined;

  const checkBudget = (): void => {
    if (nodes >= maxNodes || shouldStop?.() === true) throw new BudgetExhausted();
    nextCheck = Math.min(nodes + checkEvery, maxNodes);
  };

  //
  // The alpha-beta search. The position (cur, mask, stones played) is given as its halves; the
  // player to move cannot win at once (the caller checked). Returns the exact score when it lies
  // in [alpha, beta], an upper bound ≤ alpha when the score is ≤ alpha, a lower bound ≥ beta when
  // it is ≥ beta (fail-soft).
  //
  function negamax(
    curLo: number,
    curHi: number,
    maskLo: number,
    maskHi: number,
    moves: number,
    alpha: number,
    beta: number,
  ): number {
    nodes++;
    if (nodes >= nextCheck) checkBudget();

    // Read the table slot first, so that its cache miss overlaps the threat computation below,
    // unless the window clamps further down will return before the slot is used (about a third of
    // the nodes: then the miss would be paid for nothing).
    let check = 0;
    let slot = 0;
    let entry = 0;
    if (
      moves < CELLS - 2 &&
      (alpha > 0 - ((CELLS - 2 - moves) >> 1) ? alpha : 0 - ((CELLS - 2 - moves) >> 1)) <
        (beta < (CELLS - 1 - moves) >> 1 ? beta : (CELLS - 1 - moves) >> 1)
    ) {
      const keyLo = curLo + maskLo;
      check = keyLo & 0x1ffffff;
      const x = (curHi + maskHi) * hiMod + keyLo;
      slot = x - Math.floor(x * inverseSize) * tableSize;
      if (slot < 0) slot += tableSize;
      else if (slot >= tableSize) slot -= tableSize;
      entry = slots[slot]!;
    }

    // Moves that do not let the opponent win at once.
    let possibleLo = (maskLo + BOTTOM_LO) & BOARD_LO;
    let possibleHi = (maskHi + BOTTOM_HI) & BOARD_HI;
    const oppLo = winningLo(curLo ^ maskLo, curHi ^ maskHi, maskLo);
    const oppHi = winningHi(curLo ^ maskLo, curHi ^ maskHi, maskHi);
    const forcedLo = possibleLo & oppLo;
    const forcedHi = possibleHi & oppHi;
    if ((forcedLo | forcedHi) !== 0) {
      // Two threats on playable cells cannot both be blocked.
      if ((forcedLo & (forcedLo - 1)) !== 0 || (forcedHi & (forcedHi - 1)) !== 0)
        return 0 - ((CELLS - moves) >> 1);
      if (forcedLo !== 0 && forcedHi !== 0) return 0 - ((CELLS - moves) >> 1);
      possibleLo = forcedLo;
      possibleHi = forcedHi;
    }
    possibleLo &= ~(oppLo >>> 1);
    possibleHi &= ~(oppHi >>> 1);
    if ((possibleLo | possibleHi) === 0) return 0 - ((CELLS - moves) >> 1);

    if (moves >= CELLS - 2) return 0; // neither player can win any more

    // The opponent cannot win with their next stone, so we lose at their second one at the soonest.
    let min = 0 - ((CELLS - 2 - moves) >> 1);
    if (alpha < min) {
      alpha = min;
      if (alpha >= beta) return alpha;
    }
    // We cannot win with our next stone (the caller checked), so at our second one at the soonest.
    let max = (CELLS - 1 - moves) >> 1;
    if (beta > max) {
      beta = max;
      if (alpha >= beta) return beta;
    }

    // Slot and quotient of the key cur + mask (< 2^49, exact in a double).
    if (entry >>> 7 === check) {
      const value = entry & 0x7f;
      if (value > BOUND_SPLIT) {
        min = value - LOWER_BOUND_OFFSET;
        if (alpha < min) {
          alpha = min;
          if (alpha >= beta) return alpha;
        }
      } else if (value !== 0) {
        max = value - UPPER_BOUND_OFFSET;
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
    const base = moves << 3;
    let count = 0;
    for (let i = WIDTH - 1; i >= 0; i--) {
      const column = order[i]!;
      if (((possibleLo & COLUMN_LO[column]!) | (possibleHi & COLUMN_HI[column]!)) !== 0) {
        moveColumns[base + count++] = column;
      }
    }
    if (count > 1) {
      for (let k = 0; k < count; k++) {
        const column = moveColumns[base + k]!;
        const score = threatCount(
          curLo | (possibleLo & COLUMN_LO[column]!),
          curHi | (possibleHi & COLUMN_HI[column]!),
          maskLo,
          maskHi,
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
      const score =
        0 -
        negamax(
          nextCurLo,
          nextCurHi,
          maskLo | (possibleLo & COLUMN_LO[column]!),
          maskHi | (possibleHi & COLUMN_HI[column]!),
          moves + 1,
          0 - beta,
          0 - alpha,
        );
      if (score >= beta) {
        slots[slot] = (check << 7) | (score + LOWER_BOUND_OFFSET);
        return score;
      }
      if (score > alpha) alpha = score;
    }

    slots[slot] = (check << 7) | (alpha + UPPER_BOUND_OFFSET);
    return alpha;
  }

  const winNowScore = (position: SolverPosition): number => (CELLS + 1 - position.moves) >> 1;

  /** The narrowing loop; [min, max] are updated in `bounds` as they are proved. */
  function narrow(position: SolverPosition, weak: boolean, bounds: { min: number; max: number }): void {
    const { curLo, curHi, maskLo, maskHi, moves } = position;
    while (bounds.min < bounds.max) {
      const { min, max } = bounds;
      // Probe near 0 first (most positions are close to a draw), then bisect.
      // (x / 2) | 0 truncates toward zero as C++ does, and never gives −0 (a double in V8).
      let med = min + (((max - min) / 2) | 0);
      if (med <= 0 && ((min / 2) | 0) < med) med = (min / 2) | 0;
      else if (med >= 0 && ((max / 2) | 0) > med) med = (max / 2) | 0;
      const r = negamax(curLo, curHi, maskLo, maskHi, moves, med, med + 1);
      if (r <= med) bounds.max = r;
      else bounds.min = r;
    }
  }

  function solveWithin(position: SolverPosition, solveOptions: SolveOptions = {}): SolveOutcome {
    const weak = solveOptions.weak === true;
    if (position.moves >= CELLS) return { complete: true, score: 0 };
    if (canWinNext(position)) return { complete: true, score: weak ? 1 : winNowScore(position) };
    if (position.moves <= bookDepth) {
      const known = book!.lookup(
        position.curLo,
        position.curHi,
        position.maskLo,
        position.maskHi,
        position.moves,
      );
      if (known !== undefined) return { complete: true, score: weak ? Math.sign(known) : known };
    }
    const bounds = weak
      ? { min: -1, max: 1 }
      : { min: -((CELLS - position.moves) >> 1), max: winNowScore(position) };
    maxNodes = nodes + (solveOptions.maxNodes ?? Number.POSITIVE_INFINITY);
    checkEvery = Math.max(1, solveOptions.checkEvery ?? 65536);
    shouldStop = solveOptions.shouldStop;
    nextCheck = shouldStop === undefined ? maxNodes : Math.min(nodes + checkEvery, maxNodes);
    try {
      narrow(position, weak, bounds);
      // In weak mode a fail-soft result above the window can exceed 1: only its sign counts.
      return { complete: true, score: weak ? Math.sign(bounds.min) : bounds.min };
    } catch (error) {
      if (!(error instanceof BudgetExhausted)) throw error;
      return { complete: false, lower: bounds.min, upper: bounds.max };
    } finally {
      nextCheck = Number.POSITIVE_INFINITY;
      maxNodes = Number.POSITIVE_INFINITY;
      shouldStop = undefined;
    }
  }

  function solve(position: SolverPosition, solveOptions: SolveOptions = {}): number {
    const outcome = solveWithin(position, { weak: solveOptions.weak === true });
    // Without a budget the search always completes.
    return outcome.complete ? outcome.score : 0;
  }

  function analyze(position: SolverPosition, solveOptions: SolveOptions = {}): (number | null)[] {
    const weak = solveOptions.weak === true;
    const scores: (number | null)[] = [];
    for (let column = 0; column < WIDTH; column++) {
      if (position.moves >= CELLS || !canPlay(position, column)) scores.push(null);
      else if (isWinningMove(position, column)) scores.push(weak ? 1 : winNowScore(position));
      else scores.push(-solve(playColumn(position, column), { weak }));
    }
    return scores;
  }

  return {
    solve,
    solveWithin,
    analyze,
    get nodeCount() {
      return nodes;
    },
    reset() {
      slots.fill(0);
      nodes = 0;
    },
  };
}
