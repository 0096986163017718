import { describe, expect, it } from 'vitest';
import { ParlorClient } from './client.ts';
import type { ConnectionEvent, ReconnectOptions } from './client-types.ts';
import type { Link, LinkFactory } from './link.ts';
import { FakeServer, FakeTimers, flush, type Received, rejection } from './test-fakes.ts';

const chat = (seq: number, text: string, re?: number) => ({
  type: 'chat.message',
  seq,
  ...(re === undefined ? {} : { re }),
  data: { room: 'lobby', from: 'bob', text, at: seq },
});

/**
 * The default script, plus `session.resume`: replays `replay`, then answers `session.resumed`; or,
 * with `refuse`, answers that error (numbered 2, as the second message of the new session).
 */
const resuming =
  (options: { replay?: object[]; refuse?: string; nextSeq?: number } = {}) =>
  (message: Received, server: FakeServer): void => {
    if (message.type !== 'session.resume') {
      FakeServer.welcoming()(message, server);
      if (message.type === 'chat.say')
        server.send({ ...chat(99, String(message.data.text)), re: message.id });
      return;
    }
    if (options.refuse !== undefined) {
      const data = { code: options.refuse, message: 'The session ended.', fatal: false };
      server.send({ type: 'error', seq: 2, re: message.id, data });
      return;
    }
    for (const replayed of options.replay ?? []) server.send(replayed);
    const data = { nick: 'alice', token: 'token-2', missed: options.replay?.length ?? 0, overflow: false };
    server.send({ type: 'session.resumed', seq: options.nextSeq ?? 10, re: message.id, data });
  };

const setup = async (reconnect: ReconnectOptions = {}, random: () => number = () => 0.5) => {
  const server = new FakeServer();
  const timers = new FakeTimers();
  const client = await ParlorClient.connect(server.open, {
    timers,
    random,
    timeoutMs: 500,
    heartbeat: false,
    nick: 'alice',
    reconnect,
  });
  const events: ConnectionEvent[] = [];
  client.onState((event) => events.push(event));
  server.answer = resuming();
  return { server, timers, client, events };
};

/** Runs the scheduled attempt: advances the clock by the delay last announced, then lets links talk. */
const nextAttempt = async (timers: FakeTimers, events: ConnectionEvent[]): Promise<void> => {
  const last = events.at(-1);
  if (last?.state !== 'reconnecting') throw new Error(`not reconnecting: ${JSON.stringify(last)}`);
  timers.advance(last.delayMs);
  await flush();
};

