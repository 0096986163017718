import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectTcpPeer, connectWsPeer, joinAs } from '../helpers/raw-clients.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe('chat between text mode, TCP JSON and WebSocket users', () => {
  it('delivers lobby messages both ways between a text-mode user and a JSON user', async () => {
    const human = await connectTcpPeer(server.tcpPort);
    await human.nextLine('Welcome to Parlor');
    human.line('/nick alice');
    await human.nextLine('Welcome, alice!');
    await human.nextLine('You joined #lobby');

    const bot = await joinAs(await connectWsPeer(server.wsUrl), 'bob');
    await human.nextLine('* bob joined');

    bot.json({ type: 'chat.say', id: 7, data: { text: 'hello from json' } });
    const echo = await bot.nextMessage('chat.message');
    expect(echo).toMatchObject({ re: 7, data: { room: 'lobby', from: 'bob', text: 'hello from json' } });
    expect(await human.nextLine('<bob>')).toBe('<bob> hello from json');

    human.line('hi bob');
    const heard = await bot.nextMessage('chat.message', (m) => m.data.from === 'alice');
    expect(heard.data).toMatchObject({ room: 'lobby', text: 'hi bob' });
    expect(heard).not.toHaveProperty('re');
    human.line('/quit');
    await human.waitClosed();
    const left = await bot.nextMessage('room.member_left');
    expect(left.data).toEqual({ room: 'lobby', nick: 'alice', reason: 'quit' });
    bot.end();
  });

  it('keeps room messages inside the room and prefixes other rooms in text mode', async () => {
    const carol = await connectTcpPeer(server.tcpPort);
    carol.line('/nick carol');
    await carol.nextLine('You joined #lobby');
    const dave = await joinAs(await connectTcpPeer(server.tcpPort), 'dave');
    const erin = await joinAs(await connectWsPeer(server.wsUrl), 'erin');

    carol.line('/join Games');
    await carol.nextLine('You joined #games (1 here: carol)');
    dave.json({ type: 'room.join', id: 1, data: { room: '#games' } });
    const joined = await dave.nextMessage('room.joined');
    expect(joined.data.members.map((m) => m.nick)).toEqual(['carol', 'dave']);
    await carol.nextLine('* dave joined');

    dave.json({ type: 'chat.say', data: { room: 'games', text: 'in games' } });
    await carol.nextLine('<dave> in games');
    dave.json({ type: 'chat.say', data: { text: 'in lobby' } });
    expect(await carol.nextLine('in lobby')).toBe('[#lobby] <dave> in lobby');
    // erin is only in the lobby: she gets the lobby line and never the games line.
    await erin.nextMessage('chat.message', (m) => m.data.text === 'in lobby');
    expect(erin.received.some((t) => t.includes('in games'))).toBe(false);

    carol.line('/topic Connect Four talk');
    await dave.nextMessage(
      'room.topic',
      (m) => m.data.topic === 'Connect Four talk' && m.data.by === 'carol',
    );
    carol.line('/rooms');
    await carol.nextLine('#games  2 members  Connect Four talk');
    carol.line('/leave');
    await carol.nextLine('You left #games');
    const left = await dave.nextMessage('room.member_left');
    expect(left.data).toEqual({ room: 'games', nick: 'carol', reason: 'left' });
    carol.line('back in the lobby');
    await erin.nextMessage('chat.message', (m) => m.data.text === 'back in the lobby');
    for (const peer of [carol, dave, erin]) peer.end();
  });

  it('delivers private messages only to their target', async () => {
    const frank = await joinAs(await connectTcpPeer(server.tcpPort), 'frank');
    const grace = await connectTcpPeer(server.tcpPort);
    grace.line('/pseudo');
    await grace.nextLine('Choose a nickname');
    grace.line('grace');
    await grace.nextLine('Welcome, grace!');
    const heidi = await joinAs(await connectWsPeer(server.wsUrl), 'heidi');

    frank.json({ type: 'chat.tell', id: 3, data: { to: 'GRACE', text: 'psst' } });
    expect((await frank.nextMessage('chat.private')).re).toBe(3);
    expect(await grace.nextLine('[private]')).toBe('[private] frank: psst');
    grace.line('msg frank hi back');
    expect(await grace.nextLine('[private to')).toBe('[private to frank] hi back');
    const reply = await frank.nextMessage('chat.private', (m) => m.data.from === 'grace');
    expect(reply.data).toMatchObject({ to: 'frank', text: 'hi back' });

    heidi.json({ type: 'chat.say', id: 'sync', data: { text: 'sync point' } });
    await heidi.nextMessage('chat.message', (m) => m.re === 'sync');
    expect(heidi.received.some((t) => t.includes('psst') || t.includes('hi back'))).toBe(false);

    frank.json({ type: 'chat.tell', id: 4, data: { to: 'nobody', text: 'x' } });
    const error = await frank.nextMessage('error');
    expect(error).toMatchObject({ re: 4, data: { code: 'USER_NOT_FOUND', fatal: false } });
    for (const peer of [frank, grace, heidi]) peer.end();
  });

  it('lists users with their state, and renames are announced', async () => {
    const ivan = await joinAs(await connectWsPeer(server.wsUrl), 'ivan');
    const judy = await connectTcpPeer(server.tcpPort);
    judy.line('/nick judy');
    await judy.nextLine('You joined #lobby');
    judy.line('/list');
    await judy.nextLine('  ivan  free');
    ivan.json({ type: 'nick.set', id: 1, data: { nick: 'Ivan2' } });
    expect((await ivan.nextMessage('nick.accepted')).data).toEqual({ nick: 'Ivan2', previous: 'ivan' });
    expect(await judy.nextLine('now known as')).toBe('* ivan is now known as Ivan2');
    ivan.json({ type: 'user.list', id: 2, data: {} });
    const listing = await ivan.nextMessage('user.listing', (m) => m.re === 2);
    expect(listing.data.users).toEqual(
      expect.arrayContaining([
        { nick: 'Ivan2', state: 'free' },
        { nick: 'judy', state: 'free' },
      ]),
    );
    ivan.end();
    judy.end();
  });
});
