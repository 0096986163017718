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

/** The first `n` values of a rolling window, sorted. */
export const sortedWindow = (values: Float64Array, n: number): number[] =>
  Array.from(values.subarray(0, n)).sort((a, b) => a - b);

/** The `q` quantile of sorted values (0 if none). */
export const quantile = (sorted: readonly number[], q: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;

/**
 * One fixed-rate loop for every real-time match of a simulation thread (lila-ws style: one timer, not one
 * per room). Each round runs `onTick` once per due tick, on an absolute schedule, so that timer
 * jitter never changes the game's pace: a late round catches up (up to MAX_CATCH_UP ticks), and
 * anything later than that is skipped and counted as missed. It runs from `start` to `stop`: its
 * owner stops it when nothing is left to advance.
 *
 * The schedule is the process's clock cut in intervals (slot n starts at n × interval ms after the
 * epoch), the same for every thread: the tickers of several simulation threads tick together, and
 * a tick's slot names the round of every match it belongs to.
 */
export class Ticker {
  readonly intervalMs: number;
  readonly #onTick: () => void;
  readonly #durations = new Float64Array(WINDOW);
  readonly #simulations = new Float64Array(WINDOW);
  #tickStarted = 0;
  readonly #lateness = new Float64Array(WINDOW);
  #samples = 0;
  /** `slot, duration, first phase` of each tick since `takeTicks` (every tick, not a window). */
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
    this.#next = (this.#slotAt(performance.now()) + 1) * this.intervalMs - performance.timeOrigin;
    this.#schedule();
  }

  /** The slot whose interval holds `time` (this thread's `performance.now()` time). */
  #slotAt(time: number): number {
    return Math.floor((performance.timeOrigin + time) / this.intervalMs);
  }

  stop(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /** Ticks skipped since start because the loop fell too far behind. */
  get missed(): number {
    return this.#missed;
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
    const durations = sortedWindow(this.#durations, n);
    const simulations = sortedWindow(this.#simulations, n);
    return {
      durationP50: quantile(durations, 0.5),
      durationP99: quantile(durations, 0.99),
      simulationP50: quantile(simulations, 0.5),
      simulationP99: quantile(simulations, 0.99),
      latenessP99: quantile(sortedWindow(this.#lateness, n), 0.99),
      missed: this.#missed,
      ticks: this.#ticks,
    };
  }

  /**
   * Each tick run since the last call, oldest first, as three numbers: its slot, its duration and
   * that of its first phase (up to `lap`), in ms.
   */
  takeTicks(): number[] {
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
      // The slot of the scheduled start (`#next` is on the grid, give or take rounding).
      const slot = Math.round((performance.timeOrigin + this.#next) / this.intervalMs);
      this.#recent.push(slot, now - started, this.#simulations[this.#samples % WINDOW] as number);
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
