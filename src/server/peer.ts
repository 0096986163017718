import type { ServerMessage, ServerMessageType } from '../protocol/index.ts';
import { TextView } from '../textmode/index.ts';
import type { Connection, ConnectionHandler } from '../transport/index.ts';
import type { Tally } from './metrics.ts';
import type { OutgoingMessage } from './outbox.ts';
import { RateLimit, type RateSpec } from './rate-limit.ts';
import type { Session } from './session.ts';

const PING_FRAME = '{"type":"ping","data":{}}';

/**
 * Messages written at the end of the I/O callback that made them rather than of the event-loop
 * turn: a move's update waits for no other socket's handler (see `WriteCoalescer`). Real-time
 * snapshots (`deliverStream`) are written so too.
 */
const PROMPT: ReadonlySet<ServerMessageType> = new Set(['match.update']);

/** What a peer's connection reports, with the peer: the server implements it. */
export interface PeerHost {
  readonly peerSettings: PeerSettings;
  peerFrame(peer: Peer, text: string): void;
  peerOversize(peer: Peer): void;
  /** A transport-level pong. */
  peerAlive(peer: Peer): void;
  peerClosed(peer: Peer): void;
  peerSendBufferFull(peer: Peer): void;
}

/** A promise with its resolver: whether a connection is gone, for those who wait for it. */
class Gone {
  readonly promise: Promise<void>;
  resolve!: () => void;

  constructor() {
    this.promise = new Promise((resolve) => {
      this.resolve = resolve;
    });
  }
}

/** How a connection talks: not known yet (a fresh TCP connection), JSON, or human text. */
export type PeerMode = 'pending' | 'json' | 'text';

/** What every connection of a server shares: flood-control shapes, the send buffer bound, counters. */
export interface PeerSettings {
  readonly messageRate: RateSpec;
  readonly chatRate: RateSpec;
  /** Inputs and acknowledgements of real-time matches: a stream, metered apart from requests. */
  readonly streamRate: RateSpec;
  readonly maxSendBufferBytes: number;
  readonly sent: Tally<ServerMessageType>;
}

/**
 * One open connection and its state (mode, handshake, heartbeat, flood control). It serves one
 * session at a time; `session.resume` moves it to the session it resumes.
 */
export class Peer implements ConnectionHandler {
  readonly connection: Connection;
  readonly openedAt: number;
  readonly messageLimit: RateLimit;
  /** Made at the first chat message: most connections never chat. */
  #chatLimit: RateLimit | undefined;
  #streamLimit: RateLimit | undefined;
  session: Session;
  mode: PeerMode;
  textView: TextView | null = null;
  helloDone = false;
  lastSeenAt: number;
  /** Counted in the session registry (per address) until the connection is detached. */
  registered = false;
  /** Pings sent since the client was last heard from. */
  pingsSent = 0;
  /**
   * For each unanswered ping, oldest first, the last seq sent before it: what its pong will
   * acknowledge (pongs answer pings in order). Null when none is unanswered.
   */
  #pingSeqs: number[] | null = null;
  /** Messages refused for flooding in a row. */
  refusals = 0;
  /** Frames that arrived while an asynchronous handler ran; null when none is running. */
  waiting: string[] | null = null;
  /** Why the connection is closing, once it is. */
  closeReason: string | null = null;
  /** Set by every delivery, cleared by the heartbeat sweep: a quiet connection is asked for an ack. */
  sentSinceSweep = false;
  /** Made only when someone waits for it (shutdown): most connections never need one. */
  #gone: Gone | undefined;
  readonly #host: PeerHost;
  #overflowed = false;

  constructor(connection: Connection, session: Session, now: number, host: PeerHost) {
    this.connection = connection;
    this.session = session;
    this.openedAt = now;
    this.lastSeenAt = now;
    this.mode = connection.lineBased ? 'pending' : 'json';
    this.messageLimit = new RateLimit(host.peerSettings.messageRate, now);
    this.#host = host;
  }

