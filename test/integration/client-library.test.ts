import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { tcpLink, wsLink } from '../../src/clients/node/index.ts';
import { type LinkFactory, type LinkHandlers, ParlorClient } from '../../src/clients/sdk/index.ts';
import { rejection, WELCOME_LIMITS } from '../../src/clients/sdk/test-fakes.ts';
import { connectTcpPeer, joinAs } from '../helpers/raw-clients.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

/** A port on which nothing listens (it was free a moment ago). */
const closedPort = async (): Promise<number> => {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
};

const WELCOME = (pingIntervalMs: number) => ({
  type: 'welcome',
  data: {
    protocol: 1,
    server: 'Silent 0.0',
    limits: { ...WELCOME_LIMITS, pingIntervalMs },
    resumeToken: 'silent-token',
  },
});

const transports: Array<[string, () => LinkFactory]> = [
  ['TCP', () => tcpLink('127.0.0.1', server.tcpPort)],
  ['WebSocket', () => wsLink(server.wsUrl)],
];

describe.each(transports)('the client library over %s', (name, link) => {
  const tag = name === 'TCP' ? 't' : 'w';

  it('connects, says hello, takes a nickname and lands in the lobby', async () => {
    const client = await ParlorClient.connect(link(), { nick: `${tag}alice`, client: 'test 1.0' });
    expect(client.welcome.server).toBe('Parlor 0.1.0');
    expect(client.welcome.limits.maxChatChars).toBe(server.config.maxChatChars);
    expect(client.nick).toBe(`${tag}alice`);
    const lobby = await client.waitFor('room.joined');
    expect(lobby.data.room).toBe('lobby');
    expect(lobby.data.members.map((m) => m.nick)).toContain(`${tag}alice`);
    expect(await client.quit()).toEqual({ reason: 'Goodbye!', code: null });
  });

  it('matches concurrent requests to their own replies', async () => {
    const client = await ParlorClient.connect(link(), { nick: `${tag}corr` });
    const [first, second, rooms] = await Promise.all([
      client.request('chat.say', { text: 'first' }),
      client.request('chat.say', { text: 'second' }),
      client.request('room.join', { room: `${tag}-corr` }),
    ]);
    expect(first.data.text).toBe('first');
    expect(second.data.text).toBe('second');
    expect(rooms.data.room).toBe(`${tag}-corr`);
    expect(new Set([first.re, second.re, rooms.re]).size).toBe(3);
    client.close();
  });

  it('rejects refused requests with the server error code', async () => {
    const taker = await ParlorClient.connect(link(), { nick: `${tag}taken` });
    const taken = await rejection(ParlorClient.connect(link(), { nick: `${tag.toUpperCase()}TAKEN` }));
    expect(taken.code).toBe('NICK_TAKEN');
    expect(await rejection(taker.request('nick.set', { nick: 'x' }))).toMatchObject({
      code: 'NICK_INVALID',
      fatal: false,
    });
    expect((await rejection(taker.request('chat.tell', { to: 'nobody', text: 'hi' }))).code).toBe(
      'USER_NOT_FOUND',
    );
    // The connection is still usable after refusals.
    expect((await taker.request('chat.say', { text: 'still here' })).data.from).toBe(`${tag}taken`);
    taker.close();
  });

  it('delivers events from other users to subscribers', async () => {
    const listener = await ParlorClient.connect(link(), { nick: `${tag}hear` });
    const heard: string[] = [];
    listener.on('chat.message', (m) => heard.push(`${m.data.from}: ${m.data.text}`));
    const joined = listener.waitFor('room.member_joined', (m) => m.data.nick === `${tag}speak`);
    const speaker = await joinAs(await connectTcpPeer(server.tcpPort), `${tag}speak`);
    await joined;
    speaker.json({ type: 'chat.say', data: { text: 'hello library' } });
    await listener.waitFor('chat.message', (m) => m.data.from === `${tag}speak`);
    expect(heard).toEqual([`${tag}speak: hello library`]);
    speaker.json({ type: 'quit' });
    const left = await listener.waitFor('room.member_left', (m) => m.data.nick === `${tag}speak`);
    expect(left.data.reason).toBe('quit');
    listener.close();
  });

  it('ends with the server message when the server shuts down (reconnect off)', async () => {
    const own = await startTestServer();
    const open = name === 'TCP' ? tcpLink('127.0.0.1', own.tcpPort) : wsLink(own.wsUrl);
    const client = await ParlorClient.connect(open, { nick: `${tag}down`, reconnect: false });
    await own.close();
    expect(await client.closed).toEqual({
      reason: 'The server is shutting down; reconnect later.',
      code: 'SERVER_SHUTTING_DOWN',
    });
  });
});

describe('connection failures', () => {
  it('rejects with CLIENT_UNREACHABLE and a clear message when nothing listens (TCP)', async () => {
    const port = await closedPort();
    const error = await rejection(ParlorClient.connect(tcpLink('127.0.0.1', port)));
    expect(error.code).toBe('CLIENT_UNREACHABLE');
    expect(error.message).toBe(`Cannot reach the Parlor server at 127.0.0.1:${port} (connection refused)`);
  });

  it('rejects with CLIENT_UNREACHABLE and a clear message when nothing listens (WebSocket)', async () => {
    const port = await closedPort();
    const error = await rejection(ParlorClient.connect(wsLink(`ws://127.0.0.1:${port}/ws`)));
    expect(error.code).toBe('CLIENT_UNREACHABLE');
    expect(error.message).toBe(
      `Cannot reach the Parlor server at ws://127.0.0.1:${port}/ws (connection refused)`,
    );
  });
});

