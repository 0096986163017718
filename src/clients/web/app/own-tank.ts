import { Tanks } from '../../../games/index.ts';
import { type DrawnTank, drawnTank } from './tank-interpolation.ts';

type TankRow = Tanks.TankRow;
type TankInput = Tanks.TankInput;

//
// The player's own tank, predicted (H2). The client counts local ticks at the game's rate and gives
// each the input the server holds by then (the last one sent, with its seq). The server's row in a
// snapshot of tick T already includes every input it applied up to T; the local ticks it had not
// played yet are replayed on that row (reconciliation). Which ticks those are: not those of an
// input older than the one acknowledged (the server is past them); all those of inputs sent since,
// as long as no acknowledgement has taught the `lead`; else those after T − lead, where an input
// sent in local tick L is applied by the server in about tick L + lead (so that a lost input's
// ticks, which the server played with the previous input, are not replayed). The lead is learnt
// from the first snapshot acknowledging each input, which tells about when it arrived.
//
// A reconciliation that moves the tank (a lost input, a timing error) does not jump on screen: the
// difference becomes an offset that fades out within about SMOOTHING_MS.
//

interface Entry {
  /** Local tick. */
  readonly tick: number;
  readonly input: TankInput | undefined;
  /** The seq of `input`; 0 for none sent. */
  readonly seq: number;
}

/** A position and direction as shown: units and angle steps, fractional. */
interface Pose {
  readonly x: number;
  readonly y: number;
  readonly heading: number;
  readonly turret: number;
}

/** Replays at most this many ticks (2 s): beyond, something is wrong and the server's row is better. */
const MAX_REPLAY = 120;
/** Local ticks kept beyond those replayed, in case the lead grows. */
const SPARE_TICKS = 30;
/** A correction shrinks by a factor e every this many milliseconds. */
const SMOOTHING_MS = 100;
/** A correction larger than this (48 px: a respawn, a long stall) is shown at once, not faded. */
const SNAP_UNITS = 48 * Tanks.UNITS_PER_PIXEL;
/** Each acknowledgement moves the lead by 1/LEAD_GAIN of its error. */
const LEAD_GAIN = 8;
/** Ticks of round trip assumed until the first acknowledgement (50 ms). */
const FIRST_ROUND_TRIP_TICKS = 3;

const STILL: Pose = { x: 0, y: 0, heading: 0, turret: 0 };

/** The signed turn from `from` to `to` the shorter way, for fractional angle steps. */
const turn = (to: number, from: number): number => {
  const half = Tanks.ANGLE_STEPS / 2;
  return ((((to - from) % Tanks.ANGLE_STEPS) + Tanks.ANGLE_STEPS + half) % Tanks.ANGLE_STEPS) - half;
};

const between = (a: TankRow, b: TankRow, f: number): Pose => ({
  x: a[0] + (b[0] - a[0]) * f,
  y: a[1] + (b[1] - a[1]) * f,
  heading: a[2] + turn(b[2], a[2]) * f,
  turret: a[3] + turn(b[3], a[3]) * f,
});

export class OwnTank {
  readonly #arena: Tanks.Arena;
  readonly #seat: number;
  #entries: Entry[] = [];
  /** The last local tick played. */
  #tick: number;
  /** The predicted rows after the last local tick and the one before (drawn between them). */
  #row: TankRow;
  #previous: TankRow;
  #lead: number | undefined;
  /** Until an acknowledgement teaches the lead: the server's clock seen in snapshots (see TankStream). */
  #clockLead = 0;
  #blockers: readonly Tanks.Point[] = [];
  #offset: Pose = STILL;
  #drawnAt: number | undefined;
  /** How far (px) the last reconciliation moved the tank from where it was predicted. */
  lastCorrectionPx = 0;

  constructor(arena: Tanks.Arena, seat: number, row: TankRow, localTick: number) {
    this.#arena = arena;
    this.#seat = seat;
    this.#row = row;
    this.#previous = row;
    this.#tick = localTick;
  }

  /** The predicted row after the last local tick. */
  get row(): TankRow {
    return this.#row;
  }

  /** Server tick ≈ local tick + lead for an input sent now; undefined until learnt. */
  get lead(): number | undefined {
    return this.#lead;
  }

