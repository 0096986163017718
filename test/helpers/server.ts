import pino from 'pino';
import { type Config, loadConfig } from '../../src/config/index.ts';
import { type RunningServer, type StartOptions, startServer } from '../../src/main/server-main.ts';
import { createMemoryStore } from '../../src/store/index.ts';

/** A server started for one test file, on loopback with free ports. */
export interface TestServer {
  readonly running: RunningServer;
  readonly config: Config;
  readonly tcpPort: number;
  readonly httpPort: number;
  readonly wsUrl: string;
  /** Operator shutdown requests received (the test decides what to do with them). */
  readonly shutdownRequests: string[];
  close(): Promise<void>;
}

/** Options of a test server: config overrides, and the store (default: a fresh in-memory one). */
export type TestServerOptions = Partial<Record<keyof Config, string | number>> & {
  store?: StartOptions['store'] | 'configured';
};

/**
 * Starts a real server in-process on 127.0.0.1 with ports chosen by the system. Options not given
 * keep their defaults, except flood control (loosened so tests may send quickly), the password
 * hash cost (lowered) and the shutdown wait (short).
 */
export const startTestServer = async (options: TestServerOptions = {}): Promise<TestServer> => {
  const { store, ...overrides } = options;
  const loaded = loadConfig('serve', {
    env: {},
    flags: {},
    file: {
      host: '127.0.0.1',
      tcpPort: 0,
      httpPort: 0,
      dataDir: `${process.env.TMPDIR ?? '/tmp'}/parlor-test-data`,
      logLevel: 'silent',
      textBannerDelayMs: 50,
      chatBurst: 1000,
      chatPerSecond: 1000,
      messageBurst: 1000,
      messagePerSecond: 1000,
      passwordHashLogN: 10,
      shutdownTimeoutMs: 2000,
      userStateDigestMs: 20,
      ...overrides,
    },
  });
  if (!loaded.ok) throw new Error(loaded.problems.join('; '));
  const config = loaded.config;
  const shutdownRequests: string[] = [];
  const running = await startServer(config, pino({ level: 'silent' }), {
    ...(store === 'configured' ? {} : { store: store ?? createMemoryStore() }),
    onShutdownRequest: (message) => shutdownRequests.push(message),
  });
  const { tcp, http } = running.addresses;
  return {
    running,
    config,
    tcpPort: tcp.port,
    httpPort: http.port,
    wsUrl: `ws://127.0.0.1:${http.port}/ws`,
    shutdownRequests,
    close: () => running.close(),
  };
};
