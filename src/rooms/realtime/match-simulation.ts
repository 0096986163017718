import {
  type Json,
  jsonEqual,
  type OptionValues,
  type Outcome,
  type RealtimeGameDefinition,
  type Seat,
  snapshotDelta,
} from '../../games/index.ts';
import type { MatchTickReport, StartCommand } from './simulation-messages.ts';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** A real-time game with its types erased: what a table hosts. */
export type RealtimeGame = RealtimeGameDefinition<unknown, unknown, unknown, OptionValues>;

/**
 * At most this many snapshots are kept per match for deltas: a client whose acknowledged one is
 * older gets a full one. Fewer are kept when every recipient has acknowledged a recent one.
 */
export const KEPT_SNAPSHOTS = 32;

/** The snapshot goes whole to the server's thread once in this many (about a second at 20 a second). */
const WHOLE_EVERY = 20;

/**
 * One match of a real-time game as the simulation thread runs it (H2): the state, advanced one
 * fixed step per tick with the latest input of each seat; the bots' decisions; the recent
 * snapshots, kept so that each recipient gets only what changed since the one it acknowledged;
 * the frames of each snapshot. The server's thread (`RealtimeMatch`) owns the people, checks the
 * inputs' `seq` and writes the frames.
 */
export class MatchSimulation {
  readonly id: string;
  readonly game: RealtimeGame;
  readonly snapshotEvery: number;
  readonly snapshotPhase: number;
  /** Recipients of the snapshots by session id, with the seat each plays (`null`: a spectator). */
  readonly #recipients = new Map<string, Seat | null>();
  /** The memory of each bot, by seat. */
  readonly bots = new Map<Seat, unknown>();
  /** The latest input of each seat; a seat without one idles. */
  readonly inputs = new Map<Seat, unknown>();
  /** The `seq` of the latest input per seat (0: none yet). */
  readonly lastSeq: number[];
  /** The `seq` of each seat's input that the latest tick applied: the `ack` of snapshots. */
  readonly appliedSeq: number[];
  /**
   * The ticks of the snapshots kept, oldest first, and the snapshots (same index). Arrays, not a
   * Map: in a standalone loop of 100 rooms, a Map whose entries come and go at every snapshot
   * made the young generation's collections copy (and promote) far more, and tripled their pauses.
   */
  readonly keptTicks: number[] = [];
  readonly #kept: Json[] = [];
  /** The snapshot tick each recipient acknowledged last. */
  readonly #acks = new Map<string, number>();
  state: unknown;
  tick = 0;
  outcome: Outcome | null = null;
  /** Input changes not reported yet: `[tick, seat, input]`, the tick they first apply to. */
  #log: Json[] = [];

  constructor(game: RealtimeGame, start: StartCommand, initialState: unknown) {
    this.id = start.match;
    this.game = game;
    this.snapshotEvery = start.snapshotEvery;
    this.snapshotPhase = start.snapshotPhase % start.snapshotEvery;
    this.state = initialState;
    start.players.forEach((player, seat) => {
      if (player === null) this.bots.set(seat, game.bot?.start(seat, start.seed + seat));
      else this.#recipients.set(player, seat);
    });
    this.lastSeq = start.players.map(() => 0);
    this.appliedSeq = start.players.map(() => 0);
    this.#keep(this.game.snapshot(initialState, 'spectator') as Json);
  }

  /**
   * Takes an input of `seat` that the server accepted (`json`: its `makeInput` form, for the log,
   * when the caller has it already); one not newer than the last is ignored.
   */
  input(seat: Seat, seq: number, input: unknown, json: Json = this.game.makeInput(input)): void {
    if (seq <= (this.lastSeq[seat] ?? 0)) return;
    this.lastSeq[seat] = seq;
    this.inputs.set(seat, input);
    this.#log.push([this.tick, seat, json]);
  }

  /**
   * The seat stops acting (its player dropped or left): its tank idles from the next tick on. An
   * input taken but not yet applied is void, so a client that comes back numbers on from the last
   * one applied (the `ack` of the snapshots it gets).
   */
  idle(seat: Seat): void {
    this.lastSeq[seat] = this.appliedSeq[seat] ?? 0;
    if (!this.inputs.has(seat)) return;
    this.inputs.delete(seat);
    this.#log.push([this.tick, seat, null]);
  }

  /** The snapshot tick each recipient acknowledged last (read-only: commands change it). */
  get acks(): ReadonlyMap<string, number> {
    return this.#acks;
  }

  /** A spectator starts receiving the snapshots, whole at first. */
  addSpectator(recipient: string): void {
    this.#recipients.set(recipient, null);
    this.#acks.delete(recipient);
  }

  /** A recipient receives no more snapshots (a spectator leaves, a player leaves the table). */
  remove(recipient: string): void {
    this.#recipients.delete(recipient);
    this.#acks.delete(recipient);
  }

  /** A recipient got a snapshot whole some other way (`match.state`): its next one is whole. */
  forget(recipient: string): void {
    this.#acks.delete(recipient);
  }

