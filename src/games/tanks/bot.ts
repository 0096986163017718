import type { Seat } from '../game.ts';
import { nextInt, type RngState } from '../rng.ts';
import { type Arena, circleHitsWall, type Point } from './arena.ts';
import { MUZZLE_UNITS, TANK_RULES, UNITS_PER_PIXEL } from './constants.ts';
import type { Axis, TankInput } from './input.ts';
import { cellAt, cellCentre, findPath, isClearDrive, isClearShot } from './path.ts';
import type { BulletRow, TankRow, TanksSnapshot } from './snapshot.ts';
import { ANGLE_STEPS, angleDiff, angleOf, cos, sin, TRIG_ONE } from './trig.ts';

//
// A tank bot (H4) that sees only what any client sees: a snapshot and the map. Each call is one
// decision, a pure function of (snapshot, arena, seat, memory, rng); the host keeps the memory and
// the rng between calls. Priorities, first that applies:
//   1. getting unstuck: it barely moved for a while, so it reverses and turns for a moment;
//   2. dodging: a bullet will pass within reach soon, so it drives away from the bullet's line;
//   3. fighting: an enemy in sight and close, so it strafes across the line of fire (backs off if
//      very close);
//   4. travelling: along a shortest path of cells toward the nearest enemy (or a random spawn
//      point when none is alive), replanned every second or when the enemy changes cell, cutting
//      corners where the way is clear.
// Meanwhile the turret tracks the enemy, aiming where the shot will meet it (solving the intercept
// from the enemy's velocity and the bullet speed), and fires when the line is clear and the turret
// is on target.
//

/** What a bot remembers between two decisions: a small JSON value, kept by the host. */
export interface TankBotMemory {
  /** Cells still to visit, next first. */
  readonly path: readonly number[];
  /** The cell the path leads to; -1 for none. */
  readonly goal: number;
  /** The tick the path was planned at; -1 for never. */
  readonly plannedAt: number;
  /** Where the bot was at `watchTick`, to notice it is stuck. */
  readonly watchTick: number;
  readonly watchX: number;
  readonly watchY: number;
  /** Until this tick, drive `unstickThrottle` and turn `unstickTurn`. */
  readonly unstickUntil: number;
  readonly unstickThrottle: Axis;
  readonly unstickTurn: Axis;
  /** Side to strafe to (1 clockwise around the enemy, -1 the other way), until `strafeUntil`. */
  readonly strafe: Axis;
  readonly strafeUntil: number;
}

/** The memory of a bot that has not decided anything yet. */
export const NEW_BOT_MEMORY: TankBotMemory = {
  path: [],
  goal: -1,
  plannedAt: -1,
  watchTick: 0,
  watchX: 0,
  watchY: 0,
  unstickUntil: 0,
  unstickThrottle: -1,
  unstickTurn: 1,
  strafe: 1,
  strafeUntil: 0,
};

/** Tuning, mostly for tests. */
export interface TankBotOptions {
  /** Aim where the target will be (true) or where it is. @default true */
  readonly lead?: boolean;
}

/** One decision: the input for the next tick, and the memory and rng to pass to the next call. */
export interface TankBotDecision {
  readonly input: TankInput;
  readonly memory: TankBotMemory;
  readonly rng: RngState;
}

const PX = UNITS_PER_PIXEL;
const WATCH_TICKS = 45;
const STUCK_UNITS = 6 * PX;
const REPLAN_TICKS = 60;
const ENGAGE_UNITS = 260 * PX;
const TOO_CLOSE_UNITS = 110 * PX;
const DODGE_TICKS = 40;
const DODGE_MISS_UNITS = TANK_RULES.tankRadiusUnits + TANK_RULES.bulletRadiusUnits + 8 * PX;
const WAYPOINT_UNITS = 10 * PX;

interface Me {
  readonly x: number;
  readonly y: number;
  readonly heading: number;
}

