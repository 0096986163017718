import { randomBytes } from 'node:crypto';
import type http from 'node:http';
import type net from 'node:net';
import type { Logger } from 'pino';
import type { WebSocketServer } from 'ws';
import type { Config } from '../config/index.ts';
import {
  type ClientMessage,
  type ClientMessageOf,
  type ClientMessageType,
  CloseCode,
  type ErrorCode,
  errorCatalog,
  isValidNick,
  type LeaveReason,
  parseClientFrame,
  type RequestId,
  type ServerData,
  type ServerMessage,
  type ServerMessageType,
  UserState,
} from '../protocol/index.ts';
import {
  attachWebSocket,
  type Connection,
  type ConnectionHandler,
  listenHttp,
  listenTcp,
  type TlsCredentials,
} from '../transport/index.ts';
import { type Clock, systemClock } from './clock.ts';
import { registerCoreHandlers } from './core-handlers.ts';
import {
  type Admission,
  type Guard,
  type Handler,
  type NickCheck,
  type Rejection,
  reject,
  type ServerCore,
  type SessionHooks,
} from './handlers.ts';
import { Heartbeat } from './heartbeat.ts';
import { ServerMetrics } from './metrics.ts';
import { Peer, type PeerHost, type PeerSettings } from './peer.ts';
import { RateSpec } from './rate-limit.ts';
import { Session } from './session.ts';
import { SessionRegistry } from './session-registry.ts';
import type { StaticSite } from './static-site.ts';
import { SERVER_NAME, SERVER_VERSION, TEXT_BANNER } from './text-banner.ts';

/** Everything the server is built from; `main/` provides it. */
export interface ServerOptions {
  readonly config: Config;
  readonly logger: Logger;
  readonly clock?: Clock;
  /** Called when an operator asks for a shutdown; `main/` stops the process gracefully. */
  readonly onShutdownRequest?: (message: string) => void;
  /** PEM certificate and key: TLS on the TCP port, HTTPS and WSS on the HTTP port (A4). */
  readonly tls?: TlsCredentials;
  /** The built browser client (J2), served at `/`; without it, `/` describes the endpoints in text. */
  readonly site?: StaticSite;
}

/** Where the server listens, once started. */
export interface ListeningAddresses {
  readonly tcp: { readonly host: string; readonly port: number };
  readonly http: { readonly host: string; readonly port: number };
}

/** Requests accepted before the session has a nickname (B1). */
const BEFORE_NICK: ReadonlySet<ClientMessageType> = new Set([
  'account.login',
  'hello',
  'nick.set',
  'ping',
  'pong',
  'quit',
  'session.resume',
]);
/** Requests accepted on a JSON connection before `hello`. */
const BEFORE_HELLO: ReadonlySet<ClientMessageType> = new Set(['hello', 'ping', 'pong', 'quit']);
/** Requests that cost a chat token as well (flood control of chat lines). */
const CHAT_TYPES: ReadonlySet<ClientMessageType> = new Set(['chat.say', 'chat.tell']);
/** Messages of a real-time stream: metered by their own allowance, not the requests' one. */
const STREAM_TYPES: ReadonlySet<ClientMessageType> = new Set(['match.input', 'match.ack']);
const STREAM_BURST = 60;
const STREAM_PER_SECOND = 120;

/** Frames a connection may send while one of its requests is handled asynchronously. */
const MAX_WAITING_FRAMES = 64;

/** What becomes of a session when its connection closes. */
type SessionFate = 'hold' | 'end' | 'keep';

