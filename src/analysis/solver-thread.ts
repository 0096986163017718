import type { Worker } from 'node:worker_threads';
import type { PositionAnalysis } from './analyze-position.ts';
import type {
  AnalysisJob,
  MoveChoice,
  MoveJob,
  SolverAnswer,
  SolverJob,
  SolverThreadData,
} from './solver-jobs.ts';
import { startWorkerScript } from './worker-script.ts';

//
// The server's side of the solver thread: started at the first job, fed one job at a time from a
// bounded queue, restarted if it dies (the jobs it held fail, the next ones go to a new thread),
// stopped with the server.
//

/** Why a job was not done. */
export class SolverThreadError extends Error {}

/** A job waiting for the thread, with what to do with its answer. */
interface Waiting {
  readonly job: SolverJob;
  readonly settle: (answer: SolverAnswer) => void;
  readonly fail: (error: Error) => void;
}

export class SolverThread {
  readonly #data: SolverThreadData;
  readonly #queueLimit: number;
  readonly #queue: Waiting[] = [];
  #running: Waiting | null = null;
  #worker: Worker | null = null;
  #nextId = 1;
  #closed = false;

  constructor(data: SolverThreadData, queueLimit: number) {
    this.#data = data;
    this.#queueLimit = queueLimit;
  }

  /** Jobs waiting or running. */
  get pending(): number {
    return this.#queue.length + (this.#running === null ? 0 : 1);
  }

  /**
   * Analyses `position` (already checked) within `budgetMs` once the thread is free. Refused at
   * once when `queueLimit` jobs are already waiting or running.
   */
  async analyze(position: string, budgetMs: number): Promise<PositionAnalysis> {
    if (this.pending >= this.#queueLimit) {
      throw new SolverThreadError('The solver is busy; try again in a few seconds.');
    }
    const answer = await this.#submit({ kind: 'analyze', position, budgetMs });
    if (answer.kind !== 'analyze') throw new SolverThreadError('The solver answered another job.');
    return { columns: answer.columns, explored: answer.explored };
  }

  /** The computer's move in `position` (never refused for a full queue: a match waits for it). */
  async chooseMove(job: Omit<MoveJob, 'kind'>): Promise<MoveChoice> {
    const answer = await this.#submit({ kind: 'move', ...job });
    if (answer.kind !== 'move') throw new SolverThreadError('The solver answered another job.');
    return { column: answer.column, exact: answer.exact, mistake: answer.mistake };
  }

  #submit(job: AnalysisJob | MoveJob): Promise<SolverAnswer & { ok: true }> {
    if (this.#closed) return Promise.reject(new SolverThreadError('The solver is stopped.'));
    return new Promise((resolve, reject) => {
      const settle = (answer: SolverAnswer): void =>
        answer.ok ? resolve(answer) : reject(new SolverThreadError(answer.message));
      this.#queue.push({ job: { ...job, id: this.#nextId++ }, settle, fail: reject });
      this.#next();
    });
  }

  /** Stops the thread; waiting jobs fail. */
  async close(): Promise<void> {
    this.#closed = true;
    const failed = new SolverThreadError('The solver is stopped.');
    for (const waiting of this.#queue.splice(0)) waiting.fail(failed);
    this.#running?.fail(failed);
    this.#running = null;
    const worker = this.#worker;
    this.#worker = null;
    await worker?.terminate();
  }

  #next(): void {
    if (this.#running !== null || this.#closed) return;
    const waiting = this.#queue.shift();
    if (waiting === undefined) return;
    this.#running = waiting;
    this.#thread().postMessage(waiting.job);
  }

  #thread(): Worker {
    if (this.#worker !== null) return this.#worker;
    const worker = startWorkerScript(import.meta.url, 'solver-worker', this.#data, (w, error) =>
      this.#lost(w, error),
    );
    worker.on('message', (answer: SolverAnswer) => {
      const running = this.#running;
      if (running === null || running.job.id !== answer.id) return;
      this.#running = null;
      running.settle(answer);
      this.#next();
    });
    this.#worker = worker;
    return worker;
  }

  /** The thread died: its job fails, and the next job starts a new one. */
  #lost(worker: Worker, error: Error): void {
    if (this.#worker !== worker) return;
    this.#worker = null;
    const running = this.#running;
    this.#running = null;
    running?.fail(new SolverThreadError(`The solver failed: ${error.message}`));
    this.#next();
  }
}
