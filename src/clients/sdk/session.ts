import {
  type ClientData,
  PROTOCOL_VERSION,
  type ServerData,
  type ServerMessage,
  type ServerMessageOf,
} from '../../protocol/index.ts';
import { reconnectPolicy } from './backoff.ts';
import type { CloseInfo, ConnectionEvent, ConnectOptions } from './client-types.ts';
import { Emitter } from './emitter.ts';
import { ClientErrorCode, ParlorError } from './errors.ts';
import type { Inbox } from './inbox.ts';
import type { LinkFactory } from './link.ts';
import { LinkConnection } from './link-connection.ts';
import type { Outgoing } from './outgoing.ts';
import { type ReconnectHost, Reconnector } from './reconnector.ts';
import { systemTimers, type Timers } from './timers.ts';

/**
 * A client's session across connections (B4): its token, nickname and latest `welcome`; the first
 * connection; which connection is current, and where its messages go; what a resume or its refusal
 * changes; and the end. When to reconnect is the `Reconnector`'s business.
 *
 * Messages of the current connection go to the listeners once each (see `Inbox`), except those an
 * attempt in progress claims: the new connection's own session speaking before the resume.
 */
export class Session implements ReconnectHost {
  readonly states = new Emitter<ConnectionEvent>();
  readonly closeListeners = new Emitter<CloseInfo>();
  readonly closed: Promise<CloseInfo>;
  readonly timeoutMs: number;
  readonly #timers: Timers;
  readonly #open: LinkFactory;
  readonly #options: ConnectOptions;
  readonly #inbox: Inbox;
  readonly #outgoing: Outgoing;
  readonly #reconnector: Reconnector;
  readonly #resolveClosed: (info: CloseInfo) => void;
  readonly #retakeNick: boolean;
  #connection: LinkConnection | undefined;
  /** `connect` succeeded: a lost connection is now retried. */
  #established = false;
  #quitting = false;
  #token = '';
  /** The latest `welcome`, the current nickname, and why the session ended (once it has). */
  welcome: ServerData<'welcome'> | undefined;
  nick: string | null = null;
  /** `connect` took over the session of `ConnectOptions.resume`. */
  resumedAtStart = false;
  closeInfo: CloseInfo | undefined;

  constructor(open: LinkFactory, options: ConnectOptions, inbox: Inbox, outgoing: Outgoing) {
    this.#open = open;
    this.#options = options;
    this.#inbox = inbox;
    this.#outgoing = outgoing;
    this.#timers = options.timers ?? systemTimers;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    const policy = reconnectPolicy(options.reconnect);
    this.#retakeNick = policy?.retakeNick ?? false;
    const random = options.random ?? Math.random;
    const timing = { policy, timers: this.#timers, random, timeoutMs: this.timeoutMs };
    this.#reconnector = new Reconnector({ ...timing, open, outgoing }, this);
    let resolveClosed: (info: CloseInfo) => void = () => {};
    this.closed = new Promise((resolve) => {
      resolveClosed = resolve;
    });
    this.#resolveClosed = resolveClosed;
  }

  get ended(): boolean {
    return this.closeInfo !== undefined;
  }

  /** Opens the first connection and says `hello` (see `ParlorClient.connect`); not retried. */
  async start(): Promise<void> {
    const connection = this.connect();
    try {
      await connection.open(this.#open);
    } catch (error) {
      const failure = error as ParlorError;
      this.finish({ reason: failure.message, code: failure.code });
      throw failure;
    }
    this.#outgoing.resume(connection);
    try {
      const welcome = await this.#outgoing.request('hello', this.hello(), this.timeoutMs);
      this.welcomed(connection, welcome.data as ServerData<'welcome'>);
      this.#token = this.welcome?.resumeToken ?? '';
      const earlier = this.#options.resume;
      if (earlier !== undefined) this.resumedAtStart = await this.#resumeEarlier(earlier);
      const nick = this.#options.nick;
      if (nick !== undefined && !this.resumedAtStart) {
        await this.#outgoing.request('nick.set', { nick }, this.timeoutMs);
      }
    } catch (error) {
      this.finish({ reason: 'Connecting failed.', code: null });
      throw error;
    }
    this.#established = true;
  }

  /**
   * Asks to take over an earlier session (`ConnectOptions.resume`); true when the server agreed.
   * The replayed messages carry that session's numbers, so the inbox starts counting from the last
   * one the caller had; after a refusal the new session's own numbering simply goes on.
   */
  async #resumeEarlier(earlier: NonNullable<ConnectOptions['resume']>): Promise<boolean> {
    const fresh = this.#inbox.lastSeq;
    const lastSeq = earlier.lastSeq ?? 0;
    this.#inbox.restart(lastSeq);
    try {
      const reply = await this.#outgoing.request(
        'session.resume',
        { token: earlier.token, lastSeq },
        this.timeoutMs,
      );
      const data = reply.data as ServerData<'session.resumed'>;
      this.#token = data.token;
      this.nick = data.nick;
      return true;
    } catch (error) {
      if (!(error instanceof ParlorError) || error.code.startsWith('CLIENT_')) throw error;
      this.#inbox.restart(Math.max(fresh, this.#inbox.lastSeq));
      return false;
    }
  }