/** Fatal errors: the close code, and whether the session is held for resume (the network failed) or ended. */
const FATAL: Partial<Record<ErrorCode, readonly [CloseCode, SessionFate]>> = {
  PROTO_FRAME_TOO_LARGE: [CloseCode.FRAME_TOO_LARGE, 'end'],
  PROTO_VERSION_UNSUPPORTED: [CloseCode.PROTOCOL_ERROR, 'end'],
  RATE_LIMIT_EXCEEDED: [CloseCode.RATE_LIMITED, 'end'],
  LIMIT_TOO_MANY_CONNECTIONS: [CloseCode.TOO_MANY_CONNECTIONS, 'end'],
  LIMIT_SEND_BUFFER_FULL: [CloseCode.SEND_BUFFER_FULL, 'hold'],
  HEARTBEAT_TIMEOUT: [CloseCode.HEARTBEAT_TIMEOUT, 'hold'],
  SESSION_REPLACED: [CloseCode.SESSION_REPLACED, 'keep'],
  BANNED: [CloseCode.BANNED, 'end'],
  KICKED: [CloseCode.KICKED, 'end'],
  SERVER_SHUTTING_DOWN: [CloseCode.SERVER_SHUTDOWN, 'end'],
};

/** A decoded frame. */
type Decoded =
  | { readonly kind: 'request'; readonly request: ClientMessage }
  | {
      readonly kind: 'invalid';
      readonly code: ErrorCode;
      readonly message: string;
      readonly re?: RequestId;
      readonly path?: string;
    }
  | { readonly kind: 'help' | 'ask-nick' | 'nothing' };

/** A new unguessable secret: 144 random bits. */
const newToken = (): string => randomBytes(18).toString('base64url');

/**
 * The Parlor server: accepts connections from every transport, gives each a session, and runs
 * every incoming frame through one chokepoint:
 *
 *   frame ─► mode (JSON | text) ─► parse + validate ─► flood control ─► handshake / nick gates ─► handler
 *
 * A session outlives its connection for `resumeGraceMs` when the network fails (B2). Areas (chat,
 * games) plug in through `ServerContext`: handlers per message type and lifecycle hooks.
 */
export class ParlorServer implements ServerCore, PeerHost {
  readonly config: Config;
  readonly log: Logger;
  readonly clock: Clock;
  readonly sessions = new SessionRegistry();
  readonly metrics: ServerMetrics;
  readonly peerSettings: PeerSettings;
  readonly startedAt: number;
  readonly #handlers = new Map<ClientMessageType, Handler<never>>();
  readonly #hooks: Array<Partial<SessionHooks>> = [];
  readonly #guards: Guard[] = [];
  readonly #admissions: Admission[] = [];
  readonly #nickChecks: NickCheck[] = [];
  readonly #onShutdownRequest: (message: string) => void;
  readonly #heartbeat: Heartbeat;
  #tcp: net.Server | undefined;
  #http: http.Server | undefined;
  #wss: WebSocketServer | undefined;
  #closing = false;
  readonly #tls: TlsCredentials | undefined;
  readonly #site: StaticSite | undefined;

  constructor(options: ServerOptions) {
    this.config = options.config;
    this.log = options.logger;
    this.clock = options.clock ?? systemClock;
    this.#onShutdownRequest = options.onShutdownRequest ?? ((message) => void this.close(message));
    this.#tls = options.tls;
    this.#site = options.site;
    this.#heartbeat = new Heartbeat(this, this.config);
    this.startedAt = this.clock.now();
    this.metrics = new ServerMetrics({
      sessions: () => this.sessions.size,
      awaySessions: () => [...this.sessions.sessions()].filter((s) => s.peer === null).length,
    });
    this.peerSettings = {
      messageRate: new RateSpec(this.config.messageBurst, this.config.messagePerSecond),
      chatRate: new RateSpec(this.config.chatBurst, this.config.chatPerSecond),
      // A real-time client sends inputs on every change and acknowledges snapshots: up to two
      // messages per tick at 60 Hz, with room for a burst.
      streamRate: new RateSpec(STREAM_BURST, STREAM_PER_SECOND),
      maxSendBufferBytes: this.config.maxSendBufferBytes,
      sent: this.metrics.messagesOut,
    };
    registerCoreHandlers(this);
  }

