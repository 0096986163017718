import WebSocket from 'ws';
import { type LinkFactory, type WebSocketConstructor, webSocketLink } from '../sdk/index.ts';
import { describeSocketError } from './describe-error.ts';
import type { ClientTlsOptions } from './tcp-link.ts';

/** How long a closing handshake may take before the socket is dropped. */
const CLOSE_GRACE_MS = 1000;

// ws waits up to 30 s for a silent peer to finish the closing handshake; a client that closes
// because the server is gone should not keep the process alive that long.
class PromptWebSocket extends WebSocket {
  override close(code?: number, reason?: string): void {
    super.close(code, reason);
    setTimeout(() => this.terminate(), CLOSE_GRACE_MS).unref();
  }
}

/** The WebSocket class with the certificate checks of `tls` applied to every connection. */
const withTls = (tls: ClientTlsOptions): WebSocketConstructor =>
  tls.ca === undefined && tls.rejectUnauthorized !== false
    ? PromptWebSocket
    : class extends PromptWebSocket {
        constructor(address: string) {
          super(address, {
            ...(tls.ca === undefined ? {} : { ca: tls.ca }),
            rejectUnauthorized: tls.rejectUnauthorized ?? true,
          });
        }
      };

/** A link over WebSocket (the `ws` package) to `url`, e.g. `ws://localhost:8080/ws` or `wss://…`. */
export const wsLink = (url: string, tls: ClientTlsOptions = {}): LinkFactory =>
  webSocketLink(url, withTls(tls), {
    describeError: (event) =>
      describeSocketError(
        typeof event === 'object' && event !== null && 'error' in event ? event.error : event,
      ),
  });
