import type { CloseCode } from '../protocol/index.ts';

/** Which transport a connection came by. Only the transports know; sessions do not care. */
export type TransportKind = 'tcp' | 'ws';

/**
 * One client connection, whatever the transport. Frames are whole messages: one line on TCP
 * (without its newline), one text message on WebSocket.
 */
export interface Connection {
  readonly kind: TransportKind;
  /** The peer's IP address (IPv4-mapped IPv6 addresses are given as IPv4). */
  readonly remoteAddress: string;
  /** True when frames are lines typed by a human or a program (TCP); text mode is possible. */
  readonly lineBased: boolean;
  /**
   * Queues one frame. Never throws; a closed connection ignores it. Frames sent in one turn of the
   * event loop go out together at its end, or at the end of the current I/O callback when one of
   * them is sent `soon` (see `WriteCoalescer`).
   */
  send(frame: string, soon?: boolean): void;
  /** Bytes accepted by `send` but not yet handed to the kernel, this turn's frames included. */
  bufferedBytes(): number;
  /** Sends a transport-level ping when the transport has one; returns false otherwise. */
  ping(): boolean;
  /** Flushes what was queued, then closes with `code`. */
  close(code: CloseCode, reason: string): void;
  /** Closes at once, dropping whatever is queued. */
  destroy(): void;
}

/** What a transport reports about one connection to whoever accepted it. */
export interface ConnectionHandler {
  /** One complete frame arrived. */
  onFrame(text: string): void;
  /** A frame longer than the limit arrived (its content is discarded). */
  onOversize(): void;
  /** The peer answered a transport-level ping. */
  onAlive(): void;
  /** The connection is gone, for whatever reason. Called exactly once. */
  onClose(): void;
}

/** Accepts a new connection and returns the handler for its events. */
export type AcceptConnection = (connection: Connection) => ConnectionHandler;

/** Normalises `::ffff:1.2.3.4` to `1.2.3.4`. */
export const normaliseAddress = (address: string | undefined): string =>
  address === undefined ? 'unknown' : address.startsWith('::ffff:') ? address.slice(7) : address;