describe('ParlorClient reconnection', () => {
  it('waits, reconnects, resumes with the token and last seq, and delivers missed messages once, in order', async () => {
    const { server, timers, client, events } = await setup();
    const seen: string[] = [];
    client.onAny((m) => seen.push(m.type === 'chat.message' ? `${m.seq}:${m.data.text}` : m.type));
    server.send(chat(3, 'one'));
    server.send(chat(4, 'two'));
    await flush();
    expect(client.lastSeq).toBe(4);
    server.answer = resuming({ replay: [chat(4, 'two'), chat(5, 'three'), chat(6, 'four')], nextSeq: 7 });
    server.drop('the server closed the connection');
    await flush();
    expect(client.state).toBe('reconnecting');
    // Equal jitter with random 0.5: 250 / 2 + 0.5 × 250 / 2.
    expect(events).toEqual([
      {
        state: 'reconnecting',
        attempt: 1,
        delayMs: 188,
        reason: 'the server closed the connection',
        code: 'CLIENT_DISCONNECTED',
      },
    ]);
    timers.advance(187);
    await flush();
    expect(server.connections).toBe(1);
    timers.advance(1);
    await flush();
    expect(server.connections).toBe(2);
    expect(server.received.slice(-2)).toEqual([
      { type: 'hello', id: 3, data: { protocol: 1 } },
      { type: 'session.resume', id: 4, data: { token: 'fake-token', lastSeq: 4 } },
    ]);
    expect(seen).toEqual(['3:one', '4:two', '5:three', '6:four', 'session.resumed']);
    expect(events.at(-1)).toEqual({ state: 'reconnected', attempt: 1, missed: 3, overflow: false });
    expect(client.state).toBe('connected');
    expect(client.lastSeq).toBe(7);
    // The next resume uses the new token.
    server.drop('again');
    await flush();
    await nextAttempt(timers, events);
    expect(server.ofType('session.resume').at(-1)?.data).toEqual({ token: 'token-2', lastSeq: 7 });
  });

  it('settles requests in flight by their replayed reply, or rejects them; queues new ones until resumed', async () => {
    const { server, timers, client, events } = await setup();
    server.answer = () => {};
    const answered = client.request('room.join', { room: 'den' });
    const unanswered = rejection(client.request('room.list', {}));
    server.drop('connection reset');
    await flush();
    const queued = client.request('chat.say', { text: 'later' });
    client.send('chat.say', { text: 'fire' });
    expect(server.ofType('chat.say')).toEqual([]);
    const joined = { type: 'room.joined', seq: 5, re: 3, data: { room: 'den', topic: '', members: [] } };
    server.answer = resuming({ replay: [joined] });
    await nextAttempt(timers, events);
    expect((await answered).data.room).toBe('den');
    const error = await unanswered;
    expect(error.code).toBe('CLIENT_DISCONNECTED');
    expect(error.message).toContain('may or may not have been carried out');
    expect(server.ofType('room.list')).toHaveLength(1);
    const types = server.received.map((m) => m.type);
    expect(types.slice(types.indexOf('session.resume'))).toEqual(['session.resume', 'chat.say', 'chat.say']);
    expect(server.ofType('chat.say').map((m) => m.data.text)).toEqual(['later', 'fire']);
    expect((await queued).data.text).toBe('later');
  });

  it('backs off exponentially up to the maximum while the server is down, then starts over', async () => {
    const { server, timers, events } = await setup({ jitter: 'none', initialDelayMs: 100, maxDelayMs: 400 });
    server.refusing = true;
    server.drop('gone');
    await flush();
    for (let i = 0; i < 5; i++) await nextAttempt(timers, events);
    expect(
      events.map((e) => (e.state === 'reconnecting' ? [e.attempt, e.delayMs, e.code] : e.state)),
    ).toEqual([
      [1, 100, 'CLIENT_DISCONNECTED'],
      [2, 200, 'CLIENT_UNREACHABLE'],
      [3, 400, 'CLIENT_UNREACHABLE'],
      [4, 400, 'CLIENT_UNREACHABLE'],
      [5, 400, 'CLIENT_UNREACHABLE'],
      [6, 400, 'CLIENT_UNREACHABLE'],
    ]);
    expect(events.at(-1)).toMatchObject({
      reason: 'Cannot reach the Parlor server at fake (connection refused)',
    });
    server.refusing = false;
    await nextAttempt(timers, events);
    expect(events.at(-1)).toEqual({ state: 'reconnected', attempt: 6, missed: 0, overflow: false });
    server.drop('again');
    await flush();
    expect(events.at(-1)).toMatchObject({ state: 'reconnecting', attempt: 1, delayMs: 100 });
  });

  it('jitters each delay with the injected random numbers', async () => {
    const randoms = [0, 0.5, 0.999, 0.25];
    const { server, timers, events } = await setup({ jitter: 'full' }, () => randoms.shift() ?? 0);
    server.refusing = true;
    server.drop('gone');
    await flush();
    for (let i = 0; i < 3; i++) await nextAttempt(timers, events);
    expect(events.map((e) => e.state === 'reconnecting' && e.delayMs)).toEqual([0, 250, 999, 500]);
  });

  it('close() while waiting cancels the timer and settles closed; quit() just closes', async () => {
    const { server, timers, client, events } = await setup();
    server.drop('gone');
    await flush();
    expect(timers.pending).toBe(1);
    client.close();
    expect(timers.pending).toBe(0);
    expect(await client.closed).toEqual({ reason: 'Closed by the client.', code: null });
    expect(events.at(-1)).toEqual({ state: 'closed', info: { reason: 'Closed by the client.', code: null } });
    timers.advance(60_000);
    await flush();
    expect(server.connections).toBe(1);

    const other = await setup();
    other.server.drop('gone');
    await flush();
    expect(await other.client.quit('bye')).toEqual({ reason: 'Quit while disconnected.', code: null });
    expect(other.timers.pending).toBe(0);
  });

  it('close() while a link is opening lets go of the link once it opens', async () => {
    const server = new FakeServer();
    let release: () => void = () => {};
    let closedLinks = 0;
    const slow: LinkFactory = async (handlers) => {
      if (server.connections === 1) await new Promise<void>((resolve) => (release = resolve));
      const link = await server.open(handlers);
      return { send: (text) => link.send(text), close: () => (closedLinks += 1) } satisfies Link;
    };
    const timers = new FakeTimers();
    const client = await ParlorClient.connect(slow, { timers, heartbeat: false, nick: 'alice' });
    server.drop('gone');
    await flush();
    timers.advance(10_000);
    await flush();
    client.close();
    release();
    await flush();
    expect(server.connections).toBe(2);
    expect(closedLinks).toBe(1);
    expect(server.ofType('hello')).toHaveLength(1);
  });

  it('tries again when an attempt gets no welcome in time, closing that link', async () => {
    const { server, timers, events } = await setup();
    server.answer = () => {};
    server.drop('gone');
    await flush();
    await nextAttempt(timers, events);
    expect(server.ofType('hello')).toHaveLength(2);
    timers.advance(500);
    await flush();
    expect(server.closedByClient).toBe(true);
    expect(events.at(-1)).toMatchObject({ state: 'reconnecting', attempt: 2, code: 'CLIENT_TIMEOUT' });
  });

  it('starts a new session and takes the nickname back when the server refuses the resume', async () => {
    const { server, timers, client, events } = await setup();
    server.send(chat(3, 'one'));
    await flush();
    const seen: string[] = [];
    client.onAny((m) => seen.push(m.type));
    server.answer = resuming({ refuse: 'RESUME_EXPIRED' });
    server.drop('gone');
    await flush();
    const queued = rejection(client.request('room.list', {}));
    await nextAttempt(timers, events);
    expect(events.slice(1)).toEqual([
      { state: 'session-lost', code: 'RESUME_EXPIRED', reason: 'The session ended.', nick: 'alice' },
      { state: 'connected', nick: 'alice' },
    ]);
    expect(server.received.at(-1)).toEqual({ type: 'nick.set', id: 6, data: { nick: 'alice' } });
    expect((await queued).code).toBe('CLIENT_SESSION_LOST');
    // The new connection's welcome and the refusal are the library's business, not the listeners'.
    expect(seen).toEqual(['nick.accepted']);
    expect(client.nick).toBe('alice');
    expect(client.lastSeq).toBe(2);
    server.send(chat(3, 'fresh'));
    await flush();
    expect(seen).toEqual(['nick.accepted', 'chat.message']);
  });

  it('reports a nickname it could not take back, and keeps the new session without one', async () => {
    const { server, timers, client, events } = await setup({}, () => 0);
    server.answer = (m, s) => {
      if (m.type === 'nick.set') {
        s.send({ type: 'error', re: m.id, data: { code: 'NICK_TAKEN', message: 'taken', fatal: false } });
      } else resuming({ refuse: 'RESUME_INVALID_TOKEN' })(m, s);
    };
    const errors: string[] = [];
    client.on('error', (m) => errors.push(m.data.code));
    server.drop('gone');
    await flush();
    await nextAttempt(timers, events);
    expect(events.at(-1)).toEqual({ state: 'connected', nick: null });
    expect(errors).toEqual(['NICK_TAKEN']);
    expect(client.nick).toBeNull();
    expect(client.state).toBe('connected');
  });

  it.each(['BANNED', 'SESSION_REPLACED'])('stops for good after %s', async (code) => {
    const { server, timers, client, events } = await setup();
    server.send({ type: 'error', data: { code, message: 'No more.', fatal: true } });
    server.drop('the server closed the connection');
    expect(await client.closed).toEqual({ reason: 'No more.', code });
    expect(events).toEqual([{ state: 'closed', info: { reason: 'No more.', code } }]);
    expect(timers.pending).toBe(0);
  });

  it.each(['SERVER_SHUTTING_DOWN', 'KICKED'])('reconnects after %s', async (code) => {
    const { server, client, events } = await setup();
    server.send({ type: 'error', data: { code, message: 'Go away for now.', fatal: true } });
    server.drop('the server closed the connection');
    await flush();
    expect(events).toEqual([
      expect.objectContaining({ state: 'reconnecting', attempt: 1, reason: 'Go away for now.', code }),
    ]);
    expect(client.isClosed).toBe(false);
  });

  it('reconnects when the server falls silent (dead-server detection)', async () => {
    const server = new FakeServer();
    server.answer = FakeServer.welcoming({ pingIntervalMs: 100, pingMissLimit: 1 });
    const timers = new FakeTimers();
    const client = await ParlorClient.connect(server.open, { timers, random: () => 0 });
    const events: ConnectionEvent[] = [];
    client.onState((event) => events.push(event));
    timers.advance(200);
    expect(server.closedByClient).toBe(true);
    expect(events).toEqual([
      expect.objectContaining({ state: 'reconnecting', code: 'CLIENT_SERVER_SILENT' }),
    ]);
    server.answer = resuming();
    await nextAttempt(timers, events);
    expect(events.at(-1)).toMatchObject({ state: 'reconnected' });
    client.close();
    expect(timers.pending).toBe(0);
  });

  it('gives up after maxAttempts and says why', async () => {
    const { server, timers, client, events } = await setup({ maxAttempts: 2 });
    server.refusing = true;
    server.drop('gone');
    await flush();
    await nextAttempt(timers, events);
    await nextAttempt(timers, events);
    expect(await client.closed).toEqual({
      reason: 'Gave up after 2 attempts: Cannot reach the Parlor server at fake (connection refused)',
      code: 'CLIENT_UNREACHABLE',
    });
    expect(events.map((e) => e.state)).toEqual(['reconnecting', 'reconnecting', 'closed']);
  });
});

