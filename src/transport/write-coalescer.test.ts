import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { type Corkable, WriteCoalescer } from './write-coalescer.ts';

/** A socket that records its corks and uncorks. */
const fakeSocket = (log: string[], name: string): Corkable => ({
  cork: () => log.push(`cork ${name}`),
  uncork: () => log.push(`uncork ${name}`),
});

/** A coalescer whose flushes run when the test says. */
const manual = (): { writes: WriteCoalescer; flushes: Array<() => void> } => {
  const flushes: Array<() => void> = [];
  return { writes: new WriteCoalescer((flush) => flushes.push(flush)), flushes };
};

describe('WriteCoalescer (bookkeeping)', () => {
  it('corks each socket once per turn, schedules one flush, and uncorks each once', () => {
    const log: string[] = [];
    const { writes, flushes } = manual();
    const a = fakeSocket(log, 'a');
    const b = fakeSocket(log, 'b');
    writes.hold(a);
    writes.hold(a);
    writes.hold(b);
    writes.hold(a);
    expect(flushes).toHaveLength(1);
    expect(log).toEqual(['cork a', 'cork b']);
    flushes[0]?.();
    expect(log).toEqual(['cork a', 'cork b', 'uncork a', 'uncork b']);

    writes.hold(b);
    expect(flushes).toHaveLength(2);
    flushes[1]?.();
    expect(log.slice(4)).toEqual(['cork b', 'uncork b']);
  });

  it('a write held soon flushes everything held at the end of the current callback, once', () => {
    const log: string[] = [];
    const turnEnds: Array<() => void> = [];
    const callbackEnds: Array<() => void> = [];
    const writes = new WriteCoalescer(
      (flush) => turnEnds.push(flush),
      (flush) => callbackEnds.push(flush),
    );
    const [a, b, c] = ['a', 'b', 'c'].map((name) => fakeSocket(log, name)) as [Corkable, Corkable, Corkable];
    writes.hold(a);
    expect(callbackEnds).toHaveLength(0); // an ordinary write waits for the turn
    writes.hold(b, true);
    writes.hold(c, true);
    writes.hold(a, true);
    expect(callbackEnds).toHaveLength(1);
    expect(log).toEqual(['cork a', 'cork b', 'cork c']);
    callbackEnds[0]?.();
    expect(log.slice(3)).toEqual(['uncork a', 'uncork b', 'uncork c']);
    // The turn's own flush then finds nothing; a later soon write schedules a new early flush.
    turnEnds[0]?.();
    expect(log).toHaveLength(6);
    writes.hold(b, true);
    expect(callbackEnds).toHaveLength(2);
    expect(turnEnds).toHaveLength(2);
  });

  it('release uncorks a held socket at once and not again at the flush; others wait', () => {
    const log: string[] = [];
    const { writes, flushes } = manual();
    const a = fakeSocket(log, 'a');
    const b = fakeSocket(log, 'b');
    writes.release(a);
    expect(log).toEqual([]);
    writes.hold(a);
    writes.hold(b);
    writes.release(a);
    expect(log).toEqual(['cork a', 'cork b', 'uncork a']);
    for (const flush of flushes) flush();
    expect(log).toEqual(['cork a', 'cork b', 'uncork a', 'uncork b']);
  });
});

describe('WriteCoalescer (sockets)', () => {
  const cleanup: Array<() => void> = [];
  afterEach(() => {
    for (const done of cleanup.splice(0)) done();
  });

  /** A connected pair over loopback: `server` is the accepted side, `client` the peer that reads. */
  const pair = async (): Promise<{ server: net.Socket; client: net.Socket }> => {
    const listener = net.createServer();
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
    const accepted = new Promise<net.Socket>((resolve) => listener.once('connection', resolve));
    const address = listener.address() as net.AddressInfo;
    const client = net.connect(address.port, '127.0.0.1');
    const server = await accepted;
    server.setNoDelay(true);
    cleanup.push(() => {
      client.destroy();
      server.destroy();
      listener.close();
    });
    return { server, client };
  };

  const chunksOf = (client: net.Socket): { chunks: string[]; ended: Promise<void> } => {
    const chunks: string[] = [];
    client.setEncoding('utf8');
    client.on('data', (chunk: string) => chunks.push(chunk));
    return { chunks, ended: new Promise((resolve) => client.once('end', resolve)) };
  };

  it('sends what one turn wrote as one chunk, in order, and counts it as buffered until then', async () => {
    const { server, client } = await pair();
    const { chunks } = chunksOf(client);
    const writes = new WriteCoalescer();
    for (const line of ['one\n', 'two\n', 'three\n']) {
      writes.hold(server);
      server.write(line);
    }
    expect(server.writableCorked).toBe(1);
    // Corked bytes are not handed to the kernel yet: a send-buffer limit must see them.
    expect(server.writableLength).toBe('one\ntwo\nthree\n'.length);
    await new Promise((resolve) => setImmediate(resolve));
    expect(server.writableCorked).toBe(0);
    await new Promise<void>((resolve) => client.once('data', () => resolve()));
    expect(chunks).toEqual(['one\ntwo\nthree\n']);
  });

  it('keeps nested corks (as ws does around a frame) inside its own', async () => {
    const { server, client } = await pair();
    const { chunks } = chunksOf(client);
    const writes = new WriteCoalescer();
    writes.hold(server);
    server.cork();
    server.write('head ');
    server.write('payload\n');
    server.uncork();
    writes.hold(server);
    server.write('next\n');
    expect(server.writableLength).toBe('head payload\nnext\n'.length);
    await new Promise<void>((resolve) => client.once('data', () => resolve()));
    expect(chunks).toEqual(['head payload\nnext\n']);
  });

  it('delivers what was written before end(), with release or without', async () => {
    for (const release of [true, false]) {
      const { server, client } = await pair();
      const { chunks, ended } = chunksOf(client);
      const writes = new WriteCoalescer();
      writes.hold(server);
      server.write('last words\n');
      if (release) writes.release(server);
      server.end();
      await ended;
      expect(chunks.join('')).toBe('last words\n');
    }
  });

  it('drops what was corked when the socket is destroyed, and the flush does not mind', async () => {
    const { server, client } = await pair();
    const { chunks } = chunksOf(client);
    const closed = new Promise((resolve) => client.once('close', resolve));
    const writes = new WriteCoalescer();
    writes.hold(server);
    server.write('never sent\n');
    server.destroy();
    await new Promise((resolve) => setImmediate(resolve));
    await closed;
    expect(chunks).toEqual([]);
  });
});
