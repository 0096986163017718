import WebSocket from 'ws';
import { type LinkFactory, webSocketLink } from '../sdk/index.ts';
import { describeSocketError } from './describe-error.ts';

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

/** A link over WebSocket (the `ws` package) to `url`, e.g. `ws://localhost:8080/ws`. */
export const wsLink = (url: string): LinkFactory =>
  webSocketLink(url, PromptWebSocket, {
    describeError: (event) =>
      describeSocketError(
        typeof event === 'object' && event !== null && 'error' in event ? event.error : event,
      ),
  });
