import type { ErrorCode, RequestId } from '../../protocol/index.ts';

/**
 * Error codes the client library raises itself, for failures no server message describes. They are
 * not in the server's catalog (`ErrorCode`): the server never sends them.
 */
export const ClientErrorCode = {
  /** The link could not be opened: wrong address, nothing listening, network down. */
  CLIENT_UNREACHABLE: 'CLIENT_UNREACHABLE',
  /** A request got no reply in time. */
  CLIENT_TIMEOUT: 'CLIENT_TIMEOUT',
  /** The connection ended (or had ended) without the server saying why. */
  CLIENT_DISCONNECTED: 'CLIENT_DISCONNECTED',
  /** The server stopped answering pings; the client closed the connection (A5). */
  CLIENT_SERVER_SILENT: 'CLIENT_SERVER_SILENT',
  /** A reply's type is not the one the request calls for. */
  CLIENT_BAD_REPLY: 'CLIENT_BAD_REPLY',
  /**
   * After a reconnection the server no longer knew the session (B4): requests made for it were
   * dropped. The client carries on with a new session.
   */
  CLIENT_SESSION_LOST: 'CLIENT_SESSION_LOST',
} as const;
export type ClientErrorCode = (typeof ClientErrorCode)[keyof typeof ClientErrorCode];

/** Any code a `ParlorError` may carry: one of the server's or one of the client library's. */
export type ParlorErrorCode = ErrorCode | ClientErrorCode;

/** Context of a `ParlorError`, besides its code and message. */
export interface ParlorErrorOptions {
  /** True when the server closes the connection after this error. */
  readonly fatal?: boolean;
  /** The id of the request the error answers. */
  readonly re?: RequestId;
  /** The underlying error (a socket error, for instance). */
  readonly cause?: unknown;
}

/** A failure reported by the server (an `error` message) or detected by the client library. */
export class ParlorError extends Error {
  override readonly name = 'ParlorError';
  readonly code: ParlorErrorCode;
  readonly fatal: boolean;
  readonly re: RequestId | undefined;

  constructor(code: ParlorErrorCode, message: string, options: ParlorErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.fatal = options.fatal ?? false;
    this.re = options.re;
  }
}
