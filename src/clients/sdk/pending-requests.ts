import type { ServerMessage } from '../../protocol/index.ts';
import { replyTypes } from '../../protocol/index.ts';
import { ClientErrorCode, ParlorError, type ParlorErrorCode } from './errors.ts';
import type { RequestType } from './replies.ts';
import type { Timers } from './timers.ts';

interface Pending {
  readonly type: RequestType;
  readonly resolve: (message: ServerMessage) => void;
  readonly reject: (error: ParlorError) => void;
  readonly timer: unknown;
}

/**
 * Requests waiting for their reply, by id. A reply names its request with `re`; it settles it with
 * the reply, or with a `ParlorError` for an `error` or a reply of the wrong type.
 */
export class PendingRequests {
  readonly #timers: Timers;
  readonly #pending = new Map<number, Pending>();

  constructor(timers: Timers) {
    this.#timers = timers;
  }

  /** Waits for the reply to request `id`, for at most `timeoutMs`. */
  track(id: number, type: RequestType, timeoutMs: number): Promise<ServerMessage> {
    return new Promise((resolve, reject) => {
      const timer = this.#timers.setTimeout(() => {
        this.#pending.delete(id);
        const message = `No reply to "${type}" (id ${id}) within ${timeoutMs} ms.`;
        reject(new ParlorError(ClientErrorCode.CLIENT_TIMEOUT, message, { re: id }));
      }, timeoutMs);
      this.#pending.set(id, { type, resolve, reject, timer });
    });
  }

  /** Settles the request `message` replies to, if one is waiting. */
  settle(message: ServerMessage): void {
    const re = message.re;
    const pending = typeof re === 'number' ? this.#pending.get(re) : undefined;
    if (pending === undefined || typeof re !== 'number') return;
    this.#pending.delete(re);
    this.#timers.clearTimeout(pending.timer);
    const expected = replyTypes[pending.type];
    if (message.type === 'error') {
      pending.reject(
        new ParlorError(message.data.code, message.data.message, { fatal: message.data.fatal, re }),
      );
    } else if (message.type !== expected) {
      const text = `Expected "${expected}" in reply to "${pending.type}" (id ${re}), got "${message.type}".`;
      pending.reject(new ParlorError(ClientErrorCode.CLIENT_BAD_REPLY, text, { re }));
    } else {
      pending.resolve(message);
    }
  }

  /** Rejects every waiting request: the connection closed for `reason`. */
  failAll(code: ParlorErrorCode, reason: string): void {
    for (const [id, pending] of this.#pending) {
      this.#timers.clearTimeout(pending.timer);
      const message = `No reply to "${pending.type}" (id ${id}): the connection closed (${reason})`;
      pending.reject(new ParlorError(code, message, { re: id }));
    }
    this.#pending.clear();
  }
}
