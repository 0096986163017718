import { Tanks } from '../../../games/index.ts';
import type { ClientData } from '../../../protocol/index.ts';
import { OwnTank } from './own-tank.ts';
import { SnapshotHistory } from './snapshot-history.ts';
import {
  bulletsAt,
  type DrawnBullet,
  type DrawnTank,
  drawnTank,
  EXPLOSION_TICKS,
  type Explosion,
  explosionsAt,
  tanksAt,
} from './tank-interpolation.ts';

type Snapshot = Tanks.TanksSnapshot;
type TankInput = Tanks.TankInput;

//
// One real-time tank match as the browser follows it, 20 to 60 times a second, outside the
// immutable store: snapshots decoded and kept (SnapshotHistory), inputs sent and acknowledged,
// the own tank predicted (OwnTank), the others drawn `interpolationDelayMs` in the past, between
// the two snapshots around that moment. Time is passed in (ms), so it runs in tests without a clock.
//

/** What the stream sends to the server. */
export type StreamMessage =
  | { readonly type: 'match.input'; readonly data: ClientData<'match.input'> }
  | { readonly type: 'match.ack'; readonly data: ClientData<'match.ack'> };

/** A `match.snapshot` message's data. */
export interface SnapshotMessage {
  readonly tick: number;
  readonly base: number | null;
  readonly ack: number | null;
  readonly data: unknown;
}

export interface TankStreamOptions {
  readonly match: string;
  /** The player's seat; null for a spectator. */
  readonly seat: number | null;
  readonly tickRateHz: number;
  readonly snapshotRateHz: number;
  readonly send: (message: StreamMessage) => void;
  /** How far in the past other tanks are drawn; default two snapshot intervals. */
  readonly interpolationDelayMs?: number;
  /**
   * Whether the server has no input of this player yet (a match just started), so that inputs are
   * numbered from 1. Otherwise (a resumed page, a watcher) the first snapshot's `ack` tells.
   */
  readonly fresh: boolean;
}

/** What to draw at one moment. */
export interface TankFrame {
  /**
   * The time (ms) this frame shows: the animation frame's, or a later one already seen (a message
   * handled after the frame began, on a busy page), which the own tank has already moved to.
   */
  readonly at: number;
  readonly arena: Tanks.Arena;
  /** The latest snapshot: scores, time left, the end. */
  readonly snapshot: Snapshot;
  /** The (fractional) tick drawn for everything but the own tank. */
  readonly tick: number;
  /** By seat; the own tank predicted. */
  readonly tanks: readonly DrawnTank[];
  readonly bullets: readonly DrawnBullet[];
  readonly explosions: readonly Explosion[];
  /** The own tank, or null for a spectator. */
  readonly me: DrawnTank | null;
}

/** Counters, for the debug handle and tests. */
export interface StreamStats {
  snapshots: number;
  deltas: number;
  /** Snapshots that could not be decoded (base gone) or came out of order. */
  dropped: number;
  inputs: number;
  acks: number;
  /** Reconciliations that moved the own tank by more than a pixel, and the largest move (px). */
  corrections: number;
  maxCorrectionPx: number;
}

/** The least time between two inputs (the server's flood control allows 20 messages a second). */
const INPUT_GAP_MS = 60;
/** An input is repeated this often while a key is held or until the server has it (inputs may be lost). */
const REPEAT_MS = 100;
/** `match.ack` at most this often, and only when no input carried the acknowledgement. */
const ACK_MS = 100;
/** A clock sample farther than this from the estimate (a stall, a resume) resets it. */
const CLOCK_RESET_TICKS = 30;

const IDLE: TankInput = { throttle: 0, turn: 0, aim: 0, fire: false };

const sameInput = (a: TankInput, b: TankInput | undefined): boolean =>
  b !== undefined && a.throttle === b.throttle && a.turn === b.turn && a.aim === b.aim && a.fire === b.fire;

export class TankStream {
  readonly stats: StreamStats = {
    snapshots: 0,
    deltas: 0,
    dropped: 0,
    inputs: 0,
    acks: 0,
    corrections: 0,
    maxCorrectionPx: 0,
  };
  readonly #options: TankStreamOptions;
  readonly #ticksPerMs: number;
  readonly #delayTicks: number;
  readonly #history = new SnapshotHistory();
  #arena: Tanks.Arena | undefined;
  #own: OwnTank | undefined;
  /** Server tick seen in snapshots minus local tick (ticks since the page's time origin). */
  #clock: number | undefined;
  #ended = false;
  /** Events of the recent snapshots, once each. */
  #events: Tanks.EventRow[] = [];
  #eventsUpTo = -1;

