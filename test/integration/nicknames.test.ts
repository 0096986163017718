import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectTcpPeer, connectWsPeer, joinAs } from '../helpers/raw-clients.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe('nicknames (B1)', () => {
  it.each([
    ['a', 'too short'],
    ['abcdefghijklm', 'too long'],
    ['n'.repeat(65), 'far too long'],
    ['bad name', 'a space'],
    ['émile', 'a non-ASCII letter'],
    ['semi;colon', 'punctuation'],
  ])('refuses %j (%s) with NICK_INVALID', async (nick) => {
    const peer = await connectWsPeer(server.wsUrl);
    peer.json({ type: 'hello', data: { protocol: 1 } });
    await peer.nextMessage('welcome');
    peer.json({ type: 'nick.set', id: 1, data: { nick } });
    const error = await peer.nextMessage('error');
    expect(error).toMatchObject({ re: 1, data: { code: 'NICK_INVALID', fatal: false } });
    peer.end();
  });

  it('accepts the extremes: 2 and 12 characters of letters, digits, _ and -', async () => {
    const two = await joinAs(await connectWsPeer(server.wsUrl), 'x-');
    const twelve = await joinAs(await connectWsPeer(server.wsUrl), 'A_b-9012345z');
    two.end();
    twelve.end();
  });

  it('keeps nicknames unique without regard to case, across transports', async () => {
    const first = await joinAs(await connectWsPeer(server.wsUrl), 'Zoe');
    const human = await connectTcpPeer(server.tcpPort);
    human.line('/nick zOE');
    expect(await human.nextLine('NICK_TAKEN')).toMatch(/^! NICK_TAKEN: .*taken/);
    human.line('/nick zoe2');
    await human.nextLine('Welcome, zoe2!');
    // The owner may change the case of their own nickname.
    first.json({ type: 'nick.set', id: 2, data: { nick: 'ZOE' } });
    expect((await first.nextMessage('nick.accepted')).data).toEqual({ nick: 'ZOE', previous: 'Zoe' });
    first.end();
    human.end();
  });

  it('frees a nickname when its owner quits', async () => {
    const owner = await joinAs(await connectWsPeer(server.wsUrl), 'ephemeral');
    owner.json({ type: 'quit' });
    await owner.waitClosed();
    const watcher = await joinAs(await connectWsPeer(server.wsUrl), 'watcher');
    const next = await connectWsPeer(server.wsUrl);
    next.json({ type: 'hello', data: { protocol: 1 } });
    await next.nextMessage('welcome');
    // The close may still be in flight on the server: retry until the name is free.
    for (let attempt = 0; ; attempt++) {
      next.json({ type: 'nick.set', id: attempt, data: { nick: 'Ephemeral' } });
      const reply = await next.next((t) => t.includes(`"re":${attempt}`), 'the reply to nick.set');
      if (reply.includes('nick.accepted')) break;
      expect(reply).toContain('NICK_TAKEN');
      await watcher.nextMessage('room.member_left', (m) => m.data.nick === 'ephemeral');
    }
    next.end();
    watcher.end();
  });

  it('accepts nothing but /nick, /help and /quit before a nickname in text mode', async () => {
    const human = await connectTcpPeer(server.tcpPort);
    human.line('hello?');
    expect(await human.nextLine('NICK_REQUIRED')).toMatch(/^! NICK_REQUIRED: /);
    human.line('/join games');
    await human.nextLine('NICK_REQUIRED');
    human.line('/list');
    await human.nextLine('NICK_REQUIRED');
    human.line('/help');
    await human.nextLine('/nick NAME');
    human.line('/quit');
    await human.nextLine('Bye');
    await human.waitClosed();
  });

  it('accepts nothing but hello before the handshake, and nothing but nick.set after it', async () => {
    const peer = await connectTcpPeer(server.tcpPort);
    peer.json({ type: 'chat.say', id: 1, data: { text: 'too early' } });
    expect((await peer.nextMessage('error')).data.code).toBe('PROTO_HANDSHAKE_REQUIRED');
    peer.json({ type: 'hello', id: 2, data: { protocol: 1 } });
    await peer.nextMessage('welcome');
    peer.json({ type: 'hello', id: 3, data: { protocol: 1 } });
    expect(await peer.nextMessage('error')).toMatchObject({ re: 3, data: { code: 'PROTO_ALREADY_HELLO' } });
    peer.json({ type: 'room.list', id: 4 });
    expect(await peer.nextMessage('error')).toMatchObject({ re: 4, data: { code: 'NICK_REQUIRED' } });
    peer.json({ type: 'ping', id: 5 });
    expect((await peer.nextMessage('pong')).re).toBe(5);
    peer.end();
  });

  it('refuses another protocol version and closes', async () => {
    const peer = await connectWsPeer(server.wsUrl);
    peer.json({ type: 'hello', id: 1, data: { protocol: 99 } });
    expect(await peer.nextMessage('error')).toMatchObject({
      re: 1,
      data: { code: 'PROTO_VERSION_UNSUPPORTED', fatal: true },
    });
    await peer.waitClosed();
    expect(peer.closeCode()).toBe(4003);
  });
});
