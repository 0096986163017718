import { ClientErrorCode, type LinkFactory, ParlorError } from '../sdk/index.ts';
import { type ClientTlsOptions, tcpLink } from './tcp-link.ts';
import { wsLink } from './ws-link.ts';

/** Where a command-line client connects: TCP (optionally TLS) to host:port, or a WebSocket URL. */
export interface ServerTarget {
  readonly host: string;
  readonly port: number;
  /** A `ws://` or `wss://` URL to connect over WebSocket; undefined connects over TCP to host:port. */
  readonly url: string | undefined;
  /** Connect over TLS (TCP) with these certificate checks; for WebSocket, use a wss:// URL. */
  readonly tls?: ClientTlsOptions;
}

/** The link factory for `target`, and how to name it to a person (`127.0.0.1:4000`, or the URL). */
export const linkTo = (target: ServerTarget): { readonly open: LinkFactory; readonly where: string } => ({
  open:
    target.url === undefined
      ? tcpLink(target.host, target.port, target.tls ? { tls: target.tls } : {})
      : wsLink(target.url, target.tls ?? {}),
  where: target.url ?? `${target.host}:${target.port}`,
});

/**
 * One line saying why the first connection to `where` failed (`ParlorClient.connect` rejected).
 * Only a refused or unanswered connection suggests that no server runs there.
 */
export const describeConnectFailure = (error: unknown, where: string): string => {
  if (error instanceof ParlorError && error.code === ClientErrorCode.CLIENT_UNREACHABLE) {
    const sentence = error.message.charAt(0).toLowerCase() + error.message.slice(1);
    const down = /connection refused|timed out/.test(error.message);
    return down ? `${sentence}. Is it running? Start one with: parlor serve` : sentence;
  }
  const detail = error instanceof ParlorError ? `${error.message} (${error.code})` : String(error);
  return `could not connect to the Parlor server at ${where}: ${detail}`;
};
