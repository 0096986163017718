import { describe, expect, it } from 'vitest';
import { ParlorError } from './errors.ts';
import type { LinkHandlers } from './link.ts';
import { type WebSocketLike, webSocketLink } from './websocket-link.ts';

/** A scripted WebSocket: the test fires its events. */
class FakeSocket implements WebSocketLike {
  static last: FakeSocket | undefined;
  readonly url: string;
  readonly sent: string[] = [];
  closedWith: number | undefined;
  onopen: WebSocketLike['onopen'] = null;
  onmessage: WebSocketLike['onmessage'] = null;
  onclose: WebSocketLike['onclose'] = null;
  onerror: WebSocketLike['onerror'] = null;

  constructor(url: string) {
    this.url = url;
    FakeSocket.last = this;
  }

  send(data: string): void {
    this.sent.push(data);
  }

  close(code?: number): void {
    this.closedWith = code;
  }
}

const socket = (): FakeSocket => {
  if (FakeSocket.last === undefined) throw new Error('no socket');
  return FakeSocket.last;
};

const recorder = () => {
  const frames: string[] = [];
  const closes: string[] = [];
  const handlers: LinkHandlers = { frame: (t) => frames.push(t), closed: (r) => closes.push(r) };
  return { frames, closes, handlers };
};

describe('webSocketLink', () => {
  it('opens, passes text frames both ways and ignores binary ones', async () => {
    const { frames, closes, handlers } = recorder();
    const opening = webSocketLink('ws://h/ws', FakeSocket)(handlers);
    expect(socket().url).toBe('ws://h/ws');
    socket().onopen?.({});
    const link = await opening;
    link.send('{"type":"ping","data":{}}');
    socket().onmessage?.({ data: '{"type":"pong","data":{}}' });
    socket().onmessage?.({ data: new Uint8Array([1, 2]) });
    expect(socket().sent).toEqual(['{"type":"ping","data":{}}']);
    expect(frames).toEqual(['{"type":"pong","data":{}}']);
    link.close();
    expect(socket().closedWith).toBe(1000);
    socket().onclose?.({ code: 4001, reason: 'SERVER_SHUTTING_DOWN' });
    socket().onclose?.({ code: 4001, reason: 'again' });
    expect(closes).toEqual(['SERVER_SHUTTING_DOWN']);
  });

  it('explains a close without a reason by its code, and sends nothing after it', async () => {
    const { closes, handlers } = recorder();
    const opening = webSocketLink('ws://h/ws', FakeSocket)(handlers);
    socket().onopen?.({});
    const link = await opening;
    socket().onclose?.({ code: 1006, reason: '' });
    link.send('late');
    expect(closes).toEqual(['the server closed the connection (code 1006)']);
    expect(socket().sent).toEqual([]);
  });

  it('rejects with CLIENT_UNREACHABLE and the described error when it cannot open', async () => {
    const { handlers, closes } = recorder();
    const opening = webSocketLink('ws://h:1/ws', FakeSocket, { describeError: () => 'connection refused' })(
      handlers,
    );
    socket().onerror?.({});
    socket().onclose?.({ code: 1006, reason: '' });
    const error = await opening.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ParlorError);
    expect(error).toMatchObject({
      code: 'CLIENT_UNREACHABLE',
      message: 'Cannot reach the Parlor server at ws://h:1/ws (connection refused)',
    });
    expect(closes).toEqual([]);
  });

  it('rejects when the constructor throws (a malformed URL in browsers)', async () => {
    class Throwing extends FakeSocket {
      constructor(url: string) {
        super(url);
        throw new SyntaxError('Invalid URL');
      }
    }
    const error = await webSocketLink('nope', Throwing)(recorder().handlers).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'CLIENT_UNREACHABLE',
      message: 'Cannot reach the Parlor server at nope (Invalid URL)',
    });
  });
});
