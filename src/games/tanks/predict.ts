import type { Arena, Point } from './arena.ts';
import { TANK_RULES } from './constants.ts';
import type { TankInput } from './input.ts';
import { moveHull, scratchHull, TankObstacles } from './movement.ts';
import type { TankRow } from './snapshot.ts';

//
// Client-side prediction of one's own tank (H2): the server's row of it, moved on by the inputs the
// server has not applied yet, one tick each, with the movement of step.ts (turn, speed, move x then
// y stopped at walls and at the other tanks as they were last seen). What the client cannot know
// (bullets, being hit, respawning) is left to the server: a destroyed tank is not predicted.
//
// The hull moves by the rules' own `moveHull` (movement.ts); predict.test.ts checks that the
// prediction agrees with `advance` tick for tick.
//

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
  const hull = { x: x0, y: y0, heading: heading0, turret: turret0, speed: speed0 };
  const { x, y, heading, turret, speed } = moveHull(
    hull,
    input,
    new TankObstacles(arena, blockers),
    scratchHull(),
  );
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
