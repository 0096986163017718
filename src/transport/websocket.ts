import type http from 'node:http';
import { WebSocket, WebSocketServer } from 'ws';
import type { CloseCode } from '../protocol/index.ts';
import {
  type AcceptConnection,
  type Connection,
  type ConnectionHandler,
  normaliseAddress,
} from './connection.ts';
import type { OutgoingFrame } from './outgoing-frame.ts';

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
  readonly kind = 'ws';
  readonly lineBased = false;
  readonly remoteAddress: string;
  readonly #socket: WebSocket;

  constructor(socket: WebSocket, remoteAddress: string | undefined) {
    this.#socket = socket;
    this.remoteAddress = normaliseAddress(remoteAddress);
  }

  send(frame: OutgoingFrame | string): void {
    if (this.#socket.readyState !== WebSocket.OPEN) return;
    this.#socket.send(typeof frame === 'string' ? frame : frame.bytes(), SEND_TEXT);
  }

  bufferedBytes(): number {
    return this.#socket.bufferedAmount;
  }

  ping(): boolean {
    if (this.#socket.readyState === WebSocket.OPEN) this.#socket.ping();
    return true;
  }

  close(code: CloseCode, reason: string): void {
    this.#socket.close(code, reason.slice(0, 120));
    // The closing handshake needs the peer; do not wait for a silent one forever.
    setTimeout(() => this.#socket.terminate(), 5000).unref();
  }

  destroy(): void {
    this.#socket.terminate();
  }
}

/** Adds a WebSocket endpoint at `options.path` to an HTTP server. Returns the ws server. */
export const attachWebSocket = (httpServer: http.Server, options: WebSocketOptions): WebSocketServer => {
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: options.maxFrameBytes * WS_PAYLOAD_FACTOR,
    perMessageDeflate: false,
  });
  httpServer.on('upgrade', (request, socket, head) => {
    const path = (request.url ?? '').split('?')[0];
    if (path !== options.path) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      const connection = new WsConnection(ws, request.socket.remoteAddress);
      const handler: ConnectionHandler = options.accept(connection);
      ws.on('message', (data: Buffer) => {
        if (data.length > options.maxFrameBytes) {
          handler.oversize();
          return;
        }
        handler.frame(data.toString('utf8'));
      });
      ws.on('pong', () => handler.alive());
      ws.on('error', () => {
        // 'close' follows (e.g. a frame over maxPayload, closed by ws with 1009).
      });
      ws.on('close', () => handler.closed());
    });
  });
  return wss;
};
