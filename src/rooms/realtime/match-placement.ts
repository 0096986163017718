/**
 * Which simulation thread each live match runs on: a new match goes to the thread with the fewest
 * (the first of those), and stays there until it ends.
 */
export class MatchPlacement<Match> {
  readonly #threadOf = new Map<Match, number>();
  /** Matches per thread. */
  readonly #load: number[];

  constructor(threads: number) {
    this.#load = new Array<number>(threads).fill(0);
  }

  /** Places `match`: the index of its thread. */
  place(match: Match): number {
    const thread = this.#load.indexOf(Math.min(...this.#load));
    this.#threadOf.set(match, thread);
    this.#load[thread] = (this.#load[thread] as number) + 1;
    return thread;
  }

  /** `match` ended: its thread has one fewer. */
  release(match: Match): void {
    const thread = this.#threadOf.get(match);
    if (thread === undefined) return;
    this.#threadOf.delete(match);
    this.#load[thread] = (this.#load[thread] as number) - 1;
  }

  threadOf(match: Match): number | undefined {
    return this.#threadOf.get(match);
  }

  /** Threads running at least one match. */
  get busy(): number {
    return this.#load.filter((matches) => matches > 0).length;
  }
}
