import type { Connect4Solver } from '../games/index.ts';
import type { PositionAnalysis } from './analyze-position.ts';

//
// The messages between the server's thread and the solver thread.
//

/** Score every column of a position (G3). */
export interface AnalysisJob {
  readonly kind: 'analyze';
  /** The position in column notation ("4453"), already checked by the caller. */
  readonly position: string;
  /** Time allowed, from when the thread starts on the job. */
  readonly budgetMs: number;
}

/** Choose the computer's move (G2). */
export interface MoveJob {
  readonly kind: 'move';
  /** The position in column notation, the computer to move. */
  readonly position: string;
  readonly level: Connect4Solver.PlayerLevel;
  /** Seeds the level's mistakes: the same seed and position give the same move. */
  readonly seed: number;
  /** Time allowed; past it the level plays its heuristic move. */
  readonly budgetMs: number;
}

/** A job, numbered by the server's side. */
export type SolverJob = (AnalysisJob | MoveJob) & { readonly id: number };

/** The computer's move: a 0-based column, and whether it was a proven best move or a mistake. */
export type MoveChoice = Pick<Connect4Solver.Choice, 'column' | 'exact' | 'mistake'>;

/** The thread's answer to job `id`. */
export type SolverAnswer =
  | ({ readonly id: number; readonly ok: true; readonly kind: 'analyze' } & PositionAnalysis)
  | ({ readonly id: number; readonly ok: true; readonly kind: 'move' } & MoveChoice)
  | { readonly id: number; readonly ok: false; readonly message: string };

/** What the thread is started with. */
export interface SolverThreadData {
  /** The opening book file, if the package has one. */
  readonly bookPath: string | undefined;
}
