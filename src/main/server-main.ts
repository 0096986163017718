import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { registerAccounts } from '../accounts/index.ts';
import { registerChat } from '../chat/index.ts';
import type { Config } from '../config/index.ts';
import { registerModeration, SanctionBook } from '../moderation/index.ts';
import { registerRooms } from '../rooms/index.ts';
import { type ListeningAddresses, ParlorServer } from '../server/index.ts';
import { openPostgresStore, openSqliteStore, type Store } from '../store/index.ts';
import { defaultOpeningBookPath } from './opening-book-file.ts';
import { readFileOrExplain } from './usage-error.ts';
import { loadWebClient } from './web-client-files.ts';

/** A running server with its areas wired in. */
export interface RunningServer {
  readonly server: ParlorServer;
  readonly store: Store;
  readonly addresses: ListeningAddresses;
  /** Stops accepting, tells every client, closes everything, then closes the store. */
  close(message?: string): Promise<void>;
}

/** What the composition root can be given instead of building it (tests). */
export interface StartOptions {
  /** A store to use instead of the configured one; it is closed with the server. */
  readonly store?: Store;
  /** Called when an operator asks for a shutdown. */
  readonly onShutdownRequest?: (message: string) => void;
}

/** Opens the configured store: PostgreSQL when `databaseUrl` is set, else SQLite in the data directory. */
export const openStore = async (config: Config): Promise<Store> => {
  if (config.databaseUrl !== undefined) return openPostgresStore({ url: config.databaseUrl });
  mkdirSync(config.dataDir, { recursive: true });
  return openSqliteStore(join(config.dataDir, 'parlor.db'));
};

/** Reads the TLS certificate and key files named by the configuration, if any. */
const readTls = (config: Config): { cert: Buffer; key: Buffer } | undefined => {
  if (config.tlsCert === undefined || config.tlsKey === undefined) return undefined;
  return {
    cert: readFileOrExplain('--tls-cert', config.tlsCert),
    key: readFileOrExplain('--tls-key', config.tlsKey),
  };
};

/** The composition root: builds the store, the server and its areas from the configuration, and starts them. */
export const startServer = async (
  config: Config,
  logger: Logger,
  options: StartOptions = {},
): Promise<RunningServer> => {
  const tls = readTls(config);
  const site = loadWebClient();
  if (site === undefined) {
    logger.warn(
      { event: 'web.missing' },
      'The browser client is not built (npm run build): / serves text only',
    );
  }
  const store = options.store ?? (await openStore(config));
  try {
    const server = new ParlorServer({
      config,
      logger,
      ...(options.onShutdownRequest ? { onShutdownRequest: options.onShutdownRequest } : {}),
      ...(tls === undefined ? {} : { tls }),
      ...(site === undefined ? {} : { site }),
    });
    const chat = registerChat(server, config);
    const rooms = registerRooms(server, chat, store.matches, {
      ...config,
      openingBookPath: defaultOpeningBookPath(),
    });
    registerAccounts(server, store.accounts, config);
    const book = await SanctionBook.load(store.moderation, server.now());
    registerModeration(server, book, store.audit, config);
    if (config.operatorSecret === undefined) {
      logger.warn(
        { event: 'operators.disabled' },
        'No operator secret (--operator-secret): operator login is disabled',
      );
    }
    const addresses = await server.listen();
    const { tcp, http } = addresses;
    logger.info(
      {
        event: 'listening',
        tcpPort: tcp.port,
        httpPort: http.port,
        tcp: `${tcp.host}:${tcp.port}`,
        ws: `${server.secure ? 'wss' : 'ws'}://${http.host}:${http.port}/ws`,
        tls: server.secure,
        store: store.kind,
      },
      `Parlor listening: ${server.secure ? 'TLS' : 'TCP'} ${tcp.host}:${tcp.port} (JSON lines and text mode), ` +
        `${server.secure ? 'HTTPS' : 'HTTP'} ${http.host}:${http.port} (WebSocket at /ws), store ${store.kind}`,
    );
    return {
      server,
      store,
      addresses,
      close: async (message) => {
        await server.close(message);
        await rooms.flush();
        await store.close();
      },
    };
  } catch (error) {
    await store.close();
    throw error;
  }
};
