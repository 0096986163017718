import { makeFrame, type ServerMessage } from '../protocol/index.ts';

/**
 * One outgoing message, shared by every session it goes to: a broadcast is built and serialised
 * once, and each session only adds its own `seq` in front.
 */
export class OutgoingMessage {
  readonly type: ServerMessage['type'];
  #message: ServerMessage | undefined;
  #json: string | undefined;

  constructor(message: ServerMessage) {
    this.type = message.type;
    this.#message = message;
  }

  /** The message: the object while it is being delivered, rebuilt from its text after `settle`. */
  get message(): ServerMessage {
    return this.#message ?? (JSON.parse(this.#json as string) as ServerMessage);
  }

  /** The frame with this session's sequence number: `{"seq":N,` + the shared serialisation. */
  frame(seq: number): string {
    this.#json ??= makeFrame(this.#message as ServerMessage);
    return `{"seq":${seq},${this.#json.slice(1)}`;
  }

  /**
   * Delivery to every recipient is over: from now on only the text is kept (a replay after a
   * resume rebuilds the object). A kept message waits seconds for its acknowledgement, and one
   * string is far cheaper for the garbage collector to copy than the dozens of objects of a view
   * (bench:games: young-generation pauses of 11–14 ms came from those).
   */
  settle(): void {
    if (this.#message === undefined) return;
    this.#json ??= makeFrame(this.#message);
    this.#message = undefined;
  }
}

/** Kept messages after which a session asks its client what it has received (see `Outbox.wantsAck`). */
export const ACK_EVERY = 32;

/** What a resuming client missed. */
export type Missed =
  | {
      readonly overflow: false;
      readonly events: ReadonlyArray<readonly [seq: number, message: OutgoingMessage]>;
    }
  | { readonly overflow: true };

/**
 * The messages of a session that its client may still miss, numbered 1, 2, 3, …, kept so that a
 * client coming back after a drop gets exactly what it missed (B2): at most the last `limit`, and
 * none the client is known to have received (`acknowledge`). References to shared messages: a
 * broadcast costs each session one pointer, not a copy.
 *
 *   seq:     acknowledged … | first ……………………… last
 *   items:                   [ m(first) … m(last) ]   (at most `limit`)
 */
export class Outbox {
  readonly #limit: number;
  /** null: a numbered message that is not kept (a snapshot); replaying across it is an overflow. */
  #items: Array<OutgoingMessage | null> = [];
  /** The seq of `#items[0]`. */
  #firstSeq = 1;
  #lastSeq = 0;

  constructor(limit: number) {
    this.#limit = limit;
  }

  /** The sequence number of the last message pushed (0 before any). */
  get lastSeq(): number {
    return this.#lastSeq;
  }

  /** How many messages are kept (not yet known to be received). */
  get size(): number {
    return this.#items.length;
  }

  /**
   * Whether enough is kept to ask the client what it has (a ping): every `ACK_EVERY` messages
   * while messages flow (and the heartbeat sweep asks quiet connections), so that a session keeps a
   * few dozen references at most, and an idle one none.
   */
  get wantsAck(): boolean {
    return this.#items.length >= ACK_EVERY;
  }

  /**
   * Numbers a message and keeps it for replay; returns its sequence number. A snapshot (`keep`
   * false) is numbered but not kept: a resume that missed it gets a fresh full state instead.
   */
  push(message: OutgoingMessage, keep = true): number {
    this.#items.push(keep ? message : null);
    if (this.#items.length > this.#limit) {
      this.#items.shift();
      this.#firstSeq += 1;
    }
    this.#lastSeq += 1;
    return this.#lastSeq;
  }

  /** Forgets the messages up to `seq`: the client has them (it answered a ping sent after them). */
  acknowledge(seq: number): void {
    const count = Math.min(seq - this.#firstSeq + 1, this.#items.length);
    if (count <= 0) return;
    // A fresh array gives the memory back; splice would keep the old capacity.
    if (count === this.#items.length) this.#items = [];
    else this.#items.splice(0, count);
    this.#firstSeq += count;
  }

  /** The messages after `lastSeq`, or overflow when some of them are no longer kept (or `lastSeq` is bogus). */
  since(lastSeq: number): Missed {
    if (lastSeq > this.#lastSeq || lastSeq < this.#firstSeq - 1) return { overflow: true };
    const events: Array<readonly [number, OutgoingMessage]> = [];
    for (let seq = lastSeq + 1; seq <= this.#lastSeq; seq++) {
      const message = this.#items[seq - this.#firstSeq];
      if (message === null || message === undefined) return { overflow: true };
      events.push([seq, message]);
    }
    return { overflow: false, events };
  }
}
