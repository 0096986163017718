import { randomBytes } from 'node:crypto';
import type http from 'node:http';
import type net from 'node:net';
import type { Logger } from 'pino';
import type { WebSocketServer } from 'ws';
import type { Config } from '../config/index.ts';
import {
  type ClientMessage,
  type ClientMessageType,
  CloseCode,
  type ErrorCode,
  errorCatalog,
  type LeaveReason,
  parseClientFrame,
  type RequestId,
  type ServerData,
  type ServerMessage,
  type ServerMessageType,
} from '../protocol/index.ts';
import {
  attachWebSocket,
  type Connection,
  type ConnectionHandler,
  listenHttp,
  listenTcp,
} from '../transport/index.ts';
import { type Clock, systemClock } from './clock.ts';
import { registerCoreHandlers } from './core-handlers.ts';
import type { Handler, Rejection, ServerCore, SessionHooks } from './handlers.ts';
import { Heartbeat } from './heartbeat.ts';
import { Session } from './session.ts';
import { SessionRegistry } from './session-registry.ts';
import { SERVER_NAME, TEXT_BANNER } from './text-banner.ts';

/** Everything the server is built from; `main/` provides it. */
export interface ServerOptions {
  readonly config: Config;
  readonly logger: Logger;
  readonly clock?: Clock;
}

/** Where the server listens, once started. */
export interface ListeningAddresses {
  readonly tcp: { readonly host: string; readonly port: number };
  readonly http: { readonly host: string; readonly port: number };
}

/** Requests accepted before the session has a nickname (B1). */
const BEFORE_NICK: ReadonlySet<ClientMessageType> = new Set(['hello', 'nick.set', 'ping', 'pong', 'quit']);
/** Requests that cost a chat token as well (flood control of chat lines). */
const CHAT_TYPES: ReadonlySet<ClientMessageType> = new Set(['chat.say', 'chat.tell']);

const CLOSE_CODE_OF: Partial<Record<ErrorCode, CloseCode>> = {
  PROTO_FRAME_TOO_LARGE: CloseCode.FRAME_TOO_LARGE,
  PROTO_VERSION_UNSUPPORTED: CloseCode.PROTOCOL_ERROR,
  RATE_LIMIT_EXCEEDED: CloseCode.RATE_LIMITED,
  LIMIT_TOO_MANY_CONNECTIONS: CloseCode.TOO_MANY_CONNECTIONS,
  LIMIT_SEND_BUFFER_FULL: CloseCode.SEND_BUFFER_FULL,
  HEARTBEAT_TIMEOUT: CloseCode.HEARTBEAT_TIMEOUT,
  SERVER_SHUTTING_DOWN: CloseCode.SERVER_SHUTDOWN,
};

/**
 * The Parlor server: accepts connections from every transport, turns each into a session, and
 * runs every incoming frame through one chokepoint:
 *
 *   frame ─► mode (JSON | text) ─► flood control ─► parse + validate ─► handshake / nick gates ─► handler
 *
 * Areas (chat, games) plug in through `ServerContext`: handlers per message type and hooks.
 */
export class ParlorServer implements ServerCore {
  readonly config: Config;
  readonly log: Logger;
  readonly clock: Clock;
  readonly sessions = new SessionRegistry();
  readonly #handlers = new Map<ClientMessageType, Handler<never>>();
  readonly #hooks: Array<Partial<SessionHooks>> = [];
  readonly #heartbeat: Heartbeat;
  #tcp: net.Server | undefined;
  #http: http.Server | undefined;
  #wss: WebSocketServer | undefined;

  constructor(options: ServerOptions) {
    this.config = options.config;
    this.log = options.logger;
    this.clock = options.clock ?? systemClock;
    this.#heartbeat = new Heartbeat(this, this.config);
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

  byNick(nick: string): Session | undefined {
    return this.sessions.byNick(nick);
  }

  namedSessions(): Iterable<Session> {
    return this.sessions.named();
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
    this.#tcp = await listenTcp({ host, port: tcpPort, maxFrameBytes, accept });
    try {
      this.#http = await listenHttp({
        host,
        port: httpPort,
        handleRequest: (req, res) => this.#serveHttp(req, res),
      });
    } catch (error) {
      this.#tcp.close();
      throw error;
    }
    this.#wss = attachWebSocket(this.#http, { path: '/ws', maxFrameBytes, accept });
    this.#heartbeat.start();
    return this.addresses();
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

