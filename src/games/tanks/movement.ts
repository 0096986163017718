import { type Arena, type Point, tankHitsWall } from './arena.ts';
import { TANK_RULES } from './constants.ts';
import type { TankInput } from './input.ts';
import { cos, normalizeAngle, sin, TRIG_ONE, turnToward } from './trig.ts';

//
// How a hull moves in one tick: turn, speed, then x and y each up to the first obstacle. One
// function for the rules (step.ts) and for a client predicting its own tank (predict.ts), so the
// two can never disagree; which tanks are in the way is the caller's `TankObstacles`.
//
// It runs for every tank at every tick (48,000 times a second in bench:tanks), so it allocates
// nothing: the caller passes the obstacles as one reusable object (not a closure per tank) and a
// scratch hull that receives the result.
//

/** Another tank as an obstacle: its centre, and its health where known (0: destroyed, no obstacle). */
export interface OtherTank extends Point {
  readonly health?: number;
}

const TANK_GAP2 = (2 * TANK_RULES.tankRadiusUnits) ** 2;

/**
 * The walls of `arena` and the living tanks of `tanks` but the one at index `skip` (the tank
 * moving, or -1): what the rules (the tanks as they are when each one's turn comes in seat order)
 * and a client's prediction (the other tanks as last seen) both stop a tank at.
 */
export class TankObstacles {
  readonly arena: Arena;
  readonly tanks: readonly OtherTank[];
  skip: number;

  constructor(arena: Arena, tanks: readonly OtherTank[], skip = -1) {
    this.arena = arena;
    this.tanks = tanks;
    this.skip = skip;
  }

  /** Whether a tank centred at (x, y) would overlap a wall or one of the tanks. */
  blocks(x: number, y: number): boolean {
    if (tankHitsWall(this.arena, x, y)) return true;
    const tanks = this.tanks;
    for (let other = 0; other < tanks.length; other++) {
      const tank = tanks[other]!;
      if (other === this.skip || (tank.health ?? 1) <= 0) continue;
      const dx = tank.x - x;
      const dy = tank.y - y;
      if (dx * dx + dy * dy < TANK_GAP2) return true;
    }
    return false;
  }
}

/** What moving changes of a tank. */
export interface HullMotion {
  readonly x: number;
  readonly y: number;
  readonly heading: number;
  readonly turret: number;
  readonly speed: number;
}

/** A hull that `moveHull` writes its result into. */
export type Hull = { -readonly [K in keyof HullMotion]: HullMotion[K] };

/** A new scratch hull for `moveHull`. */
export const scratchHull = (): Hull => ({ x: 0, y: 0, heading: 0, turret: 0, speed: 0 });

/**
 * Fixed-point product `value · trig / TRIG_ONE`, truncated toward zero (so motion is symmetric)
 * by `| 0`, which also keeps the result a small integer (never -0) for the engine: |value| stays
 * below 2^17, so the product fits in 32 bits.
 */
export const scale = (value: number, trig: number): number => ((value * trig) / TRIG_ONE) | 0;

/** The speed after one tick of `throttle`. */
export function nextSpeed(speed: number, throttle: number): number {
  const { maxSpeedUnitsPerTick, maxReverseSpeedUnitsPerTick, accelerationUnitsPerTick } = TANK_RULES;
  const { brakingUnitsPerTick, coastingUnitsPerTick } = TANK_RULES;
  if (throttle === 0) {
    return (
      (speed > 0 ? Math.max(0, speed - coastingUnitsPerTick) : Math.min(0, speed + coastingUnitsPerTick)) | 0
    );
  }
  const step = speed === 0 || speed > 0 === throttle > 0 ? accelerationUnitsPerTick : brakingUnitsPerTick;
  return Math.min(maxSpeedUnitsPerTick, Math.max(-maxReverseSpeedUnitsPerTick, speed + throttle * step)) | 0;
}

/**
 * How far along one axis the tank can go, up to |dx + dy| (one of them is 0), from a free
 * position: all the way, or to the last free unit before the first obstacle (bisection, about ten
 * probes, only on contact). Integers only, and no -0: positions stay small integers for the engine.
 */
function reach(obstacles: TankObstacles, x: number, y: number, dx: number, dy: number): number {
  if (!obstacles.blocks(x + dx, y + dy)) return dx + dy > 0 ? dx + dy : -(dx + dy);
  let free = 0;
  let stop = dx + dy > 0 ? dx + dy : -(dx + dy);
  while (stop - free > 1) {
    const mid = (free + stop) >> 1;
    const mx = dx > 0 ? x + mid : dx < 0 ? x - mid : x;
    const my = dy > 0 ? y + mid : dy < 0 ? y - mid : y;
    if (obstacles.blocks(mx, my)) stop = mid;
    else free = mid;
  }
  return free;
}

/** The hull one tick after `input` (none: idle, coasting to a stop), written into `out` (returned). */
export function moveHull(
  hull: HullMotion,
  input: TankInput | undefined,
  obstacles: TankObstacles,
  out: Hull,
): Hull {
  let { heading, turret } = hull;
  let speed: number;
  if (input === undefined) speed = nextSpeed(hull.speed, 0);
  else {
    heading = normalizeAngle(heading + input.turn * TANK_RULES.hullTurnStepsPerTick);
    speed = nextSpeed(hull.speed, input.throttle);
    turret = turnToward(turret, input.aim, TANK_RULES.turretTurnStepsPerTick);
  }
  const dx = scale(speed, cos(heading));
  const dy = scale(speed, sin(heading));
  let { x, y } = hull;
  if (dx !== 0) {
    const moved = reach(obstacles, x, y, dx, 0);
    // `| 0` on integers changes no value; it lets the engine keep positions as small integers
    // rather than boxed doubles, which would cost an allocation per field per tank per tick.
    x = (dx > 0 ? x + moved : x - moved) | 0;
  }
  if (dy !== 0) {
    const moved = reach(obstacles, x, y, 0, dy);
    y = (dy > 0 ? y + moved : y - moved) | 0;
  }
  // Driving into a wall or a tank head on stops the tank; a glancing contact only slides it.
  if ((dx !== 0 || dy !== 0) && x === hull.x && y === hull.y) speed = 0;
  out.x = x;
  out.y = y;
  out.heading = heading;
  out.turret = turret;
  out.speed = speed;
  return out;
}
