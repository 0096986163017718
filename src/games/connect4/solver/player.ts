import {
  canPlay,
  isWinningMove,
  playColumn,
  popcount2,
  type SolverPosition,
  winNowScore,
  winningHi,
  winningLo,
} from './position.ts';
import { COLUMN_ORDER, type SolveOptions, type Solver } from './search.ts';

//
// A Connect Four player on top of the solver (issue 5, G2): the `perfect` level and three weaker
// ones. Pure like the rest of src/games: randomness and the time budget come from the caller.
//
// Perfect play without scoring every move: the position's exact score s is one search (or a
// book lookup); a move is best exactly when the position after it scores at most −s, which one
// null-window search answers (`isAtMost`). Moves are tried centre first, so the first that
// passes is usually the first tried: about two searches per move instead of the seven that
// scoring every column takes. The best moves all share score s, so the fastest win (or the
// slowest loss) is the one found.
//
// Weaker levels play that same move, but with a given probability make a human-like mistake:
// another move, drawn with the centre weighted (people rarely blunder into the corners), never
// an illegal one; `medium` and `hard` still never hand the opponent an immediate win with a
// mistake (they see one-move threats), `easy` may. Each level has a search budget; when it runs
// out (early in the game, far from the opening book) the player falls back to a threat-counting
// heuristic and says so (`exact: false`).
//

/** How strong a player is. */
export type PlayerLevel = 'easy' | 'medium' | 'hard' | 'perfect';

/** Every level, weakest first. */
export const PLAYER_LEVELS: readonly PlayerLevel[] = ['easy', 'medium', 'hard', 'perfect'];

/** What a level does: how often it errs, whether its errors can be blunders, how long it searches. */
export interface LevelProfile {
  /** Probability of a mistake on any move (0 for `perfect`). */
  readonly mistakeRate: number;
  /** Whether a mistake may hand the opponent an immediate win. */
  readonly blunders: boolean;
  /** Explored positions before falling back to the heuristic (`Infinity`: none). */
  readonly maxNodes: number;
}

/** The profile of every level. Budgets: about 3M explored positions per second on this machine. */
export const LEVEL_PROFILES: Readonly<Record<PlayerLevel, LevelProfile>> = {
  easy: { mistakeRate: 0.45, blunders: true, maxNodes: 20_000 },
  medium: { mistakeRate: 0.2, blunders: false, maxNodes: 300_000 },
  hard: { mistakeRate: 0.06, blunders: false, maxNodes: 3_000_000 },
  perfect: { mistakeRate: 0, blunders: false, maxNodes: Number.POSITIVE_INFINITY },
};

/** What `chooseColumn` needs besides the position. */
export interface ChooseOptions {
  readonly level: PlayerLevel;
  /** Uniform in [0, 1): the caller's seeded or real randomness. */
  readonly random: () => number;
  /** Asked during long searches; true gives up and plays the heuristic move (a deadline check). */
  readonly shouldStop?: () => boolean;
}

/** The move chosen, and how. */
export interface Choice {
  /** 0-based column. */
  readonly column: number;
  /** The exact score of the position for the player to move, when the search finished. */
  readonly score?: number;
  /** True when the move is a proven best move (before any mistake). */
  readonly exact: boolean;
  /** True when the level chose to err on this move. */
  readonly mistake: boolean;
}

/** Chooses a move for the player to move. The position must have a playable column and no winner. */
export function chooseColumn(solver: Solver, position: SolverPosition, options: ChooseOptions): Choice {
  const profile = LEVEL_PROFILES[options.level];
  const budget: SolveOptions = { maxNodes: profile.maxNodes };
  const best = bestColumn(
    solver,
    position,
    options.shouldStop === undefined ? budget : { ...budget, shouldStop: options.shouldStop },
  );
  if (profile.mistakeRate > 0 && options.random() < profile.mistakeRate) {
    const column = mistakeColumn(position, best.column, profile.blunders, options.random);
    if (column !== undefined) return { ...best, column, mistake: true };
  }
  return { ...best, mistake: false };
}

/** A best move within the budget, else the heuristic's. */
export function bestColumn(
  solver: Solver,
  position: SolverPosition,
  budget: SolveOptions,
): Omit<Choice, 'mistake'> {
  for (const column of COLUMN_ORDER) {
    if (canPlay(position, column) && isWinningMove(position, column)) {
      return { column, score: winNowScore(position.plies), exact: true };
    }
  }
  const solved = solver.solveWithin(position, budget);
  if (solved.complete) {
    for (const column of COLUMN_ORDER) {
      if (!canPlay(position, column)) continue;
      const keeps = solver.isAtMost(playColumn(position, column), 0 - solved.score, budget);
      if (keeps === undefined) break;
      if (keeps) return { column, score: solved.score, exact: true };
    }
  }
  return { column: heuristicColumn(position), exact: false };
}

/** The columns where the player to move could play. */
const playable = (position: SolverPosition): number[] =>
  COLUMN_ORDER.filter((column) => canPlay(position, column));

/** Whether playing `column` lets the opponent win on their next move. */
const handsWin = (position: SolverPosition, column: number): boolean => {
  const after = playColumn(position, column);
  return playable(after).some((reply) => isWinningMove(after, reply));
};

/**
 * Without a finished search: block an immediate threat, else the safe move (not handing an
 * immediate win) that leaves the most cells where the mover threatens to win, centre first.
 */
export function heuristicColumn(position: SolverPosition): number {
  const columns = playable(position);
  const opponentView = {
    ...position,
    currentLo: position.currentLo ^ position.maskLo,
    currentHi: position.currentHi ^ position.maskHi,
  };
  const block = columns.find((column) => isWinningMove(opponentView, column));
  if (block !== undefined) return block;
  const safe = columns.filter((column) => !handsWin(position, column));
  let best = (safe.length > 0 ? safe : columns)[0]!;
  let bestThreats = -1;
  for (const column of safe) {
    const after = playColumn(position, column);
    // After the move, `cur ^ mask` of `after` is the mover's stones.
    const lo = winningLo(after.currentLo ^ after.maskLo, after.currentHi ^ after.maskHi, after.maskLo);
    const hi = winningHi(after.currentLo ^ after.maskLo, after.currentHi ^ after.maskHi, after.maskHi);
    const threats = popcount2(lo & ~after.maskLo, hi & ~after.maskHi);
    if (threats > bestThreats) {
      best = column;
      bestThreats = threats;
    }
  }
  return best;
}

/** Weight of each column for a mistake: the centre is where people look. */
const MISTAKE_WEIGHTS = [1, 2, 3, 4, 3, 2, 1];

/** A move other than `best`, centre-weighted; without blunders if `blunders` is false. */
function mistakeColumn(
  position: SolverPosition,
  best: number,
  blunders: boolean,
  random: () => number,
): number | undefined {
  const candidates = playable(position).filter(
    (column) => column !== best && (blunders || !handsWin(position, column)),
  );
  if (candidates.length === 0) return undefined;
  const total = candidates.reduce((sum, column) => sum + MISTAKE_WEIGHTS[column]!, 0);
  let pick = random() * total;
  for (const column of candidates) {
    pick -= MISTAKE_WEIGHTS[column]!;
    if (pick < 0) return column;
  }
  return candidates[candidates.length - 1];
}
