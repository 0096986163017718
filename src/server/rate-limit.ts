/**
 * A token bucket: `burst` messages at once, refilled at `perSecond`. Refill is computed from the
 * elapsed time when a message arrives, so an idle connection costs no timer.
 */
export class RateLimit {
  readonly #burst: number;
  readonly #perMs: number;
  #tokens: number;
  #updatedAt: number;

  constructor(burst: number, perSecond: number, now: number) {
    this.#burst = burst;
    this.#perMs = perSecond / 1000;
    this.#tokens = burst;
    this.#updatedAt = now;
  }

  /** Takes one token if there is one; returns false when the message must be refused. */
  take(now: number): boolean {
    this.#tokens = Math.min(this.#burst, this.#tokens + (now - this.#updatedAt) * this.#perMs);
    this.#updatedAt = now;
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }
}
