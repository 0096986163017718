import type { Link, LinkFactory, LinkHandlers } from './link.ts';
import { systemTimers, type Timers } from './timers.ts';

/** How `impairedLink` degrades a link. */
export interface Impairment {
  /** Added to every frame, each way, in milliseconds. */
  readonly delayMs: number;
  /** Up to this much more, drawn per frame (frames still arrive in order, as on one socket). */
  readonly jitterMs?: number;
  /** The fraction (0 … 1) of `match.snapshot` and `match.input` frames dropped, each way. */
  readonly lossRate?: number;
  /** 0 ≤ r < 1; default `Math.random`. */
  readonly random?: () => number;
  readonly timers?: Timers;
}

// Only these may be lost: they are the ones a real-time transport would send unreliably (each is
// superseded by the next), while everything else is numbered by the protocol and must arrive.
const LOSSY = /"type"\s*:\s*"match\.(snapshot|input)"/;

/**
 * A link that behaves like a slow, lossy network (tests, and the browser's `?lag=` flag): every
 * frame waits `delayMs` (+ jitter) each way, and a fraction `lossRate` of the real-time frames
 * never arrives. Closing is delayed like a frame, so that frames sent before it arrive first.
 * @example
 * const client = await ParlorClient.connect(impairedLink(webSocketLink(url, WebSocket), { delayMs: 100, lossRate: 0.02 }));
 */
export function impairedLink(open: LinkFactory, impairment: Impairment): LinkFactory {
  const timers = impairment.timers ?? systemTimers;
  const random = impairment.random ?? Math.random;
  const lossRate = impairment.lossRate ?? 0;
  const lost = (text: string): boolean => lossRate > 0 && LOSSY.test(text) && random() < lossRate;
  const delay = (): number => impairment.delayMs + (impairment.jitterMs ?? 0) * random();

  return async (handlers) => {
    const inbound = new DelayLine(timers);
    const link = await open({
      frame: (text) => {
        if (!lost(text)) inbound.push(delay(), () => handlers.frame(text));
      },
      closed: (reason) => inbound.push(delay(), () => handlers.closed(reason)),
    } satisfies LinkHandlers);
    const outbound = new DelayLine(timers);
    return {
      send: (text) => {
        if (!lost(text)) outbound.push(delay(), () => link.send(text));
      },
      close: () => link.close(),
    } satisfies Link;
  };
}

/** Runs callbacks after their delay, in the order they were pushed (a later one waits for earlier ones). */
class DelayLine {
  readonly #timers: Timers;
  readonly #queue: { readonly at: number; readonly run: () => void }[] = [];
  #armed = false;

  constructor(timers: Timers) {
    this.#timers = timers;
  }

  push(delayMs: number, run: () => void): void {
    const last = this.#queue.at(-1)?.at ?? 0;
    this.#queue.push({ at: Math.max(last, this.#timers.now() + delayMs), run });
    this.#arm();
  }

  #arm(): void {
    const head = this.#queue[0];
    if (this.#armed || head === undefined) return;
    this.#armed = true;
    this.#timers.setTimeout(() => this.#due(), Math.max(0, head.at - this.#timers.now()));
  }

  #due(): void {
    this.#armed = false;
    const now = this.#timers.now();
    try {
      while (this.#queue.length > 0 && this.#queue[0]!.at <= now) this.#queue.shift()!.run();
    } finally {
      this.#arm();
    }
  }
}
