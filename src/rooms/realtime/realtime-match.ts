import type { Json, OptionValues, Outcome, Seat } from '../../games/index.ts';
import type { ServerData } from '../../protocol/index.ts';
import type { Session } from '../../server/index.ts';
import type { MatchRecord } from '../../store/index.ts';
import { MATCH_ROOM_PREFIX, matchInfo } from '../match.ts';
import type { RealtimeGame } from './match-simulation.ts';
import type { MatchTickReport, SimulationCommand, StartCommand } from './simulation-messages.ts';

export type { RealtimeGame } from './match-simulation.ts';

/** A seat the server plays with the game's bot (which decides on the simulation thread). */
export interface BotSeat {
  readonly nick: string;
}

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
 * One match of a real-time game (H2) as the server's thread sees it: the people (players,
 * spectators, who left), the checks on inputs, and what the simulation thread reported of it
 * (the tick, a recent snapshot, the log of inputs, the end). The state itself steps on the
 * simulation thread (`MatchSimulation`); this class tells it, through `send`, whatever changes.
 * The host (table-host.ts) owns delivery.
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
  /** The `seq` of the latest accepted input per seat (0: none yet). */
  readonly lastSeq: number[];
  /** The `seq` of each seat's input that the latest snapshot's tick applied. */
  appliedSeq: readonly number[];
  /** Each change of input: `[tick, seat, input]`, the tick it first applies to (as reported). */
  readonly log: Json[] = [];
  /** The latest tick reported. */
  tick = 0;
  outcome: Outcome | null = null;
  endedAt = 0;
  readonly #send: (command: SimulationCommand) => void;
  #snapshotJson: string | null = null;
  #snapshot: Json | null;

  /**
   * `initialState`: the state the game created from the options and seed (the simulation thread
   * creates the same one); `send`: the way to the simulation thread, already told to start.
   */
  constructor(setup: RealtimeSetup, initialState: unknown, send: (command: SimulationCommand) => void) {
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
    this.lastSeq = setup.seats.map(() => 0);
    this.appliedSeq = setup.seats.map(() => 0);
    this.#snapshot = this.game.snapshot(initialState, 'spectator') as Json;
    this.#send = send;
  }

  /** What the simulation thread must be told to run this match. */
  startCommand(): StartCommand {
    return {
      kind: 'start',
      match: this.id,
      game: this.game.id,
      options: this.options,
      seed: this.seed,
      players: this.seats.map((session) => session?.id ?? null),
      snapshotEvery: this.snapshotEvery,
      snapshotPhase: this.snapshotPhase,
    };
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

  /**
   * A recipient of the match by session id, or undefined (gone since the frame was made). Plain
   * loops, not `audience()`: this runs for every frame written, 16,000 a second in bench:tanks.
   */
  recipient(id: string): Session | undefined {
    for (const seat of this.seats)
      if (seat !== null && seat.id === id && !this.departed.has(seat)) return seat;
    for (const spectator of this.spectators) if (spectator.id === id) return spectator;
    return undefined;
  }

  /** Whether any seat is still played by someone (connected or away): if not, only bots are left. */
  get attended(): boolean {
    return this.seats.some((s) => s !== null && !s.ended && !this.departed.has(s));
  }

  /**
   * Takes an input of `seat` (already parsed by the game) to the simulation thread. Older or
   * repeated `seq`s are ignored (a late or duplicated message); a jump too far ahead is refused.
   */
  accept(seat: Seat, seq: number, input: unknown): 'ok' | 'old' | 'bad-seq' {
    const last = this.lastSeq[seat] ?? 0;
    if (!Number.isSafeInteger(seq) || seq < 1 || seq > last + MAX_SEQ_JUMP) return 'bad-seq';
    if (seq <= last) return 'old';
    this.lastSeq[seat] = seq;
    this.#send({ kind: 'input', match: this.id, seat, seq, input: this.game.makeInput(input) });
    return 'ok';
  }

  /**
   * The seat stops acting (its player dropped or left): its tank idles. A client that comes back
   * numbers on from the last input applied (the `ack` of the snapshots it gets).
   */
  idle(seat: Seat): void {
    this.lastSeq[seat] = this.appliedSeq[seat] ?? 0;
    this.#send({ kind: 'idle', match: this.id, seat });
  }

  /** A recipient has the snapshot of `tick`: later ones are sent as changes from it. */
  acknowledge(session: Session, tick: number): void {
    this.#send({ kind: 'ack', match: this.id, recipient: session.id, tick });
  }

  /** `session` starts watching (its first snapshot is whole). */
  watch(session: Session): void {
    this.spectators.add(session);
    this.#send({ kind: 'add', match: this.id, recipient: session.id });
  }

  /** `session` hears no more of the match: a spectator who stops watching, a player who left. */
  drop(session: Session): void {
    this.spectators.delete(session);
    this.#send({ kind: 'remove', match: this.id, recipient: session.id });
  }

  /** `session` gets the latest snapshot whole: its next one is whole too. */
  forget(session: Session): void {
    this.#send({ kind: 'forget', match: this.id, recipient: session.id });
  }

  /** The server ends the match (abandoned, aborted): the simulation thread stops it. */
  stop(): void {
    this.#send({ kind: 'stop', match: this.id });
  }

  /** Takes in what the simulation thread reported of a tick. */
  update(report: MatchTickReport): void {
    this.tick = report.tick;
    if (report.log !== undefined) for (const entry of report.log) this.log.push(entry);
    if (report.snapshot !== undefined) {
      this.#snapshotJson = report.snapshot;
      this.#snapshot = null;
    }
    if (report.applied !== undefined) this.appliedSeq = report.applied;
    if (report.outcome !== undefined) this.outcome = report.outcome;
  }

  /**
   * The most recent whole snapshot the simulation thread sent (about once a second, and the last
   * one), read from its JSON only when asked: most are never needed whole here.
   */
  get snapshot(): Json {
    this.#snapshot ??= JSON.parse(this.#snapshotJson as string) as Json;
    return this.#snapshot;
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
}
