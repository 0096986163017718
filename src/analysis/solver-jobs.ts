import type { PositionAnalysis } from './analyze-position.ts';

//
// The messages between the server's thread and the solver thread.
//

/** What the solver thread is asked. */
export interface AnalysisJob {
  readonly id: number;
  /** The position in column notation ("4453"), already checked by the caller. */
  readonly position: string;
  /** Time allowed, from when the thread starts on the job. */
  readonly budgetMs: number;
}

/** Its answer. */
export type AnalysisAnswer =
  | ({ readonly id: number; readonly ok: true } & PositionAnalysis)
  | { readonly id: number; readonly ok: false; readonly message: string };

/** What the thread is started with. */
export interface SolverThreadData {
  /** The opening book file, if the package has one. */
  readonly bookPath: string | undefined;
}