  // Inputs and acknowledgements.
  #seq = 0;
  #seqKnown: boolean;
  #acked = 0;
  /** The seq that first carried the input the server should now hold. */
  #changeSeq = 0;
  /** The local tick from which each input not yet acknowledged applies. */
  readonly #sentTicks = new Map<number, number>();
  #held: TankInput | undefined;
  #firePending = false;
  #sent: TankInput | undefined;
  /** The seq of `#sent`; 0 before the first. */
  #sentSeq = 0;
  #inputAt = Number.NEGATIVE_INFINITY;
  #messageAt = Number.NEGATIVE_INFINITY;
  /** The latest snapshot tick the server was told of. */
  #told = -1;
  #lastSnapshotTick: number | undefined;
  #latestNow = Number.NEGATIVE_INFINITY;

  constructor(options: TankStreamOptions, view: unknown, now: number) {
    this.#options = options;
    this.#ticksPerMs = options.tickRateHz / 1000;
    this.#delayTicks = (options.interpolationDelayMs ?? 2000 / options.snapshotRateHz) * this.#ticksPerMs;
    this.#seqKnown = options.fresh;
    const parsed = Tanks.parseSnapshot(view);
    if (parsed.ok) this.#take(parsed.value, this.#clockAt(now));
  }

  get seat(): number | null {
    return this.#options.seat;
  }

  get ended(): boolean {
    return this.#ended;
  }

  /** The latest snapshot received. */
  get latest(): Snapshot | undefined {
    return this.#history.latest;
  }

