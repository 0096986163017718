import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { Connect4Solver, uniformSource } from '../games/index.ts';
import { analyzePosition } from './analyze-position.ts';
import type { SolverAnswer, SolverJob, SolverThreadData } from './solver-jobs.ts';

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
const now = (): number => performance.now();

const run = (job: SolverJob): SolverAnswer => {
  const parsed = Connect4Solver.parseSolverPosition(job.position);
  if (!parsed.ok) return { id: job.id, ok: false, message: parsed.error.message };
  const deadline = now() + job.budgetMs;
  if (job.kind === 'analyze') {
    return { id: job.id, ok: true, kind: 'analyze', ...analyzePosition(solver, parsed.value, deadline, now) };
  }
  const { column, exact, mistake } = Connect4Solver.chooseColumn(solver, parsed.value, {
    level: job.level,
    random: uniformSource(job.seed),
    shouldStop: () => now() > deadline,
  });
  return { id: job.id, ok: true, kind: 'move', column, exact, mistake };
};

parentPort?.on('message', (job: SolverJob) => parentPort?.postMessage(run(job)));
