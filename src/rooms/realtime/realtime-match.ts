import type { Json, OptionValues, Outcome, RealtimeGameDefinition, Seat } from '../../games/index.ts';
import type { ServerData } from '../../protocol/index.ts';
import type { Session } from '../../server/index.ts';
import type { MatchRecord } from '../../store/index.ts';
import { MATCH_ROOM_PREFIX, matchInfo } from '../match.ts';

/** A real-time game with its types erased: what a table hosts. */
export type RealtimeGame = RealtimeGameDefinition<unknown, unknown, unknown, OptionValues>;

/** A seat the server plays with the game's bot. */
export interface BotSeat {
  readonly nick: string;
  memory: unknown;
}

/** Snapshots kept per match for deltas: a client that acknowledged an older one gets a full one. */
export const KEPT_SNAPSHOTS = 32;

/** How far ahead of the last accepted input a `seq` may jump (a minute of inputs at 60 a second). */
export const MAX_SEQ_JUMP = 3600;

/** What a real-time match is made from: its fields of the same names. */
export type RealtimeSetup = Pick<
  RealtimeMatch,
  | 'id'
  | 'game'
  | 'options'
  | 'seed'
  | 'seats'
  | 'nicks'
  | 'bots'
  | 'private'
  | 'startedAt'
  | 'snapshotEvery'
  | 'snapshotPhase'
>;

/**
 * One match of a real-time game (H2): the state, advanced one fixed step per tick by the ticker
 * with the latest input of each seat; the log of inputs (the record: same seed and inputs, same
 * match); the recent snapshots, kept so that each client gets only what changed since the one it
 * acknowledged. The host (table-host.ts) owns delivery; this class owns the rules of inputs.
 */
export class RealtimeMatch {
  readonly id: string;
  readonly game: RealtimeGame;
  readonly options: OptionValues;
  readonly seed: number;
  /** The people at each seat (index = seat); `null` for a bot's seat. */
  readonly seats: readonly (Session | null)[];
  readonly nicks: readonly string[];
  readonly bots: ReadonlyMap<Seat, BotSeat>;
  readonly private: boolean;
  readonly startedAt: number;
  readonly room: string;
  /** A snapshot is taken (and sent, and bots decide) every this many ticks, at this phase. */
  readonly snapshotEvery: number;
  /** Which tick of each `snapshotEvery` this match sends on (taken modulo): spreads matches over ticks. */
  readonly snapshotPhase: number;
  readonly spectators = new Set<Session>();
  /** The latest accepted input of each seat; a seat without one idles. */
  readonly inputs = new Map<Seat, unknown>();
  /** The `seq` of the latest accepted input per seat (0: none yet). */
  readonly lastSeq: number[];
  /** The `seq` of each seat's input that the latest tick applied: the `ack` of snapshots. */
  readonly appliedSeq: number[];
  /** Each accepted change of input: `[tick, seat, input]`, the tick it first applies to. */
  readonly log: Json[] = [];
  /** Recent snapshots by tick, oldest first. */
  readonly snapshots = new Map<number, Json>();
  /** The snapshot tick each recipient acknowledged last. */
  readonly acks = new Map<Session, number>();
  state: unknown;
  tick = 0;
  outcome: Outcome | null = null;
  endedAt = 0;

  constructor(setup: RealtimeSetup, initialState: unknown) {
    this.id = setup.id;
    this.game = setup.game;
    this.options = setup.options;
    this.seed = setup.seed;
    this.seats = setup.seats;
    this.nicks = setup.nicks;
    this.bots = setup.bots;
    this.private = setup.private;
    this.startedAt = setup.startedAt;
    this.snapshotEvery = setup.snapshotEvery;
    this.snapshotPhase = setup.snapshotPhase % setup.snapshotEvery;
    this.room = `${MATCH_ROOM_PREFIX}${setup.id}`;
    this.state = initialState;
    this.lastSeq = setup.seats.map(() => 0);
    this.appliedSeq = setup.seats.map(() => 0);
    this.#keep(this.game.snapshot(initialState, 'spectator') as Json);
  }

  /** The seat `session` plays, or null (a spectator, or a player who left the table). */
  seatOf(session: Session): Seat | null {
    const seat = this.seats.indexOf(session);
    return seat === -1 || this.departed.has(session) ? null : seat;
  }

  /** Players who left their table during the match: their tanks idle, they hear no more of it. */
  readonly departed = new Set<Session>();

