import type { Logger } from 'pino';
import type { Config } from '../config/index.ts';
import type {
  ClientMessage,
  ClientMessageOf,
  ClientMessageType,
  CloseCode,
  ErrorCode,
  LeaveReason,
  RequestId,
  ServerData,
  ServerMessageType,
} from '../protocol/index.ts';
import type { Clock } from './clock.ts';
import type { Session } from './session.ts';
import type { SessionRegistry } from './session-registry.ts';

/** A refused request: becomes an `error` message with `re`. Handlers return it; they do not throw. */
export interface Rejection {
  readonly code: ErrorCode;
  readonly message: string;
}

/** Builds a rejection. */
export const reject = (code: ErrorCode, message: string): Rejection => ({ code, message });

/** Handles one type of request for a session that passed the gates (handshake, nickname, flood control). */
export type Handler<K extends ClientMessageType> = (
  session: Session,
  request: ClientMessageOf<K>,
) => Rejection | undefined;

/** Lifecycle hooks areas may register (Fastify-style): they run in registration order. */
export interface SessionHooks {
  /** A session took its first nickname (`previous` null) or changed it. */
  named(session: Session, previous: string | null): void;
  /** A session with a nickname ended. */
  closed(session: Session, reason: LeaveReason): void;
}

/**
 * What an area (chat, later games) sees of the server: registration of handlers and hooks, the
 * sessions, and ways to answer. Areas never see sockets.
 */
export interface ServerContext {
  /** Registers the handler of a request type (one per type). */
  handle<K extends ClientMessageType>(type: K, handler: Handler<K>): void;
  /** Registers lifecycle hooks. */
  hooks(hooks: Partial<SessionHooks>): void;
  /** The session holding a nickname (any case), if connected. */
  byNick(nick: string): Session | undefined;
  /** Every session with a nickname. */
  namedSessions(): Iterable<Session>;
  /** Sends a reply to `request` (with `re` when the request had an `id`). */
  reply<K extends ServerMessageType>(
    session: Session,
    request: ClientMessage,
    type: K,
    data: ServerData<K>,
  ): void;
  /** The current time, in ms since the epoch. */
  now(): number;
}

/** What the server's own parts (core handlers, heartbeat) use of it, beyond what areas see. */
export interface ServerCore extends ServerContext {
  readonly config: Config;
  readonly log: Logger;
  readonly clock: Clock;
  readonly sessions: SessionRegistry;
  /** Sends an `error`; for fatal codes, then closes the connection. */
  fail(session: Session, code: ErrorCode, message: string, re?: RequestId, path?: string): void;
  /** Ends a session: closes its connection and runs the `closed` hooks. */
  end(session: Session, reason: string, code: CloseCode, leaveReason?: LeaveReason): void;
  /** Runs the `named` hooks. */
  named(session: Session, previous: string | null): void;
}
