import http from 'node:http';

/** Options of the HTTP listener. */
export interface HttpListenerOptions {
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  readonly handleRequest: http.RequestListener;
}

/** Starts an HTTP server (WebSocket endpoints are attached to it separately). */
export const listenHttp = async (options: HttpListenerOptions): Promise<http.Server> => {
  const server = http.createServer(options.handleRequest);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: options.host, port: options.port }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return server;
};
