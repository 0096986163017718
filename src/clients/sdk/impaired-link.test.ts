import { describe, expect, it } from 'vitest';
import { ParlorClient } from './client.ts';
import { type Impairment, impairedLink } from './impaired-link.ts';
import type { Link, LinkHandlers } from './link.ts';
import { FakeServer, FakeTimers, flush } from './test-fakes.ts';

/** Random numbers from a list, then from a small seeded generator (repeatable). */
const scripted = (values: number[], seed = 1) => {
  let state = seed;
  return () => {
    const next = values.shift();
    if (next !== undefined) return next;
    // mulberry32
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
};

const frame = (type: string, data: unknown = {}) => JSON.stringify({ type, data });

/** An impaired link to a fake server, with what the client end received. */
async function setUp(impairment: Omit<Impairment, 'timers'>) {
  const server = new FakeServer();
  server.answer = () => {};
  const timers = new FakeTimers();
  const got: string[] = [];
  const closes: string[] = [];
  const handlers: LinkHandlers = { frame: (t) => got.push(t), closed: (r) => closes.push(r) };
  const link: Link = await impairedLink(server.open, { ...impairment, timers })(handlers);
  return { server, timers, link, got, closes };
}

describe('impairedLink', () => {
  it('delays every frame by delayMs each way', async () => {
    const { server, timers, link, got } = await setUp({ delayMs: 100 });
    link.send(frame('chat.say', { text: 'hi' }));
    timers.advance(99);
    expect(server.received).toEqual([]);
    timers.advance(1);
    expect(server.ofType('chat.say')).toHaveLength(1);

    server.send({ type: 'chat.message', data: {} });
    await flush();
    timers.advance(99);
    expect(got).toEqual([]);
    timers.advance(1);
    expect(got).toEqual([frame('chat.message')]);
  });

  it('adds jitter but keeps the order of the frames, as one socket would', async () => {
    // Delays 100 + 90, then 100 + 10, then 100 + 95: the second waits for the first.
    const { server, timers, link } = await setUp({
      delayMs: 100,
      jitterMs: 100,
      random: scripted([0.9, 0.1, 0.95]),
    });
    for (const text of ['a', 'b', 'c']) link.send(frame('chat.say', { text }));
    timers.advance(189);
    expect(server.received).toEqual([]);
    timers.advance(1);
    expect(server.received.map((m) => m.data.text)).toEqual(['a', 'b']);
    timers.advance(5);
    expect(server.received.map((m) => m.data.text)).toEqual(['a', 'b', 'c']);
  });

  it('drops only match.snapshot and match.input frames, about lossRate of them', async () => {
    const { server, timers, link, got } = await setUp({ delayMs: 0, lossRate: 0.02, random: scripted([]) });
    for (let i = 0; i < 5000; i++) {
      link.send(frame('match.input', { seq: i + 1 }));
      link.send(frame('chat.say', { text: String(i) }));
      server.send({ type: 'match.snapshot', data: { tick: i } });
      server.send({ seq: i + 1, type: 'match.update', data: {} });
    }
    await flush();
    timers.advance(1);
    const inputs = server.ofType('match.input').length;
    const snapshots = got.filter((t) => t.includes('"match.snapshot"')).length;
    expect(server.ofType('chat.say')).toHaveLength(5000);
    expect(got.filter((t) => t.includes('"match.update"'))).toHaveLength(5000);
    // 2% of 5000 is 100 lost; the binomial's standard deviation is about 10.
    for (const kept of [inputs, snapshots]) {
      expect(kept).toBeGreaterThan(5000 - 150);
      expect(kept).toBeLessThan(5000 - 50);
    }
  });

  it('delivers the close after the frames sent before it', async () => {
    const { server, timers, got, closes } = await setUp({ delayMs: 50 });
    server.send({ type: 'bye', data: { message: 'later' } });
    server.drop('gone');
    await flush();
    timers.advance(49);
    expect([got, closes]).toEqual([[], []]);
    timers.advance(1);
    expect(got).toHaveLength(1);
    expect(closes).toEqual(['gone']);
  });

  it('carries a whole client session, just later', async () => {
    const server = new FakeServer();
    const timers = new FakeTimers();
    const client = new ParlorClient(impairedLink(server.open, { delayMs: 30, timers }), {
      timers,
      heartbeat: false,
      reconnect: false,
      nick: 'amy',
    });
    const started = client.start();
    for (let i = 0; i < 6; i++) {
      await flush();
      timers.advance(30);
    }
    await started;
    expect(client.nick).toBe('amy');
  });
});