describe('tcpLink framing', () => {
  it('passes JSON lines, skips banner lines, copes with CRLF and split chunks, and reports the close', async () => {
    const raw = net.createServer((socket) => {
      socket.write('Welcome to Parlor! Type /nick NAME\r\n{"type":"ping",');
      socket.write('"data":{}}\r\n\r\n{"type":"pong","data":{}}\n');
      socket.end();
    });
    await new Promise<void>((resolve) => raw.listen(0, '127.0.0.1', resolve));
    const { port } = raw.address() as net.AddressInfo;
    const frames: string[] = [];
    let reportClose: (reason: string) => void = () => {};
    const closed = new Promise<string>((resolve) => {
      reportClose = resolve;
    });
    const handlers: LinkHandlers = {
      frame: (text) => frames.push(text),
      closed: (reason) => reportClose(reason),
    };
    try {
      await tcpLink('127.0.0.1', port)(handlers);
      expect(await closed).toBe('the server closed the connection');
    } finally {
      raw.close();
    }
    expect(frames).toEqual(['{"type":"ping","data":{}}', '{"type":"pong","data":{}}']);
  });
});

describe('heartbeat with a real server', () => {
  let fast: TestServer;
  beforeAll(async () => {
    fast = await startTestServer({ pingIntervalMs: 50, pingMissLimit: 2 });
  });
  afterAll(() => fast.close());

  it('answers server pings by itself while a peer that never answers is dropped', async () => {
    // Heartbeat off: only the automatic pong keeps this client alive, not its own pings.
    const client = await ParlorClient.connect(tcpLink('127.0.0.1', fast.tcpPort), {
      nick: 'ponger',
      heartbeat: false,
    });
    const silent = await joinAs(await connectTcpPeer(fast.tcpPort), 'silent');
    const dropped = await silent.nextMessage('error', (m) => m.data.code === 'HEARTBEAT_TIMEOUT', 3000);
    expect(dropped.data.fatal).toBe(true);
    await silent.waitClosed();
    for (let i = 0; i < 4; i++) await client.waitFor('ping', () => true, 3000);
    expect(client.isClosed).toBe(false);
    const users = await client.request('user.list', {});
    // The silent peer's session is held for resume: away, not free.
    expect(users.data.users).toEqual([
      { nick: 'ponger', state: 'free' },
      { nick: 'silent', state: 'away' },
    ]);
    client.close();
  });

  it('keeps a WebSocket client with its own heartbeat connected for many intervals', async () => {
    const client = await ParlorClient.connect(wsLink(fast.wsUrl), { nick: 'wsalive' });
    const silent = await joinAs(await connectTcpPeer(fast.tcpPort), 'silent2');
    await silent.waitClosed();
    // The TCP peer needed three intervals to be dropped; the client's own pings were answered meanwhile.
    for (let i = 0; i < 3; i++) await client.waitFor('pong', () => true, 3000);
    expect(client.isClosed).toBe(false);
    expect((await client.request('chat.say', { text: 'alive' })).data.text).toBe('alive');
    client.close();
  });
});

describe('dead-server detection (reconnect off: the client then just closes)', () => {
  it('closes a TCP client whose server falls silent after the welcome', async () => {
    const received: string[] = [];
    const silent = net.createServer((socket) => {
      socket.setEncoding('utf8');
      // A banner line and CRLF endings, which the TCP link must cope with.
      socket.write('Welcome to a silent server!\r\n');
      socket.on('data', (chunk: string) => {
        for (const line of chunk.split('\n').filter((l) => l !== '')) {
          received.push(line);
          const message = JSON.parse(line) as { type: string; id?: number };
          if (message.type === 'hello')
            socket.write(`${JSON.stringify({ ...WELCOME(40), re: message.id })}\r\n`);
        }
      });
      socket.on('error', () => {});
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as net.AddressInfo;
    try {
      const client = await ParlorClient.connect(tcpLink('127.0.0.1', port), { reconnect: false });
      expect(client.welcome.server).toBe('Silent 0.0');
      const info = await client.closed;
      expect(info.code).toBe('CLIENT_SERVER_SILENT');
      expect(info.reason).toMatch(/did not answer 2 pings/);
      expect(received.filter((l) => l.includes('"ping"'))).toHaveLength(2);
    } finally {
      silent.close();
    }
  });

  it('closes a WebSocket client whose server falls silent after the welcome', async () => {
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise((resolve) => wss.once('listening', resolve));
    let pings = 0;
    wss.on('connection', (socket) => {
      socket.on('message', (data: Buffer) => {
        const message = JSON.parse(data.toString('utf8')) as { type: string; id?: number };
        if (message.type === 'hello') socket.send(JSON.stringify({ ...WELCOME(40), re: message.id }));
        if (message.type === 'ping') pings += 1;
      });
    });
    const { port } = wss.address() as net.AddressInfo;
    try {
      const client = await ParlorClient.connect(wsLink(`ws://127.0.0.1:${port}`), { reconnect: false });
      const info = await client.closed;
      expect(info.code).toBe('CLIENT_SERVER_SILENT');
      expect(pings).toBe(2);
    } finally {
      for (const socket of wss.clients) socket.terminate();
      await new Promise((resolve) => wss.close(resolve));
    }
  });
});