  /** The people who receive the match: the players still at the table, and spectators. */
  *audience(): Generator<Session> {
    for (const seat of this.seats) if (seat !== null && !this.departed.has(seat)) yield seat;
    yield* this.spectators;
  }

  /** Whether any seat is still played by someone (connected or away): if not, only bots are left. */
  get attended(): boolean {
    return this.seats.some((s) => s !== null && !s.ended && !this.departed.has(s));
  }

  /**
   * Takes an input of `seat` (already parsed by the game). Older or repeated `seq`s are ignored
   * (a late or duplicated message); a jump too far ahead is refused. Returns false when refused.
   */
  accept(seat: Seat, seq: number, input: unknown): 'ok' | 'old' | 'bad-seq' {
    const last = this.lastSeq[seat] ?? 0;
    if (!Number.isSafeInteger(seq) || seq < 1 || seq > last + MAX_SEQ_JUMP) return 'bad-seq';
    if (seq <= last) return 'old';
    this.lastSeq[seat] = seq;
    this.inputs.set(seat, input);
    this.log.push([this.tick, seat, this.game.makeInput(input)]);
    return 'ok';
  }

  /**
   * The seat stops acting (its player dropped or left): its tank idles from the next tick on. An
   * input accepted but not yet applied is void, so a client that comes back numbers on from the
   * last one applied (the `ack` of the snapshots it gets).
   */
  idle(seat: Seat): void {
    this.lastSeq[seat] = this.appliedSeq[seat] ?? 0;
    if (!this.inputs.has(seat)) return;
    this.inputs.delete(seat);
    this.log.push([this.tick, seat, null]);
  }

  /** One fixed step; every `snapshotEvery` ticks, a snapshot (returned) to send. */
  step(): Json | undefined {
    this.state = this.game.advance(this.state, this.inputs, 1000 / this.game.tickRateHz);
    this.tick += 1;
    for (const seat of this.inputs.keys()) this.appliedSeq[seat] = this.lastSeq[seat] ?? 0;
    this.outcome = this.game.outcome(this.state) ?? null;
    if (this.tick % this.snapshotEvery !== this.snapshotPhase && this.outcome === null) return undefined;
    const snapshot = this.game.snapshot(this.state, 'spectator') as Json;
    this.#keep(snapshot);
    return snapshot;
  }

  /** The latest snapshot kept. */
  get latest(): { readonly tick: number; readonly snapshot: Json } {
    const tick = [...this.snapshots.keys()].at(-1) as number;
    return { tick, snapshot: this.snapshots.get(tick) as Json };
  }

  /** A recipient has the snapshot of `tick`: later ones are sent as changes from it. */
  acknowledge(session: Session, tick: number): void {
    if (this.snapshots.has(tick) && tick > (this.acks.get(session) ?? -1)) this.acks.set(session, tick);
  }

  /** The protocol form of what the match is, for the recipient at `seat`. */
  info(seat: Seat | null): ServerData<'match.started'>['match'] {
    return {
      ...matchInfo(this, seat, { moveMs: null, gameMs: null }),
      realtime: {
        tickRateHz: this.game.tickRateHz,
        snapshotRateHz: Math.round(this.game.tickRateHz / this.snapshotEvery),
      },
    };
  }

  result(): ServerData<'match.ended'>['result'] | null {
    if (this.outcome === null) return null;
    const { winner, reason } = this.outcome;
    return { winner: winner === null ? null : (this.nicks[winner] ?? null), seat: winner, reason };
  }

  /** The record: the seed and every change of input replay the match exactly. */
  record(): MatchRecord {
    const msPerTick = 1000 / this.game.tickRateHz;
    return {
      id: this.id,
      game: this.game.id,
      options: { ...this.options } as MatchRecord['options'],
      seed: this.seed,
      players: [...this.nicks],
      moves: this.log as MatchRecord['moves'],
      moveTimes: this.log.map(
        (entry) => this.startedAt + Math.round(((entry as number[])[0] as number) * msPerTick),
      ),
      winner: this.outcome?.winner ?? null,
      reason: this.outcome?.reason ?? 'aborted',
      timeControl: { moveMs: null, gameMs: null },
      startedAt: this.startedAt,
      endedAt: this.endedAt,
    };
  }

  #keep(snapshot: Json): void {
    this.snapshots.set(this.tick, snapshot);
    if (this.snapshots.size > KEPT_SNAPSHOTS) {
      const oldest = this.snapshots.keys().next().value as number;
      this.snapshots.delete(oldest);
      for (const [session, tick] of this.acks) if (tick === oldest) this.acks.delete(session);
    }
  }
}
