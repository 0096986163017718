import type { ServerMessage } from '../../protocol/index.ts';
import { ClientErrorCode, ParlorError } from './errors.ts';
import type { Timers } from './timers.ts';

interface Waiter {
  readonly match: (message: ServerMessage) => boolean;
  readonly resolve: (message: ServerMessage) => void;
  readonly reject: (error: ParlorError) => void;
  readonly timer: unknown;
}

/**
 * Keeps received messages until something waits for them, so that a wait started late still sees
 * a message that arrived early (tests: send, then wait for the echo). Each message satisfies at
 * most one wait. At most `limit` unclaimed messages are kept; the oldest go first.
 */
export class MessageBuffer {
  readonly #limit: number;
  readonly #timers: Timers;
  readonly #waiters = new Set<Waiter>();
  #messages: ServerMessage[] = [];
  #ended: ParlorError | undefined;

  constructor(limit: number, timers: Timers) {
    this.#limit = limit;
    this.#timers = timers;
  }

  /** Hands a received message to the first waiter it satisfies, or keeps it. */
  push(message: ServerMessage): void {
    for (const waiter of this.#waiters) {
      if (waiter.match(message)) {
        this.#settle(waiter);
        waiter.resolve(message);
        return;
      }
    }
    this.#messages.push(message);
    if (this.#messages.length > this.#limit) this.#messages = this.#messages.slice(-this.#limit);
  }

  /** The first kept or future message that satisfies `match`; rejects after `timeoutMs`. */
  take(match: (message: ServerMessage) => boolean, what: string, timeoutMs: number): Promise<ServerMessage> {
    const index = this.#messages.findIndex(match);
    if (index !== -1) {
      const [message] = this.#messages.splice(index, 1);
      return Promise.resolve(message as ServerMessage);
    }
    if (this.#ended !== undefined) return Promise.reject(this.#ended);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        match,
        resolve,
        reject,
        timer: this.#timers.setTimeout(() => {
          this.#settle(waiter);
          reject(new ParlorError(ClientErrorCode.CLIENT_TIMEOUT, `No ${what} within ${timeoutMs} ms.`));
        }, timeoutMs),
      };
      this.#waiters.add(waiter);
    });
  }

  /** Fails every current and later wait that kept messages cannot satisfy. */
  end(error: ParlorError): void {
    this.#ended = error;
    for (const waiter of [...this.#waiters]) {
      this.#settle(waiter);
      waiter.reject(error);
    }
  }

  #settle(waiter: Waiter): void {
    this.#waiters.delete(waiter);
    this.#timers.clearTimeout(waiter.timer);
  }
}
