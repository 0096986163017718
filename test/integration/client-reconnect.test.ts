import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tcpLink, wsLink } from '../../src/clients/node/index.ts';
import { type LinkFactory, ParlorClient, type ReconnectOptions } from '../../src/clients/sdk/index.ts';
import type { ServerMessage } from '../../src/protocol/index.ts';
import { connectTcpPeer, joinAs, type RawPeer } from '../helpers/raw-clients.ts';
import { dropConnections, gatedLink, watchStates } from '../helpers/reconnect.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { startTcpProxy } from '../helpers/tcp-proxy.ts';

/** Quick retries, so that tests do not wait for the default delays. */
const FAST: ReconnectOptions = { initialDelayMs: 20, maxDelayMs: 100 };

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ resumeGraceMs: 10_000 });
});
afterAll(() => server.close());

/** Says `text` from a raw peer and waits for the server's echo. */
const say = async (peer: RawPeer, text: string): Promise<void> => {
  peer.json({ type: 'chat.say', id: text, data: { text } });
  await peer.nextMessage('chat.message', (m) => m.re === text);
};

const transports: Array<[string, () => LinkFactory]> = [
  ['TCP', () => tcpLink('127.0.0.1', server.tcpPort)],
  ['WebSocket', () => wsLink(server.wsUrl)],
];

describe.each(transports)('the client library over %s, when its connection drops', (name, link) => {
  const tag = name === 'TCP' ? 't' : 'w';

  it('reconnects by itself, resumes, and delivers exactly the missed messages, in order, once', async () => {
    const nick = `${tag}amy`;
    const gate = gatedLink(link());
    const client = await ParlorClient.connect(gate.open, { nick, reconnect: FAST });
    const states = watchStates(client);
    const talker = await joinAs(await connectTcpPeer(server.tcpPort), `${tag}talker`);
    const received: ServerMessage[] = [];
    client.onAny((m) => received.push(m));
    await say(talker, 'before');
    await client.waitFor('chat.message', (m) => m.data.text === 'before');

    // The network goes down: the server loses the connection, and the client cannot get back yet.
    gate.down = true;
    expect(dropConnections(server, nick)).toBe(1);
    await talker.nextMessage('user.state', (m) => m.data.nick === nick && m.data.state === 'away');
    expect(await states.next('reconnecting')).toMatchObject({ attempt: 1 });
    const deliveredBeforeDrop = received.length;
    for (const text of ['missed one', 'missed two', 'missed three']) await say(talker, text);
    await states.next((e) => e.state === 'reconnecting' && e.code === 'CLIENT_UNREACHABLE');
    gate.down = false;

    const back = await states.next('reconnected');
    const replayed = received.slice(deliveredBeforeDrop);
    // Exactly the three missed messages were replayed, then came `session.resumed` itself.
    expect(replayed.map((m) => m.type)).toEqual([
      'chat.message',
      'chat.message',
      'chat.message',
      'session.resumed',
    ]);
    expect(back).toMatchObject({ missed: 3, overflow: false });
    const texts = (messages: ServerMessage[]) =>
      messages.flatMap((m) => (m.type === 'chat.message' ? [m.data.text] : []));
    expect(texts(replayed)).toEqual(['missed one', 'missed two', 'missed three']);
    expect(texts(received)).toEqual(['before', 'missed one', 'missed two', 'missed three']);
    const seqs = received.flatMap((m) => (m.seq === undefined ? [] : [m.seq]));
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(gate.opened()).toBe(2);

    // The conversation goes on, both ways, in the same session.
    await say(talker, 'after');
    await client.waitFor('chat.message', (m) => m.data.text === 'after');
    expect((await client.request('chat.say', { text: 'back again' })).data.from).toBe(nick);
    await talker.nextMessage('chat.message', (m) => m.data.text === 'back again');
    expect(talker.received.some((t) => t.includes(`"nick":"${nick}","reason"`))).toBe(false);
    expect(texts(received)).toEqual([
      'before',
      'missed one',
      'missed two',
      'missed three',
      'after',
      'back again',
    ]);
    expect(states.events.map((e) => e.state).filter((s, i, all) => s !== all[i - 1])).toEqual([
      'reconnecting',
      'reconnected',
    ]);
    client.close();
    talker.end();
  });
});

describe('the client library and a silent server', () => {
  it('notices a dead network path with its heartbeat, reconnects and resumes', async () => {
    const fast = await startTestServer({ pingIntervalMs: 100, pingMissLimit: 2, resumeGraceMs: 10_000 });
    const proxy = await startTcpProxy(fast.tcpPort);
    try {
      const client = await ParlorClient.connect(tcpLink('127.0.0.1', proxy.port), {
        nick: 'frozen',
        reconnect: FAST,
      });
      const states = watchStates(client);
      proxy.freeze();
      const lost = await states.next('reconnecting');
      expect(lost).toMatchObject({ attempt: 1, code: 'CLIENT_SERVER_SILENT' });
      expect(await states.next('reconnected')).toMatchObject({ overflow: false });
      expect(proxy.accepted()).toBe(2);
      expect((await client.request('user.list', {})).data.users).toEqual([{ nick: 'frozen', state: 'free' }]);
      client.close();
    } finally {
      await proxy.close();
      await fast.close();
    }
  });
});

