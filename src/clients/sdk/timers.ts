/**
 * The clock and timers the client library uses, injectable so that tests (and later reconnect and
 * backoff logic) control time instead of waiting for it.
 */
export interface Timers {
  /** Calls `callback` once after `ms` milliseconds; returns a handle for `clearTimeout`. */
  setTimeout(callback: () => void, ms: number): unknown;
  /** Cancels a timer; a handle of a timer that already ran is ignored. */
  clearTimeout(handle: unknown): void;
  /** Current time in milliseconds (only differences are used). */
  now(): number;
}

/** The real clock and timers of the platform (browser or Node). */
export const systemTimers: Timers = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as Parameters<typeof globalThis.clearTimeout>[0]),
  now: () => Date.now(),
};
