import {
  type ClientMessage,
  makeFrame,
  parseServerFrame,
  type ServerData,
  type ServerMessage,
} from '../../protocol/index.ts';
import type { CloseInfo, ProtocolProblem } from './client-types.ts';
import { ClientErrorCode, ParlorError } from './errors.ts';
import { Heartbeat } from './heartbeat.ts';
import type { Link, LinkFactory } from './link.ts';
import type { Timers } from './timers.ts';

/** What a connection reports to the client that owns it. */
export interface ConnectionEvents {
  /** A valid message, with its `seq` (if the server numbered it). */
  message(message: ServerMessage): void;
  /** A frame that breaks the protocol. */
  problem(problem: ProtocolProblem): void;
  /** The connection ended by itself (link closed, server silent); once, and never after `close`. */
  ended(info: CloseInfo): void;
}

/** The server puts `seq` first: `{"seq":12,"type":…`. */
const SEQ_PREFIX = /^\s*\{\s*"seq"\s*:\s*(\d+)/;

/** The `seq` of a valid frame: from the parsed message if the parser kept it, else from the text. */
const withSeq = (message: ServerMessage, text: string): ServerMessage => {
  if (typeof message.seq === 'number') return message;
  const prefixed = SEQ_PREFIX.exec(text)?.[1];
  if (prefixed !== undefined) return { ...message, seq: Number(prefixed) };
  if (!text.includes('"seq"')) return message;
  const seq: unknown = (JSON.parse(text) as { seq?: unknown }).seq;
  return typeof seq === 'number' && Number.isSafeInteger(seq) ? { ...message, seq } : message;
};

/** A link factory's failure as a `ParlorError` (factories should reject with one already). */
const asParlorError = (error: unknown): ParlorError => {
  if (error instanceof ParlorError) return error;
  const detail = error instanceof Error ? error.message : String(error);
  return new ParlorError(ClientErrorCode.CLIENT_UNREACHABLE, `Cannot reach the Parlor server (${detail})`, {
    cause: error,
  });
};

/**
 * One link to the server, from opening to its end: parses and checks frames, answers pings, watches
 * for a silent server (A5), and remembers the server's last words (a fatal `error` or `bye`) to say
 * why the link ended. A client uses a new one for every reconnection.
 */
export class LinkConnection {
  readonly #events: ConnectionEvents;
  readonly #timers: Timers;
  #link: Link | undefined;
  #heartbeat: Heartbeat | undefined;
  #lastWords: CloseInfo | undefined;
  #ended = false;
  #highestSeq = 0;

  constructor(events: ConnectionEvents, timers: Timers) {
    this.#events = events;
    this.#timers = timers;
  }

  /** Opens the link; rejects with a `ParlorError` (`CLIENT_UNREACHABLE`) when it cannot. */
  async open(factory: LinkFactory): Promise<void> {
    let link: Link;
    try {
      link = await factory({
        frame: (text) => this.#onFrame(text),
        closed: (reason) =>
          this.#end(this.#lastWords ?? { reason, code: ClientErrorCode.CLIENT_DISCONNECTED }),
      });
    } catch (error) {
      this.#ended = true;
      throw asParlorError(error);
    }
    this.#link = link;
    // Closed while opening: let go of the link at once.
    if (this.#ended) link.close();
  }

  /** The highest `seq` received on this link (of whichever session it carried). */
  get highestSeq(): number {
    return this.#highestSeq;
  }

  /** True once the link has ended or been closed. */
  get ended(): boolean {
    return this.#ended;
  }

  /** Sends a message; ignored once ended. */
  send(message: ClientMessage): void {
    if (!this.#ended) this.#link?.send(makeFrame(message));
  }

  /** Starts pinging a silent server with the limits of its `welcome`. */
  startHeartbeat(limits: ServerData<'welcome'>['limits']): void {
    this.#heartbeat?.stop();
    this.#heartbeat = new Heartbeat({
      pingIntervalMs: limits.pingIntervalMs,
      pingMissLimit: limits.pingMissLimit,
      timers: this.#timers,
      ping: () => this.send({ type: 'ping', data: {} }),
      dead: (reason) => {
        this.#end({ reason, code: ClientErrorCode.CLIENT_SERVER_SILENT });
        this.#link?.close();
      },
    });
  }

  /** Ends the link from this side, without reporting `ended`. */
  close(): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#heartbeat?.stop();
    this.#link?.close();
  }

  #onFrame(text: string): void {
    if (this.#ended) return;
    this.#heartbeat?.heard();
    const parsed = parseServerFrame(text);
    if (!parsed.ok) {
      this.#events.problem({ text, error: parsed.error });
      return;
    }
    const message = withSeq(parsed.value, text);
    if (message.seq !== undefined && message.seq > this.#highestSeq) this.#highestSeq = message.seq;
    if (message.type === 'ping') this.send({ type: 'pong', data: {} });
    else if (message.type === 'bye') this.#lastWords = { reason: message.data.message, code: null };
    else if (message.type === 'error' && message.data.fatal) {
      this.#lastWords = { reason: message.data.message, code: message.data.code };
    }
    this.#events.message(message);
  }

  #end(info: CloseInfo): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#heartbeat?.stop();
    this.#events.ended(info);
  }
}
