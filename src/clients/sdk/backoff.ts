import type { ReconnectOptions } from './client-types.ts';
import type { Timers } from './timers.ts';

/** `ReconnectOptions` with every default filled in. */
export type ReconnectPolicy = Required<ReconnectOptions>;

/** The policy for `options`, or undefined when reconnecting is turned off. */
export const reconnectPolicy = (
  options: ReconnectOptions | false | undefined,
): ReconnectPolicy | undefined =>
  options === false
    ? undefined
    : {
        initialDelayMs: 250,
        maxDelayMs: 10_000,
        factor: 2,
        jitter: 'equal',
        maxAttempts: Number.POSITIVE_INFINITY,
        retakeNick: true,
        ...options,
      };

/**
 * The wait before attempt number `attempt` (1, 2, 3, …), in whole milliseconds:
 *
 *   base = min(maxDelayMs, initialDelayMs × factor^(attempt−1))
 *   equal jitter: base/2 + random × base/2     full jitter: random × base     none: base
 */
export const backoffDelay = (policy: ReconnectPolicy, attempt: number, random: () => number): number => {
  const base = Math.min(policy.maxDelayMs, policy.initialDelayMs * policy.factor ** (attempt - 1));
  const r = Math.min(Math.max(random(), 0), 1);
  switch (policy.jitter) {
    case 'full':
      return Math.round(r * base);
    case 'equal':
      return Math.round(base / 2 + (r * base) / 2);
    default:
      return Math.round(base);
  }
};

/** One scheduled attempt. */
export interface ScheduledAttempt {
  readonly attempt: number;
  readonly delayMs: number;
}

/**
 * Counts reconnect attempts and waits before each: one timer at most, cancelled by `cancel`.
 * `reset` after a success starts the next outage from the first delay again.
 */
export class Backoff {
  readonly #policy: ReconnectPolicy;
  readonly #timers: Timers;
  readonly #random: () => number;
  #attempts = 0;
  #timer: unknown;
  #waiting = false;

  constructor(policy: ReconnectPolicy, timers: Timers, random: () => number) {
    this.#policy = policy;
    this.#timers = timers;
    this.#random = random;
  }

  /** Attempts made since the last success. */
  get attempts(): number {
    return this.#attempts;
  }

  /** Runs `attempt` after the next delay; undefined (and nothing scheduled) once attempts are used up. */
  schedule(attempt: (n: number) => void): ScheduledAttempt | undefined {
    this.cancel();
    const n = this.#attempts + 1;
    if (n > this.#policy.maxAttempts) return undefined;
    const delayMs = backoffDelay(this.#policy, n, this.#random);
    this.#waiting = true;
    this.#timer = this.#timers.setTimeout(() => {
      this.#waiting = false;
      this.#attempts = n;
      attempt(n);
    }, delayMs);
    return { attempt: n, delayMs };
  }

  /** Forgets the attempts made: the connection is back. */
  reset(): void {
    this.cancel();
    this.#attempts = 0;
  }

  /** Cancels a scheduled attempt, if any. */
  cancel(): void {
    if (!this.#waiting) return;
    this.#waiting = false;
    this.#timers.clearTimeout(this.#timer);
  }
}