/** The turn and throttle that bring the hull onto `desired` (or its reverse) and drive that way. */
function steer(
  me: Me,
  desired: number,
  allowReverse: boolean,
  tolerance: number,
): { throttle: Axis; turn: Axis } {
  let diff = angleDiff(desired, me.heading);
  let throttle: Axis = 1;
  if (allowReverse && Math.abs(diff) > ANGLE_STEPS / 4) {
    diff = angleDiff(desired + ANGLE_STEPS / 2, me.heading);
    throttle = -1;
  }
  const turn: Axis = diff > 24 ? 1 : diff < -24 ? -1 : 0;
  return { throttle: Math.abs(diff) > tolerance ? 0 : throttle, turn };
}

/** A tank's velocity in units per tick, from its row. */
const velocityOf = (tank: TankRow): Point => ({
  x: (tank[4] * cos(tank[2])) / TRIG_ONE,
  y: (tank[4] * sin(tank[2])) / TRIG_ONE,
});

/**
 * The ticks until a bullet fired now from `from` meets a target at `at` moving at `velocity`, or
 * the straight-line ticks if it never does. The bullet starts `MUZZLE_UNITS` out, so it meets
 * the target when |D + V·t| = muzzle + speed·t.
 */
function interceptTicks(from: Point, at: Point, velocity: Point): number {
  const s = TANK_RULES.bulletSpeedUnitsPerTick;
  const dx = at.x - from.x;
  const dy = at.y - from.y;
  const a = velocity.x ** 2 + velocity.y ** 2 - s * s;
  const b = 2 * (dx * velocity.x + dy * velocity.y - s * MUZZLE_UNITS);
  const c = dx * dx + dy * dy - MUZZLE_UNITS ** 2;
  const disc = b * b - 4 * a * c;
  if (a >= 0 || disc < 0 || c <= 0) return Math.max(0, (Math.hypot(dx, dy) - MUZZLE_UNITS) / s);
  return (b + Math.sqrt(disc)) / (-2 * a);
}

/** The nearest living enemy, preferring those in sight, with whether it is in sight. */
function chooseTarget(
  snapshot: TanksSnapshot,
  arena: Arena,
  seat: Seat,
  me: Point,
): { tank: TankRow; seat: Seat; visible: boolean } | undefined {
  let best: { tank: TankRow; seat: Seat; visible: boolean } | undefined;
  let bestScore = Number.POSITIVE_INFINITY;
  snapshot.tanks.forEach((tank, other) => {
    if (other === seat || tank[5] <= 0) return;
    const visible = isClearShot(arena, me, { x: tank[0], y: tank[1] });
    const score = Math.hypot(tank[0] - me.x, tank[1] - me.y) * (visible ? 1 : 3);
    if (score < bestScore) {
      bestScore = score;
      best = { tank, seat: other, visible };
    }
  });
  return best;
}

/** Where `bullet` is at tick `t`. */
const bulletAt = (bullet: BulletRow, t: number): Point => ({
  x: bullet[2] + bullet[5] * (t - bullet[4]),
  y: bullet[3] + bullet[6] * (t - bullet[4]),
});

