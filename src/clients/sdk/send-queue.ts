import type { ClientMessage } from '../../protocol/index.ts';

/** Most messages kept while the client is reconnecting; more are refused. */
export const SEND_QUEUE_LIMIT = 256;

interface Queued {
  readonly message: ClientMessage;
  /** True for a request (sent only if still waiting for its reply), false for `send`. */
  readonly request: boolean;
}

/**
 * Messages sent while the client is not connected, kept (at most `SEND_QUEUE_LIMIT`) until the
 * session is back, then sent in order. They never reached the server, so sending them later
 * cannot duplicate anything.
 */
export class SendQueue {
  #queued: Queued[] = [];

  /** Keeps a message; false when the queue is full. */
  push(message: ClientMessage, request: boolean): boolean {
    if (this.#queued.length >= SEND_QUEUE_LIMIT) return false;
    this.#queued.push({ message, request });
    return true;
  }

  /** Empties the queue: messages go to `send` in order, requests only while `stillWanted` (not timed out). */
  drain(send: (message: ClientMessage) => void, stillWanted: (id: number) => boolean): void {
    const queued = this.#queued;
    this.#queued = [];
    for (const { message, request } of queued) {
      if (!request || (typeof message.id === 'number' && stillWanted(message.id))) send(message);
    }
  }

  /** Empties the queue without sending; returns the ids of the requests dropped. */
  clear(): number[] {
    const ids = this.#queued.flatMap(({ message, request }) =>
      request && typeof message.id === 'number' ? [message.id] : [],
    );
    this.#queued = [];
    return ids;
  }
}
