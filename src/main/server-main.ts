import { mkdirSync } from 'node:fs';
import type { Logger } from 'pino';
import { registerChat } from '../chat/index.ts';
import type { Config } from '../config/index.ts';
import { type ListeningAddresses, ParlorServer } from '../server/index.ts';

/** A running server with its areas wired in. */
export interface RunningServer {
  readonly server: ParlorServer;
  readonly addresses: ListeningAddresses;
  /** Stops accepting, tells every client, closes everything. */
  close(message?: string): Promise<void>;
}

/** The composition root: builds the server and its areas from the configuration and starts it. */
export const startServer = async (config: Config, logger: Logger): Promise<RunningServer> => {
  mkdirSync(config.dataDir, { recursive: true });
  const server = new ParlorServer({ config, logger });
  registerChat(server, config);
  const addresses = await server.listen();
  const { tcp, http } = addresses;
  logger.info(
    {
      event: 'listening',
      tcpPort: tcp.port,
      httpPort: http.port,
      tcp: `${tcp.host}:${tcp.port}`,
      ws: `ws://${http.host}:${http.port}/ws`,
    },
    `Parlor listening: TCP ${tcp.host}:${tcp.port} (JSON lines and text mode), HTTP ${http.host}:${http.port} (WebSocket at /ws)`,
  );
  return { server, addresses, close: (message) => server.close(message) };
};
