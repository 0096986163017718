import pino from 'pino';
import { type Config, loadConfig } from '../../src/config/index.ts';
import { type RunningServer, startServer } from '../../src/main/server-main.ts';

/** A server started for one test file, on loopback with free ports. */
export interface TestServer {
  readonly running: RunningServer;
  readonly config: Config;
  readonly tcpPort: number;
  readonly httpPort: number;
  readonly wsUrl: string;
  close(): Promise<void>;
}

/**
 * Starts a real server in-process on 127.0.0.1 with ports chosen by the system. Options not given
 * keep their defaults, except flood control, which is loosened so tests may send quickly.
 */
export const startTestServer = async (
  overrides: Partial<Record<keyof Config, string | number>> = {},
): Promise<TestServer> => {
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
      ...overrides,
    },
  });
  if (!loaded.ok) throw new Error(loaded.problems.join('; '));
  const config = loaded.config;
  const running = await startServer(config, pino({ level: 'silent' }));
  const { tcp, http } = running.addresses;
  return {
    running,
    config,
    tcpPort: tcp.port,
    httpPort: http.port,
    wsUrl: `ws://127.0.0.1:${http.port}/ws`,
    close: () => running.close(),
  };
};
