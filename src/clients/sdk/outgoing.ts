import type { ClientData, ClientMessage, ServerMessage } from '../../protocol/index.ts';
import { ClientErrorCode, ParlorError, type ParlorErrorCode } from './errors.ts';
import type { LinkConnection } from './link-connection.ts';
import { PendingRequests, type Settlement } from './pending-requests.ts';
import type { OutgoingMessage, RequestType } from './replies.ts';
import { SendQueue } from './send-queue.ts';
import type { Timers } from './timers.ts';

const queueFull = (type: string): ParlorError =>
  new ParlorError(
    ClientErrorCode.CLIENT_DISCONNECTED,
    `Cannot send "${type}": not connected, and too many messages wait for the connection already`,
  );

/**
 * What the client sends: numbers every message (ids stay unique across reconnections, so a replayed
 * reply still names the right request), tracks requests until their reply, and queues messages
 * while no connection is ready.
 *
 *   ready ──drop()──► paused: requests on their way are "in flight"; new messages are queued
 *   paused ──resume(connection)──► ready: the queue goes out, in order
 */
export class Outgoing {
  readonly #pending: PendingRequests;
  readonly #queue = new SendQueue();
  #nextId = 1;
  #connection: LinkConnection | undefined;
  /** Requests of the library itself on the current connection (hello, resume, nick). */
  #internal: number[] = [];
  /** User requests sent before the connection dropped and not answered yet. */
  #inFlight: number[] = [];

  constructor(timers: Timers) {
    this.#pending = new PendingRequests(timers);
  }

  /** True while messages go out at once. */
  get ready(): boolean {
    return this.#connection !== undefined;
  }

  /** Sends (or queues) a request; resolves with its reply or rejects with a `ParlorError`. */
  request<K extends RequestType>(type: K, data: ClientData<K>, timeoutMs: number): Promise<ServerMessage> {
    const id = this.#nextId++;
    const reply = this.#pending.track(id, type, timeoutMs);
    if (!this.#transmit({ type, id, data } as ClientMessage, true)) this.#pending.fail(id, queueFull(type));
    return reply;
  }

  /** Sends (or queues) a message without waiting; returns its id. @throws ParlorError when the queue is full. */
  send(message: OutgoingMessage): number {
    const id = this.#nextId++;
    if (!this.#transmit({ type: message.type, id, data: message.data } as ClientMessage, false)) {
      throw queueFull(message.type);
    }
    return id;
  }

  /** A request of the library itself, sent at once on `connection`; `done` is called synchronously. */
  ask<K extends RequestType>(
    connection: LinkConnection,
    type: K,
    data: ClientData<K>,
    timeoutMs: number,
    done: (settlement: Settlement) => void,
  ): number {
    const id = this.#nextId++;
    this.#internal.push(id);
    this.#pending.watch(id, type, timeoutMs, done);
    connection.send({ type, id, data } as ClientMessage);
    return id;
  }

  /** Settles the request `message` replies to, if one waits. */
  settle(message: ServerMessage): void {
    this.#pending.settle(message);
  }

  /** Sends through `connection` from now on, starting with the queued messages. */
  resume(connection: LinkConnection): void {
    this.#connection = connection;
    this.#internal = [];
    this.#queue.drain(
      (message) => connection.send(message),
      (id) => this.#pending.has(id),
    );
  }

  /** The connection dropped: its library requests fail; user requests on their way are in flight. */
  drop(reason: string): void {
    this.#pending.failSome(this.#internal, ClientErrorCode.CLIENT_DISCONNECTED, reason);
    this.#internal = [];
    if (this.#connection !== undefined) this.#inFlight = this.#pending.ids();
    this.#connection = undefined;
  }

  /** Rejects the requests still in flight (their replies were not replayed), with `code` and `why`. */
  failInFlight(code: ParlorErrorCode, why: string): void {
    this.#pending.failSome(this.#inFlight, code, why);
    this.#inFlight = [];
  }

  /** Rejects the requests in flight and drops the queue: the session they were for is gone. */
  failSession(why: string): void {
    this.failInFlight(ClientErrorCode.CLIENT_SESSION_LOST, why);
    this.#pending.failSome(this.#queue.clear(), ClientErrorCode.CLIENT_SESSION_LOST, why);
  }

  /** Stops for good: everything waiting fails. */
  close(code: ParlorErrorCode, reason: string): void {
    this.#connection = undefined;
    this.#queue.clear();
    this.#pending.failAll(code, reason);
  }

  #transmit(message: ClientMessage, request: boolean): boolean {
    if (this.#connection === undefined) return this.#queue.push(message, request);
    this.#connection.send(message);
    return true;
  }
}
