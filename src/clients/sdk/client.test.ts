import { describe, expect, it } from 'vitest';
import type { ServerMessage } from '../../protocol/index.ts';
import { ParlorClient } from './client.ts';
import type { ProtocolProblem } from './client-types.ts';
import { ParlorError } from './errors.ts';
import { FakeServer, FakeTimers, flush, rejection } from './test-fakes.ts';

const connected = async (options: { nick?: string; heartbeat?: boolean } = {}) => {
  const server = new FakeServer();
  const timers = new FakeTimers();
  const client = await ParlorClient.connect(server.open, {
    timers,
    timeoutMs: 500,
    heartbeat: false,
    reconnect: false,
    ...options,
  });
  return { server, timers, client };
};

describe('ParlorClient.connect', () => {
  it('says hello with the protocol version, takes the nickname and exposes the welcome', async () => {
    const { server, client } = await connected({ nick: 'alice' });
    expect(server.received[0]).toEqual({ type: 'hello', id: 1, data: { protocol: 1 } });
    expect(server.received[1]).toEqual({ type: 'nick.set', id: 2, data: { nick: 'alice' } });
    expect(client.nick).toBe('alice');
    expect(client.welcome.limits.pingIntervalMs).toBe(1000);
    expect(client.isClosed).toBe(false);
  });

  it('sends the client name in hello when given', async () => {
    const server = new FakeServer();
    await ParlorClient.connect(server.open, { client: 'bot 2.0', heartbeat: false });
    expect(server.received[0]?.data).toEqual({ protocol: 1, client: 'bot 2.0' });
  });

  it('rejects with the server code when the nickname is refused, and closes the link', async () => {
    const server = new FakeServer();
    const welcoming = FakeServer.welcoming();
    server.answer = (message, s) => {
      if (message.type === 'nick.set') {
        s.send({
          type: 'error',
          re: message.id,
          data: { code: 'NICK_TAKEN', message: 'taken', fatal: false },
        });
      } else welcoming(message, s);
    };
    const error = await rejection(ParlorClient.connect(server.open, { nick: 'bob', heartbeat: false }));
    expect(error.code).toBe('NICK_TAKEN');
    expect(error.message).toBe('taken');
    expect(error.re).toBe(2);
    expect(server.closedByClient).toBe(true);
  });

  it('wraps a link that cannot open into CLIENT_UNREACHABLE and passes a ParlorError through', async () => {
    const wrapped = await rejection(ParlorClient.connect(() => Promise.reject(new Error('boom'))));
    expect(wrapped.code).toBe('CLIENT_UNREACHABLE');
    expect(wrapped.message).toContain('boom');
    expect(wrapped.cause).toBeInstanceOf(Error);
    const own = new ParlorError(
      'CLIENT_UNREACHABLE',
      'Cannot reach the Parlor server at h:1 (connection refused)',
    );
    expect(await rejection(ParlorClient.connect(() => Promise.reject(own)))).toBe(own);
  });

  it('times out when the server never welcomes', async () => {
    const server = new FakeServer();
    server.answer = () => {};
    const timers = new FakeTimers();
    const connecting = rejection(ParlorClient.connect(server.open, { timers, timeoutMs: 300 }));
    await flush();
    timers.advance(300);
    const error = await connecting;
    expect(error.code).toBe('CLIENT_TIMEOUT');
    expect(error.message).toContain('"hello"');
    expect(server.closedByClient).toBe(true);
  });

  it('rejects with the fatal error the server sent before closing during the handshake', async () => {
    const server = new FakeServer();
    server.answer = (_message, s) => {
      s.send({
        type: 'error',
        data: { code: 'LIMIT_TOO_MANY_CONNECTIONS', message: 'Too many.', fatal: true },
      });
      s.drop('the server closed the connection');
    };
    const error = await rejection(ParlorClient.connect(server.open));
    expect(error.code).toBe('LIMIT_TOO_MANY_CONNECTIONS');
    expect(error.message).toContain('Too many.');
  });
});

