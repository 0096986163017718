import { describe, expect, it } from 'vitest';
import { loadConfig, optionSpecs } from './index.ts';

describe('loadConfig', () => {
  it('gives every option its default when nothing is set', () => {
    const result = loadConfig('serve', { env: {}, flags: {} });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.tcpPort).toBe(optionSpecs.tcpPort.default);
    expect(result.config.pingIntervalMs).toBe(20_000);
    expect(Object.isFrozen(result.config)).toBe(true);
  });

  it('lets flags beat the environment, which beats the file', () => {
    const result = loadConfig('serve', {
      file: { tcpPort: 1, httpPort: 1, pingMissLimit: 7 },
      env: { PARLOR_TCP_PORT: '2', PARLOR_HTTP_PORT: '2' },
      flags: { tcpPort: '3' },
    });
    expect(result.ok && [result.config.tcpPort, result.config.httpPort, result.config.pingMissLimit]).toEqual(
      [3, 2, 7],
    );
  });

  it('reports every problem, naming where each value came from', () => {
    const result = loadConfig('serve', {
      file: { maxFrameBytes: 10, bogus: true },
      env: { PARLOR_CHAT_PER_SECOND: 'fast' },
      flags: { pingMissLimit: '1.5' },
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      'config file: unknown option "bogus"',
      'flag --ping-miss-limit: must be an integer from 1 to 100 (got "1.5")',
      'config file key "maxFrameBytes": must be an integer from 256 to 16777216 (got 10)',
      'environment variable PARLOR_CHAT_PER_SECOND: must be a number from 0.01 to 1000000 (got "fast")',
    ]);
  });

  it('reads the client options under their own names and checks their patterns', () => {
    const good = loadConfig('play', { env: { PARLOR_CONNECT_PORT: '4100' }, flags: { nick: 'alice' } });
    expect(good.ok && [good.config.connectPort, good.config.nick]).toEqual([4100, 'alice']);
    const bad = loadConfig('play', { env: {}, flags: { nick: 'a b', url: 'http://x' } });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.problems).toHaveLength(2);
  });

  it('refuses a config file that is not an object', () => {
    const result = loadConfig('serve', { file: [1, 2], env: {}, flags: {} });
    expect(result.ok ? [] : result.problems).toEqual(['config file: must hold a JSON object']);
  });
});
