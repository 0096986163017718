import { performance } from 'node:perf_hooks';

/** Samples kept for the tick figures: the last ten seconds at 60 Hz. */
const WINDOW = 600;
/** Past this many ticks behind, the ticker gives up catching up and counts them as missed. */
const MAX_CATCH_UP = 5;

/** Tick figures over the last `WINDOW` ticks, in milliseconds. */
export interface TickFigures {
  readonly durationP50: number;
  readonly durationP99: number;
  /** The part of a tick before `lap` (the matches' steps, before their snapshots are sent). */
  readonly simulationP50: number;
  readonly simulationP99: number;
  readonly latenessP99: number;
  /** Ticks skipped since start because the loop fell too far behind. */
  readonly missed: number;
  readonly ticks: number;
}

/**
 * One fixed-rate loop for every real-time match of the simulation thread (lila-ws style: one timer, not one
 * per room). Each round runs `onTick` once per due tick, on an absolute schedule, so that timer
 * jitter never changes the game's pace: a late round catches up (up to MAX_CATCH_UP ticks), and
 * anything later than that is skipped and counted as missed. It runs from `start` to `stop`: its
 * owner stops it when nothing is left to advance.
 */
export class Ticker {
  readonly intervalMs: number;
  readonly #onTick: () => void;
  readonly #durations = new Float64Array(WINDOW);
  readonly #simulations = new Float64Array(WINDOW);
  #tickStarted = 0;
  readonly #lateness = new Float64Array(WINDOW);
  #samples = 0;
  /** Durations of the ticks since `takeDurations` (for a histogram of every tick, not a window). */
  #recent: number[] = [];
  #missed = 0;
  #ticks = 0;
  #next = 0;
  #timer: NodeJS.Timeout | undefined;

  constructor(rateHz: number, onTick: () => void) {
    this.intervalMs = 1000 / rateHz;
    this.#onTick = onTick;
  }

  /** Starts the loop if it is not running. */
  start(): void {
    if (this.#timer !== undefined) return;
    this.#next = performance.now() + this.intervalMs;
    this.#schedule();
  }

  stop(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /** Ticks run since start (during `onTick`, those before the current one). */
  get ticks(): number {
    return this.#ticks;
  }

  get running(): boolean {
    return this.#timer !== undefined;
  }

  figures(): TickFigures {
    const n = Math.min(this.#samples, WINDOW);
    const sorted = (values: Float64Array) => Array.from(values.subarray(0, n)).sort((a, b) => a - b);
    const at = (values: number[], q: number) =>
      values[Math.min(values.length - 1, Math.floor(q * values.length))] ?? 0;
    const durations = sorted(this.#durations);
    const simulations = sorted(this.#simulations);
    const lateness = sorted(this.#lateness);
    return {
      durationP50: at(durations, 0.5),
      durationP99: at(durations, 0.99),
      simulationP50: at(simulations, 0.5),
      simulationP99: at(simulations, 0.99),
      latenessP99: at(lateness, 0.99),
      missed: this.#missed,
      ticks: this.#ticks,
    };
  }

  /** The duration of each tick run since the last call, in ms, oldest first. */
  takeDurations(): number[] {
    const recent = this.#recent;
    this.#recent = [];
    return recent;
  }

  /** Called by `onTick` when its first phase is over: that part of the tick is recorded apart. */
  lap(): void {
    this.#record(this.#simulations, performance.now() - this.#tickStarted);
  }

  #schedule(): void {
    const wait = Math.max(0, this.#next - performance.now());
    this.#timer = setTimeout(() => this.#round(), wait);
  }

  #round(): void {
    let now = performance.now();
    const behind = Math.floor((now - this.#next) / this.intervalMs);
    if (behind > MAX_CATCH_UP) {
      this.#missed += behind - MAX_CATCH_UP;
      this.#next += (behind - MAX_CATCH_UP) * this.intervalMs;
    }
    while (this.#next <= now && this.#timer !== undefined) {
      const started = performance.now();
      this.#tickStarted = started;
      this.#record(this.#lateness, started - this.#next);
      this.#record(this.#simulations, 0);
      this.#onTick();
      now = performance.now();
      this.#record(this.#durations, now - started);
      this.#recent.push(now - started);
      this.#samples += 1;
      this.#ticks += 1;
      this.#next += this.intervalMs;
    }
    if (this.#timer !== undefined) this.#schedule();
  }

  #record(values: Float64Array, value: number): void {
    values[this.#samples % WINDOW] = value;
  }
}
