import type { ServerMessage, ServerMessageOf, ServerMessageType } from '../../protocol/index.ts';
import type { ProtocolProblem } from './client-types.ts';
import { Emitter, type Unsubscribe } from './emitter.ts';
import type { ParlorError } from './errors.ts';
import { MessageBuffer } from './message-buffer.ts';
import type { Timers } from './timers.ts';

/**
 * Where the messages of a session go: per-type listeners, then `onAny` listeners, and the buffer
 * that `waitFor` reads. It keeps the highest `seq` delivered, so that a message replayed after a
 * resume that was already delivered (same or lower `seq`) is dropped: each reaches the listeners
 * exactly once, in order. Messages without `seq` (`ping`, `pong`) always go through.
 */
export class Inbox {
  readonly #buffer: MessageBuffer;
  readonly #byType = new Map<ServerMessageType, Emitter<ServerMessage>>();
  readonly #any = new Emitter<ServerMessage>();
  readonly #problems = new Emitter<ProtocolProblem>();
  #lastSeq = 0;

  constructor(bufferSize: number, timers: Timers) {
    this.#buffer = new MessageBuffer(bufferSize, timers);
  }

  /** The highest `seq` delivered in the current session (0 before any). */
  get lastSeq(): number {
    return this.#lastSeq;
  }

  /** Starts counting anew: the client now speaks for a new session, which has numbered up to `seq`. */
  restart(seq: number): void {
    this.#lastSeq = seq;
  }

  /** True when `message` is new (and records its `seq`), false when it was delivered already. */
  admit(message: ServerMessage): boolean {
    if (message.seq === undefined) return true;
    if (message.seq <= this.#lastSeq) return false;
    this.#lastSeq = message.seq;
    return true;
  }

  /** Hands a message to `waitFor`, then to its listeners (a listener's error is rethrown later). */
  deliver(message: ServerMessage): void {
    this.#buffer.push(message);
    this.#byType.get(message.type)?.tell(message);
    this.#any.tell(message);
  }

  /** Reports a frame that breaks the protocol to its listeners. */
  problem(problem: ProtocolProblem): void {
    this.#problems.tell(problem);
  }

  on<K extends ServerMessageType>(type: K, listener: (message: ServerMessageOf<K>) => void): Unsubscribe {
    let emitter = this.#byType.get(type);
    if (emitter === undefined) {
      emitter = new Emitter();
      this.#byType.set(type, emitter);
    }
    return emitter.add(listener as (message: ServerMessage) => void);
  }

  onAny(listener: (message: ServerMessage) => void): Unsubscribe {
    return this.#any.add(listener);
  }

  onProtocolError(listener: (problem: ProtocolProblem) => void): Unsubscribe {
    return this.#problems.add(listener);
  }

  waitFor<K extends ServerMessageType>(
    type: K,
    predicate: (message: ServerMessageOf<K>) => boolean,
    timeoutMs: number,
  ): Promise<ServerMessageOf<K>> {
    const match = (m: ServerMessage): boolean => m.type === type && predicate(m as ServerMessageOf<K>);
    return this.#buffer.take(match, `"${type}" message`, timeoutMs) as Promise<ServerMessageOf<K>>;
  }

  /** No more messages: current and later waits fail with `error` unless a kept message satisfies them. */
  end(error: ParlorError): void {
    this.#buffer.end(error);
  }
}