  /** Plays the local ticks up to `localTick`, each under `input` (the last sent, number `seq`). */
  advance(localTick: number, input: TankInput | undefined, seq: number): void {
    // A long gap (a hidden tab) is not replayed tick by tick: the next snapshot starts afresh.
    if (localTick - this.#tick > MAX_REPLAY) this.#tick = localTick - 1;
    while (this.#tick < localTick) {
      this.#tick++;
      this.#entries.push({ tick: this.#tick, input, seq });
      this.#previous = this.#row;
      this.#row = this.#step(this.#row, input, this.#tick);
    }
    const excess = this.#entries.length - MAX_REPLAY - SPARE_TICKS;
    if (excess > 0) this.#entries.splice(0, excess);
  }

  /**
   * Learns from the first snapshot acknowledging an input sent in local tick `sentTick`: it was
   * applied after `previousTick` (the snapshot before, which did not acknowledge it) and by `tick`.
   */
  learnLead(sentTick: number, previousTick: number | undefined, tick: number): void {
    const earliest = previousTick === undefined ? tick - 2 : Math.max(previousTick + 1, tick - 6);
    const sample = (earliest + tick) / 2 - sentTick;
    // Slowly: samples differ by a tick or two with the moment of sending within a tick, and what
    // shows on screen is a change of the lead (the tank replayed a tick more or less), not its error.
    this.#lead = this.#lead === undefined ? sample : this.#lead + (sample - this.#lead) / LEAD_GAIN;
  }

  /**
   * Takes the server's row of tick `tick`, with inputs applied up to number `ack`, and replays on
   * it the local ticks the server had not played by then. `clockLead` is the server tick seen in
   * snapshots minus the local tick; `blockers` are the other living tanks; `fraction` is how far
   * into the current local tick it is now, so that the tank on screen does not move.
   */
  reconcile(
    serverRow: TankRow,
    tick: number,
    ack: number,
    clockLead: number,
    blockers: readonly Tanks.Point[],
    fraction: number,
  ): void {
    const before = this.#pose(fraction);
    const old = this.#offset;
    const wasAlive = this.#row[5] > 0;
    this.#clockLead = clockLead;
    this.#blockers = blockers;
    const lastPlayed = this.#lead === undefined ? Number.NEGATIVE_INFINITY : tick - this.#lead;
    const keepFrom = this.#entries.findIndex((e) => e.seq >= ack && e.tick > lastPlayed - SPARE_TICKS);
    this.#entries = keepFrom === -1 ? [] : this.#entries.slice(keepFrom);
    let row = serverRow;
    let previous = serverRow;
    for (const entry of this.#entries) {
      if (entry.seq === 0 || entry.seq < ack || entry.tick <= lastPlayed) continue;
      previous = row;
      row = this.#step(row, entry.input, entry.tick);
    }
    this.#row = row;
    this.#previous = previous;
    this.#offset = STILL;
    const after = this.#pose(fraction);
    const offset: Pose = {
      x: before.x - after.x,
      y: before.y - after.y,
      heading: turn(before.heading, after.heading),
      turret: turn(before.turret, after.turret),
    };
    this.lastCorrectionPx =
      Math.hypot(before.x - old.x - after.x, before.y - old.y - after.y) / Tanks.UNITS_PER_PIXEL;
    const smooth = wasAlive && row[5] > 0 && Math.hypot(offset.x, offset.y) < SNAP_UNITS;
    this.#offset = smooth ? offset : STILL;
  }

  /** The tank to draw at `now` (ms), `fraction` of the way through the current local tick. */
  drawn(now: number, fraction: number): DrawnTank {
    const fade = this.#drawnAt === undefined ? 1 : Math.exp(-Math.max(0, now - this.#drawnAt) / SMOOTHING_MS);
    this.#drawnAt = now;
    const o = this.#offset;
    this.#offset = { x: o.x * fade, y: o.y * fade, heading: o.heading * fade, turret: o.turret * fade };
    const { x, y, heading, turret } = this.#pose(fraction);
    const [, , , , speed, health, respawnAt, readyAt] = this.#row;
    return drawnTank(this.#seat, [x, y, heading, turret, speed, health, respawnAt, readyAt]);
  }

  /** Where the tank is shown, correction included, `fraction` of the way into the current tick. */
  #pose(fraction: number): Pose {
    const a = this.#previous;
    const b = this.#row;
    const plain = between(a, b, a[5] > 0 && b[5] > 0 ? fraction : 1);
    const o = this.#offset;
    return {
      x: plain.x + o.x,
      y: plain.y + o.y,
      heading: plain.heading + o.heading,
      turret: plain.turret + o.turret,
    };
  }

  #leadNow(): number {
    return this.#lead ?? this.#clockLead + FIRST_ROUND_TRIP_TICKS;
  }

  #step(row: TankRow, input: TankInput | undefined, localTick: number): TankRow {
    // The server tick only matters for when the gun is ready again.
    const serverTick = Math.round(localTick + this.#leadNow()) - 1;
    return Tanks.predictStep(this.#arena, row, input, serverTick, this.#blockers);
  }
}