  /** Stops listening and closes every connection, telling each client why. */
  async close(message = 'The server is shutting down; reconnect later.'): Promise<void> {
    this.#heartbeat.stop();
    for (const session of [...this.sessions.all()]) this.fail(session, 'SERVER_SHUTTING_DOWN', message);
    const closing: Array<Promise<unknown>> = [];
    if (this.#tcp) closing.push(new Promise((resolve) => this.#tcp?.close(resolve)));
    if (this.#wss) closing.push(new Promise((resolve) => this.#wss?.close(resolve)));
    if (this.#http) {
      this.#http.closeAllConnections();
      closing.push(new Promise((resolve) => this.#http?.close(resolve)));
    }
    for (const session of [...this.sessions.all()]) session.connection.destroy();
    await Promise.all(closing);
  }

  // ── Errors and closing ───────────────────────────────────────────────────────────────────────

  /** Sends an `error`; for fatal codes, then closes the connection. */
  fail(session: Session, code: ErrorCode, message: string, re?: RequestId, path?: string): void {
    const fatal = errorCatalog[code].fatal;
    const data: ServerData<'error'> = { code, message, fatal, ...(path === undefined ? {} : { path }) };
    session.send(withRe({ type: 'error', data }, re));
    if (fatal) this.end(session, code, CLOSE_CODE_OF[code] ?? CloseCode.PROTOCOL_ERROR);
  }

  /** Ends a session: closes its connection (after flushing) and runs the `closed` hooks. */
  end(session: Session, reason: string, code: CloseCode, leaveReason: LeaveReason = 'lost'): void {
    if (session.closed) return;
    session.closeReason = reason;
    session.connection.close(code, reason);
    this.#forget(session, leaveReason);
  }

  #forget(session: Session, leaveReason: LeaveReason): void {
    this.sessions.remove(session);
    this.log.info(
      {
        event: 'connection.closed',
        session: session.id,
        transport: session.connection.kind,
        address: session.connection.remoteAddress,
        nick: session.nick,
        reason: session.closeReason,
        durationMs: this.clock.now() - session.openedAt,
      },
      'connection closed',
    );
    if (session.nick !== null) for (const hook of this.#hooks) hook.closed?.(session, leaveReason);
  }

  /** Runs the `named` hooks after a nickname was taken or changed. */
  named(session: Session, previous: string | null): void {
    for (const hook of this.#hooks) hook.named?.(session, previous);
  }

  // ── Connections ──────────────────────────────────────────────────────────────────────────────

  #accept(connection: Connection): ConnectionHandler {
    const now = this.clock.now();
    const session = new Session({
      id: `sess_${randomBytes(9).toString('base64url')}`,
      connection,
      now,
      limits: this.config,
      onSendBufferFull: (s) => {
        s.closeReason = 'LIMIT_SEND_BUFFER_FULL';
        connection.destroy();
        this.#forget(s, 'lost');
      },
    });
    const tooMany = this.sessions.countFrom(connection.remoteAddress) >= this.config.maxConnectionsPerAddress;
    this.sessions.add(session);
    this.log.info(
      {
        event: 'connection.opened',
        session: session.id,
        transport: connection.kind,
        address: connection.remoteAddress,
      },
      'connection opened',
    );
    if (tooMany) {
      this.fail(
        session,
        'LIMIT_TOO_MANY_CONNECTIONS',
        `This address already has ${this.config.maxConnectionsPerAddress} connections open.`,
      );
    } else if (session.mode === 'pending') {
      const timer = setTimeout(() => {
        if (session.mode === 'pending' && !session.closed) this.#greetText(session);
      }, this.config.textBannerDelayMs);
      timer.unref();
    }
    return {
      frame: (text) => this.#onFrame(session, text),
      oversize: () =>
        this.fail(
          session,
          'PROTO_FRAME_TOO_LARGE',
          `A message may be at most ${this.config.maxFrameBytes} bytes.`,
        ),
      alive: () => this.#heard(session),
      closed: () => {
        if (session.closed) return;
        session.closeReason = 'peer closed';
        this.#forget(session, 'lost');
      },
    };
  }

  #greetText(session: Session): void {
    session.sendLines([TEXT_BANNER]);
    session.pingsSent = 0;
  }

  #heard(session: Session): void {
    session.lastSeenAt = this.clock.now();
    session.pingsSent = 0;
  }

  // ── The chokepoint ───────────────────────────────────────────────────────────────────────────

  #onFrame(session: Session, text: string): void {
    if (session.closed) return;
    const now = this.clock.now();
    this.#heard(session);
    if (session.mode === 'pending') {
      if (text.trim() === '') return;
      if (text.trimStart().startsWith('{')) session.mode = 'json';
      else {
        if (now - session.openedAt < this.config.textBannerDelayMs) this.#greetText(session);
        session.enterTextMode();
      }
    }
    const request = this.#decode(session, text);
    if (request === undefined || session.closed) return;

    if (!session.messageLimit.take(now) || (CHAT_TYPES.has(request.type) && !session.chatLimit.take(now))) {
      this.#refuseFlood(session, request.id);
      return;
    }
    session.refusals = 0;

    if (session.mode === 'json' && !session.helloDone && request.type !== 'hello') {
      this.fail(session, 'PROTO_HANDSHAKE_REQUIRED', 'Send "hello" first.', request.id);
      return;
    }
    if (session.nick === null && !BEFORE_NICK.has(request.type)) {
      this.fail(session, 'NICK_REQUIRED', 'Choose a nickname first (nick.set, or /nick NAME).', request.id);
      return;
    }
    const handler = this.#handlers.get(request.type) as Handler<ClientMessageType> | undefined;
    let rejection: Rejection | undefined;
    try {
      rejection = handler
        ? handler(session, request as never)
        : { code: 'INTERNAL_ERROR', message: `No handler for "${request.type}".` };
    } catch (error) {
      this.log.error({ err: error, session: session.id, type: request.type }, 'handler failed');
      rejection = {
        code: 'INTERNAL_ERROR',
        message: 'The server failed to handle this request; it is logged.',
      };
    }
    if (rejection) this.fail(session, rejection.code, rejection.message, request.id);
  }

  /** The frame as a request, or undefined when it was not one (the client has been answered). */
  #decode(session: Session, text: string): ClientMessage | undefined {
    if (session.textView === null) {
      const parsed = parseClientFrame(text);
      if (parsed.ok) return parsed.value;
      const { code, message, re, path } = parsed.error;
      this.fail(session, code, message, re, path);
      return undefined;
    }
    const input = session.textView.input(text);
    switch (input.kind) {
      case 'request':
        return input.request as ClientMessage;
      case 'help':
        session.sendLines(session.textView.help());
        return undefined;
      case 'ask-nick':
        session.sendLines(['Choose a nickname (2 to 12 of A-Z a-z 0-9 _ -):']);
        return undefined;
      case 'nothing':
        return undefined;
      case 'error':
        this.fail(session, input.code, input.message);
        return undefined;
    }
  }

  #refuseFlood(session: Session, re: RequestId | undefined): void {
    session.refusals += 1;
    if (session.refusals > this.config.floodMaxRefusals) {
      this.fail(session, 'RATE_LIMIT_EXCEEDED', 'Too many messages refused for flooding; disconnecting.', re);
    } else {
      const left = this.config.floodMaxRefusals - session.refusals + 1;
      this.fail(
        session,
        'RATE_LIMITED',
        `You are sending too fast; message refused. ${left} more and you are disconnected.`,
        re,
      );
    }
  }

  #serveHttp(request: http.IncomingMessage, response: http.ServerResponse): void {
    if (request.url === '/' && (request.method === 'GET' || request.method === 'HEAD')) {
      const { tcp } = this.addresses();
      response.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      response.end(
        `${SERVER_NAME}\nWebSocket: ws://${request.headers.host ?? 'HOST'}/ws (JSON messages, see docs/protocol.md)\n` +
          `TCP: port ${tcp.port} (JSON lines or text mode: nc HOST ${tcp.port})\n`,
      );
      return;
    }
    response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    response.end('Not found\n');
  }
}

const withRe = <M extends ServerMessage>(message: M, re: RequestId | undefined): M =>
  re === undefined ? message : { ...message, re };