/** The direction to sidestep the most urgent bullet that would pass within reach soon, if any. */
function dodgeDirection(snapshot: TanksSnapshot, arena: Arena, me: Point, side: Axis): number | undefined {
  let urgent = Number.POSITIVE_INFINITY;
  let direction: number | undefined;
  for (const bullet of snapshot.bullets) {
    const at = bulletAt(bullet, snapshot.t);
    const vx = bullet[5];
    const vy = bullet[6];
    const dx = me.x - at.x;
    const dy = me.y - at.y;
    const ticks = (dx * vx + dy * vy) / (vx * vx + vy * vy);
    if (ticks <= 0 || ticks > DODGE_TICKS || ticks >= urgent) continue;
    const offX = dx - vx * ticks;
    const offY = dy - vy * ticks;
    if (Math.hypot(offX, offY) > DODGE_MISS_UNITS) continue;
    if (!isClearShot(arena, at, { x: me.x - offX, y: me.y - offY })) continue;
    urgent = ticks;
    // Away from the bullet's line; straight across it when the bullet comes dead on.
    direction =
      Math.abs(offX) + Math.abs(offY) < PX
        ? angleOf(vx, vy) + (side * ANGLE_STEPS) / 4
        : angleOf(Math.round(offX), Math.round(offY));
  }
  if (direction === undefined) return undefined;
  const ahead = (angle: number) =>
    circleHitsWall(
      arena,
      me.x + (cos(angle) * 24 * PX) / TRIG_ONE,
      me.y + (sin(angle) * 24 * PX) / TRIG_ONE,
      TANK_RULES.tankRadiusUnits,
    );
  return ahead(direction) ? direction + ANGLE_STEPS / 2 : direction;
}

/**
 * The bot's input for the next tick, seen from `seat` in `snapshot` on `arena`.
 * @example
 * let memory = NEW_BOT_MEMORY, rng = seedRng(seat);
 * ({ input, memory, rng } = tankBot(snapshot, MAPS.get(snapshot.map)!, seat, memory, rng));
 */
export function tankBot(
  snapshot: TanksSnapshot,
  arena: Arena,
  seat: Seat,
  memory: TankBotMemory,
  rng: RngState,
  options: TankBotOptions = {},
): TankBotDecision {
  const t = snapshot.t;
  const row = snapshot.tanks[seat];
  if (row === undefined || row[5] <= 0) {
    const input = { throttle: 0, turn: 0, aim: row?.[3] ?? 0, fire: false } as const;
    return { input, memory: { ...memory, path: [], goal: -1, plannedAt: -1, watchTick: t }, rng };
  }
  const me: Me = { x: row[0], y: row[1], heading: row[2] };
  let next: TankBotMemory = memory;
  let random = rng;
  const draw = (bound: number): number => {
    const [value, after] = nextInt(random, bound);
    random = after;
    return value;
  };

  // Aim and fire.
  const target = chooseTarget(snapshot, arena, seat, me);
  let aim = row[2];
  let fire = false;
  if (target !== undefined) {
    const at = { x: target.tank[0], y: target.tank[1] };
    const velocity = velocityOf(target.tank);
    const ticks = interceptTicks(me, at, options.lead === false ? { x: 0, y: 0 } : velocity);
    const lead = options.lead === false ? 0 : ticks;
    aim = angleOf(Math.round(at.x + velocity.x * lead - me.x), Math.round(at.y + velocity.y * lead - me.y));
    const distance = Math.hypot(at.x - me.x, at.y - me.y);
    const tolerance = Math.max(
      6,
      (0.6 * TANK_RULES.tankRadiusUnits * ANGLE_STEPS) / (2 * Math.PI * distance),
    );
    fire =
      target.visible &&
      t + 1 >= row[7] &&
      ticks < TANK_RULES.bulletLifetimeTicks - 10 &&
      Math.abs(angleDiff(aim, row[3])) <= tolerance;
  }

  // Notice being stuck: hardly any progress over the last watch period.
  if (t - next.watchTick >= WATCH_TICKS) {
    const moved = Math.hypot(me.x - next.watchX, me.y - next.watchY);
    next = { ...next, watchTick: t, watchX: me.x, watchY: me.y };
    if (moved < STUCK_UNITS && next.unstickUntil < t) {
      const unstickThrottle: Axis = row[4] > 0 || draw(2) === 0 ? -1 : 1;
      const unstickTurn: Axis = draw(2) === 0 ? -1 : 1;
      next = {
        ...next,
        unstickUntil: t + 20 + draw(20),
        unstickThrottle,
        unstickTurn,
        path: [],
        plannedAt: -1,
      };
    }
  }
  if (next.strafeUntil <= t)
    next = { ...next, strafe: draw(2) === 0 ? -1 : 1, strafeUntil: t + 60 + draw(90) };

  let drive: { throttle: Axis; turn: Axis };
  const dodge = dodgeDirection(snapshot, arena, me, next.strafe);
  if (next.unstickUntil > t) drive = { throttle: next.unstickThrottle, turn: next.unstickTurn };
  else if (dodge !== undefined) drive = steer(me, dodge, true, ANGLE_STEPS / 6);
  else if (
    target?.visible === true &&
    Math.hypot(target.tank[0] - me.x, target.tank[1] - me.y) < ENGAGE_UNITS
  ) {
    const toward = angleOf(target.tank[0] - me.x, target.tank[1] - me.y);
    const close = Math.hypot(target.tank[0] - me.x, target.tank[1] - me.y) < TOO_CLOSE_UNITS;
    let desired = close ? toward + ANGLE_STEPS / 2 : toward + (next.strafe * ANGLE_STEPS) / 4;
    const probe = {
      x: me.x + (cos(desired) * 30 * PX) / TRIG_ONE,
      y: me.y + (sin(desired) * 30 * PX) / TRIG_ONE,
    };
    if (!isClearDrive(arena, me, probe)) {
      next = { ...next, strafe: next.strafe === 1 ? -1 : 1 };
      desired = toward + (next.strafe * ANGLE_STEPS) / 4;
    }
    drive = steer(me, desired, true, ANGLE_STEPS / 6);
  } else {
    ({ drive, memory: next } = travel(snapshot, arena, me, target?.tank, next, draw));
  }
  return {
    input: { ...drive, aim: ((aim % ANGLE_STEPS) + ANGLE_STEPS) % ANGLE_STEPS, fire },
    memory: next,
    rng: random,
  };
}

