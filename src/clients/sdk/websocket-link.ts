import { ClientErrorCode, ParlorError } from './errors.ts';
import type { Link, LinkFactory } from './link.ts';

//
// Event handler properties are declared with method syntax so that their parameter is compared
// bivariantly: the browser's `(ev: MessageEvent) => any` and ws's `(event: WebSocket.MessageEvent)`
// then both fit, although each event type has more fields than the few read here.
//
type Handler<E> = { bivariant(event: E): void }['bivariant'];

/** The part of the WebSocket API a link uses; the browser's `WebSocket` and the `ws` package's both have it. */
export interface WebSocketLike {
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: Handler<unknown> | null;
  onmessage: Handler<{ readonly data: unknown }> | null;
  onclose: Handler<{ readonly code: number; readonly reason: string }> | null;
  onerror: Handler<unknown> | null;
}

/** A WebSocket class: `WebSocket` in browsers, `WebSocket` from the `ws` package in Node. */
export type WebSocketConstructor = new (url: string) => WebSocketLike;

/** Options of `webSocketLink`. */
export interface WebSocketLinkOptions {
  /** Turns the `error` event of a failed connection into a short reason, e.g. "connection refused". */
  readonly describeError?: (event: unknown) => string | undefined;
}

const NORMAL_CLOSURE = 1000;

/** A link over a WebSocket at `url`: one JSON message per text message. */
export const webSocketLink =
  (url: string, WebSocketImpl: WebSocketConstructor, options: WebSocketLinkOptions = {}): LinkFactory =>
  (handlers) =>
    new Promise<Link>((resolve, reject) => {
      const unreachable = (detail: string | undefined, cause?: unknown): ParlorError =>
        new ParlorError(
          ClientErrorCode.CLIENT_UNREACHABLE,
          `Cannot reach the Parlor server at ${url}${detail === undefined ? '' : ` (${detail})`}`,
          { cause },
        );
      let socket: WebSocketLike;
      try {
        socket = new WebSocketImpl(url);
      } catch (error) {
        // Browsers throw at once for a malformed URL.
        reject(unreachable(error instanceof Error ? error.message : String(error), error));
        return;
      }
      let open = false;
      let ended = false;
      const link: Link = {
        send: (text) => {
          if (open && !ended) socket.send(text);
        },
        close: () => socket.close(NORMAL_CLOSURE),
      };
      socket.onopen = () => {
        open = true;
        resolve(link);
      };
      socket.onmessage = (event) => {
        // Parlor speaks text frames only; a binary frame is not a message.
        if (!ended && typeof event.data === 'string') handlers.frame(event.data);
      };
      socket.onerror = (event) => {
        if (!open) reject(unreachable(options.describeError?.(event), event));
      };
      socket.onclose = (event) => {
        if (!open) {
          reject(unreachable(`closed with code ${event.code}`));
          return;
        }
        if (ended) return;
        ended = true;
        handlers.closed(
          event.reason === '' ? `the server closed the connection (code ${event.code})` : event.reason,
        );
      };
    });
