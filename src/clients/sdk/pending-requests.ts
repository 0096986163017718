import type { ServerMessage } from '../../protocol/index.ts';
import { replyTypes } from '../../protocol/index.ts';
import { ClientErrorCode, ParlorError, type ParlorErrorCode } from './errors.ts';
import type { RequestType } from './replies.ts';
import type { Timers } from './timers.ts';

/** How a request ended: its reply, or why there is none. */
export type Settlement =
  | { readonly ok: true; readonly reply: ServerMessage }
  | { readonly ok: false; readonly error: ParlorError };

interface Pending {
  readonly type: RequestType;
  readonly done: (settlement: Settlement) => void;
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
      this.watch(id, type, timeoutMs, (s) => (s.ok ? resolve(s.reply) : reject(s.error)));
    });
  }

  /** Like `track`, but calls `done` synchronously as soon as the request is settled. */
  watch(id: number, type: RequestType, timeoutMs: number, done: (settlement: Settlement) => void): void {
    const timer = this.#timers.setTimeout(() => {
      const message = `No reply to "${type}" (id ${id}) within ${timeoutMs} ms.`;
      this.fail(id, new ParlorError(ClientErrorCode.CLIENT_TIMEOUT, message, { re: id }));
    }, timeoutMs);
    this.#pending.set(id, { type, done, timer });
  }

  /** True while request `id` waits for its reply. */
  has(id: number): boolean {
    return this.#pending.has(id);
  }

  /** The ids of the requests waiting, oldest first. */
  ids(): number[] {
    return [...this.#pending.keys()];
  }

  /** Settles the request `message` replies to, if one is waiting. */
  settle(message: ServerMessage): void {
    const re = message.re;
    const pending = typeof re === 'number' ? this.#pending.get(re) : undefined;
    if (pending === undefined || typeof re !== 'number') return;
    this.#forget(re, pending);
    const expected = replyTypes[pending.type];
    if (message.type === 'error') {
      const { code, fatal } = message.data;
      pending.done({ ok: false, error: new ParlorError(code, message.data.message, { fatal, re }) });
    } else if (message.type !== expected) {
      const text = `Expected "${expected}" in reply to "${pending.type}" (id ${re}), got "${message.type}".`;
      pending.done({ ok: false, error: new ParlorError(ClientErrorCode.CLIENT_BAD_REPLY, text, { re }) });
    } else {
      pending.done({ ok: true, reply: message });
    }
  }

  /** Fails request `id` with `error`, if it is waiting. */
  fail(id: number, error: ParlorError): void {
    const pending = this.#pending.get(id);
    if (pending === undefined) return;
    this.#forget(id, pending);
    pending.done({ ok: false, error });
  }

  /** Rejects every waiting request: the connection closed for `reason`. */
  failAll(code: ParlorErrorCode, reason: string): void {
    this.failSome(this.ids(), code, `the connection closed (${reason})`);
  }

  /** Rejects the requests `ids` that still wait, with `code` and "No reply to … (id N): `why`". */
  failSome(ids: readonly number[], code: ParlorErrorCode, why: string): void {
    for (const id of ids) {
      const type = this.#pending.get(id)?.type;
      if (type !== undefined)
        this.fail(id, new ParlorError(code, `No reply to "${type}" (id ${id}): ${why}`, { re: id }));
    }
  }

  #forget(id: number, pending: Pending): void {
    this.#pending.delete(id);
    this.#timers.clearTimeout(pending.timer);
  }
}
