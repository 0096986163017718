import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectTcpPeer, connectWsPeer, joinAs, type RawPeer } from '../helpers/raw-clients.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const helloed = async (peer: RawPeer): Promise<RawPeer> => {
  peer.json({ type: 'hello', data: { protocol: 1 } });
  await peer.nextMessage('welcome');
  return peer;
};

describe('accounts (B3)', () => {
  it('registers a nickname, keeps guests off it, and lets its owner log in to it', async () => {
    const owner = await connectTcpPeer(server.tcpPort);
    owner.line('/nick Alice');
    await owner.nextLine('Welcome, Alice');
    owner.line('/register short');
    expect(await owner.nextLine('ACCOUNT_BAD_PASSWORD')).toMatch(/^! ACCOUNT_BAD_PASSWORD: /);
    owner.line('/register s3cret-enough');
    expect(await owner.nextLine('registered')).toContain('Alice is now registered');
    owner.line('/quit');
    await owner.waitClosed();

    const guest = await helloed(await connectWsPeer(server.wsUrl));
    for (let attempt = 0; ; attempt++) {
      guest.json({ type: 'nick.set', id: attempt, data: { nick: 'alice' } });
      const error = await guest.nextMessage('error', (m) => m.re === attempt);
      if (error.data.code === 'NICK_REGISTERED') break;
      expect(error.data.code).toBe('NICK_TAKEN'); // the quit may not be processed yet
    }
    guest.json({ type: 'account.login', id: 'bad', data: { nick: 'alice', password: 'wrong-password' } });
    expect((await guest.nextMessage('error', (m) => m.re === 'bad')).data.code).toBe('AUTH_FAILED');
    guest.json({ type: 'account.login', id: 'nobody', data: { nick: 'nobody', password: 'whatever1' } });
    expect((await guest.nextMessage('error', (m) => m.re === 'nobody')).data.code).toBe('AUTH_FAILED');

    guest.json({ type: 'account.login', id: 'ok', data: { nick: 'ALICE', password: 's3cret-enough' } });
    const login = await guest.nextMessage('account.logged_in');
    expect(login).toMatchObject({ re: 'ok', data: { nick: 'Alice', previous: null } });
    const lobby = await guest.nextMessage('room.joined');
    expect(lobby.data.members.map((m) => m.nick)).toContain('Alice');
    guest.end();
  });

  it('refuses to register a nickname twice', async () => {
    const first = await joinAs(await connectTcpPeer(server.tcpPort), 'bob');
    first.json({ type: 'account.register', id: 1, data: { password: 'password-1' } });
    await first.nextMessage('account.registered');
    first.json({ type: 'account.register', id: 2, data: { password: 'password-2' } });
    expect((await first.nextMessage('error')).data.code).toBe('ACCOUNT_EXISTS');
    first.end();
  });

  it('lets the owner log in while an old session of theirs is still held, replacing it', async () => {
    const old = await joinAs(await connectTcpPeer(server.tcpPort), 'carol');
    old.json({ type: 'account.register', id: 1, data: { password: 'carol-pass' } });
    await old.nextMessage('account.registered');
    old.socket.destroy();
    const fresh = await connectTcpPeer(server.tcpPort);
    fresh.line('/login carol carol-pass');
    expect(await fresh.nextLine('Logged in')).toContain('Logged in as carol');
    fresh.line('/list');
    await fresh.nextLine('  carol  free');
    fresh.end();
  });

  it('never writes a password to the logs', async () => {
    const lines: string[] = [];
    const pino = (await import('pino')).default;
    const { startServer } = await import('../../src/main/server-main.ts');
    const { createMemoryStore } = await import('../../src/store/index.ts');
    const logger = pino({ level: 'trace' }, { write: (line: string) => lines.push(line) });
    const running = await startServer({ ...server.config, logLevel: 'trace' }, logger, {
      store: createMemoryStore(),
    });
    const peer = await joinAs(await connectTcpPeer(running.addresses.tcp.port), 'dave');
    peer.json({ type: 'account.register', id: 1, data: { password: 'hunter2-secret' } });
    await peer.nextMessage('account.registered');
    peer.json({ type: 'account.login', id: 2, data: { nick: 'dave', password: 'wrong-secret-x' } });
    await peer.nextMessage('error');
    peer.line('/login dave hunter2-secret');
    await peer.nextMessage('error');
    await running.close();
    expect(lines.length).toBeGreaterThan(3);
    expect(lines.join('\n')).not.toMatch(/hunter2|wrong-secret/);
  });
});
