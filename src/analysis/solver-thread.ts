import { Worker } from 'node:worker_threads';
import type { PositionAnalysis } from './analyze-position.ts';
import type { AnalysisAnswer, AnalysisJob, SolverThreadData } from './solver-jobs.ts';

//
// The server's side of the solver thread: started at the first job, fed one job at a time from a
// bounded queue, restarted if it dies (the jobs it held fail, the next ones go to a new thread),
// stopped with the server.
//

/** Why a job was not done. */
export class SolverThreadError extends Error {}

interface Waiting {
  readonly job: AnalysisJob;
  readonly resolve: (analysis: PositionAnalysis) => void;
  readonly reject: (error: Error) => void;
}

/**
 * Starts the worker script: next to the bundle (dist/solver-worker.js, built by
 * scripts/build.mjs), or, when running from the sources as the tests do, the .ts file through
 * tsx's loader (a worker does not inherit the loader of the thread that starts it).
 */
const startWorker = (data: SolverThreadData): Worker => {
  if (!import.meta.url.endsWith('.ts')) {
    return new Worker(new URL('./solver-worker.js', import.meta.url), { workerData: data });
  }
  const script = new URL('./solver-worker.ts', import.meta.url).href;
  return new Worker(
    `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(script)}); });`,
    { eval: true, workerData: data },
  );
};

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

  /** Analyses `position` (already checked) within `budgetMs` once the thread is free. */
  analyze(position: string, budgetMs: number): Promise<PositionAnalysis> {
    if (this.#closed) return Promise.reject(new SolverThreadError('The solver is stopped.'));
    if (this.pending >= this.#queueLimit) {
      return Promise.reject(new SolverThreadError('The solver is busy; try again in a few seconds.'));
    }
    return new Promise((resolve, reject) => {
      this.#queue.push({ job: { id: this.#nextId++, position, budgetMs }, resolve, reject });
      this.#next();
    });
  }

  /** Stops the thread; waiting jobs fail. */
  async close(): Promise<void> {
    this.#closed = true;
    const failed = new SolverThreadError('The solver is stopped.');
    for (const waiting of this.#queue.splice(0)) waiting.reject(failed);
    this.#running?.reject(failed);
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
    const worker = startWorker(this.#data);
    // Never what keeps the process alive: the server is.
    worker.unref();
    worker.on('message', (answer: AnalysisAnswer) => {
      const running = this.#running;
      if (running === null || running.job.id !== answer.id) return;
      this.#running = null;
      if (answer.ok) running.resolve({ columns: answer.columns, explored: answer.explored });
      else running.reject(new SolverThreadError(answer.message));
      this.#next();
    });
    worker.on('error', (error) => this.#lost(worker, error));
    worker.on('exit', (code) => this.#lost(worker, new Error(`the solver thread exited (${code})`)));
    this.#worker = worker;
    return worker;
  }

  /** The thread died: its job fails, and the next job starts a new one. */
  #lost(worker: Worker, error: Error): void {
    if (this.#worker !== worker) return;
    this.#worker = null;
    const running = this.#running;
    this.#running = null;
    running?.reject(new SolverThreadError(`The solver failed: ${error.message}`));
    this.#next();
  }
}
