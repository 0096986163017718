import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { connectTcpPeer, connectWsPeer, joinAs, type RawPeer } from '../helpers/raw-clients.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

const PING_INTERVAL_MS = 60;
const MISS_LIMIT = 2;
const TEXT_IDLE_MS = 400;

let server: TestServer;
let watcher: RawPeer;
beforeAll(async () => {
  server = await startTestServer({
    pingIntervalMs: PING_INTERVAL_MS,
    pingMissLimit: MISS_LIMIT,
    textIdleTimeoutMs: TEXT_IDLE_MS,
    resumeGraceMs: 300,
  });
  watcher = await joinAs(await connectWsPeer(server.wsUrl), 'watcher');
});
afterAll(() => server.close());

describe('heartbeat (A5)', () => {
  it('pings a silent JSON client, then drops it: others see it away, then gone after the grace period', async () => {
    const silent = await joinAs(await connectTcpPeer(server.tcpPort), 'silent');
    const start = Date.now();
    await silent.nextMessage('ping');
    await silent.nextMessage('ping');
    const error = await silent.nextMessage('error', undefined, 2000);
    const elapsed = Date.now() - start;
    expect(error.data).toMatchObject({ code: 'HEARTBEAT_TIMEOUT', fatal: true });
    await silent.waitClosed();
    // Dropped after (missLimit + 1) intervals of silence, give or take one sweep.
    expect(elapsed).toBeGreaterThanOrEqual((MISS_LIMIT + 1) * PING_INTERVAL_MS - PING_INTERVAL_MS / 4 - 5);
    expect(elapsed).toBeLessThan((MISS_LIMIT + 1) * PING_INTERVAL_MS + 1000);
    const away = await watcher.nextMessage('user.state', (m) => m.data.nick === 'silent');
    expect(away.data.state).toBe('away');
    const left = await watcher.nextMessage('room.member_left', (m) => m.data.nick === 'silent');
    expect(left.data.reason).toBe('lost');
  });

  it('keeps a JSON client that answers every ping', async () => {
    const lively = await joinAs(await connectTcpPeer(server.tcpPort), 'lively');
    for (let i = 0; i < MISS_LIMIT + 3; i++) {
      await lively.nextMessage('ping');
      lively.json({ type: 'pong' });
    }
    lively.json({ type: 'ping', id: 'still-here' });
    expect((await lively.nextMessage('pong', (m) => m.re === 'still-here')).re).toBe('still-here');
    expect(lively.closed).toBe(false);
    lively.end();
  });

  it('uses WebSocket pings: a browser-like client that answers them stays, one that does not is dropped with 4002', async () => {
    const answering = await joinAs(await connectWsPeer(server.wsUrl), 'wsgood');
    const mute = new WebSocket(server.wsUrl, { autoPong: false });
    const pings: number[] = [];
    let closeCode: number | undefined;
    mute.on('ping', () => pings.push(Date.now()));
    mute.on('close', (code) => {
      closeCode = code;
    });
    await new Promise((resolve) => mute.once('open', resolve));
    mute.send(JSON.stringify({ type: 'hello', data: { protocol: 1 } }));
    const closed = new Promise<void>((resolve) => mute.once('close', () => resolve()));
    await closed;
    expect(pings.length).toBe(MISS_LIMIT);
    expect(closeCode).toBe(4002);
    answering.json({ type: 'ping', id: 'ok' });
    await answering.nextMessage('pong', (m) => m.re === 'ok');
    expect(answering.closed).toBe(false);
    answering.end();
  });

  it('sends PING lines in text mode and closes a silent human only after the text idle limit, saying why', async () => {
    const human = await connectTcpPeer(server.tcpPort);
    human.line('/nick sleepy');
    await human.nextLine('Welcome, sleepy');
    const start = Date.now();
    await human.next((t) => t === 'PING', 'a PING line');
    const goodbye = await human.nextLine('HEARTBEAT_TIMEOUT', 3000);
    expect(goodbye).toMatch(/^! HEARTBEAT_TIMEOUT: No activity for/);
    expect(Date.now() - start).toBeGreaterThanOrEqual(TEXT_IDLE_MS - PING_INTERVAL_MS);
    await human.waitClosed();
  });

  it('never drops a human who answers PING (with PONG or any line)', async () => {
    const human = await connectTcpPeer(server.tcpPort);
    human.line('/nick awake');
    await human.nextLine('Welcome, awake');
    const start = Date.now();
    let answers = 0;
    // Stay for well past the text idle limit, answering alternately with PONG and a chat line.
    while (Date.now() - start < TEXT_IDLE_MS * 2) {
      await human.next((t) => t === 'PING', 'a PING line');
      human.line(answers++ % 2 === 0 ? 'PONG' : 'still here');
    }
    human.line('/rooms');
    await human.nextLine('Rooms (');
    expect(human.closed).toBe(false);
    expect(human.received.some((t) => t.includes('HEARTBEAT_TIMEOUT'))).toBe(false);
    human.end();
  });
});

describe('heartbeat liveness', () => {
  it('counts any message from a JSON client as an answer to a ping', async () => {
    const chatty = await joinAs(await connectTcpPeer(server.tcpPort), 'chatty');
    for (let n = 0; n < MISS_LIMIT + 3; n++) {
      await chatty.nextMessage('ping');
      chatty.json({ type: 'room.list', id: n });
      await chatty.nextMessage('room.listing', (m) => m.re === n);
    }
    expect(chatty.closed).toBe(false);
    expect(chatty.received.some((t) => t.includes('HEARTBEAT_TIMEOUT'))).toBe(false);
    chatty.end();
  });
});
