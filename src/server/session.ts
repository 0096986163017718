import { makeFrame, type ServerMessage, UserState } from '../protocol/index.ts';
import { TextView } from '../textmode/index.ts';
import { type Connection, OutgoingFrame } from '../transport/index.ts';
import { RateLimit } from './rate-limit.ts';

/** How a session talks: not known yet (a fresh TCP connection), JSON, or human text. */
export type SessionMode = 'pending' | 'json' | 'text';

/** Flood-control settings of a session. */
export interface SessionLimits {
  readonly messageBurst: number;
  readonly messagePerSecond: number;
  readonly chatBurst: number;
  readonly chatPerSecond: number;
  readonly maxSendBufferBytes: number;
}

/** What a session needs from the server that creates it. */
export interface SessionOptions {
  readonly id: string;
  readonly connection: Connection;
  readonly now: number;
  readonly limits: SessionLimits;
  /** Called once when the client stops reading and its send buffer passes the limit. */
  readonly onSendBufferFull: (session: Session) => void;
}

/**
 * One client: a connection plus who it is (nickname, state) and how it talks. Chat, games and
 * every other area see sessions, never sockets or transports.
 */
export class Session {
  readonly id: string;
  readonly connection: Connection;
  readonly openedAt: number;
  readonly messageLimit: RateLimit;
  readonly chatLimit: RateLimit;
  mode: SessionMode;
  nick: string | null = null;
  state: UserState = UserState.FREE;
  helloDone = false;
  lastSeenAt: number;
  /** Pings sent since the client was last heard from. */
  pingsSent = 0;
  /** Messages refused for flooding in a row. */
  refusals = 0;
  /** Why the session is ending, once it is. */
  closeReason: string | null = null;
  textView: TextView | null = null;
  readonly #maxSendBufferBytes: number;
  readonly #onSendBufferFull: (session: Session) => void;

  constructor(options: SessionOptions) {
    this.id = options.id;
    this.connection = options.connection;
    this.openedAt = options.now;
    this.lastSeenAt = options.now;
    this.mode = options.connection.lineBased ? 'pending' : 'json';
    const { limits } = options;
    this.messageLimit = new RateLimit(limits.messageBurst, limits.messagePerSecond, options.now);
    this.chatLimit = new RateLimit(limits.chatBurst, limits.chatPerSecond, options.now);
    this.#maxSendBufferBytes = limits.maxSendBufferBytes;
    this.#onSendBufferFull = options.onSendBufferFull;
  }

  /** True once the session is ending; it then receives nothing more. */
  get closed(): boolean {
    return this.closeReason !== null;
  }

  /** Switches a fresh TCP session to text mode. */
  enterTextMode(): TextView {
    this.mode = 'text';
    this.textView = new TextView();
    return this.textView;
  }

  /**
   * Sends a message in the session's own form: JSON, or readable lines in text mode. `frame` is
   * the message already encoded, when the caller sends the same message to many sessions.
   */
  send(message: ServerMessage, frame?: OutgoingFrame): void {
    if (this.closed) return;
    if (this.textView !== null) {
      for (const line of this.textView.output(message)) this.connection.send(line);
    } else {
      this.connection.send(frame ?? makeFrame(message));
    }
    this.#checkSendBuffer();
  }

  /** Sends raw text lines (text mode only: help, banners). */
  sendLines(lines: readonly string[]): void {
    if (this.closed) return;
    for (const line of lines) this.connection.send(line);
    this.#checkSendBuffer();
  }

  #checkSendBuffer(): void {
    if (this.connection.bufferedBytes() > this.#maxSendBufferBytes) this.#onSendBufferFull(this);
  }
}

/** Sends one message to many sessions, encoding it once for all JSON sessions. */
export const sendToAll = (sessions: Iterable<Session>, message: ServerMessage): void => {
  let frame: OutgoingFrame | undefined;
  for (const session of sessions) {
    if (session.mode === 'text') {
      session.send(message);
    } else {
      frame ??= new OutgoingFrame(makeFrame(message));
      session.send(message, frame);
    }
  }
};
