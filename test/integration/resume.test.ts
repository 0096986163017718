import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectTcpPeer, connectWsPeer, joinAs, type RawPeer } from '../helpers/raw-clients.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

const GRACE_MS = 400;
let server: TestServer;
let talker: RawPeer;
beforeAll(async () => {
  server = await startTestServer({ resumeGraceMs: GRACE_MS, replayLimit: 8 });
  talker = await joinAs(await connectWsPeer(server.wsUrl), 'talker');
});
afterAll(() => server.close());

/** The highest `seq` a peer has received so far. */
const lastSeq = (peer: RawPeer): number =>
  Math.max(0, ...peer.received.filter((t) => t.startsWith('{')).map((t) => JSON.parse(t).seq ?? 0));

/** Joins and returns the resume token the welcome carried. */
const joinWithToken = async (peer: RawPeer, nick: string): Promise<string> => {
  await joinAs(peer, nick);
  const welcome = peer.received.map((t) => JSON.parse(t)).find((m) => m.type === 'welcome');
  return welcome.data.resumeToken;
};

const say = async (text: string): Promise<void> => {
  talker.json({ type: 'chat.say', id: text, data: { text } });
  await talker.nextMessage('chat.message', (m) => m.re === text);
};

const helloed = async <P extends RawPeer>(peer: P): Promise<P> => {
  peer.json({ type: 'hello', data: { protocol: 1 } });
  await peer.nextMessage('welcome');
  return peer;
};

