import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectTcpPeer, connectWsPeer, joinAs, type RawPeer } from '../helpers/raw-clients.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
let bystander: RawPeer;
beforeAll(async () => {
  server = await startTestServer({ maxFrameBytes: 4096 });
  bystander = await joinAs(await connectWsPeer(server.wsUrl), 'bystander');
});
afterAll(() => server.close());

/** The bystander still gets answers: the server kept serving everyone else. */
const serverStillServes = async (): Promise<void> => {
  const id = `alive-${Math.random()}`;
  bystander.json({ type: 'ping', id });
  await bystander.nextMessage('pong', (m) => m.re === id);
};

describe('malformed and hostile input', () => {
  it.each([
    ['not JSON', '{"type":', 'PROTO_BAD_JSON', undefined],
    ['a JSON array', '[1,2]', 'PROTO_BAD_MESSAGE', undefined],
    ['no type', '{"id":1,"data":{}}', 'PROTO_BAD_MESSAGE', 1],
    ['a non-string type', '{"type":5}', 'PROTO_BAD_MESSAGE', undefined],
    ['a bad id', '{"type":"ping","id":{"x":1}}', 'PROTO_BAD_MESSAGE', undefined],
    ['an unknown type', '{"type":"chat.shout","id":9,"data":{}}', 'PROTO_UNKNOWN_TYPE', 9],
    ['a wrong field type', '{"type":"chat.say","id":"w","data":{"text":42}}', 'PROTO_BAD_MESSAGE', 'w'],
    ['a missing field', '{"type":"chat.tell","id":3,"data":{"text":"hi"}}', 'PROTO_BAD_MESSAGE', 3],
    ['data that is not an object', '{"type":"chat.say","data":"hi"}', 'PROTO_BAD_MESSAGE', undefined],
  ])('answers %s with its error code and keeps the connection', async (_name, frame, code, re) => {
    for (const peer of [await connectTcpPeer(server.tcpPort), await connectWsPeer(server.wsUrl)]) {
      await joinAs(peer, `m${Math.floor(Math.random() * 1e9)}`);
      peer.line(frame);
      const error = await peer.nextMessage('error');
      expect(error.data).toMatchObject({ code, fatal: false });
      expect(error.re).toBe(re);
      peer.json({ type: 'ping', id: 'after' });
      await peer.nextMessage('pong', (m) => m.re === 'after');
      peer.end();
    }
    await serverStillServes();
  });

  it('names the bad field in PROTO_BAD_MESSAGE', async () => {
    const peer = await joinAs(await connectWsPeer(server.wsUrl), 'fieldy');
    peer.json({ type: 'room.join', id: 1, data: { room: ['x'] } });
    expect((await peer.nextMessage('error')).data).toMatchObject({
      code: 'PROTO_BAD_MESSAGE',
      path: '/data/room',
    });
    peer.end();
  });

  it('answers an over-long TCP line with PROTO_FRAME_TOO_LARGE and closes only that connection', async () => {
    const peer = await joinAs(await connectTcpPeer(server.tcpPort), 'longline');
    peer.write(`{"type":"chat.say","data":{"text":"${'x'.repeat(10_000)}"}}\n`);
    expect((await peer.nextMessage('error')).data).toMatchObject({
      code: 'PROTO_FRAME_TOO_LARGE',
      fatal: true,
    });
    await peer.waitClosed();
    await serverStillServes();
  });

  it('closes a TCP connection that streams bytes without ever ending a line', async () => {
    const peer = await connectTcpPeer(server.tcpPort);
    for (let i = 0; i < 10; i++) peer.write('y'.repeat(1000));
    await peer.nextLine('PROTO_FRAME_TOO_LARGE');
    await peer.waitClosed();
  });

  it('answers an over-long WebSocket frame with PROTO_FRAME_TOO_LARGE and close code 4009', async () => {
    const peer = await joinAs(await connectWsPeer(server.wsUrl), 'bigframe');
    peer.line('z'.repeat(6000));
    expect((await peer.nextMessage('error')).data.code).toBe('PROTO_FRAME_TOO_LARGE');
    await peer.waitClosed();
    expect(peer.closeCode()).toBe(4009);
    await serverStillServes();
  });

  it('refuses empty, over-long and control-character-only chat, and strips control characters', async () => {
    const peer = await joinAs(await connectWsPeer(server.wsUrl), 'texty');
    const limit = server.config.maxChatChars;
    peer.json({ type: 'chat.say', id: 1, data: { text: '   ' } });
    expect((await peer.nextMessage('error')).data.code).toBe('CHAT_EMPTY');
    peer.json({ type: 'chat.say', id: 2, data: { text: 'é'.repeat(limit + 1) } });
    expect((await peer.nextMessage('error')).data.code).toBe('CHAT_TOO_LONG');
    peer.json({ type: 'chat.say', id: 3, data: { text: '\u0007\u001b' } });
    expect((await peer.nextMessage('error')).data.code).toBe('CHAT_EMPTY');
    peer.json({ type: 'chat.say', id: 4, data: { text: 'line1\n* fake joined\u001b[31m' } });
    expect((await peer.nextMessage('chat.message')).data.text).toBe('line1 * fake joined [31m');
    peer.end();
  });

  it('refuses bad room names and rooms the user is not in', async () => {
    const peer = await joinAs(await connectTcpPeer(server.tcpPort), 'roomy');
    peer.json({ type: 'room.join', id: 1, data: { room: 'no spaces' } });
    expect((await peer.nextMessage('error')).data.code).toBe('ROOM_INVALID_NAME');
    peer.json({ type: 'chat.say', id: 2, data: { room: 'elsewhere', text: 'hi' } });
    expect((await peer.nextMessage('error')).data.code).toBe('ROOM_NOT_MEMBER');
    peer.json({ type: 'room.leave', id: 3, data: { room: 'lobby' } });
    expect((await peer.nextMessage('error')).data.code).toBe('ROOM_LOBBY_PERMANENT');
    peer.json({ type: 'user.list', id: 4, data: { room: 'ghosts' } });
    expect((await peer.nextMessage('error')).data.code).toBe('ROOM_NOT_FOUND');
    peer.end();
  });

  it('answers unknown text commands and missing arguments with their codes', async () => {
    const human = await connectTcpPeer(server.tcpPort);
    human.line('/nick typist');
    await human.nextLine('Welcome, typist');
    human.line('/frobnicate');
    expect(await human.nextLine('TEXT_UNKNOWN')).toMatch(/^! TEXT_UNKNOWN_COMMAND: /);
    human.line('/msg onlyname');
    expect(await human.nextLine('TEXT_USAGE')).toBe('! TEXT_USAGE: Usage: /msg NAME TEXT');
    human.line('//not a command');
    await bystander.nextMessage('chat.message', (m) => m.data.text === '/not a command');
    human.end();
  });
});
