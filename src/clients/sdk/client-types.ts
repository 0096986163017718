import type { FrameError } from '../../protocol/index.ts';
import type { ParlorErrorCode } from './errors.ts';
import type { Timers } from './timers.ts';

/**
 * How the client reconnects after losing its connection (B4). Delays grow exponentially from
 * `initialDelayMs` by `factor` up to `maxDelayMs`, with jitter so that many clients do not all
 * come back at the same instant when a server restarts.
 */
export interface ReconnectOptions {
  /** Delay before the first attempt (before jitter). @default 250 (ms) */
  readonly initialDelayMs?: number;
  /** Longest delay between attempts (before jitter). @default 10000 (ms) */
  readonly maxDelayMs?: number;
  /** Each delay is the previous one times this. @default 2 */
  readonly factor?: number;
  /**
   * `equal`: half the delay, plus a random part of the other half (never hammers a server that is
   * coming back). `full`: a random part of the whole delay. `none`: the delay as computed.
   * @default 'equal'
   */
  readonly jitter?: 'equal' | 'full' | 'none';
  /** Attempts in a row before giving up (`closed` then settles). @default Infinity */
  readonly maxAttempts?: number;
  /** When the session cannot be resumed, take the nickname it had on the new session. @default true */
  readonly retakeNick?: boolean;
}

/** Options of `ParlorClient.connect`. */
export interface ConnectOptions {
  /** Free-form client name and version, sent in `hello`. */
  readonly client?: string;
  /** Nickname to take once welcomed; `connect` fails with the server's code (e.g. `NICK_TAKEN`) if refused. */
  readonly nick?: string;
  /** Clock and timers. @default systemTimers */
  readonly timers?: Timers;
  /** Random numbers in [0, 1), for the jitter of reconnect delays. @default Math.random */
  readonly random?: () => number;
  /** Time allowed for each step of connecting, and the default for requests and `waitFor`. @default 10000 (ms) */
  readonly timeoutMs?: number;
  /** Detect a silent server with pings, using the limits of `welcome` (A5). @default true */
  readonly heartbeat?: boolean;
  /** Unclaimed messages kept for `waitFor`. @default 256 (messages) */
  readonly bufferSize?: number;
  /**
   * Reconnect and resume the session when the connection is lost (B4); `false` ends the client at
   * the first loss instead. Only a lost connection is retried: the first connection of `connect`
   * is not. @default {} (on, with the defaults of `ReconnectOptions`)
   */
  readonly reconnect?: ReconnectOptions | false;
  /**
   * Take over an earlier session instead of starting a new one, e.g. after a page reload: its
   * `token` (`ParlorClient.resumeToken`, saved before) and the last `seq` the caller still has (0,
   * the default, when it kept nothing: the server then sends a fresh full state, as after an
   * overflow). If the server refuses (`RESUME_EXPIRED`, …), the client goes on with a new session
   * and takes `nick`; `ParlorClient.sessionResumed` tells which happened.
   */
  readonly resume?: { readonly token: string; readonly lastSeq?: number };
}

/** Options of one request. */
export interface RequestOptions {
  /** Time allowed for the reply. @default the client's `timeoutMs` */
  readonly timeoutMs?: number;
}

/** How and why a client's connection ended. */
export interface CloseInfo {
  /** A human-readable sentence, e.g. the server's own message for a fatal error. */
  readonly reason: string;
  /** Why, as a code; null when the session ended as asked (`close()`, or `bye` after `quit`). */
  readonly code: ParlorErrorCode | null;
}

/** A frame from the server that breaks the protocol (reported, never thrown). */
export interface ProtocolProblem {
  /** The frame as received. */
  readonly text: string;
  readonly error: FrameError;
}

/** Where the client stands: `connected` (requests go out at once), `reconnecting` (they wait), `closed`. */
export type ClientState = 'connected' | 'reconnecting' | 'closed';

/**
 * A change of connection, reported to `onState` listeners:
 * - `reconnecting`: the connection was lost (or an attempt failed, `attempt` > 1); the next attempt
 *   starts after `delayMs`. `reason` and `code` say what went wrong last (`CLIENT_UNREACHABLE`:
 *   nothing answered, the server seems down).
 * - `reconnected`: the session was resumed; `missed` messages were replayed to the listeners just
 *   before, or, with `overflow`, too many were missed and a fresh state (`room.joined` per room)
 *   follows.
 * - `session-lost`: the server no longer knew the session (its grace period was over, or it
 *   restarted); the client is connected again but on a new session, so rooms and queued messages
 *   are gone. `nick` is the nickname being taken again, if any.
 * - `connected`: after `session-lost`, the new session is ready; `nick` is its nickname, or null
 *   (none, or it could not be taken back: its `error` reached the listeners).
 * - `closed`: the client stopped for good (closed, quit, gave up, or a fatal code such as `BANNED`).
 */
export type ConnectionEvent =
  | {
      readonly state: 'reconnecting';
      readonly attempt: number;
      readonly delayMs: number;
      readonly reason: string;
      readonly code: ParlorErrorCode | null;
    }
  | {
      readonly state: 'reconnected';
      readonly attempt: number;
      readonly missed: number;
      readonly overflow: boolean;
    }
  | {
      readonly state: 'session-lost';
      readonly code: ParlorErrorCode;
      readonly reason: string;
      readonly nick: string | null;
    }
  | { readonly state: 'connected'; readonly nick: string | null }
  | { readonly state: 'closed'; readonly info: CloseInfo };
