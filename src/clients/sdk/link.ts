/**
 * A link carries text frames between the client and a server: one JSON message per frame. The
 * client library speaks the protocol over any link (TCP lines, WebSocket messages, an in-memory
 * fake in tests).
 *
 * Contract for implementations:
 * - `frame` is called once per incoming message, in order; non-JSON noise (such as a TCP text-mode
 *   banner) may be dropped by the link.
 * - `closed` is called exactly once when the open link ends, whoever ended it, and nothing after it.
 * - The factory rejects with a `ParlorError` (code `CLIENT_UNREACHABLE`) when the link cannot be
 *   opened, and then never calls the handlers.
 */
export interface Link {
  /** Sends one frame. Ignored once the link is closed. */
  send(text: string): void;
  /** Ends the link; `closed` follows. */
  close(): void;
}

/** What a link reports to the client that opened it. */
export interface LinkHandlers {
  /** One incoming text frame. */
  frame(text: string): void;
  /** The link ended; `reason` is a short human-readable explanation. */
  closed(reason: string): void;
}

/** Opens a link that reports to `handlers`; resolves once it can send. */
export type LinkFactory = (handlers: LinkHandlers) => Promise<Link>;