  /** A recipient has the snapshot of `tick`: later ones are sent as changes from it. */
  acknowledge(recipient: string, tick: number): void {
    if (!this.#recipients.has(recipient)) return;
    if (this.keptTicks.includes(tick) && tick > (this.#acks.get(recipient) ?? -1))
      this.#acks.set(recipient, tick);
  }

  /** One fixed step; when a snapshot is due (every `snapshotEvery` ticks, or the end), it, after the bots decided. */
  step(): Json | undefined {
    this.state = this.game.advance(this.state, this.inputs, 1000 / this.game.tickRateHz);
    this.tick += 1;
    for (const seat of this.inputs.keys()) this.appliedSeq[seat] = this.lastSeq[seat] ?? 0;
    this.outcome = this.game.outcome(this.state) ?? null;
    if (this.tick % this.snapshotEvery !== this.snapshotPhase && this.outcome === null) return undefined;
    const snapshot = this.game.snapshot(this.state, 'spectator') as Json;
    this.#keep(snapshot);
    if (this.outcome === null) this.#botsDecide(snapshot);
    return snapshot;
  }

  /**
   * What the server's thread must hear of this tick: the input changes, the snapshot (of `step`)
   * as each recipient's frame, the end; `undefined` when nothing happened.
   */
  report(snapshot: Json | undefined): MatchTickReport | undefined {
    const log = this.#log.length > 0 ? this.#log : undefined;
    if (snapshot === undefined && log === undefined && this.outcome === null) return undefined;
    if (log !== undefined) this.#log = [];
    // Assigned member by member (no spreads): this runs for a third of the matches at every tick.
    const report: Mutable<MatchTickReport> = { match: this.id, tick: this.tick };
    if (log !== undefined) report.log = log;
    if (snapshot !== undefined) {
      report.applied = this.appliedSeq.slice();
      const whole = this.#frames(snapshot, report);
      if (this.outcome !== null || this.#snapshotsSinceWhole++ % WHOLE_EVERY === 0) {
        report.snapshot = whole ?? JSON.stringify(snapshot);
      }
    }
    if (this.outcome !== null) report.outcome = this.outcome;
    return report;
  }

  #snapshotsSinceWhole = 0;

  /**
   * The frames of this tick's snapshot: for each recipient, the change from the snapshot it
   * acknowledged (computed once per distinct base), or the whole snapshot. The server's thread
   * puts each frame together (a few bytes each), so that only the distinct bodies cross over.
   * Returns the whole snapshot's text if a recipient got it whole.
   */
  #frames(snapshot: Json, report: Mutable<MatchTickReport>): string | undefined {
    const bodies: string[] = [];
    // The base of each body (same index): one or two distinct ones, so a list, not a Map.
    const bases: Array<number | null> = [];
    const sendTo: Array<string | number | null> = [];
    let whole: string | undefined;
    for (const [recipient, seat] of this.#recipients) {
      const acked = this.#acks.get(recipient);
      const base = acked !== undefined && acked !== this.tick ? acked : null;
      let body = bases.indexOf(base);
      if (body === -1) {
        const text = JSON.stringify(
          base === null
            ? snapshot
            : snapshotDelta(this.#kept[this.keptTicks.indexOf(base)] as Json, snapshot),
        );
        if (base === null) whole = text;
        body = bodies.push(text) - 1;
        bases.push(base);
      }
      sendTo.push(recipient, body, base, seat === null ? null : (this.appliedSeq[seat] ?? 0));
    }
    report.bodies = bodies;
    report.sendTo = sendTo;
    return whole;
  }

  /** The bots decide from the snapshot, as a client would; an input is logged only when it changes. */
  #botsDecide(snapshot: Json): void {
    const bot = this.game.bot;
    if (bot === undefined) return;
    for (const [seat, memory] of this.bots) {
      const decision = bot.decide(snapshot, seat, memory);
      this.bots.set(seat, decision.memory);
      const current = this.inputs.get(seat);
      const json = this.game.makeInput(decision.input);
      if (current === undefined || !jsonEqual(json, this.game.makeInput(current)))
        this.input(seat, (this.lastSeq[seat] ?? 0) + 1, decision.input, json);
    }
  }

  /**
   * Keeps `snapshot`, and drops those no recipient can use as a base any more: older than every
   * recipient's acknowledged one (acknowledgements only move forward). A recipient that has not
   * acknowledged any may still acknowledge any snapshot it was sent, so then only the cap applies.
   * Snapshots kept for seconds would outlive young-generation collections, and be copied.
   */
  #keep(snapshot: Json): void {
    this.keptTicks.push(this.tick);
    this.#kept.push(snapshot);
    const floor = this.#oldestBase();
    let dropped = 0;
    while ((this.keptTicks[dropped] as number) < floor || this.keptTicks.length - dropped > KEPT_SNAPSHOTS) {
      dropped += 1;
    }
    if (dropped === 0) return;
    this.keptTicks.splice(0, dropped);
    this.#kept.splice(0, dropped);
    for (const [recipient, tick] of this.#acks)
      if (!this.keptTicks.includes(tick)) this.#acks.delete(recipient);
  }

  /** The oldest snapshot tick a recipient acknowledged (the newest one if none has), or -1 if one has none. */
  #oldestBase(): number {
    let floor = this.tick;
    for (const recipient of this.#recipients.keys()) {
      const acked = this.#acks.get(recipient);
      if (acked === undefined) return -1;
      if (acked < floor) floor = acked;
    }
    return floor;
  }
}