describe('resume after a dropped connection (B2)', () => {
  it('numbers every event of a session 1, 2, 3, … and gives a token of at least 128 bits', async () => {
    const peer = await connectTcpPeer(server.tcpPort);
    const token = await joinWithToken(peer, 'counter');
    expect(Buffer.from(token, 'base64url').length).toBeGreaterThanOrEqual(16);
    const seqs = peer.received.map((t) => JSON.parse(t).seq);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    peer.end();
  });

  it('replays exactly the missed events, in order, with their seq, and keeps nick and rooms', async () => {
    const alice = await connectTcpPeer(server.tcpPort);
    const token = await joinWithToken(alice, 'alice');
    alice.json({ type: 'room.join', id: 'j', data: { room: 'den' } });
    await alice.nextMessage('room.joined', (m) => m.data.room === 'den');
    await say('before the drop');
    await alice.nextMessage('chat.message', (m) => m.data.text === 'before the drop');
    const seen = lastSeq(alice);

    alice.socket.destroy();
    const away = await talker.nextMessage('user.state', (m) => m.data.nick === 'alice');
    expect(away.data.state).toBe('away');
    await say('missed one');
    await say('missed two');

    const back = await helloed(await connectTcpPeer(server.tcpPort));
    back.json({ type: 'session.resume', id: 'r', data: { token, lastSeq: seen } });
    const resumed = await back.nextMessage('session.resumed');
    expect(resumed.data).toMatchObject({ nick: 'alice', missed: 2, overflow: false });
    expect(resumed.data.token).not.toBe(token);
    const replayed = back.received
      .map((t) => JSON.parse(t))
      .filter((m) => m.type !== 'welcome' && m.type !== 'session.resumed');
    expect(replayed.map((m) => [m.seq, m.type, m.data.text])).toEqual([
      [seen + 1, 'chat.message', 'missed one'],
      [seen + 2, 'chat.message', 'missed two'],
    ]);
    expect(resumed.seq).toBe(seen + 3);

    expect((await talker.nextMessage('user.state', (m) => m.data.nick === 'alice')).data.state).toBe('free');
    back.json({ type: 'chat.say', id: 'x', data: { room: 'den', text: 'still in den' } });
    expect((await back.nextMessage('chat.message', (m) => m.re === 'x')).data.from).toBe('alice');
    back.json({ type: 'quit' });
    await back.waitClosed();
  });

  it('shows the user as away, not gone, and keeps the nickname during the grace period', async () => {
    const bob = await connectWsPeer(server.wsUrl);
    await joinWithToken(bob, 'bob');
    bob.socket.terminate();
    await talker.nextMessage('user.state', (m) => m.data.nick === 'bob' && m.data.state === 'away');
    talker.json({ type: 'user.list', id: 'ul' });
    const listing = await talker.nextMessage('user.listing', (m) => m.re === 'ul');
    expect(listing.data.users).toContainEqual({ nick: 'bob', state: 'away' });
    const thief = await helloed(await connectWsPeer(server.wsUrl));
    thief.json({ type: 'nick.set', id: 1, data: { nick: 'BOB' } });
    expect((await thief.nextMessage('error')).data.code).toBe('NICK_TAKEN');
    // After the grace period the session ends for real.
    const left = await talker.nextMessage('room.member_left', (m) => m.data.nick === 'bob', GRACE_MS + 2000);
    expect(left.data.reason).toBe('lost');
    thief.end();
  });

  it('refuses a token after the grace period with RESUME_EXPIRED', async () => {
    const carol = await connectTcpPeer(server.tcpPort);
    const token = await joinWithToken(carol, 'carol');
    carol.socket.destroy();
    await talker.nextMessage('room.member_left', (m) => m.data.nick === 'carol', GRACE_MS + 2000);
    const late = await helloed(await connectTcpPeer(server.tcpPort));
    late.json({ type: 'session.resume', id: 1, data: { token, lastSeq: 0 } });
    expect(await late.nextMessage('error')).toMatchObject({
      re: 1,
      data: { code: 'RESUME_EXPIRED', fatal: false },
    });
    late.end();
  });

  it('refuses a forged token, a reused token, and a token for another nickname', async () => {
    const dave = await connectTcpPeer(server.tcpPort);
    const token = await joinWithToken(dave, 'dave');
    dave.socket.destroy();
    await talker.nextMessage('user.state', (m) => m.data.nick === 'dave' && m.data.state === 'away');

    const other = await helloed(await connectTcpPeer(server.tcpPort));
    other.json({ type: 'session.resume', id: 1, data: { token: 'A'.repeat(24), lastSeq: 0 } });
    expect((await other.nextMessage('error')).data.code).toBe('RESUME_INVALID_TOKEN');
    other.json({ type: 'session.resume', id: 2, data: { token, nick: 'erin' } });
    expect((await other.nextMessage('error')).data.code).toBe('RESUME_NICK_MISMATCH');
    const named = await joinAs(await connectTcpPeer(server.tcpPort), 'erin');
    named.json({ type: 'session.resume', id: 3, data: { token } });
    expect((await named.nextMessage('error')).data.code).toBe('RESUME_NICK_MISMATCH');

    other.json({ type: 'session.resume', id: 4, data: { token, nick: 'DAVE', lastSeq: 0 } });
    const resumed = await other.nextMessage('session.resumed');
    expect(resumed.data.nick).toBe('dave');
    const thief = await helloed(await connectTcpPeer(server.tcpPort));
    thief.json({ type: 'session.resume', id: 5, data: { token } });
    expect((await thief.nextMessage('error')).data.code).toBe('RESUME_EXPIRED');
    for (const peer of [other, named, thief]) peer.end();
  });

  it('tells the client when it missed more than the replay limit, and sends a fresh full state', async () => {
    const frank = await connectTcpPeer(server.tcpPort);
    const token = await joinWithToken(frank, 'frank');
    const seen = lastSeq(frank);
    frank.socket.destroy();
    await talker.nextMessage('user.state', (m) => m.data.nick === 'frank');
    for (let i = 0; i < 12; i++) await say(`flood ${i}`);
    const back = await helloed(await connectTcpPeer(server.tcpPort));
    back.json({ type: 'session.resume', id: 1, data: { token, lastSeq: seen } });
    const resumed = await back.nextMessage('session.resumed');
    expect(resumed.data).toMatchObject({ overflow: true, missed: 0 });
    const state = await back.nextMessage('room.joined');
    expect(state.data.room).toBe('lobby');
    expect(state.data.members.map((m) => m.nick)).toContain('talker');
    expect(back.received.filter((t) => t.includes('"text":"flood'))).toEqual([]);
    back.end();
  });

  it('sends a fresh full state when a missed message was a snapshot (room.joined is not kept)', async () => {
    const ivy = await connectTcpPeer(server.tcpPort);
    const token = await joinWithToken(ivy, 'ivy');
    const seen = lastSeq(ivy);
    ivy.json({ type: 'room.join', id: 'j', data: { room: 'attic' } });
    await ivy.nextMessage('room.joined', (m) => m.re === 'j');
    ivy.socket.destroy();
    await talker.nextMessage('user.state', (m) => m.data.nick === 'ivy');
    const back = await helloed(await connectTcpPeer(server.tcpPort));
    back.json({ type: 'session.resume', id: 1, data: { token, lastSeq: seen } });
    expect((await back.nextMessage('session.resumed')).data).toMatchObject({ overflow: true, missed: 0 });
    const rooms = [await back.nextMessage('room.joined'), await back.nextMessage('room.joined')].map(
      (m) => m.data.room,
    );
    expect(rooms.sort()).toEqual(['attic', 'lobby']);
    back.end();
  });

  it('moves a session to the new connection and closes the old one with SESSION_REPLACED', async () => {
    const gina = await connectWsPeer(server.wsUrl);
    const token = await joinWithToken(gina, 'gina');
    const second = await helloed(await connectWsPeer(server.wsUrl));
    second.json({ type: 'session.resume', id: 1, data: { token, lastSeq: lastSeq(gina) } });
    expect((await second.nextMessage('session.resumed')).data).toMatchObject({ nick: 'gina', missed: 0 });
    expect((await gina.nextMessage('error')).data.code).toBe('SESSION_REPLACED');
    await gina.waitClosed();
    expect(gina.closeCode()).toBe(4010);
    await say('for gina');
    await second.nextMessage('chat.message', (m) => m.data.text === 'for gina');
    // Others never saw gina leave.
    expect(talker.received.some((t) => t.includes('"nick":"gina","reason"'))).toBe(false);
    second.end();
  });

  it('resumes in text mode with !reconnect, showing the missed lines', async () => {
    const human = await connectTcpPeer(server.tcpPort);
    human.line('/nick heidi');
    const hint = await human.nextLine('!reconnect ');
    const token = hint.split('!reconnect ')[1]?.trim() as string;
    await human.nextLine('You joined #lobby');
    human.socket.destroy();
    await talker.nextMessage('user.state', (m) => m.data.nick === 'heidi');
    await say('while heidi was away');
    const again = await connectTcpPeer(server.tcpPort);
    again.line(`!reconnect ${token}`);
    await again.nextLine('<talker> while heidi was away');
    expect(await again.nextLine('Reconnected')).toMatch(
      /Reconnected as heidi \(\d+ missed messages? above\)/,
    );
    await again.nextLine('!reconnect ');
    again.line('glad to be back');
    await talker.nextMessage(
      'chat.message',
      (m) => m.data.text === 'glad to be back' && m.data.from === 'heidi',
    );
    again.end();
  });
});

