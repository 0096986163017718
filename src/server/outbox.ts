import { makeFrame, type ServerMessage } from '../protocol/index.ts';

/**
 * One outgoing message, shared by every session it goes to: a broadcast is built and serialised
 * once, and each session only adds its own `seq` in front.
 */
export class OutgoingMessage {
  readonly message: ServerMessage;
  #json: string | undefined;

  constructor(message: ServerMessage) {
    this.message = message;
  }

  /** The frame with this session's sequence number: `{"seq":N,` + the shared serialisation. */
  frame(seq: number): string {
    this.#json ??= makeFrame(this.message);
    return `{"seq":${seq},${this.#json.slice(1)}`;
  }
}

/** What a resuming client missed. */
export type Missed =
  | {
      readonly overflow: false;
      readonly events: ReadonlyArray<readonly [seq: number, message: OutgoingMessage]>;
    }
  | { readonly overflow: true };

/**
 * The last `limit` messages of a session, numbered 1, 2, 3, …, kept so that a client coming back
 * after a drop gets exactly what it missed (B2). A ring of references to shared messages: a session
 * costs one pointer per kept message, not a copy.
 *
 *   seq:      first ........................ last
 *   ring:   [ m(first) m(first+1) … m(last) ]   (at most `limit`)
 */
export class Outbox {
  readonly #limit: number;
  /** null: a numbered message that is not kept (a snapshot); replaying across it is an overflow. */
  readonly #ring: Array<OutgoingMessage | null> = [];
  /** Index in #ring of the oldest message, once the ring is full. */
  #start = 0;
  #lastSeq = 0;

  constructor(limit: number) {
    this.#limit = limit;
  }

  /** The sequence number of the last message pushed (0 before any). */
  get lastSeq(): number {
    return this.#lastSeq;
  }

  /**
   * Numbers a message and keeps it for replay; returns its sequence number. A snapshot (`keep`
   * false) is numbered but not kept: a resume that missed it gets a fresh full state instead.
   */
  push(message: OutgoingMessage, keep = true): number {
    const entry = keep ? message : null;
    if (this.#ring.length < this.#limit) this.#ring.push(entry);
    else {
      this.#ring[this.#start] = entry;
      this.#start = (this.#start + 1) % this.#limit;
    }
    this.#lastSeq += 1;
    return this.#lastSeq;
  }

  /** The messages after `lastSeq`, or overflow when some of them are no longer kept (or `lastSeq` is bogus). */
  since(lastSeq: number): Missed {
    const firstKept = this.#lastSeq - this.#ring.length + 1;
    if (lastSeq > this.#lastSeq || lastSeq < firstKept - 1) return { overflow: true };
    const events: Array<readonly [number, OutgoingMessage]> = [];
    for (let seq = lastSeq + 1; seq <= this.#lastSeq; seq++) {
      const offset = seq - firstKept;
      const message = this.#ring[(this.#start + offset) % this.#ring.length];
      if (message === null || message === undefined) return { overflow: true };
      events.push([seq, message]);
    }
    return { overflow: false, events };
  }
}
