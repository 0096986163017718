import type { Outcome, Seat } from '../game.ts';
import { nextInt, type RngState, type Seed, seedRng } from '../rng.ts';
import type { Arena, Point } from './arena.ts';
import { TANK_RULES } from './constants.ts';
import { angleOf } from './trig.ts';

// The state of a tank match: plain immutable values, integers only (trig.ts says why). Lengths
// in units of 1/256 px, angles in steps of 1/4096 turn (0 = east, clockwise on screen), times in
// ticks. A state is JSON as it is, except that equal states may share their arena object.

/**
 * One seat's tank. Alive exactly when `health > 0`; a destroyed tank keeps where it died.
 *
 * Every tank object is written with its fields in this order, `health` first: engines give
 * objects built with the same keys in the same order one shape, and a shape starting `x, y` would
 * be shared with every `{ x, y }` point of the program, whose fractional values would turn the
 * tanks' positions into boxed doubles (an allocation per field per tank per tick).
 */
export interface Tank {
  /** 0 … TANK_RULES.maxHealth; 0 means destroyed. */
  readonly health: number;
  /** Centre, in units. */
  readonly x: number;
  readonly y: number;
  /** Direction the hull points and drives in. */
  readonly heading: number;
  /** Direction the turret points and fires in, independent of the hull. */
  readonly turret: number;
  /** Along the heading, in units per tick; negative when reversing. */
  readonly speed: number;
  /**
   * While destroyed: the tick it comes back at (or, if every spawn point is taken then, at the
   * first tick one is free). Absolute ticks rather than countdowns, so that a tank and its
   * snapshot row stay unchanged while nothing happens to them.
   */
  readonly respawnAt: number;
  /** The first tick it may fire in. */
  readonly readyAt: number;
}

/**
 * A bullet in flight, stored by where it was at tick `t0` and its velocity, so it changes only when
 * it bounces: at tick t it is at (x0 + vx·(t − t0), y0 + vy·(t − t0)).
 */
export interface Bullet {
  /** Unique within a match, in firing order. */
  readonly id: number;
  /** The seat that fired it. */
  readonly owner: Seat;
  readonly x0: number;
  readonly y0: number;
  readonly t0: number;
  /** Units per tick. */
  readonly vx: number;
  readonly vy: number;
  /** Bounces still allowed; at a wall with none left, the bullet is gone. */
  readonly bouncesLeft: number;
  /** The tick it was fired in (its age and lifetime count from there). */
  readonly firedAt: number;
}

/** `hit`: a bullet damaged a tank; `kill`: it destroyed it. */
export type TankEventKind = 'hit' | 'kill';

/** Something for clients to draw (an explosion), kept for `TANK_RULES.eventWindowTicks` ticks. */
export interface TankEvent {
  /** The tick it happened in (the state's `tick` right after). */
  readonly tick: number;
  readonly kind: TankEventKind;
  /** The tank hit. */
  readonly seat: Seat;
  /** The seat whose bullet it was (the same seat for a suicide). */
  readonly by: Seat;
  /** Where the bullet struck, in units. */
  readonly x: number;
  readonly y: number;
}

/** Why a match ended: the timer ran out, or a seat reached the score limit. */
export type TanksEndReason = 'time-up' | 'score-limit';

/** How a match ended: most kills wins, equal most kills is a draw; `scores` are the kills by seat. */
export interface TanksOutcome extends Outcome {
  readonly reason: TanksEndReason;
  readonly scores: readonly number[];
}

/** A tank match, running or over. */
export interface TanksState {
  readonly arena: Arena;
  /** Ticks played so far. */
  readonly tick: number;
  /** The match ends when `tick` reaches this. */
  readonly durationTicks: number;
  /** Kills that end the match at once; 0 for none. */
  readonly scoreLimit: number;
  /** By seat. */
  readonly tanks: readonly Tank[];
  /** In firing order. */
  readonly bullets: readonly Bullet[];
  readonly nextBulletId: number;
  /** By seat: enemies destroyed (the score). */
  readonly kills: readonly number[];
  /** By seat: times destroyed, suicides included. */
  readonly deaths: readonly number[];
  /** By seat: times destroyed by one's own bullet (no kill is counted for those). */
  readonly suicides: readonly number[];
  /** Events of the last `TANK_RULES.eventWindowTicks` ticks, oldest first. */
  readonly events: readonly TankEvent[];
  /** Draws during play: spawn point ties. */
  readonly rng: RngState;
  /** Set by the tick that ended the match. */
  readonly outcome: TanksOutcome | null;
}