describe('what a session keeps for replay: only what its client has not acknowledged (B2)', () => {
  let acking: TestServer;
  beforeAll(async () => {
    acking = await startTestServer({ resumeGraceMs: GRACE_MS, replayLimit: 500 });
  });
  afterAll(() => acking.close());

  it('pings a busy JSON client, forgets what the pong covers, and still replays what came after', async () => {
    const speaker = await joinAs(await connectWsPeer(acking.wsUrl), 'speaker');
    const reader = await connectTcpPeer(acking.tcpPort);
    const token = await joinWithToken(reader, 'reader');
    // Enough messages for the server to ask what the reader has (a JSON ping on TCP).
    for (let i = 0; i < 40; i++) speaker.json({ type: 'chat.say', data: { text: `m${i}` } });
    await reader.nextMessage('chat.message', (m) => m.data.text === 'm39');
    const ping = reader.received.indexOf('{"type":"ping","data":{}}');
    expect(ping).toBeGreaterThan(0);
    // The pong acknowledges what was sent before the ping.
    const acknowledged = Math.max(...reader.received.slice(0, ping).map((t) => JSON.parse(t).seq ?? 0));
    expect(acknowledged).toBeGreaterThanOrEqual(32);
    reader.json({ type: 'pong', data: {} });
    // A round trip after the pong: it has been handled.
    reader.json({ type: 'ping', id: 'sync' });
    await reader.nextMessage('pong', (m) => m.re === 'sync');
    speaker.json({ type: 'chat.say', data: { text: 'after the ack' } });
    await reader.nextMessage('chat.message', (m) => m.data.text === 'after the ack');
    const last = lastSeq(reader);
    reader.socket.destroy();
    await speaker.nextMessage('user.state', (m) => m.data.nick === 'reader' && m.data.state === 'away');

    // From the last seq received on: replayed exactly.
    const later = await helloed(await connectTcpPeer(acking.tcpPort));
    later.json({ type: 'session.resume', id: 'r1', data: { token, lastSeq: last - 1 } });
    const resumed = await later.nextMessage('session.resumed', (m) => m.re === 'r1');
    expect(resumed.data).toMatchObject({ overflow: false, missed: 1 });
    const replayed = later.received
      .map((t) => JSON.parse(t))
      .filter((m) => m.type !== 'welcome' && m.type !== 'session.resumed');
    expect(replayed).toMatchObject([{ seq: last, type: 'chat.message', data: { text: 'after the ack' } }]);
    later.socket.destroy();
    await speaker.nextMessage('user.state', (m) => m.data.nick === 'reader' && m.data.state === 'away');

    // From before what it acknowledged: forgotten, so a fresh full state instead of a replay.
    const early = await helloed(await connectTcpPeer(acking.tcpPort));
    early.json({
      type: 'session.resume',
      id: 'r2',
      data: { token: resumed.data.token, lastSeq: acknowledged - 5 },
    });
    const refreshed = await early.nextMessage('session.resumed', (m) => m.re === 'r2');
    expect(refreshed.data.overflow).toBe(true);
    await early.nextMessage('room.joined', (m) => m.data.room === 'lobby');
    early.end();
    speaker.end();
  });
});
