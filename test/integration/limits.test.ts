import { afterEach, describe, expect, it } from 'vitest';
import { connectTcpPeer, connectWsPeer, joinAs } from '../helpers/raw-clients.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('flood control (A6)', () => {
  it('refuses chat past the burst with RATE_LIMITED, delivers none of it, then drops the flooder', async () => {
    server = await startTestServer({ chatBurst: 3, chatPerSecond: 0.01, floodMaxRefusals: 2 });
    const listener = await joinAs(await connectTcpPeer(server.tcpPort), 'listener');
    const flooder = await joinAs(await connectWsPeer(server.wsUrl), 'flooder');
    for (let i = 1; i <= 6; i++) flooder.json({ type: 'chat.say', id: i, data: { text: `spam ${i}` } });

    for (let i = 1; i <= 3; i++) expect((await flooder.nextMessage('chat.message')).re).toBe(i);
    const warnings = [await flooder.nextMessage('error'), await flooder.nextMessage('error')];
    expect(warnings.map((w) => [w.re, w.data.code, w.data.fatal])).toEqual([
      [4, 'RATE_LIMITED', false],
      [5, 'RATE_LIMITED', false],
    ]);
    const last = await flooder.nextMessage('error');
    expect(last).toMatchObject({ re: 6, data: { code: 'RATE_LIMIT_EXCEEDED', fatal: true } });
    await flooder.waitClosed();
    expect(flooder.closeCode()).toBe(4008);

    await listener.nextMessage('room.member_left', (m) => m.data.nick === 'flooder');
    const heard = listener.received.filter((t) => t.includes('spam'));
    expect(heard.map((t) => JSON.parse(t).data.text)).toEqual(['spam 1', 'spam 2', 'spam 3']);
  });

  it('warns a flooding human in text mode in readable lines', async () => {
    server = await startTestServer({ chatBurst: 1, chatPerSecond: 0.01, floodMaxRefusals: 1 });
    const human = await connectTcpPeer(server.tcpPort);
    human.line('/nick noisy');
    await human.nextLine('Welcome, noisy');
    human.line('one');
    human.line('two');
    human.line('three');
    expect(await human.nextLine('RATE_LIMITED')).toMatch(/^! RATE_LIMITED: You are sending too fast/);
    expect(await human.nextLine('RATE_LIMIT_EXCEEDED')).toMatch(/^! RATE_LIMIT_EXCEEDED: /);
    await human.waitClosed();
  });

  it('limits messages of every kind, not only chat', async () => {
    server = await startTestServer({ messageBurst: 5, messagePerSecond: 0.01, floodMaxRefusals: 100 });
    const peer = await joinAs(await connectTcpPeer(server.tcpPort), 'lister');
    // hello and nick.set used 2 of the 5.
    for (let i = 0; i < 4; i++) peer.json({ type: 'room.list', id: i });
    for (let i = 0; i < 3; i++) await peer.nextMessage('room.listing', (m) => m.re === i);
    expect(await peer.nextMessage('error')).toMatchObject({ re: 3, data: { code: 'RATE_LIMITED' } });
    peer.end();
  });
});

describe('connections per address (A6)', () => {
  it('refuses a connection past the limit with LIMIT_TOO_MANY_CONNECTIONS, and accepts again once one closes', async () => {
    server = await startTestServer({ maxConnectionsPerAddress: 2 });
    const first = await connectTcpPeer(server.tcpPort);
    const second = await connectWsPeer(server.wsUrl);
    const third = await connectWsPeer(server.wsUrl);
    const refusal = await third.nextMessage('error');
    expect(refusal.data).toMatchObject({ code: 'LIMIT_TOO_MANY_CONNECTIONS', fatal: true });
    await third.waitClosed();
    expect(third.closeCode()).toBe(4005);

    first.end();
    await first.waitClosed();
    // The server learns of the close a moment after the client: retry until a seat is free.
    for (;;) {
      const next = await connectTcpPeer(server.tcpPort);
      next.json({ type: 'hello', id: 1, data: { protocol: 1 } });
      const reply = await next.next((t) => t.startsWith('{'), 'a reply');
      if (reply.includes('welcome')) {
        next.end();
        break;
      }
      expect(reply).toContain('LIMIT_TOO_MANY_CONNECTIONS');
      await next.waitClosed();
    }
    second.end();
  });
});

describe('send buffer (A6)', () => {
  it('drops a client that stops reading once its send buffer passes the limit, and keeps the others', async () => {
    server = await startTestServer({
      maxSendBufferBytes: 64 * 1024,
      maxChatChars: 60_000,
      maxFrameBytes: 128 * 1024,
    });
    const stalled = await joinAs(await connectTcpPeer(server.tcpPort), 'stalled');
    stalled.socket.pause();
    const watcher = await joinAs(await connectWsPeer(server.wsUrl), 'watcher');
    const talker = await joinAs(await connectWsPeer(server.wsUrl), 'talker');
    const text = 'w'.repeat(50_000);
    // Enough to fill the kernel's socket buffers on both ends and then the server's own.
    let sent = 0;
    // The session is held for resume: the others see it away.
    const left = watcher.nextMessage(
      'user.state',
      (m) => m.data.nick === 'stalled' && m.data.state === 'away',
      10_000,
    );
    let gone = false;
    void left.then(() => {
      gone = true;
    });
    while (!gone && sent < 2000) {
      talker.json({ type: 'chat.say', id: ++sent, data: { text } });
      await talker.nextMessage('chat.message', (m) => m.re === sent);
    }
    await left;
    expect(stalled.received.some((t) => t.includes('LIMIT_SEND_BUFFER_FULL'))).toBe(false);
    expect(sent).toBeLessThan(2000);
    talker.json({ type: 'chat.say', id: 'after', data: { text: 'still fine' } });
    await watcher.nextMessage('chat.message', (m) => m.data.text === 'still fine');
    talker.end();
    watcher.end();
  });
});
