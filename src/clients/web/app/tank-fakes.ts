import { type Json, snapshotDelta, Tanks } from '../../../games/index.ts';
import type { SnapshotMessage, StreamMessage } from './tank-stream.ts';

//
// Test doubles for the real-time client (not used by the app): a discrete-event clock, and a
// tank server that plays a real match, applies the latest input of each seat, and streams
// snapshots as the protocol says (deltas against the tick the client acknowledged).
//

/** Time that moves only when told, running what is due in order. */
export class SimClock {
  now = 0;
  readonly #events: { at: number; n: number; run: () => void }[] = [];
  #n = 0;

  at(time: number, run: () => void): void {
    this.#events.push({ at: time, n: this.#n++, run });
    this.#events.sort((a, b) => a.at - b.at || a.n - b.n);
  }

  /** Runs everything due up to `time`, in order. */
  runUntil(time: number): void {
    for (;;) {
      const next = this.#events[0];
      if (next === undefined || next.at > time) break;
      this.#events.shift();
      this.now = next.at;
      next.run();
    }
    this.now = time;
  }
}

export const TICK_MS = 1000 / 60;

export interface FakeTankServerOptions {
  readonly seats?: number;
  readonly map?: string;
  readonly seed?: number;
  /** Ticks between snapshots (3: 20 a second). */
  readonly every?: number;
  /** Inputs of the seats the client does not play, by tick. */
  readonly others?: (tick: number) => ReadonlyMap<number, Tanks.TankInput>;
}

export class FakeTankServer {
  state: Tanks.TanksState;
  /** Every state so far, by tick. */
  readonly states: Tanks.TanksState[] = [];
  /** The latest input of the client's seat (0) and its seq. */
  input: Tanks.TankInput | undefined;
  lastSeq = 0;
  /** The latest snapshot tick the client acknowledged. */
  clientTick: number | undefined;
  readonly received: StreamMessage[] = [];
  readonly #kept = new Map<number, Tanks.TanksSnapshot>();
  readonly #options: FakeTankServerOptions;

  constructor(options: FakeTankServerOptions = {}) {
    this.#options = options;
    const created = Tanks.tanks.create(
      { seats: options.seats ?? 2, map: options.map ?? 'arena', durationSeconds: 600, scoreLimit: 0 },
      options.seed ?? 1,
    );
    if (!created.ok) throw new Error('cannot create a match');
    this.state = created.value;
    this.states.push(this.state);
  }

  get snapshot(): Tanks.TanksSnapshot {
    return Tanks.snapshotOf(this.state);
  }

  /** A message from the client arrives. */
  receive(message: StreamMessage): void {
    this.received.push(message);
    if (message.type === 'match.ack') this.#acknowledged(message.data.tick);
    else {
      if (message.data.ack !== undefined) this.#acknowledged(message.data.ack);
      if (message.data.seq <= this.lastSeq) return;
      const parsed = Tanks.parseInput(message.data.input);
      if (!parsed.ok) throw new Error('bad input');
      this.lastSeq = message.data.seq;
      this.input = parsed.value;
    }
  }

  /** One tick; every `every` ticks, the snapshot message for the client. */
  tick(): SnapshotMessage | undefined {
    const inputs = new Map(this.#options.others?.(this.state.tick) ?? []);
    if (this.input !== undefined) inputs.set(0, this.input);
    this.state = Tanks.advance(this.state, inputs);
    this.states.push(this.state);
    if (this.state.tick % (this.#options.every ?? 3) !== 0) return undefined;
    const snapshot = this.snapshot;
    this.#kept.set(snapshot.t, snapshot);
    this.#kept.delete(snapshot.t - 32 * (this.#options.every ?? 3));
    const base = this.clientTick === undefined ? undefined : this.#kept.get(this.clientTick);
    return {
      tick: snapshot.t,
      base: base === undefined ? null : base.t,
      ack: this.lastSeq === 0 ? null : this.lastSeq,
      data: base === undefined ? snapshot : snapshotDelta(base as Json, snapshot as Json),
    };
  }

  #acknowledged(tick: number): void {
    this.clientTick = Math.max(this.clientTick ?? 0, tick);
  }
}
