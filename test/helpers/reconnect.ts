import { EventEmitter } from 'node:events';
import {
  ClientErrorCode,
  type ConnectionEvent,
  type LinkFactory,
  type ParlorClient,
  ParlorError,
} from '../../src/clients/sdk/index.ts';
import type { TestServer } from './server.ts';
import { until } from './wait.ts';

/**
 * Destroys the server side of the connections of `nick` (of every connection when undefined), as a
 * network failure would: no goodbye, no error message. Returns how many were destroyed.
 */
export const dropConnections = (server: TestServer, nick?: string): number => {
  let dropped = 0;
  for (const peer of [...server.running.server.sessions.peers()]) {
    if (nick !== undefined && peer.session.nick !== nick) continue;
    peer.connection.destroy();
    dropped += 1;
  }
  return dropped;
};

/** A link factory whose network can be cut: while `down`, opening fails as if nothing listened. */
export interface GatedLink {
  readonly open: LinkFactory;
  /** Links opened so far. */
  readonly opened: () => number;
  down: boolean;
}

export const gatedLink = (factory: LinkFactory): GatedLink => {
  let opened = 0;
  const gate: GatedLink = {
    down: false,
    opened: () => opened,
    open: async (handlers) => {
      if (gate.down) {
        throw new ParlorError(ClientErrorCode.CLIENT_UNREACHABLE, 'Cannot reach the server (network down)');
      }
      const link = await factory(handlers);
      opened += 1;
      return link;
    },
  };
  return gate;
};

/** Every connection event of a client, kept in order, with a way to wait for the next of a kind. */
export interface StateLog {
  readonly events: ConnectionEvent[];
  /** The first event after the last one waited for that satisfies `match` (a state name or a test). */
  next(
    match: ConnectionEvent['state'] | ((event: ConnectionEvent) => boolean),
    timeoutMs?: number,
  ): Promise<ConnectionEvent>;
}

export const watchStates = (client: ParlorClient): StateLog => {
  const events: ConnectionEvent[] = [];
  const changes = new EventEmitter();
  client.onState((event) => {
    events.push(event);
    changes.emit('change');
  });
  let cursor = 0;
  return {
    events,
    next: (match, timeoutMs = 5000) => {
      const test = typeof match === 'string' ? (e: ConnectionEvent) => e.state === match : match;
      return until(
        (notify) => {
          changes.on('change', notify);
          return () => changes.off('change', notify);
        },
        () => {
          const index = events.findIndex((event, i) => i >= cursor && test(event));
          if (index === -1) return undefined;
          cursor = index + 1;
          return events[index];
        },
        `a connection event ${typeof match === 'string' ? match : 'matching'} (so far: ${JSON.stringify(events.map((e) => e.state))})`,
        timeoutMs,
      );
    },
  };
};