  /** The token that resumes this session now (it changes at every resume). */
  get token(): string {
    return this.#token;
  }

  /** Says `quit` and waits for `bye` (a loss then ends the session), or closes at once if not connected. */
  async quit(message: string | undefined, timeoutMs: number): Promise<CloseInfo> {
    if (!this.ended && !this.#outgoing.ready) this.finish({ reason: 'Quit while disconnected.', code: null });
    if (this.closeInfo !== undefined) return this.closeInfo;
    this.#quitting = true;
    try {
      const bye = await this.#outgoing.request('quit', message === undefined ? {} : { message }, timeoutMs);
      this.finish({ reason: (bye as ServerMessageOf<'bye'>).data.message, code: null });
    } catch {
      this.finish({ reason: 'Quit without a goodbye from the server.', code: null });
    }
    return this.closed;
  }

  /** Stops for good (idempotent): cancels any wait or attempt, closes the link, fails whatever waits. */
  finish(info: CloseInfo): void {
    if (this.closeInfo !== undefined) return;
    this.closeInfo = info;
    this.#reconnector.cancel();
    this.#connection?.close();
    this.#connection = undefined;
    const code = info.code ?? ClientErrorCode.CLIENT_DISCONNECTED;
    this.#outgoing.close(code, info.reason);
    this.#inbox.end(
      new ParlorError(code, `No more messages will arrive: the connection has closed: ${info.reason}`),
    );
    this.#resolveClosed(info);
    this.states.tell({ state: 'closed', info });
    this.closeListeners.tell(info);
  }

  announce(event: ConnectionEvent): void {
    this.states.tell(event);
  }

  hello(): ClientData<'hello'> {
    const client = this.#options.client;
    return client === undefined ? { protocol: PROTOCOL_VERSION } : { protocol: PROTOCOL_VERSION, client };
  }

  resumeRequest(): ClientData<'session.resume'> {
    return { token: this.#token, lastSeq: this.#inbox.lastSeq };
  }

  /** Its `resumeToken` is that of the connection's own new session: kept only if no resume follows. */
  welcomed(connection: LinkConnection, welcome: ServerData<'welcome'>): void {
    this.welcome = welcome;
    if (this.#options.heartbeat !== false) connection.startHeartbeat(welcome.limits);
  }

  /** A new connection, made the current one; its events count only while it is. */
  connect(): LinkConnection {
    const connection: LinkConnection = new LinkConnection(
      {
        message: (message) => this.#onMessage(connection, message),
        problem: (problem) => {
          if (connection === this.#connection) this.#inbox.problem(problem);
        },
        ended: (info) => this.#onEnded(connection, info),
      },
      this.#timers,
    );
    this.#connection = connection;
    return connection;
  }

  resumed(connection: LinkConnection, attempt: number, data: ServerData<'session.resumed'>): void {
    this.#token = data.token;
    this.nick = data.nick;
    // Replies not replayed: the server never got these requests, or has not finished them.
    const why = 'the connection was lost before the reply (the request may or may not have been carried out)';
    this.#outgoing.failInFlight(ClientErrorCode.CLIENT_DISCONNECTED, why);
    this.#ready(connection);
    this.announce({ state: 'reconnected', attempt, missed: data.missed, overflow: data.overflow });
  }

  /** The server refused the resume: carry on with the new connection's own, new session. */
  refused(connection: LinkConnection, error: ParlorError): void {
    this.#reconnector.succeeded();
    this.#inbox.restart(connection.highestSeq);
    this.#token = this.welcome?.resumeToken ?? '';
    const nick = this.#retakeNick ? this.nick : null;
    this.nick = null;
    this.#outgoing.failSession(`the session was lost (${error.message})`);
    this.announce({ state: 'session-lost', code: error.code, reason: error.message, nick });
    const ready = (): void => {
      if (connection !== this.#connection || this.ended) return;
      this.#ready(connection);
      this.announce({ state: 'connected', nick: this.nick });
    };
    if (nick === null) ready();
    else this.#outgoing.ask(connection, 'nick.set', { nick }, this.timeoutMs, ready);
  }

  #ready(connection: LinkConnection): void {
    this.#reconnector.succeeded();
    this.#outgoing.resume(connection);
  }

  #onMessage(connection: LinkConnection, message: ServerMessage): void {
    if (connection !== this.#connection || this.ended) return;
    if (this.#reconnector.attempt?.claims(message) === true) {
      this.#outgoing.settle(message);
      return;
    }
    if (!this.#inbox.admit(message)) return;
    if (message.type === 'nick.accepted' || message.type === 'account.logged_in')
      this.nick = message.data.nick;
    this.#outgoing.settle(message);
    this.#inbox.deliver(message);
  }

  #onEnded(connection: LinkConnection, info: CloseInfo): void {
    if (connection !== this.#connection || this.ended) return;
    if (!this.#established || this.#quitting) this.finish(info);
    else {
      this.#connection = undefined;
      this.#reconnector.lost(info);
    }
  }
}
