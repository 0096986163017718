import { ClientErrorCode, ParlorError } from './errors.ts';
import type { Link, LinkFactory, LinkHandlers } from './link.ts';
import type { Timers } from './timers.ts';

/**
 * Test doubles for the client library (not exported from index.ts): a clock that moves only when
 * told, and a scripted server behind an in-memory link.
 */
export class FakeTimers implements Timers {
  #now = 1_000_000;
  #nextId = 1;
  readonly #timers = new Map<number, { at: number; callback: () => void }>();

  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.#nextId++;
    this.#timers.set(id, { at: this.#now + ms, callback });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.#timers.delete(handle as number);
  }

  now(): number {
    return this.#now;
  }

  /** Timers not yet run or cleared. */
  get pending(): number {
    return this.#timers.size;
  }

  /** Moves the clock forward, running due timers in order (including ones they start). */
  advance(ms: number): void {
    const target = this.#now + ms;
    for (;;) {
      let next: [number, { at: number; callback: () => void }] | undefined;
      for (const entry of this.#timers)
        if (entry[1].at <= target && (next === undefined || entry[1].at < next[1].at)) next = entry;
      if (next === undefined) break;
      this.#timers.delete(next[0]);
      this.#now = next[1].at;
      next[1].callback();
    }
    this.#now = target;
  }
}

/** A message the fake server received, parsed. */
export interface Received {
  readonly type: string;
  readonly id?: number | string;
  readonly data: Record<string, unknown>;
}

/** The limits a fake welcome announces (tests override the ping figures). */
export const WELCOME_LIMITS = {
  maxFrameBytes: 4096,
  maxChatChars: 500,
  pingIntervalMs: 1000,
  pingMissLimit: 2,
  chatBurst: 5,
  chatPerSecond: 1,
  messageBurst: 20,
  messagePerSecond: 10,
  floodMaxRefusals: 5,
  maxTopicChars: 200,
  maxRoomsPerSession: 20,
  resumeGraceMs: 60_000,
  replayLimit: 500,
};

/**
 * The server end of an in-memory link. By default it answers `hello` with `welcome` and
 * `nick.set` with `nick.accepted`; `answer` replaces that script. Frames are delivered after a
 * microtask, as a real socket would deliver them later.
 */
export class FakeServer {
  readonly received: Received[] = [];
  closedByClient = false;
  /** Links opened so far. */
  connections = 0;
  /** While true, opening a link fails as if nothing listened. */
  refusing = false;
  answer: (message: Received, server: FakeServer) => void = FakeServer.welcoming();
  #handlers: LinkHandlers | undefined;

  /** The default script, with the ping limits a test wants. */
  static welcoming(
    limits: Partial<typeof WELCOME_LIMITS> = {},
  ): (message: Received, server: FakeServer) => void {
    return (message, server) => {
      if (message.type === 'hello') {
        server.send({
          type: 'welcome',
          re: message.id,
          data: {
            protocol: 1,
            server: 'Fake 1.0',
            limits: { ...WELCOME_LIMITS, ...limits },
            resumeToken: 'fake-token',
          },
        });
      } else if (message.type === 'nick.set') {
        server.send({
          type: 'nick.accepted',
          re: message.id,
          data: { nick: message.data.nick, previous: null },
        });
      }
    };
  }

  /** The link factory to give to `ParlorClient.connect`. */
  readonly open: LinkFactory = async (handlers) => {
    if (this.refusing) {
      throw new ParlorError(
        ClientErrorCode.CLIENT_UNREACHABLE,
        'Cannot reach the Parlor server at fake (connection refused)',
      );
    }
    this.connections += 1;
    this.#handlers = handlers;
    const link: Link = {
      send: (text) => {
        const message = JSON.parse(text) as Received;
        this.received.push(message);
        this.answer(message, this);
      },
      close: () => {
        this.closedByClient = true;
      },
    };
    return link;
  };

  /** Sends a message (any object: tests send invalid ones too). */
  send(message: unknown): void {
    this.raw(JSON.stringify(message));
  }

  /** Sends a raw frame. */
  raw(text: string): void {
    queueMicrotask(() => this.#handlers?.frame(text));
  }

  /** Ends the link from the server side. */
  drop(reason: string): void {
    queueMicrotask(() => this.#handlers?.closed(reason));
  }

  /** Messages received of `type`. */
  ofType(type: string): Received[] {
    return this.received.filter((m) => m.type === type);
  }
}

/** Lets every queued microtask (frame deliveries, promise reactions) run: one macrotask turn, not a sleep. */
export const flush = (): Promise<void> => new Promise((resolve) => globalThis.setTimeout(resolve, 0));

/** The ParlorError a promise rejects with (fails the test if it resolves or rejects otherwise). */
export const rejection = async (promise: Promise<unknown>): Promise<ParlorError> => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ParlorError)) throw new Error(`expected a ParlorError, got ${String(error)}`);
  return error;
};
