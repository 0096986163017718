import type {
  ClientData,
  ClientMessageType,
  ServerData,
  ServerMessage,
  ServerMessageOf,
  ServerMessageType,
} from '../../protocol/index.ts';
import type {
  ClientState,
  CloseInfo,
  ConnectionEvent,
  ConnectOptions,
  ProtocolProblem,
  RequestOptions,
} from './client-types.ts';
import type { Unsubscribe } from './emitter.ts';
import { ClientErrorCode, ParlorError } from './errors.ts';
import { Inbox } from './inbox.ts';
import type { LinkFactory } from './link.ts';
import { Outgoing } from './outgoing.ts';
import type { OutgoingMessage, ReplyType, RequestType } from './replies.ts';
import { Session } from './session.ts';
import { systemTimers } from './timers.ts';

/**
 * A typed Parlor client over any `Link`. It numbers requests and matches replies, answers the
 * server's pings, watches for a silent server, validates every incoming frame, and (unless
 * `reconnect: false`) reconnects and resumes its session when the connection is lost (B4).
 *
 * While reconnecting, requests and `send`s are queued and go out once the session is back. A
 * request that was on its way when the connection dropped is never sent twice: if the server
 * answered it, the replayed reply settles it; otherwise it is rejected with `CLIENT_DISCONNECTED`
 * once resumed (it may or may not have been carried out). Replayed messages reach the listeners
 * exactly once, in order. A listener that throws does not disturb the client: its error is
 * rethrown afterwards, uncaught (loud, as a bug should be).
 *
 * @example
 * const client = await ParlorClient.connect(tcpLink('127.0.0.1', 4000), { nick: 'alice' });
 * client.on('chat.message', (m) => console.log(`<${m.data.from}> ${m.data.text}`));
 * client.onState((event) => console.log(event.state));
 * await client.request('chat.say', { text: 'hello' });
 */
export class ParlorClient {
  /** Settles once when the client stops for good (closed, quit, gave up, banned…), with why; never rejects. */
  readonly closed: Promise<CloseInfo>;
  readonly #inbox: Inbox;
  readonly #outgoing: Outgoing;
  readonly #session: Session;

  /**
   * A client not connected yet: attach listeners, then `start()`. Use this rather than `connect`
   * when the listeners must see every message from the first one on, such as the messages a
   * resumed session replays (`ConnectOptions.resume`).
   */
  constructor(open: LinkFactory, options: ConnectOptions = {}) {
    const timers = options.timers ?? systemTimers;
    this.#inbox = new Inbox(options.bufferSize ?? 256, timers);
    this.#outgoing = new Outgoing(timers);
    this.#session = new Session(open, options, this.#inbox, this.#outgoing);
    this.closed = this.#session.closed;
  }

  /**
   * Opens a link, says `hello`, takes `options.nick` if given, and resolves once ready. Rejects with
   * a `ParlorError`: `CLIENT_UNREACHABLE`, `CLIENT_TIMEOUT`, or the server's code (this first
   * connection is not retried). After a first nickname the server also sends `room.joined` for
   * the lobby: get it with `waitFor`.
   */
  static async connect(open: LinkFactory, options: ConnectOptions = {}): Promise<ParlorClient> {
    const client = new ParlorClient(open, options);
    await client.start();
    return client;
  }

  /** Connects a client made with `new` (see `connect`, which does both); call it once. */
  start(): Promise<void> {
    return this.#session.start();
  }

  /**
   * What the server announced in the latest `welcome`: its name, protocol version and limits. Its
   * `resumeToken` is not the session's after a resume (the client keeps that one itself).
   */
  get welcome(): ServerData<'welcome'> {
    const welcome = this.#session.welcome;
    if (welcome === undefined) throw new Error('The client has not been welcomed yet');
    return welcome;
  }

  /** The nickname the server accepted last, or null. */
  get nick(): string | null {
    return this.#session.nick;
  }

  /** True once the client has stopped for good (see `closed`). */
  get isClosed(): boolean {
    return this.#session.closeInfo !== undefined;
  }

