import type { Seat } from '../game.ts';
import { type Arena, isWallCell } from './arena.ts';
import { MUZZLE_UNITS, TANK_RULES } from './constants.ts';
import type { TankInput } from './input.ts';
import { type Hull, moveHull, scale, scratchHull, TankObstacles } from './movement.ts';
import { cos, sin } from './trig.ts';
import {
  type Bullet,
  bulletX,
  bulletY,
  isAlive,
  pickSpawn,
  spawnTank,
  type Tank,
  type TankEvent,
  type TanksOutcome,
  type TanksState,
} from './world.ts';

//
// One fixed step of the arena, in this order:
//   1. tanks, in seat order: a destroyed tank respawns once its time has come and a spawn point
//      is free; a living one turns,
//      speeds up or slows down, moves (x, then y, each stopped at the first wall or tank in the
//      way, so it slides along walls), turns its turret toward the aim and fires if ready;
//   2. bullets, in firing order: expire, move (bouncing off walls or vanishing), hit tanks;
//   3. the match: a score limit reached or the timer out sets the outcome.
// Seat order decides who gets a contested spot first; it is fixed, so replays are exact.
//

const R = TANK_RULES.tankRadiusUnits;
const HIT2 = (R + TANK_RULES.bulletRadiusUnits) ** 2;

/** The living tank of `seat` after one tick of `input` (none: idle), not yet firing. */
function driveTank(obstacles: TankObstacles, hull: Hull, seat: Seat, input: TankInput | undefined): Tank {
  const tank = obstacles.tanks[seat] as Tank;
  obstacles.skip = seat;
  const { x, y, heading, turret, speed } = moveHull(tank, input, obstacles, hull);
  if (
    x === tank.x &&
    y === tank.y &&
    heading === tank.heading &&
    turret === tank.turret &&
    speed === tank.speed
  ) {
    return tank;
  }
  return {
    health: tank.health,
    x,
    y,
    heading,
    turret,
    speed,
    respawnAt: tank.respawnAt,
    readyAt: tank.readyAt,
  };
}

/** Scratch space of one bullet move, local to one `advance` call. */
interface Flight {
  x: number;
  y: number;
  vx: number;
  vy: number;
  bouncesLeft: number;
  bounced: boolean;
}

/**
 * Moves a point by (dx, dy), less than a cell each way, from a floor cell: x first, then y. A
 * move into a wall cell is mirrored at the wall face and reverses that axis of the velocity,
 * using one bounce; with none left the bullet is gone (`false`).
 */
function fly(arena: Arena, flight: Flight, dx: number, dy: number): boolean {
  const size = arena.cellUnits;
  let x = flight.x + dx;
  let cx = Math.floor(x / size);
  if (isWallCell(arena, cx, Math.floor(flight.y / size))) {
    if (flight.bouncesLeft === 0) return false;
    const face = dx > 0 ? cx * size : (cx + 1) * size;
    x = 2 * face - 1 - x;
    cx = Math.floor(x / size);
    flight.vx = -flight.vx;
    flight.bouncesLeft--;
    flight.bounced = true;
  }
  let y = flight.y + dy;
  const cy = Math.floor(y / size);
  if (isWallCell(arena, cx, cy)) {
    if (flight.bouncesLeft === 0) return false;
    const face = dy > 0 ? cy * size : (cy + 1) * size;
    y = 2 * face - 1 - y;
    flight.vy = -flight.vy;
    flight.bouncesLeft--;
    flight.bounced = true;
  }
  flight.x = x | 0;
  flight.y = y | 0;
  return true;
}

/** A bullet leaving the turret of `tank` at tick `t0`, or `null` if it dies in a wall at once. */
function fire(arena: Arena, flight: Flight, tank: Tank, seat: Seat, id: number, t0: number): Bullet | null {
  const c = cos(tank.turret);
  const s = sin(tank.turret);
  flight.x = tank.x;
  flight.y = tank.y;
  flight.vx = scale(TANK_RULES.bulletSpeedUnitsPerTick, c);
  flight.vy = scale(TANK_RULES.bulletSpeedUnitsPerTick, s);
  flight.bouncesLeft = arena.bounces;
  if (!fly(arena, flight, scale(MUZZLE_UNITS, c), scale(MUZZLE_UNITS, s))) return null;
  const { x, y, vx, vy, bouncesLeft } = flight;
  return { id, owner: seat, x0: x, y0: y, t0, vx, vy, bouncesLeft, firedAt: t0 + 1 };
}

/** The bullet at `tick` (the same object unless it bounced), or `null` once expired or stopped by a wall. */
function moveBullet(arena: Arena, flight: Flight, bullet: Bullet, tick: number): Bullet | null {
  if (tick - bullet.firedAt >= TANK_RULES.bulletLifetimeTicks) return null;
  flight.x = bulletX(bullet, tick - 1);
  flight.y = bulletY(bullet, tick - 1);
  flight.vx = bullet.vx;
  flight.vy = bullet.vy;
  flight.bouncesLeft = bullet.bouncesLeft;
  flight.bounced = false;
  if (!fly(arena, flight, bullet.vx, bullet.vy)) return null;
  if (!flight.bounced) return bullet;
  const { x, y, vx, vy, bouncesLeft } = flight;
  return { ...bullet, x0: x, y0: y, t0: tick, vx, vy, bouncesLeft };
}

