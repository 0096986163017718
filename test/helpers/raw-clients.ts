import { EventEmitter } from 'node:events';
import net from 'node:net';
import tls from 'node:tls';
import WebSocket from 'ws';
import { parseServerFrame, type ServerMessage } from '../../src/protocol/index.ts';
import { until } from './wait.ts';

/**
 * A raw peer for black-box tests: it sends exactly the bytes a test gives and keeps every line or
 * frame received, so a test can wait for one (buffered: nothing that arrived early is missed).
 */
export class RawPeer {
  readonly received: string[] = [];
  closed = false;
  readonly #events = new EventEmitter();
  readonly #write: (text: string) => void;
  readonly #end: () => void;
  readonly #lineEnding: string;
  #cursor = 0;

  constructor(write: (text: string) => void, end: () => void, lineEnding: string) {
    this.#write = write;
    this.#end = end;
    this.#lineEnding = lineEnding;
  }

  /** Records an incoming line or frame (called by the transport glue). */
  push(text: string): void {
    this.received.push(text);
    this.#events.emit('change');
  }

  /** Marks the peer closed (called by the transport glue). */
  markClosed(): void {
    this.closed = true;
    this.#events.emit('change');
  }

  /** Sends raw text as it is (TCP: no newline added; WebSocket: one frame). */
  write(text: string): void {
    this.#write(text);
  }

  /** Sends one line (TCP: newline added) or one frame (WebSocket). */
  line(text: string): void {
    this.#write(
      this.#lineEnding === '' || text.endsWith(this.#lineEnding) ? text : `${text}${this.#lineEnding}`,
    );
  }

  /** Sends a JSON message. */
  json(message: unknown): void {
    this.line(JSON.stringify(message));
  }

  end(): void {
    this.#end();
  }

  #subscribe = (notify: () => void): (() => void) => {
    this.#events.on('change', notify);
    return () => this.#events.off('change', notify);
  };

  /** Waits for the next received text (after the last one consumed) that satisfies `match`. */
  async next(match: (text: string) => boolean, what = 'a matching line', timeoutMs = 3000): Promise<string> {
    return until(
      this.#subscribe,
      () => {
        for (let i = this.#cursor; i < this.received.length; i++) {
          const text = this.received[i] as string;
          if (match(text)) {
            this.#cursor = i + 1;
            return text;
          }
        }
        return undefined;
      },
      what,
      timeoutMs,
    );
  }

  /** Waits for a text line containing `fragment`. */
  nextLine(fragment: string, timeoutMs?: number): Promise<string> {
    return this.next((t) => t.includes(fragment), `a line containing ${JSON.stringify(fragment)}`, timeoutMs);
  }

  /** Waits for a JSON message of `type` (and matching `where`), validated against the server schema. */
  async nextMessage<T extends ServerMessage['type']>(
    type: T,
    where: (message: Extract<ServerMessage, { type: T }>) => boolean = () => true,
    timeoutMs?: number,
  ): Promise<Extract<ServerMessage, { type: T }>> {
    const text = await this.next(
      (t) => {
        if (!t.startsWith('{')) return false;
        const parsed = parseServerFrame(t);
        if (!parsed.ok)
          throw new Error(
            `Server sent a frame that breaks the protocol schema: ${t}: ${parsed.error.message}`,
          );
        return parsed.value.type === type && where(parsed.value as Extract<ServerMessage, { type: T }>);
      },
      `a "${type}" message`,
      timeoutMs,
    );
    return JSON.parse(text);
  }

  /** Waits until the server closed the connection. */
  waitClosed(timeoutMs = 3000): Promise<true> {
    return until(
      this.#subscribe,
      () => (this.closed ? true : undefined),
      'the connection to close',
      timeoutMs,
    );
  }
}

/** A raw peer over a connected or connecting stream socket, its data split into lines. */
const linePeer = <S extends net.Socket>(socket: S): RawPeer & { socket: S } => {
  const peer = Object.assign(
    new RawPeer(
      (text) => socket.write(text),
      () => socket.end(),
      '\n',
    ),
    { socket },
  );
  let pending = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    pending += chunk;
    for (let index = pending.indexOf('\n'); index !== -1; index = pending.indexOf('\n')) {
      peer.push(pending.slice(0, index).replace(/\r$/, ''));
      pending = pending.slice(index + 1);
    }
  });
  socket.on('close', () => peer.markClosed());
  socket.on('error', () => {});
  return peer;
};

/** Opens a raw TCP connection; received data is split into lines. */
export const connectTcpPeer = (port: number, host = '127.0.0.1'): Promise<RawPeer & { socket: net.Socket }> =>
  new Promise((resolve, reject) => {
    const socket = net.connect({ port, host });
    const peer = linePeer(socket);
    socket.once('connect', () => resolve(peer));
    socket.once('error', reject);
  });

/** Opens a raw TLS connection (servername `localhost`); rejects when the handshake fails. */
export const connectTlsPeer = (
  port: number,
  options: tls.ConnectionOptions,
): Promise<RawPeer & { socket: tls.TLSSocket }> =>
  new Promise((resolve, reject) => {
    const socket = tls.connect({ host: '127.0.0.1', port, servername: 'localhost', ...options });
    const peer = linePeer(socket);
    socket.once('secureConnect', () => resolve(peer));
    socket.once('error', reject);
  });

/** Opens a raw WebSocket connection; each text message is one received entry. */
export const connectWsPeer = (
  url: string,
): Promise<RawPeer & { socket: WebSocket; closeCode: () => number | undefined }> =>
  new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    let code: number | undefined;
    const peer = Object.assign(
      new RawPeer(
        (text) => socket.send(text),
        () => socket.close(),
        '',
      ),
      { socket, closeCode: () => code },
    );
    socket.on('message', (data: Buffer) => peer.push(data.toString('utf8')));
    socket.on('close', (c) => {
      code = c;
      peer.markClosed();
    });
    socket.on('error', () => {});
    socket.once('open', () => resolve(peer));
    socket.once('error', reject);
  });

/** A JSON peer that has said hello and taken `nick` (it is then in the lobby). */
export const joinAs = async <P extends RawPeer>(peer: P, nick: string): Promise<P> => {
  peer.json({ type: 'hello', id: 'h', data: { protocol: 1 } });
  await peer.nextMessage('welcome');
  peer.json({ type: 'nick.set', id: 'n', data: { nick } });
  await peer.nextMessage('nick.accepted');
  await peer.nextMessage('room.joined');
  return peer;
};