  /** `connected`, `reconnecting` (requests are queued meanwhile) or `closed`. */
  get state(): ClientState {
    if (this.#session.closeInfo !== undefined) return 'closed';
    return this.#outgoing.ready ? 'connected' : 'reconnecting';
  }

  /** The secret that resumes this session after a page reload (save it; it changes at every resume). */
  get resumeToken(): string {
    return this.#session.token;
  }

  /** True when `connect` took over the earlier session of `ConnectOptions.resume`. */
  get sessionResumed(): boolean {
    return this.#session.resumedAtStart;
  }

  /** The highest `seq` received in the current session: a resume asks for what came after it. */
  get lastSeq(): number {
    return this.#inbox.lastSeq;
  }

  /** Sends a request and resolves with its reply; rejects with a `ParlorError` on `error`, timeout or close. */
  request<K extends RequestType>(
    type: K,
    data: ClientData<K>,
    options: RequestOptions = {},
  ): Promise<ServerMessageOf<ReplyType<K>>> {
    if (this.isClosed) return Promise.reject(this.#closedError(`Cannot send "${type}"`));
    const timeoutMs = options.timeoutMs ?? this.#session.timeoutMs;
    return this.#outgoing.request(type, data, timeoutMs) as Promise<ServerMessageOf<ReplyType<K>>>;
  }

  /**
   * Sends a message without waiting; returns its id, so that the reply (`re`) can be recognised.
   * @throws ParlorError `CLIENT_DISCONNECTED` once closed, or when too many wait for a reconnection.
   */
  send<K extends ClientMessageType>(type: K, data: ClientData<K>): number {
    return this.sendMessage({ type, data } as OutgoingMessage);
  }

  /** Like `send`, for a message already built (such as a text-mode request); returns its id. */
  sendMessage(message: OutgoingMessage): number {
    if (this.isClosed) throw this.#closedError(`Cannot send "${message.type}"`);
    return this.#outgoing.send(message);
  }

  /** Calls `listener` for every message of `type`, replies included. */
  on<K extends ServerMessageType>(type: K, listener: (message: ServerMessageOf<K>) => void): Unsubscribe {
    return this.#inbox.on(type, listener);
  }

  /** Calls `listener` for every valid message, after the per-type listeners. */
  onAny(listener: (message: ServerMessage) => void): Unsubscribe {
    return this.#inbox.onAny(listener);
  }

  /** Calls `listener` for every frame that breaks the protocol; such frames are otherwise dropped. */
  onProtocolError(listener: (problem: ProtocolProblem) => void): Unsubscribe {
    return this.#inbox.onProtocolError(listener);
  }

  /**
   * Calls `listener` at every change of connection: `reconnecting`, `reconnected`, `session-lost`,
   * `connected`, `closed` (see `ConnectionEvent`).
   */
  onState(listener: (event: ConnectionEvent) => void): Unsubscribe {
    return this.#session.states.add(listener);
  }

  /** Calls `listener` once when the client stops for good (if it has already, use `closed`). */
  onClose(listener: (info: CloseInfo) => void): Unsubscribe {
    return this.#session.closeListeners.add(listener);
  }

  /**
   * The first message of `type` (and matching `predicate`) not claimed by an earlier `waitFor`,
   * including ones that arrived before the call. Rejects with `CLIENT_TIMEOUT` or on close.
   */
  waitFor<K extends ServerMessageType>(
    type: K,
    predicate: (message: ServerMessageOf<K>) => boolean = () => true,
    timeoutMs: number = this.#session.timeoutMs,
  ): Promise<ServerMessageOf<K>> {
    return this.#inbox.waitFor(type, predicate, timeoutMs);
  }

  /**
   * Says `quit` (the server answers `bye`), then ends the connection; resolves with how it ended.
   * While reconnecting there is nobody to tell: it closes at once.
   */
  async quit(message?: string, options: RequestOptions = {}): Promise<CloseInfo> {
    return this.#session.quit(message, options.timeoutMs ?? this.#session.timeoutMs);
  }

  /** Stops at once, even while waiting to reconnect; pending requests and waits reject. Does nothing if closed. */
  close(reason = 'Closed by the client.'): void {
    this.#session.finish({ reason, code: null });
  }

  #closedError(what: string): ParlorError {
    const info = this.#session.closeInfo;
    const reason = info === undefined ? '' : `: ${info.reason}`;
    return new ParlorError(
      info?.code ?? ClientErrorCode.CLIENT_DISCONNECTED,
      `${what}: the connection has closed${reason}`,
    );
  }
}