  /** A `match.snapshot` arrived at `now`. */
  receive(message: SnapshotMessage, at: number): void {
    if (this.#ended) return;
    const now = this.#clockAt(at);
    const snapshot = this.#history.receive(message.tick, message.base, message.data);
    if (snapshot === undefined) {
      this.stats.dropped++;
      return;
    }
    if (message.base !== null) this.stats.deltas++;
    if (this.#options.seat !== null) this.#acknowledged(message.ack ?? 0, snapshot.t);
    this.#take(snapshot, now);
    this.#pump(now);
  }

  /** The match is over: `view` is the final snapshot. Nothing is sent any more. */
  end(view: unknown, now: number): void {
    const parsed = Tanks.parseSnapshot(view);
    if (parsed.ok) {
      this.#history.add(parsed.value);
      this.#take(parsed.value, now);
    }
    this.#ended = true;
  }

  /** The player holds these now (keys, mouse); fire: true fires once even if released at once. */
  setInput(change: Partial<TankInput>, at: number): void {
    if (this.#options.seat === null || this.#ended) return;
    const now = this.#clockAt(at);
    const turret = this.#own?.row[3] ?? 0;
    this.#held = { ...(this.#held ?? { ...IDLE, aim: turret }), ...change };
    if (change.fire === true) this.#firePending = true;
    this.#pump(now);
  }

  /** What to draw at `now`; undefined before the first snapshot. */
  frame(at: number): TankFrame | undefined {
    const now = this.#clockAt(at);
    const latest = this.#history.latest;
    const arena = this.#arena;
    if (latest === undefined || arena === undefined) return undefined;
    if (this.#ended) return this.#still(latest, arena, now);
    const nowTicks = now * this.#ticksPerMs;
    this.#own?.advance(Math.floor(nowTicks), this.#sent, this.#sentSeq);
    this.#pump(now);
    const tick = nowTicks + (this.#clock ?? 0) - this.#delayTicks;
    const [a, b] = this.#history.around(tick);
    if (a === undefined) return undefined;
    const tanks = tanksAt(a, b, tick);
    const seat = this.#options.seat;
    const me = this.#own === undefined || seat === null ? null : this.#own.drawn(now, nowTicks % 1);
    if (me !== null && seat !== null) tanks[seat] = me;
    return {
      at: now,
      arena,
      snapshot: latest,
      tick,
      tanks,
      bullets: bulletsAt(a, b, b === undefined ? a.t : tick),
      explosions: explosionsAt(this.#events, tick),
      me,
    };
  }

  /**
   * `at`, or the latest time seen if that is later: callers' clocks may step back a little (an
   * animation frame's time is when the frame began, before the messages handled since), and the
   * own tank never replays a tick backwards.
   */
  #clockAt(at: number): number {
    this.#latestNow = Math.max(this.#latestNow, at);
    return this.#latestNow;
  }

  /** The final (or only) snapshot as it is. */
  #still(snapshot: Snapshot, arena: Tanks.Arena, at: number): TankFrame {
    const tanks = snapshot.tanks.map((row, seat) => drawnTank(seat, row));
    const seat = this.#options.seat;
    return {
      at,
      arena,
      snapshot,
      tick: snapshot.t,
      tanks,
      bullets: bulletsAt(snapshot, undefined, snapshot.t),
      explosions: explosionsAt(this.#events, snapshot.t),
      me: seat === null ? null : (tanks[seat] ?? null),
    };
  }

  /** Takes a new latest snapshot: clock, events, the own tank. */
  #take(snapshot: Snapshot, now: number): void {
    this.stats.snapshots++;
    this.#arena ??= Tanks.MAPS.get(snapshot.map);
    const nowTicks = now * this.#ticksPerMs;
    const sample = snapshot.t - nowTicks;
    if (this.#clock === undefined || Math.abs(sample - this.#clock) > CLOCK_RESET_TICKS) this.#clock = sample;
    else this.#clock += (sample - this.#clock) / 10;

    for (const event of snapshot.events) if (event[0] > this.#eventsUpTo) this.#events.push(event);
    this.#eventsUpTo = snapshot.t;
    this.#events = this.#events.filter(
      (event) => event[0] > snapshot.t - EXPLOSION_TICKS - 2 * this.#delayTicks,
    );

    const seat = this.#options.seat;
    const row = seat === null ? undefined : snapshot.tanks[seat];
    if (row === undefined || this.#arena === undefined || seat === null) return;
    const local = Math.floor(nowTicks);
    if (this.#own === undefined) this.#own = new OwnTank(this.#arena, seat, row, local);
    this.#own.advance(local, this.#sent, this.#sentSeq);
    const blockers = snapshot.tanks.flatMap((other, s) =>
      s !== seat && other[5] > 0 ? [{ x: other[0], y: other[1] }] : [],
    );
    this.#own.reconcile(row, snapshot.t, this.#acked, this.#clock, blockers, nowTicks % 1);
    const moved = this.#own.lastCorrectionPx;
    if (moved > 1) this.stats.corrections++;
    this.stats.maxCorrectionPx = Math.max(this.stats.maxCorrectionPx, moved);
    this.#lastSnapshotTick = snapshot.t;
  }

  /** A snapshot of tick `tick` says the server has applied our inputs up to `ack`. */
  #acknowledged(ack: number, tick: number): void {
    if (!this.#seqKnown) {
      // A resumed page: go on numbering from what the server has.
      this.#seq = ack;
      this.#acked = ack;
      this.#changeSeq = ack;
      this.#seqKnown = true;
      return;
    }
    if (ack <= this.#acked) return;
    const sentTick = this.#sentTicks.get(ack);
    if (sentTick !== undefined) this.#own?.learnLead(sentTick, this.#lastSnapshotTick, tick);
    this.#acked = ack;
    for (const seq of this.#sentTicks.keys()) if (seq <= ack) this.#sentTicks.delete(seq);
  }

  /** Sends an input or an acknowledgement if one is due. */
  #pump(now: number): void {
    const latest = this.#history.latest;
    if (this.#ended || latest === undefined) return;
    if (this.#inputDue(now)) this.#sendInput(now, latest.t);
    else if (latest.t > this.#told && now - this.#messageAt >= ACK_MS) {
      this.#told = latest.t;
      this.#messageAt = now;
      this.stats.acks++;
      this.#options.send({ type: 'match.ack', data: { match: this.#options.match, tick: latest.t } });
    }
  }

  /** The input to send: what is held, firing if fire was pressed since the last one. */
  #wanted(): TankInput | undefined {
    const held = this.#held;
    if (held === undefined || !this.#firePending || held.fire) return held;
    return { ...held, fire: true };
  }

  #inputDue(now: number): boolean {
    const want = this.#wanted();
    if (this.#options.seat === null || !this.#seqKnown || want === undefined) return false;
    const since = now - this.#inputAt;
    if (!sameInput(want, this.#sent)) return since >= INPUT_GAP_MS;
    const keyHeld = want.throttle !== 0 || want.turn !== 0 || want.fire;
    return (keyHeld || this.#acked < this.#changeSeq) && since >= REPEAT_MS;
  }

  #sendInput(now: number, tick: number): void {
    const input = this.#wanted() as TankInput;
    const local = Math.floor(now * this.#ticksPerMs);
    // The ticks up to now were played under the previous input.
    this.#own?.advance(local, this.#sent, this.#sentSeq);
    this.#seq++;
    this.#sentSeq = this.#seq;
    if (!sameInput(input, this.#sent)) this.#changeSeq = this.#seq;
    this.#sent = input;
    this.#firePending = false;
    this.#inputAt = now;
    this.#messageAt = now;
    this.#told = tick;
    this.#sentTicks.set(this.#seq, local + 1);
    this.stats.inputs++;
    this.#options.send({
      type: 'match.input',
      data: { match: this.#options.match, seq: this.#seq, input: Tanks.makeInput(input), ack: tick },
    });
  }
}
