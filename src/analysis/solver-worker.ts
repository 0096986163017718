import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { Connect4Solver } from '../games/index.ts';
import { analyzePosition } from './analyze-position.ts';
import type { AnalysisAnswer, AnalysisJob, SolverThreadData } from './solver-jobs.ts';

//
// The solver thread's entry point: one solver (its 64 MiB table kept from job to job: later
// positions of the same game reuse what earlier ones proved) and the opening book. Jobs come one
// at a time; the search is synchronous, which is why it runs here and not on the event loop.
//

const { bookPath } = workerData as SolverThreadData;
let book: Connect4Solver.OpeningBook | undefined;
if (bookPath !== undefined) {
  const decoded = Connect4Solver.decodeOpeningBook(readFileSync(bookPath));
  if (decoded.ok) book = decoded.value;
}
const solver = Connect4Solver.createSolver(book === undefined ? {} : { book });

parentPort?.on('message', (job: AnalysisJob) => {
  let answer: AnalysisAnswer;
  const parsed = Connect4Solver.parseSolverPosition(job.position);
  if (!parsed.ok) answer = { id: job.id, ok: false, message: parsed.error.message };
  else {
    const deadline = performance.now() + job.budgetMs;
    answer = {
      id: job.id,
      ok: true,
      ...analyzePosition(solver, parsed.value, deadline, () => performance.now()),
    };
  }
  parentPort?.postMessage(answer);
});
