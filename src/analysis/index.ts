/**
 * Position analysis (G3): the Connect Four solver on its own thread, off the event loop, with a
 * bounded queue of jobs; and the way to start a worker script from the bundle or the sources. May
 * import only src/games/ (through its index.ts).
 */
export { analyzePosition, type ColumnScore, type PositionAnalysis } from './analyze-position.ts';
export type { MoveChoice, MoveJob } from './solver-jobs.ts';
export { SolverThread, SolverThreadError } from './solver-thread.ts';
export { startWorkerScript } from './worker-script.ts';
