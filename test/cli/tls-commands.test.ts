import { existsSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, spawnCli } from '../helpers/spawn-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'parlor-cert-'));
const cert = join(dir, 'cert.pem');
const key = join(dir, 'key.pem');
let server: ReturnType<typeof spawnCli>;
let tcpPort = 0;
let httpPort = 0;

beforeAll(async () => {
  const made = await runCli(['cert', '--out', dir, '--hosts', 'parlor.test']);
  expect(made.code).toBe(0);
  server = spawnCli([
    'serve',
    '--host',
    '127.0.0.1',
    '--tcp-port',
    '0',
    '--http-port',
    '0',
    '--data-dir',
    dir,
    '--tls-cert',
    cert,
    '--tls-key',
    key,
  ]);
  await server.waitFor('"event":"listening"');
  const line = server.stdout.split('\n').find((l) => l.includes('"event":"listening"')) as string;
  ({ tcpPort, httpPort } = JSON.parse(line));
  expect(JSON.parse(line)).toMatchObject({ tls: true, ws: `wss://127.0.0.1:${httpPort}/ws` });
});
afterAll(async () => {
  server.child.kill('SIGTERM');
  await server.exited;
});

/** Runs `parlor play` with ARGS, types /quit, and returns its exit code and output. */
const playAndQuit = async (args: string[]) => {
  const play = spawnCli(['play', '--nick', `p${Math.floor(Math.random() * 1e6)}`, ...args]);
  play.child.stdin?.write('/quit\n');
  const code = await play.exited;
  return { code, stdout: play.stdout, stderr: play.stderr };
};

describe('parlor cert and TLS from the command line (A4)', () => {
  it('writes a certificate and a private key readable by its owner only', () => {
    expect(existsSync(cert)).toBe(true);
    expect(statSync(key).mode & 0o077).toBe(0);
  });

  it('connects parlor play over TLS when told to trust the certificate', async () => {
    const result = await playAndQuit(['--port', String(tcpPort), '--tls', '--ca', cert]);
    expect(result.stdout).toContain('Connected to Parlor');
    expect(result.code).toBe(0);
  });

  it('connects over WSS with --url and --insecure', async () => {
    const result = await playAndQuit(['--url', `wss://127.0.0.1:${httpPort}/ws`, '--insecure']);
    expect(result.stdout).toContain('Connected to Parlor');
    expect(result.code).toBe(0);
  });

  it('refuses an untrusted certificate with one clear line', async () => {
    const result = await playAndQuit(['--port', String(tcpPort), '--tls']);
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/parlor play: cannot reach the Parlor server .*certificate/i);
  });

  it('reports a missing certificate file at start-up in one line', async () => {
    const result = await runCli([
      'serve',
      '--tls-cert',
      join(dir, 'nope.pem'),
      '--tls-key',
      key,
      '--data-dir',
      dir,
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(
      `parlor serve: cannot read --tls-cert ${join(dir, 'nope.pem')}: ENOENT`,
    );
    const half = await runCli(['serve', '--tls-cert', cert]);
    expect(half.stderr).toContain('--tls-cert and --tls-key go together');
  });
});
