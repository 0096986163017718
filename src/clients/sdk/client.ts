import {
  type ClientData,
  type ClientMessage,
  type ClientMessageType,
  makeFrame,
  PROTOCOL_VERSION,
  parseServerFrame,
  type ServerData,
  type ServerMessage,
  type ServerMessageOf,
  type ServerMessageType,
} from '../../protocol/index.ts';
import type { CloseInfo, ConnectOptions, ProtocolProblem, RequestOptions } from './client-types.ts';
import { Emitter, type Unsubscribe } from './emitter.ts';
import { ClientErrorCode, ParlorError } from './errors.ts';
import { Heartbeat } from './heartbeat.ts';
import type { Link, LinkFactory } from './link.ts';
import { MessageBuffer } from './message-buffer.ts';
import { PendingRequests } from './pending-requests.ts';
import type { OutgoingMessage, ReplyType, RequestType } from './replies.ts';
import { systemTimers, type Timers } from './timers.ts';

/** A link factory's failure as a `ParlorError` (factories should reject with one already). */
const asParlorError = (error: unknown): ParlorError => {
  if (error instanceof ParlorError) return error;
  const detail = error instanceof Error ? error.message : String(error);
  return new ParlorError(ClientErrorCode.CLIENT_UNREACHABLE, `Cannot reach the Parlor server (${detail})`, {
    cause: error,
  });
};

/**
 * A typed Parlor client over any `Link`. It numbers requests and matches replies, answers the
 * server's pings, watches for a silent server, and validates every incoming frame.
 *
 * @example
 * const client = await ParlorClient.connect(tcpLink('127.0.0.1', 4000), { nick: 'alice' });
 * client.on('chat.message', (m) => console.log(`<${m.data.from}> ${m.data.text}`));
 * await client.request('chat.say', { text: 'hello' });
 */
export class ParlorClient {
  /** Settles once when the connection ends, with why; never rejects. */
  readonly closed: Promise<CloseInfo>;
  readonly #timers: Timers;
  readonly #timeoutMs: number;
  readonly #buffer: MessageBuffer;
  readonly #pending: PendingRequests;
  readonly #byType = new Map<ServerMessageType, Emitter<ServerMessage>>();
  readonly #any = new Emitter<ServerMessage>();
  readonly #protocolErrors = new Emitter<ProtocolProblem>();
  readonly #closeListeners = new Emitter<CloseInfo>();
  readonly #resolveClosed: (info: CloseInfo) => void;
  #nextId = 1;
  #link: Link | undefined;
  #heartbeat: Heartbeat | undefined;
  #welcome: ServerData<'welcome'> | undefined;
  #nick: string | null = null;
  /** What the server said before closing: a fatal error or `bye`. */
  #lastWords: CloseInfo | undefined;
  #closeInfo: CloseInfo | undefined;

  private constructor(options: ConnectOptions) {
    this.#timers = options.timers ?? systemTimers;
    this.#timeoutMs = options.timeoutMs ?? 10_000;
    this.#buffer = new MessageBuffer(options.bufferSize ?? 256, this.#timers);
    this.#pending = new PendingRequests(this.#timers);
    let resolveClosed: (info: CloseInfo) => void = () => {};
    this.closed = new Promise((resolve) => {
      resolveClosed = resolve;
    });
    this.#resolveClosed = resolveClosed;
  }

  /**
   * Opens a link, says `hello`, takes `options.nick` if given, and resolves once ready. Rejects with
   * a `ParlorError`: `CLIENT_UNREACHABLE`, `CLIENT_TIMEOUT`, or the server's code. After a first
   * nickname the server also sends `room.joined` for the lobby: get it with `waitFor`.
   */
  static async connect(open: LinkFactory, options: ConnectOptions = {}): Promise<ParlorClient> {
    const client = new ParlorClient(options);
    await client.#open(open, options);
    return client;
  }