/** The seat whose tank `bullet` (at x, y) strikes at `tick`, or -1. */
function struck(tanks: readonly Tank[], bullet: Bullet, x: number, y: number, tick: number): Seat {
  const ownIsSafe = tick - bullet.firedAt < TANK_RULES.ownBulletSafeTicks;
  for (let seat = 0; seat < tanks.length; seat++) {
    const tank = tanks[seat]!;
    if (tank.health <= 0 || (seat === bullet.owner && ownIsSafe)) continue;
    const dx = tank.x - x;
    const dy = tank.y - y;
    if (dx * dx + dy * dy < HIT2) return seat;
  }
  return -1;
}

/** The outcome once kills or time decide it: most kills wins, a tie for most is a draw. */
function decide(kills: readonly number[], reason: TanksOutcome['reason']): TanksOutcome {
  const best = Math.max(...kills);
  const leaders = kills.flatMap((k, seat) => (k === best ? [seat] : []));
  return { winner: leaders.length === 1 ? leaders[0]! : null, reason, scores: [...kills] };
}

/**
 * The state one tick (1/60 s) later, given the latest input of each seat (a seat without one
 * idles: no throttle, no turn, turret still, no fire). Never mutates `state`; once the match is
 * over, returns `state` itself.
 */
export function advance(state: TanksState, inputs: ReadonlyMap<Seat, TankInput>): TanksState {
  if (state.outcome !== null) return state;
  const { arena } = state;
  const tick = state.tick + 1;
  const flight: Flight = { x: 0, y: 0, vx: 0, vy: 0, bouncesLeft: 0, bounced: false };
  const tanks = state.tanks.slice();
  const obstacles = new TankObstacles(arena, tanks);
  const hull = scratchHull();
  let { rng, nextBulletId } = state;
  let fired: Bullet[] | null = null;

  for (let seat = 0; seat < tanks.length; seat++) {
    const tank = tanks[seat]!;
    if (!isAlive(tank)) {
      const spawn = tick >= tank.respawnAt ? pickSpawn(arena, tanks, seat, rng) : undefined;
      if (spawn !== undefined) {
        tanks[seat] = spawnTank(arena, spawn.point);
        rng = spawn.rng;
      }
      continue;
    }
    const input = inputs.get(seat);
    const driven = driveTank(obstacles, hull, seat, input);
    tanks[seat] = driven;
    if (input?.fire === true && tick >= driven.readyAt) {
      tanks[seat] = { ...driven, readyAt: tick + TANK_RULES.fireCooldownTicks };
      const bullet = fire(arena, flight, driven, seat, nextBulletId++, state.tick);
      if (bullet !== null) {
        fired ??= [];
        fired.push(bullet);
      }
    }
  }

  const flying = fired === null ? state.bullets : state.bullets.concat(fired);
  let bullets: Bullet[] | null = null;
  let kills = state.kills;
  let deaths = state.deaths;
  let suicides = state.suicides;
  const window = tick - TANK_RULES.eventWindowTicks;
  let events =
    state.events.length > 0 && state.events[0]!.tick <= window
      ? state.events.filter((e) => e.tick > window)
      : state.events;
  let newEvents: TankEvent[] | null = null;
  for (let i = 0; i < flying.length; i++) {
    const bullet = flying[i]!;
    let next = moveBullet(arena, flight, bullet, tick);
    if (next !== null) {
      const x = bulletX(next, tick);
      const y = bulletY(next, tick);
      const seat = struck(tanks, next, x, y, tick);
      if (seat >= 0) {
        next = null;
        const tank = tanks[seat]!;
        const health = Math.max(0, tank.health - TANK_RULES.bulletDamage);
        const by = bullet.owner;
        newEvents ??= [];
        if (health > 0) {
          tanks[seat] = { ...tank, health };
          newEvents.push({ tick, kind: 'hit', seat, by, x, y });
        } else {
          tanks[seat] = { ...tank, health, speed: 0, respawnAt: tick + TANK_RULES.respawnDelayTicks };
          newEvents.push({ tick, kind: 'kill', seat, by, x, y });
          deaths = deaths.with(seat, deaths[seat]! + 1);
          if (by === seat) suicides = suicides.with(seat, suicides[seat]! + 1);
          else kills = kills.with(by, kills[by]! + 1);
        }
      }
    }
    if (next !== bullet && bullets === null) bullets = flying.slice(0, i);
    if (bullets !== null && next !== null) bullets.push(next);
  }
  if (newEvents !== null) events = events.concat(newEvents);

  let outcome: TanksOutcome | null = null;
  if (state.scoreLimit > 0 && kills !== state.kills && Math.max(...kills) >= state.scoreLimit) {
    outcome = decide(kills, 'score-limit');
  } else if (tick >= state.durationTicks) outcome = decide(kills, 'time-up');

  return {
    arena,
    tick,
    durationTicks: state.durationTicks,
    scoreLimit: state.scoreLimit,
    tanks,
    bullets: bullets ?? flying,
    nextBulletId,
    kills,
    deaths,
    suicides,
    events,
    rng,
    outcome,
  };
}