describe('the client library when the server goes down', () => {
  it('keeps trying, then starts a new session with its nickname on the server that comes back', async () => {
    const first = await startTestServer();
    const port = first.tcpPort;
    const client = await ParlorClient.connect(tcpLink('127.0.0.1', port), {
      nick: 'phoenix',
      reconnect: FAST,
    });
    await client.waitFor('room.joined');
    const states = watchStates(client);
    await first.close();
    expect(await states.next('reconnecting')).toMatchObject({ attempt: 1, code: 'SERVER_SHUTTING_DOWN' });
    const refused = await states.next((e) => e.state === 'reconnecting' && e.code === 'CLIENT_UNREACHABLE');
    expect(refused).toMatchObject({ reason: expect.stringContaining('connection refused') });
    // Let it fail a few more times.
    await states.next((e) => e.state === 'reconnecting' && e.attempt >= 4);
    expect(client.isClosed).toBe(false);

    const second = await startTestServer({ tcpPort: port });
    try {
      expect(await states.next('session-lost')).toMatchObject({
        code: 'RESUME_INVALID_TOKEN',
        nick: 'phoenix',
      });
      expect(await states.next('connected')).toEqual({ state: 'connected', nick: 'phoenix' });
      expect(client.nick).toBe('phoenix');
      expect(client.state).toBe('connected');
      expect((await client.waitFor('room.joined')).data.members).toEqual([
        { nick: 'phoenix', state: 'free' },
      ]);
      const witness = await joinAs(await connectTcpPeer(port), 'witness');
      await client.request('chat.say', { text: 'risen' });
      await witness.nextMessage('chat.message', (m) => m.data.from === 'phoenix' && m.data.text === 'risen');
      expect(states.events.map((e) => e.state)).not.toContain('closed');
      client.close();
      expect(await client.closed).toEqual({ reason: 'Closed by the client.', code: null });
      witness.end();
    } finally {
      await second.close();
    }
  });

  it('close() during the wait stops at once and for good', async () => {
    const own = await startTestServer();
    const client = await ParlorClient.connect(tcpLink('127.0.0.1', own.tcpPort), {
      nick: 'quitter',
      reconnect: { initialDelayMs: 60_000 },
    });
    const states = watchStates(client);
    await own.close();
    await states.next('reconnecting');
    client.close();
    expect(await client.closed).toEqual({ reason: 'Closed by the client.', code: null });
    expect(states.events.map((e) => e.state)).toEqual(['reconnecting', 'closed']);
  });
});

describe('the client library, taking over an earlier session at start (a page reload)', () => {
  it('resumes the session of a saved token, with a fresh full state, and hands out a new token', async () => {
    const first = await ParlorClient.connect(wsLink(server.wsUrl), { nick: 'reloader', reconnect: false });
    await first.request('room.join', { room: 'attic' });
    const saved = first.resumeToken;
    expect(saved).toBe(first.welcome.resumeToken);
    // The page goes away without a goodbye: the server holds the session.
    expect(dropConnections(server, 'reloader')).toBe(1);
    await first.closed;

    const reloaded = new ParlorClient(wsLink(server.wsUrl), { nick: 'reloader', resume: { token: saved } });
    const seen: ServerMessage[] = [];
    reloaded.onAny((m) => seen.push(m));
    await reloaded.start();
    expect(reloaded.sessionResumed).toBe(true);
    expect(reloaded.nick).toBe('reloader');
    expect(reloaded.resumeToken).not.toBe(saved);
    // Nothing kept on the page (lastSeq 0): the server sends the rooms afresh.
    const rooms = await Promise.all([
      reloaded.waitFor('room.joined', (m) => m.data.room === 'lobby'),
      reloaded.waitFor('room.joined', (m) => m.data.room === 'attic'),
    ]);
    for (const room of rooms) expect(room.data.members).toContainEqual({ nick: 'reloader', state: 'free' });
    expect(rooms[1].data.members).toHaveLength(1);
    // Listeners attached before `start` saw it all: the new connection's welcome, the resume, the rooms.
    expect(seen.slice(0, 2).map((m) => m.type)).toEqual(['welcome', 'session.resumed']);
    expect(seen.filter((m) => m.type === 'room.joined')).toHaveLength(2);
    reloaded.close();
  });

  it('carries on with a new session and takes the nickname when the token is no longer valid', async () => {
    const client = new ParlorClient(wsLink(server.wsUrl), {
      nick: 'latecomer',
      resume: { token: 'not-a-token-the-server-gave' },
    });
    await client.start();
    expect(client.sessionResumed).toBe(false);
    expect(client.nick).toBe('latecomer');
    expect((await client.waitFor('room.joined')).data.room).toBe('lobby');
    expect(client.resumeToken).toBe(client.welcome.resumeToken);
    client.close();
  });
});