  // ── ServerContext ────────────────────────────────────────────────────────────────────────────

  handle<K extends ClientMessageType>(type: K, handler: Handler<K>): void {
    if (this.#handlers.has(type)) throw new Error(`A handler for "${type}" is already registered`);
    this.#handlers.set(type, handler as Handler<never>);
  }

  hooks(hooks: Partial<SessionHooks>): void {
    this.#hooks.push(hooks);
  }

  guard(guard: Guard): void {
    this.#guards.push(guard);
  }

  checkNick(check: NickCheck): void {
    this.#nickChecks.push(check);
  }

  async claimNick(session: Session, nick: string): Promise<Rejection | { readonly previous: string | null }> {
    if (!isValidNick(nick)) {
      return reject(
        'NICK_INVALID',
        `"${nick.slice(0, 64)}" is not a valid nickname: use 2 to 12 of A-Z a-z 0-9 _ -.`,
      );
    }
    for (const check of this.#nickChecks) {
      const rejection = await check(session, nick);
      if (rejection) return rejection;
    }
    // Checked after the awaits: another session may have taken the name meanwhile.
    const holder = this.sessions.byNick(nick);
    if (holder !== undefined && holder !== session) {
      return reject('NICK_TAKEN', `The nickname "${nick}" is taken (nicknames ignore case).`);
    }
    if (session.ended) return reject('NICK_INVALID', 'The session ended.');
    const previous = session.nick;
    if (previous === nick) return { previous };
    this.sessions.rename(session, nick);
    this.log.info({ event: 'nick', session: session.id, nick, previous }, 'nickname set');
    return { previous };
  }

  admit(admission: Admission): void {
    this.#admissions.push(admission);
  }

  endSession(session: Session, code: ErrorCode, message: string): void {
    if (session.peer !== null) this.failPeer(session.peer, code, message);
    this.#endSession(session, 'lost');
  }

  requestShutdown(message: string): void {
    this.#onShutdownRequest(message);
  }

  byNick(nick: string): Session | undefined {
    return this.sessions.byNick(nick);
  }

  namedSessions(): Iterable<Session> {
    return this.sessions.named();
  }

  allSessions(): Iterable<Session> {
    return this.sessions.sessions();
  }

  reply<K extends ServerMessageType>(
    session: Session,
    request: ClientMessage,
    type: K,
    data: ServerData<K>,
  ): void {
    session.send(withRe({ type, data } as ServerMessage, request.id));
  }

  now(): number {
    return this.clock.now();
  }

  // ── Lifecycle ────────────────────────────────────────────────────────────────────────────────

  /** Starts the TCP and HTTP listeners and the heartbeat. */
  async listen(): Promise<ListeningAddresses> {
    const { host, tcpPort, httpPort, maxFrameBytes } = this.config;
    const accept = (connection: Connection): ConnectionHandler => this.#accept(connection);
    const tls = this.#tls === undefined ? {} : { tls: this.#tls };
    this.#tcp = await listenTcp({ host, port: tcpPort, maxFrameBytes, accept, ...tls });
    try {
      this.#http = await listenHttp({
        host,
        port: httpPort,
        handleRequest: (req, res) => this.#serveHttp(req, res),
        ...tls,
      });
    } catch (error) {
      this.#tcp.close();
      throw error;
    }
    this.#wss = attachWebSocket(this.#http, { path: '/ws', maxFrameBytes, accept });
    this.#heartbeat.start();
    return this.addresses();
  }

  /** True when the server speaks TLS (TCP) and HTTPS/WSS. */
  get secure(): boolean {
    return this.#tls !== undefined;
  }

  /** The bound addresses (ports resolved when 0 was asked). */
  addresses(): ListeningAddresses {
    const tcp = this.#tcp?.address();
    const web = this.#http?.address();
    if (tcp == null || web == null || typeof tcp === 'string' || typeof web === 'string') {
      throw new Error('The server is not listening');
    }
    return { tcp: { host: tcp.address, port: tcp.port }, http: { host: web.address, port: web.port } };
  }

  /**
   * Stops accepting connections, tells every client why (they may reconnect later), ends every
   * session, and waits up to `shutdownTimeoutMs` for the connections to close before cutting off
   * the rest.
   */
  async close(message = 'The server is shutting down; reconnect later.'): Promise<void> {
    this.#closing = true;
    this.#heartbeat.stop();
    for (const hook of this.#hooks) hook.serverClosing?.();
    const listeners: Array<Promise<unknown>> = [];
    if (this.#tcp) listeners.push(new Promise((resolve) => this.#tcp?.close(resolve)));
    if (this.#wss) listeners.push(new Promise((resolve) => this.#wss?.close(resolve)));
    if (this.#http) listeners.push(new Promise((resolve) => this.#http?.close(resolve)));
    // Everyone hears the notice before anyone's departure is announced.
    const peers = [...this.sessions.peers()];
    for (const peer of peers) {
      peer.deliverUnnumbered({ type: 'error', data: { code: 'SERVER_SHUTTING_DOWN', message, fatal: true } });
      peer.closeReason = 'SERVER_SHUTTING_DOWN';
    }
    for (const peer of peers) {
      peer.connection.close(CloseCode.SERVER_SHUTDOWN, 'SERVER_SHUTTING_DOWN');
      this.#detach(peer, 'end', 'lost');
    }
    for (const session of [...this.sessions.sessions()]) this.#endSession(session, 'lost');
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, this.config.shutdownTimeoutMs);
    });
    await Promise.race([Promise.all(peers.map((p) => p.gone)), deadline]);
    clearTimeout(timer);
    for (const peer of peers) peer.connection.destroy();
    this.#http?.closeAllConnections();
    await Promise.all(listeners);
  }

  // ── Errors, closing, away and back ───────────────────────────────────────────────────────────

  /** Answers with an `error`; a fatal one goes to the connection, which is then closed. */
  fail(session: Session, code: ErrorCode, message: string, re?: RequestId, path?: string): void {
    if (errorCatalog[code].fatal) {
      if (session.peer !== null) this.failPeer(session.peer, code, message, re);
      return;
    }
    this.metrics.errors.add(code);
    session.send(
      withRe(
        { type: 'error', data: { code, message, fatal: false, ...(path === undefined ? {} : { path }) } },
        re,
      ),
    );
  }

  /** Sends a fatal error to one connection (not numbered: it concerns the connection) and closes it. */
  failPeer(peer: Peer, code: ErrorCode, message: string, re?: RequestId): void {
    if (peer.closed) return;
    this.metrics.errors.add(code);
    const [closeCode, fate] = FATAL[code] ?? [CloseCode.PROTOCOL_ERROR, 'end'];
    // A client that stopped reading would not read this either.
    if (code !== 'LIMIT_SEND_BUFFER_FULL')
      peer.deliverUnnumbered(withRe({ type: 'error', data: { code, message, fatal: true } }, re));
    this.#dropPeer(peer, code, closeCode, fate);
  }

  /** Ends a session at its own request: its connection is closed and it is gone at once. */
  end(session: Session, reason: string, code: CloseCode, leaveReason: LeaveReason = 'lost'): void {
    if (session.peer !== null) this.#dropPeer(session.peer, reason, code, 'end', leaveReason);
    else this.#endSession(session, leaveReason);
  }

  isClosing(): boolean {
    return this.#closing;
  }

  setPlaying(session: Session, playing: boolean): void {
    if (session.automated) return;
    const state = playing ? UserState.PLAYING : UserState.FREE;
    if (session.state === UserState.AWAY) {
      session.stateBeforeAway = state;
      return;
    }
    if (session.state === state) return;
    session.state = state;
    for (const hook of this.#hooks) hook.stateChanged?.(session);
  }

  /** Runs the `named` hooks after a nickname was taken or changed. */
  named(session: Session, previous: string | null): void {
    if (previous === session.nick) return;
    if (previous === null && session.peer?.mode === 'text') {
      session.peer.writeLines([
        `* To resume this session if your connection drops, type: !reconnect ${session.token}`,
      ]);
    }
    for (const hook of this.#hooks) hook.named?.(session, previous);
  }

  #dropPeer(
    peer: Peer,
    reason: string,
    code: CloseCode,
    fate: SessionFate,
    leaveReason: LeaveReason = 'lost',
  ): void {
    if (peer.closed) return;
    peer.closeReason = reason;
    if (reason === 'LIMIT_SEND_BUFFER_FULL') peer.connection.destroy();
    else peer.connection.close(code, reason);
    this.#detach(peer, fate, leaveReason);
  }

  /** A connection is gone: forget it, and hold or end its session. */
  #detach(peer: Peer, fate: SessionFate, leaveReason: LeaveReason): void {
    this.sessions.removePeer(peer);
    this.metrics.connections.add(peer.connection.kind, -1);
    const session = peer.session;
    this.log.info(
      {
        event: 'connection.closed',
        session: session.id,
        transport: peer.connection.kind,
        address: peer.connection.remoteAddress,
        nick: session.nick,
        reason: peer.closeReason,
        durationMs: this.clock.now() - peer.openedAt,
      },
      'connection closed',
    );
    if (session.peer !== peer) return;
    session.peer = null;
    session.seqAtDrop = session.outbox.lastSeq;
    session.droppedAt = this.clock.now();
    if (fate === 'hold' && session.nick !== null && this.config.resumeGraceMs > 0) this.#holdAway(session);
    else if (fate !== 'keep') this.#endSession(session, leaveReason);
  }

  #holdAway(session: Session): void {
    if (session.state !== UserState.AWAY) session.stateBeforeAway = session.state;
    session.state = UserState.AWAY;
    clearTimeout(session.awayTimer);
    session.awayTimer = setTimeout(() => this.#endSession(session, 'lost'), this.config.resumeGraceMs);
    session.awayTimer.unref();
    this.log.info({ event: 'session.away', session: session.id, nick: session.nick }, 'session away');
    for (const hook of this.#hooks) hook.away?.(session);
  }

  #endSession(session: Session, leaveReason: LeaveReason): void {
    if (session.ended) return;
    session.ended = true;
    clearTimeout(session.awayTimer);
    this.sessions.removeSession(session);
    if (session.nick === null) return;
    this.log.info(
      { event: 'session.ended', session: session.id, nick: session.nick, reason: leaveReason },
      'session ended',
    );
    for (const hook of this.#hooks) hook.closed?.(session, leaveReason);
  }

  /**
   * Moves `peer` to the session `target` it resumes (B2): the connection that held `target`, if
   * any, is closed; missed events are replayed with their original `seq` (or, past the replay
   * limit, a fresh full state follows); the token is replaced.
   */
  resume(peer: Peer, target: Session, request: ClientMessageOf<'session.resume'>): void {
    if (target.peer !== null) {
      this.failPeer(target.peer, 'SESSION_REPLACED', 'This session was resumed on another connection.');
    }
    const fresh = peer.session;
    fresh.ended = true;
    this.sessions.removeSession(fresh);
    peer.session = target;
    peer.forgetPings();
    target.peer = peer;
    target.address = peer.connection.remoteAddress;
    clearTimeout(target.awayTimer);
    this.sessions.replaceToken(target, newToken());
    if (target.nick !== null) peer.textView?.adoptNick(target.nick);

    const lastSeq = peer.mode === 'text' ? target.seqAtDrop : (request.data.lastSeq ?? target.seqAtDrop);
    const missed = target.outbox.since(lastSeq);
    if (!missed.overflow) for (const [seq, message] of missed.events) peer.deliver(message, seq);
    if (target.state === UserState.AWAY) {
      target.state = target.stateBeforeAway;
      for (const hook of this.#hooks) hook.back?.(target);
    }
    this.reply(target, request, 'session.resumed', {
      nick: target.nick,
      token: target.token,
      missed: missed.overflow ? 0 : missed.events.length,
      overflow: missed.overflow,
    });
    if (missed.overflow) for (const hook of this.#hooks) hook.resumed?.(target);
    this.metrics.resumeSuccesses.inc();
    this.log.info(
      { event: 'session.resumed', session: target.id, nick: target.nick, lastSeq, overflow: missed.overflow },
      'session resumed',
    );
  }

  // ── Connections ──────────────────────────────────────────────────────────────────────────────

  #accept(connection: Connection): ConnectionHandler {
    const now = this.clock.now();
    const session = new Session(randomBytes(9).toString('base64url'), newToken(), this.config.replayLimit);
    const peer = new Peer(connection, session, now, this);
    this.metrics.connections.add(connection.kind);
    session.peer = peer;
    session.address = connection.remoteAddress;
    const tooMany = this.sessions.countFrom(connection.remoteAddress) >= this.config.maxConnectionsPerAddress;
    this.sessions.addSession(session);
    this.sessions.addPeer(peer);
    this.log.info(
      {
        event: 'connection.opened',
        session: session.id,
        transport: connection.kind,
        address: connection.remoteAddress,
      },
      'connection opened',
    );
    const refusal = this.#admissions
      .map((admit) => admit(connection.remoteAddress))
      .find((r) => r !== undefined);
    if (refusal) {
      this.failPeer(peer, refusal.code, refusal.message);
    } else if (tooMany) {
      this.failPeer(
        peer,
        'LIMIT_TOO_MANY_CONNECTIONS',
        `Too many connections from your address (at most ${this.config.maxConnectionsPerAddress}).`,
      );
    } else if (peer.mode === 'pending') {
      const timer = setTimeout(() => {
        if (peer.mode === 'pending' && !peer.closed) this.#greetText(peer);
      }, this.config.textBannerDelayMs);
      timer.unref();
    }
    return peer;
  }

  // ── PeerHost: what connections report (through their Peer) ─────────────────────────────────────

  peerFrame(peer: Peer, text: string): void {
    this.#enqueue(peer, text);
  }

  peerOversize(peer: Peer): void {
    this.failPeer(
      peer,
      'PROTO_FRAME_TOO_LARGE',
      `A message may be at most ${this.config.maxFrameBytes} bytes.`,
    );
  }

  peerAlive(peer: Peer): void {
    this.#heard(peer);
    peer.acknowledged();
  }

  peerClosed(peer: Peer): void {
    peer.markGone();
    if (peer.closed) return;
    peer.closeReason = 'peer closed';
    this.#detach(peer, 'hold', 'lost');
  }

  peerSendBufferFull(peer: Peer): void {
    this.failPeer(peer, 'LIMIT_SEND_BUFFER_FULL', 'You stopped reading; disconnecting.');
  }

  #greetText(peer: Peer): void {
    peer.writeLines([TEXT_BANNER]);
    peer.pingsSent = 0;
  }

  #heard(peer: Peer): void {
    peer.lastSeenAt = this.clock.now();
    peer.pingsSent = 0;
  }

  // ── The chokepoint ───────────────────────────────────────────────────────────────────────────

  #onFrame(peer: Peer, text: string): void {
    if (peer.closed) return;
    const now = this.clock.now();
    this.#heard(peer);
    if (peer.mode === 'pending') {
      if (text.trim() === '') return;
      if (text.trimStart().startsWith('{')) peer.mode = 'json';
      else {
        if (now - peer.openedAt < this.config.textBannerDelayMs) this.#greetText(peer);
        peer.enterTextMode();
      }
    }
    // A blank line is a keepalive: it proves the peer is there and costs nothing.
    if (text.trim() === '') return;
    const decoded = this.#decode(peer, text);
    this.metrics.messagesIn.add(
      decoded.kind === 'request'
        ? decoded.request.type
        : decoded.kind === 'invalid'
          ? 'invalid'
          : 'text-local',
    );
    // Every frame pays, garbage included: a client cannot make the server answer errors for free.
    const chat = decoded.kind === 'request' && CHAT_TYPES.has(decoded.request.type);
    const stream = decoded.kind === 'request' && STREAM_TYPES.has(decoded.request.type);
    const allowed = stream
      ? peer.takeStream(now)
      : peer.messageLimit.take(now) && (!chat || peer.takeChat(now));
    if (!allowed) {
      this.#refuseFlood(
        peer,
        decoded.kind === 'request' ? decoded.request.id : decoded.kind === 'invalid' ? decoded.re : undefined,
      );
      return;
    }
    peer.refusals = 0;
    const session = peer.session;
    if (decoded.kind !== 'request') {
      this.#answerLocally(peer, decoded);
      return;
    }
    const request = decoded.request;

    if (peer.mode === 'json' && !peer.helloDone && !BEFORE_HELLO.has(request.type)) {
      this.fail(session, 'PROTO_HANDSHAKE_REQUIRED', 'Send "hello" first.', request.id);
      return;
    }
    if (session.nick === null && !BEFORE_NICK.has(request.type)) {
      this.fail(session, 'NICK_REQUIRED', 'Choose a nickname first (nick.set, or /nick NAME).', request.id);
      return;
    }
    const guarded = this.#guards.map((guard) => guard(session, request)).find((r) => r !== undefined);
    if (guarded) {
      this.fail(session, guarded.code, guarded.message, request.id);
      return;
    }
    const handler = this.#handlers.get(request.type) as Handler<ClientMessageType> | undefined;
    let outcome: ReturnType<Handler<ClientMessageType>>;
    try {
      outcome = handler
        ? handler(session, request as never)
        : { code: 'INTERNAL_ERROR', message: `No handler for "${request.type}".` };
    } catch (error) {
      outcome = this.#handlerFailed(session, request, error);
    }
    if (outcome instanceof Promise) {
      // Later frames of this connection wait, so that requests are handled in the order sent.
      peer.waiting = [];
      outcome
        .catch((error: unknown) => this.#handlerFailed(session, request, error))
        .then((rejection) => {
          if (rejection) this.fail(peer.session, rejection.code, rejection.message, request.id);
          const queued = peer.waiting ?? [];
          peer.waiting = null;
          this.#drain(peer, queued);
        });
      return;
    }
    if (outcome) this.fail(peer.session, outcome.code, outcome.message, request.id);
  }

  #handlerFailed(session: Session, request: ClientMessage, error: unknown): Rejection {
    this.log.error({ err: error, session: session.id, type: request.type }, 'handler failed');
    return { code: 'INTERNAL_ERROR', message: 'The server failed to handle this request; it is logged.' };
  }

  /** Handles the frames that waited, until one of them starts another asynchronous handler. */
  #drain(peer: Peer, queued: readonly string[]): void {
    for (let i = 0; i < queued.length; i++) {
      if (peer.waiting !== null) {
        peer.waiting.push(...queued.slice(i));
        return;
      }
      this.#onFrame(peer, queued[i] as string);
    }
  }

  /** Frames arriving while an asynchronous handler runs wait their turn (bounded by flood control). */
  #enqueue(peer: Peer, text: string): void {
    if (peer.waiting === null) {
      this.#onFrame(peer, text);
      return;
    }
    this.#heard(peer);
    if (peer.waiting.length >= MAX_WAITING_FRAMES) {
      this.failPeer(
        peer,
        'RATE_LIMIT_EXCEEDED',
        'Too many messages while a request was being handled; disconnecting.',
      );
      return;
    }
    peer.waiting.push(text);
  }

  /** What a frame is: a request, or something answered without a handler (an error, text-mode help). */
  #decode(peer: Peer, text: string): Decoded {
    if (peer.textView === null) {
      const parsed = parseClientFrame(text);
      return parsed.ok ? { kind: 'request', request: parsed.value } : { kind: 'invalid', ...parsed.error };
    }
    const input = peer.textView.input(text);
    switch (input.kind) {
      case 'request':
        return { kind: 'request', request: input.request as ClientMessage };
      case 'error':
        return { kind: 'invalid', code: input.code, message: input.message };
      default:
        return input;
    }
  }

  #answerLocally(peer: Peer, decoded: Exclude<Decoded, { kind: 'request' }>): void {
    switch (decoded.kind) {
      case 'invalid':
        this.fail(peer.session, decoded.code, decoded.message, decoded.re, decoded.path);
        return;
      case 'help':
        peer.writeLines(peer.textView?.help() ?? []);
        return;
      case 'ask-nick':
        peer.writeLines(['Choose a nickname (2 to 12 of A-Z a-z 0-9 _ -):']);
        return;
      case 'nothing':
        return;
    }
  }

  #refuseFlood(peer: Peer, re: RequestId | undefined): void {
    peer.refusals += 1;
    if (peer.refusals > this.config.floodMaxRefusals) {
      this.failPeer(
        peer,
        'RATE_LIMIT_EXCEEDED',
        'Too many messages refused for flooding; disconnecting.',
        re,
      );
    } else {
      const left = this.config.floodMaxRefusals - peer.refusals + 1;
      this.fail(
        peer.session,
        'RATE_LIMITED',
        `You are sending too fast; message refused. ${left} more and you are disconnected.`,
        re,
      );
    }
  }

  #serveHttp(request: http.IncomingMessage, response: http.ServerResponse): void {
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { 'content-type': 'text/plain; charset=utf-8', allow: 'GET, HEAD' });
      response.end('Method not allowed\n');
      return;
    }
    if (this.#site?.serve(path, request, response) === true) return;
    switch (path) {
      case '/health':
        this.#serveHealth(response);
        return;
      case '/metrics':
        this.metrics.registry.metrics().then(
          (text) => {
            response.writeHead(200, { 'content-type': this.metrics.registry.contentType });
            response.end(text);
          },
          (error: unknown) => {
            this.log.error({ err: error }, 'metrics failed');
            response.writeHead(500).end();
          },
        );
        return;
      case '/':
      case '/info': {
        const { tcp } = this.addresses();
        response.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
        response.end(
          `${SERVER_NAME}\nWebSocket: ${this.#tls ? 'wss' : 'ws'}://${request.headers.host ?? 'HOST'}/ws (JSON messages, see docs/protocol.md)\n` +
            `TCP: port ${tcp.port} (JSON lines or text mode: nc HOST ${tcp.port})\nHealth: /health  Metrics: /metrics\n` +
            (this.#site === undefined ? 'The browser client is not built (npm run build).\n' : ''),
        );
        return;
      }
      default:
        response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
        response.end('Not found\n');
    }
  }

  /** `GET /health`: 200 while serving, 503 once shutting down (so load balancers stop sending). */
  #serveHealth(response: http.ServerResponse): void {
    const connections = Object.fromEntries(this.metrics.connections.counts);
    const body = {
      status: this.#closing ? 'stopping' : 'ok',
      ready: !this.#closing,
      version: SERVER_VERSION,
      uptimeSeconds: Math.round((this.clock.now() - this.startedAt) / 1000),
      connections: { tcp: connections.tcp ?? 0, ws: connections.ws ?? 0 },
      sessions: this.sessions.size,
    };
    response.writeHead(this.#closing ? 503 : 200, {
      'content-type': 'application/json',
      'cache-control': 'no-store',
    });
    response.end(JSON.stringify(body));
  }
}

const withRe = <M extends ServerMessage>(message: M, re: RequestId | undefined): M =>
  re === undefined ? message : { ...message, re };
