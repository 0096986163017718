import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryStore, type Store } from '../../src/store/index.ts';
import { connectTcpPeer, connectWsPeer, joinAs, type RawPeer } from '../helpers/raw-clients.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

const SECRET = 'op-secret-for-tests';
let server: TestServer;
let store: Store;
let op: RawPeer;
beforeAll(async () => {
  store = createMemoryStore();
  server = await startTestServer({ operatorSecret: SECRET, store });
  op = await connectTcpPeer(server.tcpPort);
  op.line('/nick boss');
  await op.nextLine('Welcome, boss');
  op.line('/oper wrong');
  expect(await op.nextLine('OPER_DENIED')).toBe('! OPER_DENIED: Wrong operator secret.');
  op.line(`/oper ${SECRET}`);
  await op.nextLine('You are now an operator');
});
afterAll(() => server.close());

describe('operator commands (D1)', () => {
  it('refuses every command to a non-operator with OPER_REQUIRED', async () => {
    const user = await joinAs(await connectWsPeer(server.wsUrl), 'plain');
    const commands = [
      { type: 'oper.list', data: {} },
      { type: 'oper.suspend', data: { nick: 'boss' } },
      { type: 'oper.ban', data: { target: 'boss' } },
      { type: 'oper.forgive', data: { target: 'boss' } },
      { type: 'oper.kick', data: { nick: 'boss' } },
      { type: 'oper.shutdown', data: {} },
    ];
    for (const [i, command] of commands.entries()) {
      user.json({ ...command, id: i });
      expect(await user.nextMessage('error', (m) => m.re === i)).toMatchObject({
        data: { code: 'OPER_REQUIRED' },
      });
    }
    expect(server.shutdownRequests).toEqual([]);
    user.end();
  });

  it('lists every user with address, idle time, state and flags', async () => {
    const user = await joinAs(await connectWsPeer(server.wsUrl), 'listed');
    op.line('!list');
    const line = await op.nextLine('  listed  ');
    expect(line).toMatch(/^ {2}listed {2}127\.0\.0\.1 ws\/json {2}idle \d+s {2}free$/);
    expect(op.received.find((l) => l.startsWith('  boss  '))).toMatch(
      /boss {2}127\.0\.0\.1 tcp\/text .*\[operator\]/,
    );
    user.end();
  });

  it('suspends a user: they may read but not send, are told until when, and forgiving lifts it', async () => {
    const muted = await joinAs(await connectWsPeer(server.wsUrl), 'muted');
    op.line('!suspend muted 10m spamming');
    expect(await op.nextLine('is suspended')).toMatch(
      /^\* muted is suspended until \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\.$/,
    );
    const notice = await muted.nextMessage('moderation.suspended');
    expect(notice.data).toMatchObject({ by: 'boss', reason: 'spamming' });
    expect(notice.data.until).toBeGreaterThan(Date.now() + 9 * 60_000);

    muted.json({ type: 'chat.say', id: 1, data: { text: 'let me speak' } });
    expect((await muted.nextMessage('error', (m) => m.re === 1)).data.code).toBe('CHAT_SUSPENDED');
    muted.json({ type: 'chat.tell', id: 2, data: { to: 'boss', text: 'please' } });
    expect((await muted.nextMessage('error', (m) => m.re === 2)).data.code).toBe('CHAT_SUSPENDED');
    op.line('reading is fine');
    await muted.nextMessage('chat.message', (m) => m.data.text === 'reading is fine');

    op.line('!forgive muted');
    await op.nextLine('muted is forgiven');
    await muted.nextMessage('moderation.forgiven');
    muted.json({ type: 'chat.say', id: 3, data: { text: 'thanks' } });
    await muted.nextMessage('chat.message', (m) => m.re === 3);
    muted.end();
  });

  it('bans a nickname: the user is disconnected with the reason and refused when they come back', async () => {
    const rogue = await joinAs(await connectTcpPeer(server.tcpPort), 'rogue');
    op.line('!ban rogue 1h trolling');
    const error = await rogue.nextMessage('error');
    expect(error.data).toMatchObject({ code: 'BANNED', fatal: true });
    expect(error.data.message).toMatch(/^You are banned until .* UTC: trolling$/);
    await rogue.waitClosed();
    await op.nextLine('rogue is banned');

    const again = await connectWsPeer(server.wsUrl);
    again.json({ type: 'hello', data: { protocol: 1 } });
    await again.nextMessage('welcome');
    again.json({ type: 'nick.set', id: 1, data: { nick: 'ROGUE' } });
    expect((await again.nextMessage('error')).data.code).toBe('BANNED');
    await again.waitClosed();
    expect(again.closeCode()).toBe(4011);
    op.line('!forgive rogue');
    await op.nextLine('rogue is forgiven');
    const forgiven = await joinAs(await connectWsPeer(server.wsUrl), 'rogue');
    forgiven.end();
  });

  it('bans an address: its users are disconnected (operators excepted) and new connections refused', async () => {
    const neighbour = await joinAs(await connectWsPeer(server.wsUrl), 'neighbour');
    op.line('!ban 127.0.0.1 5m');
    expect((await neighbour.nextMessage('error')).data.code).toBe('BANNED');
    await op.nextLine('127.0.0.1 is banned');
    const refused = await connectTcpPeer(server.tcpPort);
    expect(await refused.nextLine('BANNED')).toContain('You are banned until');
    await refused.waitClosed();
    op.line('!forgive 127.0.0.1');
    await op.nextLine('127.0.0.1 is forgiven');
    const welcome = await joinAs(await connectTcpPeer(server.tcpPort), 'newcomer');
    welcome.end();
  });

  it('kicks a user with a reason; they may come back', async () => {
    const kicked = await joinAs(await connectWsPeer(server.wsUrl), 'kicked');
    op.line('!kick kicked calm down');
    const error = await kicked.nextMessage('error');
    expect(error.data).toMatchObject({
      code: 'KICKED',
      message: 'Kicked by boss: calm down. You may reconnect.',
    });
    await kicked.waitClosed();
    expect(kicked.closeCode()).toBe(4012);
    op.line('!kick nobody-here');
    await op.nextLine('OPER_BAD_TARGET');
    const back = await joinAs(await connectWsPeer(server.wsUrl), 'kicked');
    back.end();
  });

  it('asks for a shutdown with the operator’s message', async () => {
    op.line('!shutdown back in 5 minutes');
    await op.nextLine('Shutting down');
    expect(server.shutdownRequests).toEqual(['back in 5 minutes']);
  });

  it('writes every operator action to the audit log (who, what, when)', async () => {
    const entries = await store.audit.list({ limit: 100 });
    const actions = entries.map((e) => [e.actor, e.action, e.target]).reverse();
    expect(actions).toEqual([
      ['boss', 'oper.login.failed', null],
      ['boss', 'oper.login', null],
      ['boss', 'suspend', 'muted'],
      ['boss', 'forgive', 'muted'],
      ['boss', 'ban', 'rogue'],
      ['boss', 'forgive', 'rogue'],
      ['boss', 'ban', '127.0.0.1'],
      ['boss', 'forgive', '127.0.0.1'],
      ['boss', 'kick', 'kicked'],
      ['boss', 'shutdown', null],
    ]);
    expect(entries.every((e) => Math.abs(e.at - Date.now()) < 60_000)).toBe(true);
  });
});

describe('operator login without a secret', () => {
  it('is refused, saying it is disabled', async () => {
    const plain = await startTestServer();
    const peer = await joinAs(await connectTcpPeer(plain.tcpPort), 'wannabe');
    peer.json({ type: 'oper.login', id: 1, data: { secret: '' } });
    expect((await peer.nextMessage('error')).data.message).toContain('disabled');
    peer.end();
    await plain.close();
  });
});
