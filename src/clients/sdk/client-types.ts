import type { FrameError } from '../../protocol/index.ts';
import type { ParlorErrorCode } from './errors.ts';
import type { Timers } from './timers.ts';

/** Options of `ParlorClient.connect`. */
export interface ConnectOptions {
  /** Free-form client name and version, sent in `hello`. */
  readonly client?: string;
  /** Nickname to take once welcomed; `connect` fails with the server's code (e.g. `NICK_TAKEN`) if refused. */
  readonly nick?: string;
  /** Clock and timers. @default systemTimers */
  readonly timers?: Timers;
  /** Time allowed for each step of connecting, and the default for requests and `waitFor`. @default 10000 (ms) */
  readonly timeoutMs?: number;
  /** Detect a silent server with pings, using the limits of `welcome` (A5). @default true */
  readonly heartbeat?: boolean;
  /** Unclaimed messages kept for `waitFor`. @default 256 (messages) */
  readonly bufferSize?: number;
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
