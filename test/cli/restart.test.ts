import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { connectTcpPeer, connectWsPeer, joinAs, type RawPeer } from '../helpers/raw-clients.ts';
import { type CliProcess, spawnCli } from '../helpers/spawn-cli.ts';

const SECRET = 'restart-secret';

/** Starts `parlor serve` on free ports with its data in `dataDir`; resolves once it listens. */
const serve = async (dataDir: string, extra: string[] = []) => {
  const proc = spawnCli(
    ['serve', '--host', '127.0.0.1', '--tcp-port', '0', '--http-port', '0', '--data-dir', dataDir, ...extra],
    { PARLOR_OPERATOR_SECRET: SECRET, PARLOR_PASSWORD_HASH_LOG_N: '10' },
  );
  await proc.waitFor('"event":"listening"');
  const line = proc.stdout.split('\n').find((l) => l.includes('"event":"listening"')) as string;
  const { tcpPort, httpPort } = JSON.parse(line) as { tcpPort: number; httpPort: number };
  return { proc, tcpPort, wsUrl: `ws://127.0.0.1:${httpPort}/ws` };
};

const operator = async (tcpPort: number): Promise<RawPeer> => {
  const op = await joinAs(await connectTcpPeer(tcpPort), 'boss');
  op.json({ type: 'oper.login', id: 'op', data: { secret: SECRET } });
  await op.nextMessage('oper.granted');
  return op;
};

const exitWithin = async (proc: CliProcess, ms: number): Promise<number | null> => {
  const start = Date.now();
  const code = await proc.exited;
  expect(Date.now() - start).toBeLessThan(ms);
  return code;
};

describe('persistence across restarts (D3) and graceful shutdown (D2)', () => {
  it('keeps bans, suspensions and accounts after a SIGTERM and a restart; clients are told', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'parlor-restart-'));
    const first = await serve(dataDir);
    const op = await operator(first.tcpPort);
    const owner = await joinAs(await connectWsPeer(first.wsUrl), 'keeper');
    owner.json({ type: 'account.register', id: 1, data: { password: 'keeper-pass' } });
    await owner.nextMessage('account.registered');
    op.json({ type: 'oper.ban', id: 2, data: { target: 'rogue', reason: 'persisted' } });
    await op.nextMessage('oper.done', (m) => m.re === 2);
    op.json({ type: 'oper.suspend', id: 3, data: { nick: 'quiet' } });
    await op.nextMessage('oper.done', (m) => m.re === 3);

    first.proc.child.kill('SIGTERM');
    const notice = await owner.nextMessage('error');
    expect(notice.data).toMatchObject({ code: 'SERVER_SHUTTING_DOWN', fatal: true });
    expect(notice.data.message).toContain('reconnect later');
    await owner.waitClosed();
    expect(await exitWithin(first.proc, 5000)).toBe(0);

    const second = await serve(dataDir);
    const rogue = await connectTcpPeer(second.tcpPort);
    rogue.json({ type: 'hello', data: { protocol: 1 } });
    rogue.json({ type: 'nick.set', id: 1, data: { nick: 'rogue' } });
    expect((await rogue.nextMessage('error')).data).toMatchObject({
      code: 'BANNED',
      message: expect.stringContaining('persisted'),
    });
    const quiet = await joinAs(await connectTcpPeer(second.tcpPort), 'quiet');
    quiet.json({ type: 'chat.say', id: 2, data: { text: 'hi' } });
    expect((await quiet.nextMessage('error')).data.code).toBe('CHAT_SUSPENDED');
    const guest = await connectTcpPeer(second.tcpPort);
    guest.json({ type: 'hello', data: { protocol: 1 } });
    guest.json({ type: 'nick.set', id: 1, data: { nick: 'keeper' } });
    expect((await guest.nextMessage('error')).data.code).toBe('NICK_REGISTERED');
    guest.json({ type: 'account.login', id: 2, data: { nick: 'keeper', password: 'keeper-pass' } });
    await guest.nextMessage('account.logged_in');
    second.proc.child.kill('SIGINT');
    expect(await exitWithin(second.proc, 5000)).toBe(0);
  });

  it('keeps every acknowledged ban after a kill -9', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'parlor-kill-'));
    const first = await serve(dataDir);
    const op = await operator(first.tcpPort);
    const acknowledged: string[] = [];
    for (let i = 0; i < 25; i++) {
      op.json({ type: 'oper.ban', id: i, data: { target: `bad${i}` } });
      await op.nextMessage('oper.done', (m) => m.re === i);
      acknowledged.push(`bad${i}`);
    }
    // One more in flight when the process dies: it may or may not have landed.
    op.json({ type: 'oper.ban', id: 'last', data: { target: 'maybe' } });
    first.proc.child.kill('SIGKILL');
    await first.proc.exited;

    const second = await serve(dataDir);
    const probe = await connectTcpPeer(second.tcpPort);
    probe.json({ type: 'hello', data: { protocol: 1 } });
    await probe.nextMessage('welcome');
    for (const nick of acknowledged) {
      const peer = await connectTcpPeer(second.tcpPort);
      peer.json({ type: 'hello', data: { protocol: 1 } });
      peer.json({ type: 'nick.set', id: 1, data: { nick } });
      expect((await peer.nextMessage('error')).data.code).toBe('BANNED');
    }
    second.proc.child.kill('SIGTERM');
    expect(await second.proc.exited).toBe(0);
  });

  it('stops on an operator’s !shutdown, telling every client the message, and exits 0', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'parlor-shutdown-'));
    const running = await serve(dataDir, ['--shutdown-timeout-ms', '3000']);
    const op = await operator(running.tcpPort);
    const human = await connectTcpPeer(running.tcpPort);
    human.line('/nick listener');
    await human.nextLine('Welcome, listener');
    op.line('{"type":"oper.shutdown","data":{"message":"Maintenance, back soon."}}');
    expect(await human.nextLine('SERVER_SHUTTING_DOWN')).toBe(
      '! SERVER_SHUTTING_DOWN: Maintenance, back soon. You may reconnect later.',
    );
    await human.waitClosed();
    expect(await exitWithin(running.proc, 5000)).toBe(0);
    expect(running.proc.stdout).toContain('"event":"stopped"');
  });

  it('exits at once with code 1 on a second SIGINT', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'parlor-sigint-'));
    const running = await serve(dataDir, ['--shutdown-timeout-ms', '60000']);
    // A client that never reads keeps the graceful shutdown waiting for the full timeout.
    const stuck = await connectTcpPeer(running.tcpPort);
    stuck.socket.pause();
    running.proc.child.kill('SIGINT');
    await running.proc.waitFor('"event":"shutdown"');
    running.proc.child.kill('SIGINT');
    expect(await exitWithin(running.proc, 3000)).toBe(1);
    expect(running.proc.stderr).toContain('second signal, exiting at once');
    stuck.socket.destroy();
  });
});
