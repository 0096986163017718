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
import type { ServerMetrics, Tally } from './metrics.ts';
import type { Peer } from './peer.ts';
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
) => Rejection | undefined | Promise<Rejection | undefined>;

/** Checks a request before its handler runs (moderation: a suspended user may not talk). */
export type Guard = (session: Session, request: ClientMessage) => Rejection | undefined;

/** Checks whether a session may take a nickname (accounts: registered nicks; moderation: bans). */
export type NickCheck = (
  session: Session,
  nick: string,
) => Rejection | undefined | Promise<Rejection | undefined>;

/** Checks a new connection's address before anything else (moderation: banned addresses). */
export type Admission = (address: string) => Rejection | undefined;

/** Lifecycle hooks areas may register (Fastify-style): they run in registration order. */
export interface SessionHooks {
  /** A session took its first nickname (`previous` null) or changed it. */
  named(session: Session, previous: string | null): void;
  /** A session with a nickname ended (for good: after its grace period, if it dropped). */
  closed(session: Session, reason: LeaveReason): void;
  /** A session's connection dropped; it is held, `away`, for the grace period. */
  away(session: Session): void;
  /** An away session was resumed. */
  back(session: Session): void;
  /** A session was resumed after missing more than the replay limit: send it a fresh full state. */
  resumed(session: Session): void;
  /** A session's state changed between `free` and `playing` (`setPlaying`). */
  stateChanged(session: Session): void;
  /**
   * The server is about to stop: every connection is still open, so what areas send now (a match
   * ended without a winner) is delivered before the shutdown notice.
   */
  serverClosing(): void;
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
  /** Registers a check run before every handler; the first rejection wins. */
  guard(guard: Guard): void;
  /** Registers a check run before a session takes a nickname. */
  checkNick(check: NickCheck): void;
  /**
   * Gives `session` the nickname `nick` if it is valid, free and every nick check agrees. The caller
   * then replies and calls `named`, so that the reply comes before the announcements.
   */
  claimNick(session: Session, nick: string): Promise<Rejection | { readonly previous: string | null }>;
  /** Runs the `named` hooks after a nickname was taken or changed (lobby join, rename announcements). */
  named(session: Session, previous: string | null): void;
  /** Registers a check run on every new connection; a rejection (a fatal code) closes it. */
  admit(admission: Admission): void;
  /** Ends a session at once, with a fatal error to its connection if it has one (kick, ban). */
  endSession(session: Session, code: ErrorCode, message: string): void;
  /**
   * Marks a session as playing or free (C3) and runs the `stateChanged` hooks. For an away session
   * only the state it returns to changes; it stays `away` until it comes back.
   */
  setPlaying(session: Session, playing: boolean): void;
  /** Asks the process to shut down gracefully (operators' `!shutdown`). */
  requestShutdown(message: string): void;
  /** The session holding a nickname (any case), if connected. */
  byNick(nick: string): Session | undefined;
  /** Every session with a nickname. */
  namedSessions(): Iterable<Session>;
  /** Every session, with a nickname or not, connected or away. */
  allSessions(): Iterable<Session>;
  /** Sends a reply to `request` (with `re` when the request had an `id`). */
  reply<K extends ServerMessageType>(
    session: Session,
    request: ClientMessage,
    type: K,
    data: ServerData<K>,
  ): void;
  /** The current time, in ms since the epoch. */
  now(): number;
  /** Metrics areas may add to (gauges read at scrape time). */
  readonly metrics: {
    gauge(name: string, help: string, read: () => number): void;
    /** A counter with one label; `add(labelValue)` on the returned tally counts. */
    counter<K extends string>(name: string, help: string, label: string): Tally<K>;
    /** A histogram with these bucket bounds; the returned function records one value. */
    histogram(name: string, help: string, buckets: readonly number[]): (value: number) => void;
  };
  /** The server's logger (structured: pass an object with an `event` first). */
  readonly log: Logger;
  /** True once the server is shutting down (sessions then end without anyone's fault). */
  isClosing(): boolean;
}

/** What the server's own parts (core handlers, heartbeat) use of it, beyond what areas see. */
export interface ServerCore extends ServerContext {
  readonly config: Config;
  readonly clock: Clock;
  readonly sessions: SessionRegistry;
  readonly metrics: ServerMetrics;
  /** Answers with an `error`; a fatal one goes to the connection, which is then closed. */
  fail(session: Session, code: ErrorCode, message: string, re?: RequestId, path?: string): void;
  /** Sends a fatal error to one connection and closes it. */
  failPeer(peer: Peer, code: ErrorCode, message: string, re?: RequestId): void;
  /** Moves a connection to the session it resumes. */
  resume(peer: Peer, target: Session, request: ClientMessageOf<'session.resume'>): void;
  /** Ends a session: closes its connection and runs the `closed` hooks. */
  end(session: Session, reason: string, code: CloseCode, leaveReason?: LeaveReason): void;
}
