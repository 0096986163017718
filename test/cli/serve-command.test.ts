import { mkdtempSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { flagOf, optionsOf } from '../../src/config/index.ts';
import { connectTcpPeer } from '../helpers/raw-clients.ts';
import { runCli, spawnCli } from '../helpers/spawn-cli.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'parlor-cli-'));
const LOCAL = ['--host', '127.0.0.1', '--data-dir', dataDir];

/** No stack trace: no "    at file:line" frames, no "Error:" dumps. */
const expectNoStackTrace = (text: string): void => {
  expect(text).not.toMatch(/^\s+at /m);
  expect(text).not.toMatch(/node:internal/);
};

describe('parlor serve', () => {
  it('listens on free ports, prints them in one log line, serves, and exits 0 on SIGTERM', async () => {
    const proc = spawnCli(['serve', ...LOCAL, '--tcp-port', '0', '--http-port', '0']);
    await proc.waitFor('"event":"listening"');
    const line = proc.stdout.split('\n').find((l) => l.includes('"event":"listening"')) as string;
    const { tcpPort, httpPort } = JSON.parse(line);
    expect(tcpPort).toBeGreaterThan(0);
    expect(httpPort).toBeGreaterThan(0);

    const peer = await connectTcpPeer(tcpPort);
    peer.line('/nick cli');
    await peer.nextLine('Welcome, cli');
    await proc.waitFor('"event":"connection.opened"');
    const page = await fetch(`http://127.0.0.1:${httpPort}/`);
    expect(await page.text()).toContain('<div id="app">');
    expect(await (await fetch(`http://127.0.0.1:${httpPort}/info`)).text()).toContain('/ws');

    proc.child.kill('SIGTERM');
    await peer.nextLine('SERVER_SHUTTING_DOWN');
    expect(await proc.exited).toBe(0);
    expect(proc.stdout).toContain('"event":"connection.closed"');
  });

  it('reports a port in use in one line and exits 1', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    const { code, stderr } = await runCli([
      'serve',
      ...LOCAL,
      '--tcp-port',
      String(port),
      '--http-port',
      '0',
    ]);
    blocker.close();
    expect(code).toBe(1);
    expect(stderr.trim()).toBe(
      `parlor serve: cannot listen on 127.0.0.1:${port}: the port is already in use`,
    );
  });

  it('reports an unknown flag in one line and exits 1', async () => {
    const { code, stderr } = await runCli(['serve', '--tcp-prot', '5']);
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain("Unknown option '--tcp-prot'");
    expectNoStackTrace(stderr);
  });

  it('reports every invalid value at once, from flags and environment', async () => {
    const { code, stderr } = await runCli(['serve', '--tcp-port', '70000', '--log-level', 'loud'], {
      PARLOR_PING_INTERVAL_MS: 'soon',
    });
    expect(code).toBe(1);
    expect(stderr).toContain('environment variable PARLOR_PING_INTERVAL_MS: must be an integer');
    expect(stderr).toContain('flag --tcp-port: must be an integer from 0 to 65535 (got "70000")');
    expect(stderr).toContain(
      'flag --log-level: must be one of fatal, error, warn, info, debug, trace, silent',
    );
    expectNoStackTrace(stderr);
  });

  it('applies defaults < config file < environment < flags', async () => {
    const file = join(dataDir, 'config.json');
    writeFileSync(file, JSON.stringify({ tcpPort: 4100, httpPort: 8100, maxChatChars: 300, chatBurst: 9 }));
    const { code, stdout } = await runCli(
      ['serve', '--config', file, '--http-port', '8300', '--print-config'],
      {
        PARLOR_HTTP_PORT: '8200',
        PARLOR_MAX_CHAT_CHARS: '400',
      },
    );
    expect(code).toBe(0);
    const config = JSON.parse(stdout);
    expect(config).toMatchObject({
      tcpPort: 4100,
      httpPort: 8300,
      maxChatChars: 400,
      chatBurst: 9,
      pingIntervalMs: 20_000,
    });
  });

  it('reports a config file that is missing, not JSON, or has unknown keys', async () => {
    const missing = await runCli(['serve', '--config', join(dataDir, 'nope.json')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim()).toMatch(/^parlor serve: cannot read config file .*nope\.json: ENOENT$/);
    const bad = join(dataDir, 'bad.json');
    writeFileSync(bad, '{ nope');
    expect((await runCli(['serve', '--config', bad])).stderr).toContain('is not valid JSON');
    const unknown = join(dataDir, 'unknown.json');
    writeFileSync(unknown, JSON.stringify({ tcpPrt: 1 }));
    expect((await runCli(['serve', '--config', unknown])).stderr).toContain(
      'config file: unknown option "tcpPrt"',
    );
  });
});

describe('parlor --help', () => {
  it('documents every command', async () => {
    const { code, stdout } = await runCli(['--help']);
    expect(code).toBe(0);
    for (const command of ['serve', 'play', 'help']) expect(stdout).toContain(`  ${command}`);
  });

  it.each(['serve', 'play'] as const)(
    'documents every option of %s with its environment variable',
    async (command) => {
      const { code, stdout } = await runCli([command, '--help']);
      expect(code).toBe(0);
      for (const name of optionsOf(command)) expect(stdout).toContain(`--${flagOf(name)} `);
      expect(stdout).toContain('PARLOR_');
      expect((await runCli(['help', command])).stdout).toBe(stdout);
    },
  );

  it('rejects an unknown command with exit code 1', async () => {
    const { code, stderr } = await runCli(['frobnicate']);
    expect(code).toBe(1);
    expect(stderr.trim()).toBe('parlor: unknown command "frobnicate" (see: parlor --help)');
  });
});
