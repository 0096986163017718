import http from 'node:http';
import https from 'node:https';
import type { TlsCredentials } from './tls.ts';

/** Options of the HTTP listener. */
export interface HttpListenerOptions {
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  readonly handleRequest: http.RequestListener;
  /** Serve HTTPS (and so WSS) instead of HTTP. */
  readonly tls?: TlsCredentials;
}

/** Starts an HTTP or HTTPS server (WebSocket endpoints are attached to it separately). */
export const listenHttp = async (options: HttpListenerOptions): Promise<http.Server> => {
  // An https.Server is an http.Server over TLS: same requests, same 'upgrade' events.
  const server = options.tls
    ? (https.createServer(
        { cert: options.tls.cert, key: options.tls.key },
        options.handleRequest,
      ) as unknown as http.Server)
    : http.createServer(options.handleRequest);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: options.host, port: options.port }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return server;
};