  // ── ConnectionHandler: the connection's events, passed on to the server with this peer. Methods,
  // not closures: a context and four functions per connection would cost more than the peer. ──

  onFrame(text: string): void {
    this.#host.peerFrame(this, text);
  }

  onOversize(): void {
    this.#host.peerOversize(this);
  }

  onAlive(): void {
    this.#host.peerAlive(this);
  }

  onClose(): void {
    this.#host.peerClosed(this);
  }

  /** Takes one chat message from the chat allowance (flood control); false when it is spent. */
  takeChat(now: number): boolean {
    this.#chatLimit ??= new RateLimit(this.#host.peerSettings.chatRate, now);
    return this.#chatLimit.take(now);
  }

  /** Takes one real-time input or acknowledgement from its own allowance; false when it is spent. */
  takeStream(now: number): boolean {
    this.#streamLimit ??= new RateLimit(this.#host.peerSettings.streamRate, now);
    return this.#streamLimit.take(now);
  }

  /** Resolves once the transport reports the connection closed. */
  get gone(): Promise<void> {
    this.#gone ??= new Gone();
    return this.#gone.promise;
  }

  /** Called by the server when the transport reports the close. */
  markGone(): void {
    this.#gone ??= new Gone();
    this.#gone.resolve();
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
    this.#host.peerSettings.sent.add(message.type);
    this.sentSinceSweep = true;
    const soon = PROMPT.has(message.type);
    if (this.textView !== null) this.writeLines(this.textView.output(message.message), soon);
    else this.#write(message.frame(seq), soon);
  }

  /**
   * Asks a JSON client which messages it has (B2): a ping, whose answer proves it read everything
   * sent before it, so that its session may forget those. At most one question at a time; text
   * connections are not asked (their PING lines are for people).
   */
  requestAck(): void {
    if (this.mode === 'json' && this.#pingSeqs === null) this.ping();
  }

  /** Sends a ping: a WebSocket ping frame, or a JSON `ping` message on TCP. */
  ping(): void {
    if (this.closed) return;
    this.pingsSent += 1;
    if (this.#pingSeqs === null) this.#pingSeqs = [];
    this.#pingSeqs.push(this.session.outbox.lastSeq);
    if (!this.connection.ping()) this.#write(PING_FRAME);
  }

  /** A pong arrived: the client has every message sent before the oldest unanswered ping. */
  acknowledged(): void {
    const seq = this.#pingSeqs?.shift();
    if (seq === undefined) return;
    if (this.#pingSeqs?.length === 0) this.#pingSeqs = null;
    this.session.outbox.acknowledge(seq);
    // Messages sent while the ping travelled: ask again if they are already many.
    if (this.session.outbox.wantsAck) this.requestAck();
  }

  /** The connection now serves another session (a resume): its unanswered pings counted the old one's. */
  forgetPings(): void {
    this.#pingSeqs = null;
  }

  /** Writes an unnumbered message (ping, pong). */
  deliverUnnumbered(message: ServerMessage): void {
    this.#host.peerSettings.sent.add(message.type);
    if (this.textView !== null) this.writeLines(this.textView.output(message));
    else this.#write(JSON.stringify(message));
  }

  /**
   * Writes a message of a stream (real-time snapshots) already serialised: unnumbered, not kept,
   * and for JSON connections only (text mode shows such streams through other messages).
   */
  deliverStream(type: ServerMessage['type'], json: string): void {
    if (this.textView !== null) return;
    this.#host.peerSettings.sent.add(type);
    this.#write(json, true);
  }

  /** Writes raw text lines (text mode: help, banners); `soon`: see `PROMPT`. */
  writeLines(lines: readonly string[], soon = false): void {
    for (const line of lines) this.#write(line, soon);
  }

  #write(text: string, soon = false): void {
    if (this.closed) return;
    this.connection.send(text, soon);
    if (this.connection.bufferedBytes() > this.#host.peerSettings.maxSendBufferBytes && !this.#overflowed) {
      this.#overflowed = true;
      this.#host.peerSendBufferFull(this);
    }
  }
}
