import type { Worker } from 'node:worker_threads';
import { startWorkerScript } from '../../analysis/index.ts';
import type {
  PriorityReport,
  SimulationCommand,
  SimulationThreadData,
  TickReport,
} from './simulation-messages.ts';

/** What the server's side hears from the simulation thread. */
export interface SimulationListener {
  /** A tick's report: frames to write, input changes for the records, ends. */
  tick(report: TickReport): void;
  /** Once per thread: the priority it got. */
  priority(report: PriorityReport): void;
  /** The thread died: every match it ran is lost. The next command starts a new thread. */
  lost(error: Error): void;
}

/**
 * The server's side of the simulation thread (simulation-worker.ts): started with the first
 * match, fed commands in order, restarted after a crash, stopped with the server.
 */
export class SimulationThread {
  readonly #listener: SimulationListener;
  readonly #data: SimulationThreadData;
  #worker: Worker | null = null;
  /** Commands not posted yet, in order: posted together once per turn of the event loop. */
  #pending: SimulationCommand[] = [];

  constructor(listener: SimulationListener, data: SimulationThreadData) {
    this.#listener = listener;
    this.#data = data;
  }

  /**
   * Queues `command`; the queue is posted at the end of this turn of the event loop (setImmediate:
   * after every socket read of the turn). One post per command cost 30 µs of the server's thread
   * each (it wakes the other thread), half of that thread's time in bench:tanks, where every
   * client acknowledges 20 snapshots a second; the simulation thread only reads them between ticks.
   */
  send(command: SimulationCommand): void {
    if (this.#pending.length === 0) setImmediate(() => this.#flush());
    this.#pending.push(command);
  }

  #flush(): void {
    const commands = this.#pending;
    if (commands.length === 0) return; // Closed in the meantime.
    this.#pending = [];
    this.#thread().postMessage(commands);
  }

  /** Stops the thread (the server closes); a later command would start a new one. */
  async close(): Promise<void> {
    const worker = this.#worker;
    this.#worker = null;
    this.#pending = [];
    await worker?.terminate();
  }

  #thread(): Worker {
    if (this.#worker !== null) return this.#worker;
    const worker = startWorkerScript(import.meta.url, 'simulation-worker', this.#data, (w, error) =>
      this.#lost(w, error),
    );
    worker.on('message', (report: TickReport | PriorityReport) => {
      if (this.#worker !== worker) return;
      if (report.kind === 'tick') this.#listener.tick(report);
      else this.#listener.priority(report);
    });
    this.#worker = worker;
    return worker;
  }

  #lost(worker: Worker, error: Error): void {
    if (this.#worker !== worker) return;
    this.#worker = null;
    this.#listener.lost(error);
  }
}
