import net from 'node:net';
import tls from 'node:tls';
import type { CloseCode } from '../protocol/index.ts';
import {
  type AcceptConnection,
  type Connection,
  type ConnectionHandler,
  normaliseAddress,
} from './connection.ts';
import { LineSplitter } from './line-splitter.ts';
import type { TlsCredentials } from './tls.ts';
import { WriteCoalescer } from './write-coalescer.ts';

/** Options of the TCP listener. */
export interface TcpListenerOptions {
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  readonly maxFrameBytes: number;
  readonly accept: AcceptConnection;
  /** Serve TLS instead of plain TCP. */
  readonly tls?: TlsCredentials;
}

class TcpConnection implements Connection {
  readonly kind = 'tcp';
  readonly lineBased = true;
  readonly remoteAddress: string;
  readonly #socket: net.Socket;
  readonly #writes: WriteCoalescer;

  constructor(socket: net.Socket, writes: WriteCoalescer) {
    this.#socket = socket;
    this.#writes = writes;
    this.remoteAddress = normaliseAddress(socket.remoteAddress);
  }

  send(frame: string, soon = false): void {
    if (!this.#socket.writable) return;
    this.#writes.hold(this.#socket, soon);
    this.#socket.write(`${frame}\n`);
  }

  bufferedBytes(): number {
    return this.#socket.writableLength;
  }

  ping(): boolean {
    return false;
  }

  close(_code: CloseCode, _reason: string): void {
    // The reason was sent as an `error` or `bye` line; TCP has no close code of its own. What this
    // turn wrote goes out before the FIN.
    this.#writes.release(this.#socket);
    this.#socket.end();
    // A peer that never reads would keep the socket half-open forever.
    this.#socket.setTimeout(5000, () => this.#socket.destroy());
  }

  destroy(): void {
    this.#socket.destroy();
  }
}

/** Listens for TCP connections and frames them as lines of at most `maxFrameBytes`. */
export const listenTcp = async (options: TcpListenerOptions): Promise<net.Server> => {
  const writes = new WriteCoalescer();
  const onSocket = (socket: net.Socket): void => {
    socket.setNoDelay(true);
    const connection = new TcpConnection(socket, writes);
    const handler: ConnectionHandler = options.accept(connection);
    const splitter = new LineSplitter(options.maxFrameBytes);
    let open = true;
    socket.on('data', (chunk: Buffer) => {
      if (!open) return;
      if (!splitter.push(chunk, (line) => open && handler.onFrame(line))) {
        open = false;
        handler.onOversize();
      }
    });
    socket.on('error', () => {
      // 'close' follows; an ECONNRESET is an ordinary way for a peer to leave.
    });
    socket.on('close', () => {
      open = false;
      handler.onClose();
    });
  };
  // With TLS, a client that does not speak it fails its handshake and is closed by node:tls
  // ('tlsClientError'); it never reaches `accept`.
  const server = options.tls
    ? tls.createServer({ cert: options.tls.cert, key: options.tls.key }, onSocket)
    : net.createServer(onSocket);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: options.host, port: options.port }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return server;
};