/** What a match is played with, from the options. */
export interface MatchSetup {
  readonly arena: Arena;
  readonly seats: number;
  readonly durationTicks: number;
  readonly scoreLimit: number;
}

/** Whether a tank is in play. */
export const isAlive = (tank: Tank): boolean => tank.health > 0;

/** The x of a bullet at `tick`. */
export const bulletX = (bullet: Bullet, tick: number): number => bullet.x0 + bullet.vx * (tick - bullet.t0);
/** The y of a bullet at `tick`. */
export const bulletY = (bullet: Bullet, tick: number): number => bullet.y0 + bullet.vy * (tick - bullet.t0);

const TANK_GAP2 = (2 * TANK_RULES.tankRadiusUnits) ** 2;

/**
 * Where the tank of `seat` comes back: the free spawn point (no living tank on it) farthest from
 * the nearest living enemy, ties drawn from `rng`; `undefined` when every spawn point is taken.
 */
export function pickSpawn(
  arena: Arena,
  tanks: readonly Tank[],
  seat: Seat,
  rng: RngState,
): { readonly point: Point; readonly rng: RngState } | undefined {
  let best = -1;
  let ties: Point[] = [];
  for (const spawn of arena.spawns) {
    let nearest = Number.POSITIVE_INFINITY;
    for (let other = 0; other < tanks.length; other++) {
      const tank = tanks[other]!;
      if (other === seat || !isAlive(tank)) continue;
      const dx = tank.x - spawn.x;
      const dy = tank.y - spawn.y;
      nearest = Math.min(nearest, dx * dx + dy * dy);
    }
    if (nearest < TANK_GAP2) continue;
    if (nearest > best) {
      best = nearest;
      ties = [spawn];
    } else if (nearest === best) ties.push(spawn);
  }
  if (ties.length === 0) return undefined;
  if (ties.length === 1) return { point: ties[0]!, rng };
  const [index, next] = nextInt(rng, ties.length);
  return { point: ties[index]!, rng: next };
}

/** A fresh tank at `point`, facing the middle of the arena. */
export function spawnTank(arena: Arena, point: Point): Tank {
  const heading = angleOf(
    (arena.width * arena.cellUnits) / 2 - point.x,
    (arena.height * arena.cellUnits) / 2 - point.y,
  );
  return {
    health: TANK_RULES.maxHealth,
    // `| 0` changes no value (spawn points are integers) but keeps positions small integers for
    // the engine even if other `{ x, y }` objects of the program hold fractions (see `Tank`).
    x: point.x | 0,
    y: point.y | 0,
    heading,
    turret: heading,
    speed: 0,
    respawnAt: 0,
    readyAt: 0,
  };
}

/** A tank not yet in play (before its first spawn). */
const WAITING: Tank = {
  health: 0,
  x: 0,
  y: 0,
  heading: 0,
  turret: 0,
  speed: 0,
  respawnAt: 0,
  readyAt: 0,
};

/**
 * The first state of a match: every tank placed in seat order by the spawn rule (the first on a
 * spawn point drawn from the seed, each next one as far as possible from those already placed).
 * The arena has at least 8 spawn points and a tank fits in one cell, so every seat finds one.
 */
export function createState(setup: MatchSetup, seed: Seed): TanksState {
  let rng = seedRng(seed);
  const tanks: Tank[] = Array.from({ length: setup.seats }, () => WAITING);
  for (let seat = 0; seat < setup.seats; seat++) {
    const spawn = pickSpawn(setup.arena, tanks, seat, rng);
    if (spawn === undefined) throw new Error(`no spawn point left for seat ${seat}`);
    tanks[seat] = spawnTank(setup.arena, spawn.point);
    rng = spawn.rng;
  }
  const zeros = (): number[] => new Array<number>(setup.seats).fill(0);
  return {
    arena: setup.arena,
    tick: 0,
    durationTicks: setup.durationTicks,
    scoreLimit: setup.scoreLimit,
    tanks,
    bullets: [],
    nextBulletId: 0,
    kills: zeros(),
    deaths: zeros(),
    suicides: zeros(),
    events: [],
    rng,
    outcome: null,
  };
}
