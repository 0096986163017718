import { quantile, sortedWindow, type TickFigures } from './ticker.ts';

/** Rounds kept for the rolling figures: the last ten seconds at 60 Hz, as a ticker keeps. */
const WINDOW = 600;
/**
 * A thread that has reported no tick for this many slots (a second at 60 Hz) has stopped ticking
 * (its last match ended): rounds no longer wait for it.
 */
const STALE_SLOTS = 60;

/**
 * The tick figures of every real-time match together, from the reports of the simulation threads.
 * The threads tick in the same slots (ticker.ts) and in parallel, so a round of every match takes
 * as long as the longest of its threads' ticks: that is the tick duration of the metrics (the
 * histogram, `onRound`, and the rolling p50/p99). A round is complete once every thread still
 * ticking has reported that slot or a later one (each reports its ticks in order); the server's
 * thread may read one thread's reports in a burst before the other's, so completion goes by each
 * thread's progress, not by the newest slot seen. (A thread's very first ticks may come after
 * the rounds of their slots were completed without it: each then counts as a round of its own.)
 * Lateness, missed and ticks run are each thread's own: the worst lateness and the missed ticks
 * of all.
 */
export class RoundFigures {
  readonly #onRound: (durationMs: number) => void;
  /** Rounds not complete yet, by slot: the longest tick and the longest first phase so far. */
  readonly #open = new Map<number, { duration: number; simulation: number }>();
  /** The latest slot each thread reported. */
  readonly #latest = new Map<number, number>();
  #newest = Number.NEGATIVE_INFINITY;
  /** Every round up to this slot is complete. */
  #completed = Number.NEGATIVE_INFINITY;
  readonly #durations = new Float64Array(WINDOW);
  readonly #simulations = new Float64Array(WINDOW);
  #rounds = 0;
  /** The figures each thread reported last, by thread. */
  readonly #threads = new Map<number, TickFigures>();

  constructor(onRound: (durationMs: number) => void) {
    this.#onRound = onRound;
  }

  /** A thread's ticks, in order: `slot, duration, first phase` each (Ticker.takeTicks). */
  addTicks(thread: number, ticks: readonly number[]): void {
    if (ticks.length === 0) return;
    for (let i = 0; i + 2 < ticks.length; i += 3) {
      const slot = ticks[i] as number;
      const duration = ticks[i + 1] as number;
      const simulation = ticks[i + 2] as number;
      // Its round is over (the thread had stopped reporting for a second): a round of its own, not lost.
      if (slot <= this.#completed) {
        this.#complete(duration, simulation);
        continue;
      }
      const round = this.#open.get(slot);
      if (round === undefined) this.#open.set(slot, { duration, simulation });
      else {
        round.duration = Math.max(round.duration, duration);
        round.simulation = Math.max(round.simulation, simulation);
      }
    }
    const last = ticks[ticks.length - 3] as number;
    this.#latest.set(thread, last);
    this.#newest = Math.max(this.#newest, last);
    let upTo = Number.POSITIVE_INFINITY;
    for (const latest of this.#latest.values())
      if (latest > this.#newest - STALE_SLOTS) upTo = Math.min(upTo, latest);
    for (const [slot, round] of this.#open) {
      if (slot > upTo) continue;
      this.#open.delete(slot);
      this.#complete(round.duration, round.simulation);
    }
    this.#completed = Math.max(this.#completed, upTo);
  }

  /** A thread's own figures (its lateness, missed ticks), as it reported them. */
  setThreadFigures(thread: number, figures: TickFigures): void {
    this.#threads.set(thread, figures);
  }

  figures(): TickFigures {
    const n = Math.min(this.#rounds, WINDOW);
    const durations = sortedWindow(this.#durations, n);
    const simulations = sortedWindow(this.#simulations, n);
    let latenessP99 = 0;
    let missed = 0;
    for (const thread of this.#threads.values()) {
      latenessP99 = Math.max(latenessP99, thread.latenessP99);
      missed += thread.missed;
    }
    return {
      durationP50: quantile(durations, 0.5),
      durationP99: quantile(durations, 0.99),
      simulationP50: quantile(simulations, 0.5),
      simulationP99: quantile(simulations, 0.99),
      latenessP99,
      missed,
      ticks: this.#rounds,
    };
  }

  #complete(duration: number, simulation: number): void {
    this.#durations[this.#rounds % WINDOW] = duration;
    this.#simulations[this.#rounds % WINDOW] = simulation;
    this.#rounds += 1;
    this.#onRound(duration);
  }
}
