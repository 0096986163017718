import type { Timers } from './timers.ts';

/** What the heartbeat needs: the limits announced in `welcome`, and what to do. */
export interface HeartbeatOptions {
  readonly pingIntervalMs: number;
  readonly pingMissLimit: number;
  readonly timers: Timers;
  /** Sends a ping request to the server. */
  readonly ping: () => void;
  /** Called once when the server is considered gone. */
  readonly dead: (reason: string) => void;
}

/**
 * Client-side dead-server detection (A5), the mirror of the server's own heartbeat:
 *
 *   silent ≥ 1×interval → ping, ≥ 2×interval → ping, … ≥ (missLimit+1)×interval → dead
 *
 * Anything heard from the server resets the count. One timer at a time: `heard` only records the
 * time, and the timer, when it fires, reschedules itself from the latest time heard.
 */
export class Heartbeat {
  readonly #options: HeartbeatOptions;
  #lastHeardAt: number;
  #pingsSent = 0;
  #timer: unknown;
  #stopped = false;

  constructor(options: HeartbeatOptions) {
    this.#options = options;
    this.#lastHeardAt = options.timers.now();
    this.#schedule();
  }

  /** Records that something arrived from the server. */
  heard(): void {
    this.#lastHeardAt = this.#options.timers.now();
    this.#pingsSent = 0;
  }

  /** Stops for good. */
  stop(): void {
    this.#stopped = true;
    this.#options.timers.clearTimeout(this.#timer);
  }

  #dueAt(): number {
    return this.#lastHeardAt + this.#options.pingIntervalMs * (this.#pingsSent + 1);
  }

  #schedule(): void {
    const { timers } = this.#options;
    this.#timer = timers.setTimeout(() => this.#check(), Math.max(0, this.#dueAt() - timers.now()));
  }

  #check(): void {
    if (this.#stopped) return;
    const { timers, pingIntervalMs, pingMissLimit } = this.#options;
    const now = timers.now();
    if (now < this.#dueAt()) {
      this.#schedule();
      return;
    }
    if (this.#pingsSent >= pingMissLimit) {
      this.#stopped = true;
      const silentMs = now - this.#lastHeardAt;
      this.#options.dead(
        `The server did not answer ${this.#pingsSent} pings (silent for ${silentMs} ms, ping interval ${pingIntervalMs} ms); it seems to be gone.`,
      );
      return;
    }
    this.#pingsSent += 1;
    this.#options.ping();
    this.#schedule();
  }
}
