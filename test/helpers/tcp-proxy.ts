import net from 'node:net';

/** A TCP proxy in front of a server, whose open connections can be frozen like a dead network path. */
export interface TcpProxy {
  readonly port: number;
  /** Connections accepted so far. */
  readonly accepted: () => number;
  /** From now on, the connections open now carry nothing either way (new ones work). */
  freeze(): void;
  close(): Promise<void>;
}

export const startTcpProxy = async (targetPort: number, host = '127.0.0.1'): Promise<TcpProxy> => {
  const sockets = new Set<net.Socket>();
  const frozen = new WeakSet<net.Socket>();
  const pipe = (from: net.Socket, to: net.Socket): void => {
    from.on('data', (chunk) => {
      if (!frozen.has(from)) to.write(chunk);
    });
    from.on('close', () => {
      if (!frozen.has(from)) to.destroy();
    });
    from.on('error', () => {});
  };
  let accepted = 0;
  const server = net.createServer((client) => {
    accepted += 1;
    const upstream = net.connect({ host, port: targetPort });
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    }
    pipe(client, upstream);
    pipe(upstream, client);
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    port,
    accepted: () => accepted,
    freeze: () => {
      for (const socket of sockets) frozen.add(socket);
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
};
