import net from 'node:net';
import tls from 'node:tls';
import { ClientErrorCode, type Link, type LinkFactory, ParlorError } from '../sdk/index.ts';
import { describeSocketError } from './describe-error.ts';
import { LineReader } from './line-reader.ts';

/** Options of `tcpLink`. */
export interface TcpLinkOptions {
  /** Time allowed to establish the connection. @default 10000 (ms) */
  readonly connectTimeoutMs?: number;
  /** Longest line accepted from the server. @default 16777216 (characters) */
  readonly maxLineChars?: number;
  /** Connect over TLS (a server started with --tls-cert). */
  readonly tls?: ClientTlsOptions;
}

/** How a client checks the server's certificate. */
export interface ClientTlsOptions {
  /** PEM certificate authority to trust besides the system's (for a private or self-signed certificate). */
  readonly ca?: string | Buffer;
  /** False skips the certificate check altogether (development only). @default true */
  readonly rejectUnauthorized?: boolean;
}

/**
 * A link over TCP with newline-delimited JSON: one message per line. Lines that are not JSON
 * objects (the text-mode banner a server sends to a silent connection) are skipped.
 */
export const tcpLink =
  (host: string, port: number, options: TcpLinkOptions = {}): LinkFactory =>
  (handlers) =>
    new Promise<Link>((resolve, reject) => {
      const where = `${host}:${port}`;
      const unreachable = (detail: string, cause?: unknown): ParlorError =>
        new ParlorError(
          ClientErrorCode.CLIENT_UNREACHABLE,
          `Cannot reach the Parlor server at ${where} (${detail})`,
          {
            cause,
          },
        );
      const reader = new LineReader(options.maxLineChars ?? 16 * 1024 * 1024);
      const socket = options.tls
        ? tls.connect({
            host,
            port,
            // SNI takes a host name, never an address.
            ...(net.isIP(host) === 0 ? { servername: host } : { servername: 'localhost' }),
            ...(options.tls.ca === undefined ? {} : { ca: options.tls.ca }),
            rejectUnauthorized: options.tls.rejectUnauthorized ?? true,
          })
        : net.connect({ host, port });
      socket.setEncoding('utf8');
      socket.setNoDelay(true);
      socket.setTimeout(options.connectTimeoutMs ?? 10_000);
      let connected = false;
      let ended = false;
      let failure: string | undefined;

      const link: Link = {
        send: (text) => {
          if (!ended && socket.writable) socket.write(`${text}\n`);
        },
        // Flush what was written (a quit, say), then let go even if the server never answers.
        close: () => socket.end(() => socket.destroy()),
      };
      socket.once(options.tls ? 'secureConnect' : 'connect', () => {
        connected = true;
        socket.setTimeout(0);
        resolve(link);
      });
      socket.on('timeout', () => {
        if (connected) return;
        socket.destroy();
        reject(unreachable('timed out'));
      });
      socket.on('data', (chunk: string) => {
        if (ended) return;
        const lines = reader.push(chunk);
        if (lines === null) {
          failure = 'the server sent a line that is too long';
          socket.destroy();
          return;
        }
        for (const line of lines) if (line.startsWith('{') && !ended) handlers.frame(line);
      });
      socket.on('error', (error) => {
        if (!connected) reject(unreachable(describeSocketError(error), error));
        else failure ??= `the connection failed: ${describeSocketError(error)}`;
      });
      socket.on('close', () => {
        if (!connected) {
          reject(unreachable('connection closed'));
          return;
        }
        if (ended) return;
        ended = true;
        handlers.closed(failure ?? 'the server closed the connection');
      });
    });