describe('ParlorClient requests', () => {
  it('matches each reply to its own request, whatever the order of the replies', async () => {
    const { server, client } = await connected();
    server.answer = () => {};
    const rooms = client.request('room.list', {});
    const users = client.request('user.list', {});
    const [roomList, userList] = server.received.slice(-2);
    server.send({
      type: 'user.listing',
      re: userList?.id,
      data: { users: [{ nick: 'zed', state: 'free' }] },
    });
    server.send({
      type: 'room.listing',
      re: roomList?.id,
      data: { rooms: [{ name: 'lobby', members: 1, topic: '' }] },
    });
    expect((await users).data.users).toEqual([{ nick: 'zed', state: 'free' }]);
    expect((await rooms).data.rooms[0]?.name).toBe('lobby');
    expect(roomList?.id).not.toBe(userList?.id);
  });

  it('rejects with the code, message and fatal flag of an error reply', async () => {
    const { server, client } = await connected();
    server.answer = (m, s) =>
      s.send({
        type: 'error',
        re: m.id,
        data: { code: 'ROOM_INVALID_NAME', message: 'bad room', fatal: false },
      });
    const error = await rejection(client.request('room.join', { room: '!!' }));
    expect(error).toMatchObject({ code: 'ROOM_INVALID_NAME', message: 'bad room', fatal: false });
    expect(error.re).toBe(server.received.at(-1)?.id);
  });

  it('rejects a reply of the wrong type with CLIENT_BAD_REPLY', async () => {
    const { server, client } = await connected();
    server.answer = (m, s) => s.send({ type: 'room.left', re: m.id, data: { room: 'x' } });
    expect((await rejection(client.request('room.join', { room: 'x' }))).code).toBe('CLIENT_BAD_REPLY');
  });

  it('times out without a reply and hands a late reply to listeners only', async () => {
    const { server, client, timers } = await connected();
    server.answer = () => {};
    const seen: ServerMessage[] = [];
    client.on('room.listing', (m) => seen.push(m));
    const pending = rejection(client.request('room.list', {}, { timeoutMs: 50 }));
    timers.advance(49);
    await flush();
    timers.advance(1);
    const error = await pending;
    expect(error.code).toBe('CLIENT_TIMEOUT');
    server.send({ type: 'room.listing', re: error.re, data: { rooms: [] } });
    await flush();
    expect(seen).toHaveLength(1);
    expect(client.isClosed).toBe(false);
  });

  it('numbers fire-and-forget messages too', async () => {
    const { server, client } = await connected();
    const first = client.send('chat.say', { text: 'a' });
    const second = client.sendMessage({ type: 'chat.tell', data: { to: 'bob', text: 'b' } });
    expect(second).toBe(first + 1);
    expect(server.received.slice(-2)).toEqual([
      { type: 'chat.say', id: first, data: { text: 'a' } },
      { type: 'chat.tell', id: second, data: { to: 'bob', text: 'b' } },
    ]);
  });
});

describe('ParlorClient events', () => {
  it('delivers each type to its listeners and everything to onAny, until unsubscribed', async () => {
    const { server, client } = await connected();
    const chats: string[] = [];
    const all: string[] = [];
    const stop = client.on('chat.message', (m) => chats.push(m.data.text));
    client.onAny((m) => all.push(m.type));
    server.send({ type: 'chat.message', data: { room: 'lobby', from: 'bob', text: 'one', at: 1 } });
    server.send({ type: 'room.member_joined', data: { room: 'lobby', nick: 'carol' } });
    await flush();
    stop();
    server.send({ type: 'chat.message', data: { room: 'lobby', from: 'bob', text: 'two', at: 2 } });
    await flush();
    expect(chats).toEqual(['one']);
    expect(all).toEqual(['chat.message', 'room.member_joined', 'chat.message']);
  });

  it('reports invalid frames to onProtocolError without throwing or delivering them', async () => {
    const { server, client } = await connected();
    const problems: ProtocolProblem[] = [];
    const all: ServerMessage[] = [];
    client.onProtocolError((p) => problems.push(p));
    client.onAny((m) => all.push(m));
    server.raw('not json');
    server.send({ type: 'chat.message', data: { room: 'lobby' } });
    server.send({ type: 'no.such.type', data: {} });
    await flush();
    expect(problems.map((p) => p.error.code)).toEqual([
      'PROTO_BAD_JSON',
      'PROTO_BAD_MESSAGE',
      'PROTO_UNKNOWN_TYPE',
    ]);
    expect(problems[0]?.text).toBe('not json');
    expect(all).toEqual([]);
    expect(client.isClosed).toBe(false);
  });

  it('answers a server ping with a pong', async () => {
    const { server } = await connected();
    server.send({ type: 'ping', data: {} });
    await flush();
    expect(server.ofType('pong')).toHaveLength(1);
  });

  it('waitFor finds a message that arrived before the call, and gives each message to one wait only', async () => {
    const { server, client } = await connected();
    server.send({ type: 'chat.message', data: { room: 'lobby', from: 'a', text: 'early', at: 1 } });
    await flush();
    expect((await client.waitFor('chat.message')).data.text).toBe('early');
    const later = client.waitFor('chat.message', (m) => m.data.from === 'b');
    server.send({ type: 'chat.message', data: { room: 'lobby', from: 'a', text: 'skip', at: 2 } });
    server.send({ type: 'chat.message', data: { room: 'lobby', from: 'b', text: 'wanted', at: 3 } });
    expect((await later).data.text).toBe('wanted');
    expect((await client.waitFor('chat.message')).data.text).toBe('skip');
  });

  it('waitFor times out, and fails once closed unless the message was kept', async () => {
    const { server, client, timers } = await connected();
    const waiting = rejection(client.waitFor('room.topic', () => true, 100));
    timers.advance(100);
    expect((await waiting).code).toBe('CLIENT_TIMEOUT');
    server.send({ type: 'bye', data: { message: 'Goodbye!' } });
    server.drop('gone');
    await client.closed;
    expect((await client.waitFor('bye')).data.message).toBe('Goodbye!');
    expect((await rejection(client.waitFor('chat.message'))).message).toContain('closed');
  });
});

