import { Tanks } from '../../../games/index.ts';

type Snapshot = Tanks.TanksSnapshot;
type TankRow = Tanks.TankRow;

//
// What to draw of a tank match at a (fractional) tick between two snapshots: tanks moved linearly
// from one to the other, bullets where their straight flight puts them, explosions of the events.
// Positions in pixels, angles in radians (clockwise on screen, as the canvas turns).
//

export interface DrawnTank {
  readonly seat: number;
  readonly x: number;
  readonly y: number;
  readonly heading: number;
  readonly turret: number;
  readonly health: number;
  readonly alive: boolean;
}

export interface DrawnBullet {
  readonly id: number;
  readonly owner: number;
  readonly x: number;
  readonly y: number;
}

export interface Explosion {
  readonly x: number;
  readonly y: number;
  readonly kind: 'hit' | 'kill';
  /** 0 when it happens … 1 when it is gone. */
  readonly age: number;
}

const PX = Tanks.UNITS_PER_PIXEL;
const RADIANS_PER_STEP = (2 * Math.PI) / Tanks.ANGLE_STEPS;
/** A tank that moves farther than this between two snapshots was put there (respawned): no sliding. */
const TELEPORT_UNITS = 3 * Tanks.TANK_RULES.maxSpeedUnitsPerTick * 6;
/** How long an explosion is drawn, in ticks. */
export const EXPLOSION_TICKS = 30;

/** Angle steps (any real number) to radians. */
export const radians = (steps: number): number => steps * RADIANS_PER_STEP;

/** `from` turned toward `to` by the fraction `f` of the shorter way, in angle steps. */
export const lerpAngle = (from: number, to: number, f: number): number =>
  from + Tanks.angleDiff(to, from) * f;

/** A tank row as drawn, with positions in units turned into pixels. */
export function drawnTank(seat: number, row: TankRow): DrawnTank {
  const [x, y, heading, turret, , health] = row;
  return {
    seat,
    x: x / PX,
    y: y / PX,
    heading: radians(heading),
    turret: radians(turret),
    health,
    alive: health > 0,
  };
}

/** The fraction of the way from `a` to `b` that `tick` is, within 0 … 1. */
export function fractionAt(a: Snapshot, b: Snapshot | undefined, tick: number): number {
  if (b === undefined || b.t <= a.t) return 0;
  return Math.min(1, Math.max(0, (tick - a.t) / (b.t - a.t)));
}

/**
 * The tanks at `tick`, from `a` (at or before it) toward `b` (after it, if known). A tank changes
 * life (destroyed, respawned) or jumps only once `b` is reached: between, it stays as in `a`.
 */
export function tanksAt(a: Snapshot, b: Snapshot | undefined, tick: number): DrawnTank[] {
  const f = fractionAt(a, b, tick);
  return a.tanks.map((rowA, seat) => {
    const rowB = b?.tanks[seat];
    if (rowB === undefined || f === 0) return drawnTank(seat, rowA);
    const jumped = Math.hypot(rowB[0] - rowA[0], rowB[1] - rowA[1]) > TELEPORT_UNITS;
    if (rowA[5] > 0 !== rowB[5] > 0 || jumped) return drawnTank(seat, f >= 1 ? rowB : rowA);
    return {
      seat,
      x: (rowA[0] + (rowB[0] - rowA[0]) * f) / PX,
      y: (rowA[1] + (rowB[1] - rowA[1]) * f) / PX,
      heading: radians(lerpAngle(rowA[2], rowB[2], f)),
      turret: radians(lerpAngle(rowA[3], rowB[3], f)),
      health: rowA[5],
      alive: rowA[5] > 0,
    };
  });
}

/**
 * The bullets at `tick`: each from the latest row of it that had started by then (a bounce starts
 * a new row). A bullet gone by `b` is no longer drawn (it vanished somewhere between); one fired
 * after `a` appears once its flight has begun.
 */
export function bulletsAt(a: Snapshot, b: Snapshot | undefined, tick: number): DrawnBullet[] {
  const rows = new Map<number, Tanks.BulletRow>();
  for (const row of a.bullets) rows.set(row[0], row);
  if (b !== undefined) {
    const inB = new Set(b.bullets.map((row) => row[0]));
    for (const id of rows.keys()) if (!inB.has(id)) rows.delete(id);
    for (const row of b.bullets) if (row[4] <= tick) rows.set(row[0], row);
  }
  const drawn: DrawnBullet[] = [];
  for (const [id, owner, x0, y0, t0, vx, vy] of rows.values()) {
    if (t0 > tick) continue;
    drawn.push({ id, owner, x: (x0 + vx * (tick - t0)) / PX, y: (y0 + vy * (tick - t0)) / PX });
  }
  return drawn;
}

/** The explosions of `events` under way at `tick`. */
export function explosionsAt(events: readonly Tanks.EventRow[], tick: number): Explosion[] {
  const drawn: Explosion[] = [];
  for (const [at, kind, , , x, y] of events) {
    const age = (tick - at) / EXPLOSION_TICKS;
    if (age >= 0 && age < 1) drawn.push({ x: x / PX, y: y / PX, kind: kind === 1 ? 'kill' : 'hit', age });
  }
  return drawn;
}