  /** What the server announced in `welcome`: its name, protocol version and limits. */
  get welcome(): ServerData<'welcome'> {
    if (this.#welcome === undefined) throw new Error('The client has not been welcomed yet');
    return this.#welcome;
  }

  /** The nickname the server accepted last, or null. */
  get nick(): string | null {
    return this.#nick;
  }

  /** True once the connection has ended. */
  get isClosed(): boolean {
    return this.#closeInfo !== undefined;
  }

  /** Sends a request and resolves with its reply; rejects with a `ParlorError` on `error`, timeout or close. */
  request<K extends RequestType>(
    type: K,
    data: ClientData<K>,
    options: RequestOptions = {},
  ): Promise<ServerMessageOf<ReplyType<K>>> {
    if (this.#closeInfo !== undefined) return Promise.reject(this.#closedError(`Cannot send "${type}"`));
    const id = this.#nextId++;
    const reply = this.#pending.track(id, type, options.timeoutMs ?? this.#timeoutMs);
    this.#write({ type, id, data } as ClientMessage);
    return reply as Promise<ServerMessageOf<ReplyType<K>>>;
  }

  /**
   * Sends a message without waiting; returns its id, so that the reply (`re`) can be recognised.
   * @throws ParlorError `CLIENT_DISCONNECTED` once the connection has ended.
   */
  send<K extends ClientMessageType>(type: K, data: ClientData<K>): number {
    return this.sendMessage({ type, data } as OutgoingMessage);
  }

  /** Like `send`, for a message already built (such as a text-mode request); returns its id. */
  sendMessage(message: OutgoingMessage): number {
    if (this.#closeInfo !== undefined) throw this.#closedError(`Cannot send "${message.type}"`);
    const id = this.#nextId++;
    this.#write({ type: message.type, id, data: message.data } as ClientMessage);
    return id;
  }

  /** Calls `listener` for every message of `type`, replies included. */
  on<K extends ServerMessageType>(type: K, listener: (message: ServerMessageOf<K>) => void): Unsubscribe {
    let emitter = this.#byType.get(type);
    if (emitter === undefined) {
      emitter = new Emitter();
      this.#byType.set(type, emitter);
    }
    return emitter.add(listener as (message: ServerMessage) => void);
  }

  /** Calls `listener` for every valid message, after the per-type listeners. */
  onAny(listener: (message: ServerMessage) => void): Unsubscribe {
    return this.#any.add(listener);
  }

  /** Calls `listener` for every frame that breaks the protocol; such frames are otherwise dropped. */
  onProtocolError(listener: (problem: ProtocolProblem) => void): Unsubscribe {
    return this.#protocolErrors.add(listener);
  }

  /** Calls `listener` once when the connection ends (if it has already ended, use `closed`). */
  onClose(listener: (info: CloseInfo) => void): Unsubscribe {
    return this.#closeListeners.add(listener);
  }

  /**
   * The first message of `type` (and matching `predicate`) not claimed by an earlier `waitFor`,
   * including ones that arrived before the call. Rejects with `CLIENT_TIMEOUT` or on close.
   */
  waitFor<K extends ServerMessageType>(
    type: K,
    predicate: (message: ServerMessageOf<K>) => boolean = () => true,
    timeoutMs: number = this.#timeoutMs,
  ): Promise<ServerMessageOf<K>> {
    const match = (m: ServerMessage): boolean => m.type === type && predicate(m as ServerMessageOf<K>);
    return this.#buffer.take(match, `"${type}" message`, timeoutMs) as Promise<ServerMessageOf<K>>;
  }

  /** Says `quit` (the server answers `bye`), then ends the connection; resolves with how it ended. */
  async quit(message?: string, options: RequestOptions = {}): Promise<CloseInfo> {
    if (this.#closeInfo !== undefined) return this.#closeInfo;
    try {
      const bye = await this.request('quit', message === undefined ? {} : { message }, options);
      this.#end({ reason: bye.data.message, code: null });
    } catch {
      this.close('Quit without a goodbye from the server.');
    }
    return this.closed;
  }

  /** Ends the connection at once; pending requests and waits reject. Does nothing if already closed. */
  close(reason = 'Closed by the client.'): void {
    this.#end({ reason, code: null });
  }

  async #open(open: LinkFactory, options: ConnectOptions): Promise<void> {
    try {
      this.#link = await open({
        frame: (text) => this.#onFrame(text),
        closed: (reason) => this.#onLinkClosed(reason),
      });
    } catch (error) {
      const failure = asParlorError(error);
      this.#finish({ reason: failure.message, code: failure.code });
      throw failure;
    }
    try {
      const hello = options.client === undefined ? {} : { client: options.client };
      const welcome = await this.request('hello', { protocol: PROTOCOL_VERSION, ...hello });
      this.#welcome = welcome.data;
      if (options.heartbeat !== false) this.#startHeartbeat(welcome.data.limits);
      if (options.nick !== undefined) await this.request('nick.set', { nick: options.nick });
    } catch (error) {
      this.close('Connecting failed.');
      throw error;
    }
  }

  #startHeartbeat(limits: ServerData<'welcome'>['limits']): void {
    this.#heartbeat = new Heartbeat({
      pingIntervalMs: limits.pingIntervalMs,
      pingMissLimit: limits.pingMissLimit,
      timers: this.#timers,
      ping: () => this.send('ping', {}),
      dead: (reason) => this.#end({ reason, code: ClientErrorCode.CLIENT_SERVER_SILENT }),
    });
  }

  #write(message: ClientMessage): void {
    this.#link?.send(makeFrame(message));
  }

  #onFrame(text: string): void {
    if (this.#closeInfo !== undefined) return;
    this.#heartbeat?.heard();
    const parsed = parseServerFrame(text);
    if (!parsed.ok) {
      this.#protocolErrors.emit({ text, error: parsed.error });
      return;
    }
    const message = parsed.value;
    if (message.type === 'ping') this.#write({ type: 'pong', data: {} });
    else if (message.type === 'nick.accepted') this.#nick = message.data.nick;
    else if (message.type === 'bye') this.#lastWords = { reason: message.data.message, code: null };
    else if (message.type === 'error' && message.data.fatal) {
      this.#lastWords = { reason: message.data.message, code: message.data.code };
    }
    this.#pending.settle(message);
    this.#buffer.push(message);
    try {
      this.#byType.get(message.type)?.emit(message);
    } finally {
      this.#any.emit(message);
    }
  }

  #onLinkClosed(reason: string): void {
    this.#finish(this.#lastWords ?? { reason, code: ClientErrorCode.CLIENT_DISCONNECTED });
  }

  /** Ends from this side: records why, then closes the link (whose `closed` is then ignored). */
  #end(info: CloseInfo): void {
    if (this.#closeInfo !== undefined) return;
    this.#finish(info);
    this.#link?.close();
  }

  #finish(info: CloseInfo): void {
    if (this.#closeInfo !== undefined) return;
    this.#closeInfo = info;
    this.#heartbeat?.stop();
    this.#pending.failAll(info.code ?? ClientErrorCode.CLIENT_DISCONNECTED, info.reason);
    this.#buffer.end(this.#closedError('No more messages will arrive'));
    this.#resolveClosed(info);
    this.#closeListeners.emit(info);
  }

  #closedError(what: string): ParlorError {
    const info = this.#closeInfo;
    const reason = info === undefined ? '' : `: ${info.reason}`;
    return new ParlorError(
      info?.code ?? ClientErrorCode.CLIENT_DISCONNECTED,
      `${what}: the connection has closed${reason}`,
    );
  }
}
