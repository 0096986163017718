import type http from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import type { CloseCode } from '../protocol/index.ts';
import {
  type AcceptConnection,
  type Connection,
  type ConnectionHandler,
  normaliseAddress,
} from './connection.ts';
import { WriteCoalescer } from './write-coalescer.ts';

/** Options of the WebSocket endpoint. */
export interface WebSocketOptions {
  /** Path of the endpoint, e.g. `/ws`. */
  readonly path: string;
  readonly maxFrameBytes: number;
  readonly accept: AcceptConnection;
}

//
// Frames up to WS_PAYLOAD_FACTOR × maxFrameBytes are read whole so that an oversize frame can be
// answered with PROTO_FRAME_TOO_LARGE like an over-long TCP line; larger ones are refused by the
// ws library itself with close code 1009.
//
const WS_PAYLOAD_FACTOR = 4;
const SEND_TEXT = { binary: false } as const;

class WsConnection implements Connection {
  // Getters, not fields: the same for every connection, so kept once on the prototype.
  get kind(): 'ws' {
    return 'ws';
  }

  get lineBased(): false {
    return false;
  }

  readonly remoteAddress: string;
  readonly #socket: WebSocket;
  /** The TCP socket under the WebSocket, the one `ws` writes frames to: corked, not written to. */
  readonly #raw: Duplex;
  readonly #writes: WriteCoalescer;

  constructor(socket: WebSocket, raw: Duplex, writes: WriteCoalescer, remoteAddress: string) {
    this.#socket = socket;
    this.#raw = raw;
    this.#writes = writes;
    this.remoteAddress = remoteAddress;
  }

  send(frame: string, soon = false): void {
    if (this.#socket.readyState !== WebSocket.OPEN) return;
    this.#writes.hold(this.#raw, soon);
    this.#socket.send(frame, SEND_TEXT);
  }

  bufferedBytes(): number {
    return this.#socket.bufferedAmount;
  }

  ping(): boolean {
    if (this.#socket.readyState === WebSocket.OPEN) this.#socket.ping();
    return true;
  }

  close(code: CloseCode, reason: string): void {
    // The close frame queues behind what this turn wrote; ws ends the socket once the peer answers.
    this.#socket.close(code, reason.slice(0, 120));
    // The closing handshake needs the peer; do not wait for a silent one forever.
    setTimeout(() => this.#socket.terminate(), 5000).unref();
  }

  destroy(): void {
    this.#socket.terminate();
  }
}

/**
 * Wires a new WebSocket to the connection's handler. At module level, so that the listeners keep
 * only what they use: a closure inside the 'upgrade' listener would keep its `request` (the whole
 * IncomingMessage, headers and all) alive as long as the connection.
 */
const wire = (
  ws: WebSocket,
  raw: Duplex,
  remoteAddress: string,
  writes: WriteCoalescer,
  options: WebSocketOptions,
): void => {
  const wired = ws as WiredSocket;
  wired[HANDLER] = options.accept(new WsConnection(ws, raw, writes, remoteAddress));
  wired[MAX_FRAME_BYTES] = options.maxFrameBytes;
  wired.on('message', onMessage);
  wired.on('pong', onPong);
  ws.on('error', ignoreError);
  wired.on('close', onClose);
};

// The listeners are shared by every socket (`this` is the socket): a closure per listener and per
// connection would cost more than the rest of an idle connection's own state.
const HANDLER = Symbol('handler');
const MAX_FRAME_BYTES = Symbol('maxFrameBytes');
type WiredSocket = WebSocket & { [HANDLER]: ConnectionHandler; [MAX_FRAME_BYTES]: number };

function onMessage(this: WebSocket, data: Buffer): void {
  const self = this as WiredSocket;
  if (data.length > self[MAX_FRAME_BYTES]) self[HANDLER].onOversize();
  else self[HANDLER].onFrame(data.toString('utf8'));
}

function onPong(this: WebSocket): void {
  (this as WiredSocket)[HANDLER].onAlive();
}

function onClose(this: WebSocket): void {
  (this as WiredSocket)[HANDLER].onClose();
}

/** 'close' follows an 'error' (e.g. a frame over maxPayload, closed by ws with 1009). */
const ignoreError = (): void => {};

/** Adds a WebSocket endpoint at `options.path` to an HTTP server. Returns the ws server. */
export const attachWebSocket = (httpServer: http.Server, options: WebSocketOptions): WebSocketServer => {
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: options.maxFrameBytes * WS_PAYLOAD_FACTOR,
    perMessageDeflate: false,
    // The server tracks its connections itself; ws's own set would cost a closure per connection.
    clientTracking: false,
  });
  const writes = new WriteCoalescer();
  httpServer.on('upgrade', (request: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = (request.url ?? '').split('?')[0];
    if (path !== options.path) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    const remoteAddress = normaliseAddress(request.socket.remoteAddress);
    wss.handleUpgrade(request, socket, head, (ws) => wire(ws, socket, remoteAddress, writes, options));
  });
  return wss;
};
