/** The shape of a limit: `burst` messages at once, `perSecond` sustained. Shared by every connection. */
export class RateSpec {
  /** Time one message uses up of the allowance. */
  readonly intervalMs: number;
  /** How far ahead of now the allowance may be used: `burst − 1` messages' worth. */
  readonly toleranceMs: number;

  constructor(burst: number, perSecond: number) {
    this.intervalMs = 1000 / perSecond;
    this.toleranceMs = (burst - 1) * this.intervalMs;
  }
}

/**
 * A token bucket as the generic cell rate algorithm: the only state is the time at which the
 * bucket will be full again, so a connection costs one number and no timer.
 */
export class RateLimit {
  readonly #spec: RateSpec;
  #fullAt: number;

  constructor(spec: RateSpec, now: number) {
    this.#spec = spec;
    this.#fullAt = now;
  }

  /** Takes one message from the allowance if there is one; returns false when it must be refused. */
  take(now: number): boolean {
    const from = Math.max(this.#fullAt, now);
    if (from - now > this.#spec.toleranceMs) return false;
    this.#fullAt = from + this.#spec.intervalMs;
    return true;
  }
}
