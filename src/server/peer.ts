import type { ServerMessage, ServerMessageType } from '../protocol/index.ts';
import { TextView } from '../textmode/index.ts';
import type { Connection } from '../transport/index.ts';
import type { Tally } from './metrics.ts';
import type { OutgoingMessage } from './outbox.ts';
import { RateLimit } from './rate-limit.ts';
import type { Session } from './session.ts';

/** How a connection talks: not known yet (a fresh TCP connection), JSON, or human text. */
export type PeerMode = 'pending' | 'json' | 'text';

/** Flood-control and buffer settings of a connection. */
export interface PeerLimits {
  readonly messageBurst: number;
  readonly messagePerSecond: number;
  readonly chatBurst: number;
  readonly chatPerSecond: number;
  readonly maxSendBufferBytes: number;
}

/**
 * One open connection and its state (mode, handshake, heartbeat, flood control). It serves one
 * session at a time; `session.resume` moves it to the session it resumes.
 */
export class Peer {
  readonly connection: Connection;
  readonly openedAt: number;
  readonly messageLimit: RateLimit;
  readonly chatLimit: RateLimit;
  session: Session;
  mode: PeerMode;
  textView: TextView | null = null;
  helloDone = false;
  lastSeenAt: number;
  /** Pings sent since the client was last heard from. */
  pingsSent = 0;
  /** Messages refused for flooding in a row. */
  refusals = 0;
  /** Frames that arrived while an asynchronous handler ran; null when none is running. */
  waiting: string[] | null = null;
  /** Why the connection is closing, once it is. */
  closeReason: string | null = null;
  /** Resolves once the transport reports the connection closed. */
  readonly gone: Promise<void>;
  /** Called by the server when the transport reports the close. */
  readonly markGone: () => void;
  readonly #maxSendBufferBytes: number;
  readonly #onSendBufferFull: (peer: Peer) => void;
  #overflowed = false;
  readonly #sent: Tally<ServerMessageType>;

  constructor(
    connection: Connection,
    session: Session,
    now: number,
    limits: PeerLimits,
    onSendBufferFull: (peer: Peer) => void,
    sent: Tally<ServerMessageType>,
  ) {
    this.#sent = sent;
    this.connection = connection;
    this.session = session;
    this.openedAt = now;
    this.lastSeenAt = now;
    this.mode = connection.lineBased ? 'pending' : 'json';
    this.messageLimit = new RateLimit(limits.messageBurst, limits.messagePerSecond, now);
    this.chatLimit = new RateLimit(limits.chatBurst, limits.chatPerSecond, now);
    let markGone = (): void => {};
    this.gone = new Promise((resolve) => {
      markGone = resolve;
    });
    this.markGone = markGone;
    this.#maxSendBufferBytes = limits.maxSendBufferBytes;
    this.#onSendBufferFull = onSendBufferFull;
  }

  /** True once the connection is closing; it then receives nothing more. */
  get closed(): boolean {
    return this.closeReason !== null;
  }

  /** Switches a fresh TCP connection to text mode. */
  enterTextMode(): TextView {
    this.mode = 'text';
    this.textView = new TextView();
    return this.textView;
  }

  /** Writes a numbered message in this connection's form: JSON with `seq`, or readable lines. */
  deliver(message: OutgoingMessage, seq: number): void {
    this.#sent.add(message.message.type);
    if (this.textView !== null) this.writeLines(this.textView.output(message.message));
    else this.#write(message.frame(seq));
  }

  /** Writes an unnumbered message (ping, pong). */
  deliverUnnumbered(message: ServerMessage): void {
    this.#sent.add(message.type);
    if (this.textView !== null) this.writeLines(this.textView.output(message));
    else this.#write(JSON.stringify(message));
  }

  /** Writes raw text lines (text mode: help, banners). */
  writeLines(lines: readonly string[]): void {
    for (const line of lines) this.#write(line);
  }

  #write(text: string): void {
    if (this.closed) return;
    this.connection.send(text);
    if (this.connection.bufferedBytes() > this.#maxSendBufferBytes && !this.#overflowed) {
      this.#overflowed = true;
      this.#onSendBufferFull(this);
    }
  }
}
