import type { ServerData } from '../../../protocol/index.ts';
import type { ParlorClient } from '../../sdk/index.ts';
import { type StreamMessage, TankStream } from './tank-stream.ts';

type MatchInfo = ServerData<'match.started'>['match'];

/** Ended streams kept (their final frame stays on screen) before the oldest goes. */
const KEPT_ENDED = 2;

/**
 * The streams of the real-time matches a client plays or watches, one per match: opened by
 * `match.started` and `match.state` (a watch, or a page reloaded mid-match), fed by
 * `match.snapshot`, frozen by `match.ended`, dropped by `match.unwatched`.
 */
export class RealtimeMatches {
  readonly #streams = new Map<string, TankStream>();
  readonly #client: ParlorClient;
  readonly #now: () => number;

  constructor(client: ParlorClient, now: () => number) {
    this.#client = client;
    this.#now = now;
    client.on('match.started', ({ data }) => this.#open(data.match, data.view, true));
    client.on('match.state', ({ data }) => {
      const stream = this.#open(data.match, data.view, false);
      if (data.result !== null) stream?.end(data.view, now());
    });
    client.on('match.snapshot', ({ data }) => this.#streams.get(data.match)?.receive(data, now()));
    client.on('match.ended', ({ data }) => this.#streams.get(data.match)?.end(data.view, now()));
    client.on('match.unwatched', ({ data }) => this.#streams.delete(data.match));
  }

  /** The stream of match `id`, if it is a real-time match this client follows. */
  get(id: string): TankStream | undefined {
    return this.#streams.get(id);
  }

  #open(match: MatchInfo, view: unknown, fresh: boolean): TankStream | undefined {
    if (match.realtime === undefined || match.game !== 'tanks') return undefined;
    const ended = [...this.#streams].filter(([, stream]) => stream.ended);
    for (const [id] of ended.slice(0, Math.max(0, ended.length - KEPT_ENDED + 1))) this.#streams.delete(id);
    const stream = new TankStream(
      {
        match: match.id,
        seat: match.seat,
        tickRateHz: match.realtime.tickRateHz,
        snapshotRateHz: match.realtime.snapshotRateHz,
        fresh,
        send: (message) => this.#send(message),
      },
      view,
      this.#now(),
    );
    this.#streams.set(match.id, stream);
    return stream;
  }

  /** Real-time messages are not worth queueing while reconnecting: the next ones supersede them. */
  #send(message: StreamMessage): void {
    if (this.#client.state !== 'connected') return;
    this.#client.send(message.type, message.data);
  }
}