describe('ParlorClient closing', () => {
  it('close() rejects pending requests, resolves closed and refuses further sends', async () => {
    const { server, client } = await connected();
    server.answer = () => {};
    const pending = rejection(client.request('room.list', {}));
    const seen: string[] = [];
    client.onClose((info) => seen.push(info.reason));
    client.close();
    expect((await pending).code).toBe('CLIENT_DISCONNECTED');
    expect(await client.closed).toEqual({ reason: 'Closed by the client.', code: null });
    expect(seen).toEqual(['Closed by the client.']);
    expect(server.closedByClient).toBe(true);
    expect(() => client.send('chat.say', { text: 'late' })).toThrow(ParlorError);
    expect((await rejection(client.request('room.list', {}))).code).toBe('CLIENT_DISCONNECTED');
  });

  it('reports the fatal error the server sent before dropping the link', async () => {
    const { server, client } = await connected();
    server.answer = () => {};
    const pending = rejection(client.request('room.list', {}));
    server.send({
      type: 'error',
      data: { code: 'SERVER_SHUTTING_DOWN', message: 'Going down.', fatal: true },
    });
    server.drop('the server closed the connection');
    expect(await client.closed).toEqual({ reason: 'Going down.', code: 'SERVER_SHUTTING_DOWN' });
    expect((await pending).code).toBe('SERVER_SHUTTING_DOWN');
  });

  it('reports the link reason when the server drops without a word', async () => {
    const { server, client } = await connected();
    server.drop('the connection failed: connection reset');
    expect(await client.closed).toEqual({
      reason: 'the connection failed: connection reset',
      code: 'CLIENT_DISCONNECTED',
    });
  });

  it('quit() waits for bye, then ends the connection cleanly', async () => {
    const { server, client } = await connected();
    server.answer = (m, s) => s.send({ type: 'bye', re: m.id, data: { message: 'You quit: later' } });
    const info = await client.quit('later');
    expect(server.ofType('quit')[0]?.data).toEqual({ message: 'later' });
    expect(info).toEqual({ reason: 'You quit: later', code: null });
    expect(server.closedByClient).toBe(true);
  });
});

describe('ParlorClient dead-server detection', () => {
  it('pings a silent server and closes after pingMissLimit unanswered pings', async () => {
    const server = new FakeServer();
    server.answer = FakeServer.welcoming({ pingIntervalMs: 1000, pingMissLimit: 2 });
    const timers = new FakeTimers();
    const client = await ParlorClient.connect(server.open, { timers, reconnect: false });
    const pingsSent = () => server.received.filter((m) => m.type === 'ping').length;
    timers.advance(999);
    expect(pingsSent()).toBe(0);
    timers.advance(1);
    expect(pingsSent()).toBe(1);
    timers.advance(1000);
    expect(pingsSent()).toBe(2);
    expect(client.isClosed).toBe(false);
    timers.advance(1000);
    expect(client.isClosed).toBe(true);
    const info = await client.closed;
    expect(info.code).toBe('CLIENT_SERVER_SILENT');
    expect(info.reason).toMatch(/did not answer 2 pings/);
    expect(server.closedByClient).toBe(true);
    expect(timers.pending).toBe(0);
  });

  it('stays connected while the server answers its pings', async () => {
    const server = new FakeServer();
    const welcoming = FakeServer.welcoming({ pingIntervalMs: 100, pingMissLimit: 1 });
    server.answer = (m, s) =>
      m.type === 'ping' ? s.send({ type: 'pong', re: m.id, data: {} }) : welcoming(m, s);
    const timers = new FakeTimers();
    const client = await ParlorClient.connect(server.open, { timers, reconnect: false });
    for (let i = 0; i < 20; i++) {
      timers.advance(100);
      await flush();
    }
    expect(client.isClosed).toBe(false);
    expect(server.ofType('ping').length).toBeGreaterThanOrEqual(10);
  });

  it('sends no ping while the server keeps talking', async () => {
    const server = new FakeServer();
    server.answer = FakeServer.welcoming({ pingIntervalMs: 100, pingMissLimit: 1 });
    const timers = new FakeTimers();
    const client = await ParlorClient.connect(server.open, { timers, reconnect: false });
    for (let i = 0; i < 10; i++) {
      timers.advance(60);
      server.send({ type: 'room.member_joined', data: { room: 'lobby', nick: `n${i}` } });
      await flush();
    }
    expect(server.ofType('ping')).toEqual([]);
    expect(client.isClosed).toBe(false);
  });

  it('does not ping at all when the heartbeat is turned off', async () => {
    const { server, timers, client } = await connected({ heartbeat: false });
    timers.advance(60_000);
    expect(server.ofType('ping')).toEqual([]);
    expect(client.isClosed).toBe(false);
  });
});
