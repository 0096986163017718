import { type Arena, type Point, tankHitsWall } from './arena.ts';
import { TANK_RULES } from './constants.ts';
import type { TankInput } from './input.ts';
import type { TankRow } from './snapshot.ts';
import { nextSpeed } from './step.ts';
import { cos, normalizeAngle, sin, TRIG_ONE, turnToward } from './trig.ts';

//
// Client-side prediction of one's own tank (H2): the server's row of it, moved on by the inputs the
// server has not applied yet, one tick each, with the movement of step.ts (turn, speed, move x then
// y stopped at walls and at the other tanks as they were last seen). What the client cannot know
// (bullets, being hit, respawning) is left to the server: a destroyed tank is not predicted.
//
// step.ts keeps its per-tank movement private (`driveTank`), so the few lines below repeat it on
// the same constants, trig and collision helpers; predict.test.ts checks that they agree with
// `advance` tick for tick.
//

const GAP2 = (2 * TANK_RULES.tankRadiusUnits) ** 2;

/** `value · trig / TRIG_ONE` truncated toward zero, as step.ts moves tanks. */
const scale = (value: number, trig: number): number => ((value * trig) / TRIG_ONE) | 0;

function isBlocked(arena: Arena, blockers: readonly Point[], x: number, y: number): boolean {
  if (tankHitsWall(arena, x, y)) return true;
  for (const other of blockers) {
    const dx = other.x - x;
    const dy = other.y - y;
    if (dx * dx + dy * dy < GAP2) return true;
  }
  return false;
}

/** How far the tank gets along one axis (dx or dy is 0): all the way, or up to the first obstacle. */
function reach(
  arena: Arena,
  blockers: readonly Point[],
  x: number,
  y: number,
  dx: number,
  dy: number,
): number {
  const length = Math.abs(dx + dy);
  if (!isBlocked(arena, blockers, x + dx, y + dy)) return length;
  // The same bisection as step.ts, so that a tank stops at the same unit against a wall.
  let free = 0;
  let blocked = length;
  while (blocked - free > 1) {
    const mid = (free + blocked) >> 1;
    if (isBlocked(arena, blockers, x + Math.sign(dx) * mid, y + Math.sign(dy) * mid)) blocked = mid;
    else free = mid;
  }
  return free;
}

/**
 * The row one tick after `tick` under `input` (`undefined`: idle, as a seat that never sent one).
 * `blockers` are the centres of the other living tanks.
 */
export function predictStep(
  arena: Arena,
  row: TankRow,
  input: TankInput | undefined,
  tick: number,
  blockers: readonly Point[] = [],
): TankRow {
  const [x0, y0, heading0, turret0, speed0, health, respawnAt, readyAt0] = row;
  if (health <= 0) return row;
  const heading =
    input === undefined ? heading0 : normalizeAngle(heading0 + input.turn * TANK_RULES.hullTurnStepsPerTick);
  const turret =
    input === undefined ? turret0 : turnToward(turret0, input.aim, TANK_RULES.turretTurnStepsPerTick);
  let speed = nextSpeed(speed0, input?.throttle ?? 0);
  const dx = scale(speed, cos(heading));
  const dy = scale(speed, sin(heading));
  let x = x0;
  let y = y0;
  if (dx !== 0) x = (x + Math.sign(dx) * reach(arena, blockers, x, y, dx, 0)) | 0;
  if (dy !== 0) y = (y + Math.sign(dy) * reach(arena, blockers, x, y, 0, dy)) | 0;
  if ((dx !== 0 || dy !== 0) && x === x0 && y === y0) speed = 0;
  const next = tick + 1;
  const readyAt = input?.fire === true && next >= readyAt0 ? next + TANK_RULES.fireCooldownTicks : readyAt0;
  return [x, y, heading, turret, speed, health, respawnAt, readyAt];
}

/** The row after `inputs`, one tick each, from the row of tick `tick`. */
export function predictTank(
  arena: Arena,
  row: TankRow,
  inputs: readonly (TankInput | undefined)[],
  tick: number,
  blockers: readonly Point[] = [],
): TankRow {
  let predicted = row;
  for (let i = 0; i < inputs.length; i++)
    predicted = predictStep(arena, predicted, inputs[i], tick + i, blockers);
  return predicted;
}