/** Follows (and keeps up) a path toward the target's cell, or toward a random spawn point. */
function travel(
  snapshot: TanksSnapshot,
  arena: Arena,
  me: Me,
  target: TankRow | undefined,
  memory: TankBotMemory,
  draw: (bound: number) => number,
): { drive: { throttle: Axis; turn: Axis }; memory: TankBotMemory } {
  const t = snapshot.t;
  const here = cellAt(arena, me.x, me.y);
  let next = memory;
  let goal = target === undefined ? next.goal : cellAt(arena, target[0], target[1]);
  if (goal < 0 || (target === undefined && goal === here)) {
    const spawn = arena.spawns[draw(arena.spawns.length)]!;
    goal = cellAt(arena, spawn.x, spawn.y);
  }
  const stale = next.plannedAt < 0 || t - next.plannedAt >= REPLAN_TICKS;
  if (stale || next.path.length === 0 || (goal !== next.goal && t - next.plannedAt >= 10)) {
    next = { ...next, goal, plannedAt: t, path: findPath(arena, here, goal) };
  }
  let path = next.path;
  while (path.length > 0) {
    const waypoint = cellCentre(arena, path[0]!);
    if (Math.hypot(waypoint.x - me.x, waypoint.y - me.y) >= WAYPOINT_UNITS) break;
    path = path.slice(1);
  }
  // Cut a corner when the way to the waypoint after next is clear (one check a tick).
  if (path.length >= 2 && isClearDrive(arena, me, cellCentre(arena, path[1]!))) path = path.slice(1);
  if (path !== next.path) next = { ...next, path };
  if (path.length === 0) return { drive: { throttle: 0, turn: 0 }, memory: { ...next, plannedAt: -1 } };
  const waypoint = cellCentre(arena, path[0]!);
  return {
    drive: steer(
      me,
      angleOf(Math.round(waypoint.x - me.x), Math.round(waypoint.y - me.y)),
      false,
      ANGLE_STEPS / 8,
    ),
    memory: next,
  };
}