describe('ParlorClient reconnection, stopping', () => {
  it('close() during an attempt abandons it for good', async () => {
    const { server, timers, client, events } = await setup();
    server.answer = () => {};
    server.drop('gone');
    await flush();
    await nextAttempt(timers, events);
    expect(server.ofType('hello')).toHaveLength(2);
    client.close();
    await flush();
    timers.advance(60_000);
    await flush();
    expect(events.map((e) => e.state)).toEqual(['reconnecting', 'closed']);
    expect(timers.pending).toBe(0);
    expect(server.connections).toBe(2);
  });

  it('a listener that throws does not stop the replay nor the reconnection', async () => {
    const { server, timers, client, events } = await setup();
    const uncaught: unknown[] = [];
    const original = globalThis.queueMicrotask;
    globalThis.queueMicrotask = (callback) =>
      original(() => {
        try {
          callback();
        } catch (error) {
          uncaught.push(error);
        }
      });
    try {
      const texts: string[] = [];
      client.on('chat.message', (m) => {
        texts.push(m.data.text);
        throw new Error(`listener bug on ${m.data.text}`);
      });
      client.onState(() => {
        throw new Error('state listener bug');
      });
      server.answer = resuming({ replay: [chat(3, 'one'), chat(4, 'two')] });
      server.drop('gone');
      await flush();
      await nextAttempt(timers, events);
      expect(texts).toEqual(['one', 'two']);
      expect(events.map((e) => e.state)).toEqual(['reconnecting', 'reconnected']);
      expect(client.state).toBe('connected');
      expect(uncaught.map((e) => (e as Error).message)).toEqual([
        'state listener bug',
        'listener bug on one',
        'listener bug on two',
        'state listener bug',
      ]);
    } finally {
      globalThis.queueMicrotask = original;
    }
  });
});
