import { Connect4Solver } from '../games/index.ts';

//
// The analysis of one Connect Four position (G3): the score of every playable column for the
// player to move, within a time budget. Runs in the solver thread (solver-worker.ts); kept
// apart from the thread plumbing so that tests can call it directly.
//

/** One playable column: its score is exact when `lower === upper`. */
export interface ColumnScore {
  /** 1–7. */
  readonly column: number;
  /** Proven lower bound of the score of playing here, for the player to move. */
  readonly lower: number;
  /** Proven upper bound. */
  readonly upper: number;
}

/** What `analyzePosition` found. */
export interface PositionAnalysis {
  /** Playable columns, left to right. */
  readonly columns: readonly ColumnScore[];
  /** Positions the solver explored for this analysis. */
  readonly explored: number;
}

/**
 * Scores each playable column of `position` until `deadline` (in `now()`'s time): each column
 * gets an even share of the time left, so the quick ones hand theirs on to the others.
 */
export function analyzePosition(
  solver: Connect4Solver.Solver,
  position: Connect4Solver.SolverPosition,
  deadline: number,
  now: () => number,
): PositionAnalysis {
  const { canPlay, isWinningMove, playColumn, winNowScore, CELLS } = Connect4Solver;
  const started = solver.nodeCount;
  const playable = [0, 1, 2, 3, 4, 5, 6].filter((c) => position.plies < CELLS && canPlay(position, c));
  const columns: ColumnScore[] = [];
  playable.forEach((column, index) => {
    if (isWinningMove(position, column)) {
      const win = winNowScore(position.plies);
      columns.push({ column: column + 1, lower: win, upper: win });
      return;
    }
    const share = (deadline - now()) / (playable.length - index);
    const columnDeadline = now() + Math.max(0, share);
    const outcome = solver.solveWithin(playColumn(position, column), {
      shouldStop: () => now() > columnDeadline,
      checkEvery: 16_384,
    });
    // The child's score is for the opponent: negate it (and swap the bounds).
    if (outcome.complete) columns.push({ column: column + 1, lower: -outcome.score, upper: -outcome.score });
    else columns.push({ column: column + 1, lower: -outcome.upper, upper: -outcome.lower });
  });
  return { columns, explored: solver.nodeCount - started };
}
