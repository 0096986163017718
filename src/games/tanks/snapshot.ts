import type { Viewer } from '../game.ts';
import { type GameError, GameErrorCode, gameError } from '../game-error.ts';
import { err, ok, type Result } from '../result.ts';
import type { Arena } from './arena.ts';
import { TICK_RATE_HZ } from './constants.ts';
import type { TanksState } from './world.ts';

//
// The snapshot: what a client is sent of a state, the same for every viewer (nothing is hidden),
// so a host may encode it once for all. Built to be small and to delta-encode well: numbers only,
// short keys, one array row per entity, times as absolute ticks rather than countdowns, and
// bullets written by their straight-line flight (where and when it started, and its velocity), so
// a still tank's row never changes and a bullet's changes only when it bounces.
//
//   {
//     "t": 1234,                 tick of the state (60 a second)
//     "ends": 10800,             tick at which the timer runs out (time left: ends − t)
//     "map": "arena",            map id (MAPS in maps.ts)
//     "tanks": [                 one row per seat, index = seat
//       [x, y, heading, turret, speed, health, respawnAt, readyAt]
//     ],
//     "bullets": [               in firing order
//       [id, owner, x0, y0, t0, vx, vy]      at tick t a bullet is at (x0 + vx·(t − t0), y0 + vy·(t − t0))
//     ],
//     "scores": [[kills, deaths]],           index = seat
//     "events": [[tick, kind, seat, by, x, y]],   kind 0 = hit, 1 = kill; those of the last 15 ticks,
//                                                 so draw each one once: those with tick > the last drawn
//     "end": null | {"winner": seat | null, "reason": "time-up" | "score-limit", "scores": [kills]}
//   }
//
// Units: positions in 1/256 px from the arena's top-left corner, speeds in units per tick (along
// the heading, negative when reversing; bullets as vx, vy), angles in 1/4096 turn clockwise from
// east, times in ticks. A tank is alive when its health is above 0. A destroyed tank comes back
// at tick `respawnAt` (later if every spawn point is taken then); a tank may fire from tick
// `readyAt` on. Exact units, not pixels, so that a client predicting its own tank (H2) starts
// from the server's numbers; that costs about 4 bytes per tank row.
//

/** [x, y, heading, turret, speed, health, respawnAt, readyAt] of one tank. */
export type TankRow = readonly [
  x: number,
  y: number,
  heading: number,
  turret: number,
  speed: number,
  health: number,
  respawnAt: number,
  readyAt: number,
];

/** [id, owner, x0, y0, t0, vx, vy] of one bullet: at tick t it is at (x0 + vx·(t − t0), y0 + vy·(t − t0)). */
export type BulletRow = readonly [
  id: number,
  owner: number,
  x0: number,
  y0: number,
  t0: number,
  vx: number,
  vy: number,
];

/** [kills, deaths] of one seat. */
export type ScoreRow = readonly [kills: number, deaths: number];

/** The `kind` column of an event row. */
export const EventKind = { hit: 0, kill: 1 } as const;
/** 0 (hit) or 1 (kill). */
export type EventKind = (typeof EventKind)[keyof typeof EventKind];

/** [tick, kind, seat, by, x, y]: at `tick`, a bullet of `by` hit (0) or destroyed (1) the tank of `seat` at (x, y). */
export type EventRow = readonly [
  tick: number,
  kind: EventKind,
  seat: number,
  by: number,
  x: number,
  y: number,
];

/** How the match ended, as in `TanksOutcome`. */
export type SnapshotEnd = {
  readonly winner: number | null;
  readonly reason: string;
  readonly scores: readonly number[];
};

/** What clients see of a match (format above). A `Json` value. */
export type TanksSnapshot = {
  readonly t: number;
  readonly ends: number;
  readonly map: string;
  readonly tanks: readonly TankRow[];
  readonly bullets: readonly BulletRow[];
  readonly scores: readonly ScoreRow[];
  readonly events: readonly EventRow[];
  readonly end: SnapshotEnd | null;
};

/** The snapshot of `state`; the same for every viewer. */
export function snapshotOf(state: TanksState, _viewer?: Viewer): TanksSnapshot {
  return {
    t: state.tick,
    ends: state.durationTicks,
    map: state.arena.id,
    tanks: state.tanks.map((k) => [k.x, k.y, k.heading, k.turret, k.speed, k.health, k.respawnAt, k.readyAt]),
    bullets: state.bullets.map((b) => [b.id, b.owner, b.x0, b.y0, b.t0, b.vx, b.vy]),
    scores: state.kills.map((kills, seat) => [kills, state.deaths[seat]!]),
    events: state.events.map((e) => [e.tick, EventKind[e.kind], e.seat, e.by, e.x, e.y]),
    end:
      state.outcome === null
        ? null
        : { winner: state.outcome.winner, reason: state.outcome.reason, scores: state.outcome.scores },
  };
}

const isInt = (value: unknown): value is number => Number.isSafeInteger(value);
const isRow = (value: unknown, length: number): value is readonly number[] =>
  Array.isArray(value) && value.length === length && value.every(isInt);
const isRows = (value: unknown, length: number): boolean =>
  Array.isArray(value) && value.every((row) => isRow(row, length));

/** Whether `value` is a valid `end` member. */
function isEnd(value: unknown, seats: number): boolean {
  if (value === null) return true;
  if (typeof value !== 'object' || Array.isArray(value)) return false;
  const { winner, reason, scores } = value as Record<string, unknown>;
  return (
    (winner === null || (isInt(winner) && winner >= 0 && winner < seats)) &&
    typeof reason === 'string' &&
    isRow(scores, seats)
  );
}

/**
 * A snapshot from its JSON form, checked (for clients and bots reading what a server sent), or
 * `GAME_BAD_POSITION`. Checks the shape and the integer columns, not the physics.
 */
export function parseSnapshot(raw: unknown): Result<TanksSnapshot, GameError> {
  const bad = (what: string) =>
    err(gameError(GameErrorCode.GAME_BAD_POSITION, `not a tank snapshot: ${what}`));
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return bad('not an object');
  const s = raw as Record<string, unknown>;
  if (!isInt(s.t) || s.t < 0 || !isInt(s.ends) || s.ends < 0) return bad('t and ends must be ticks');
  if (typeof s.map !== 'string') return bad('map must be a map id');
  if (!isRows(s.tanks, 8) || (s.tanks as unknown[]).length < 1)
    return bad('tanks must be rows of 8 integers');
  const seats = (s.tanks as unknown[]).length;
  if (!isRows(s.bullets, 7)) return bad('bullets must be rows of 7 integers');
  if (!isRows(s.scores, 2) || (s.scores as unknown[]).length !== seats)
    return bad('scores must be one [kills, deaths] per seat');
  if (!isRows(s.events, 6)) return bad('events must be rows of 6 integers');
  if (!isEnd(s.end, seats)) return bad('end must be null or an outcome');
  return ok(raw as TanksSnapshot);
}

/** The ticks before the timer of `snapshot` runs out. */
export function ticksLeft(snapshot: TanksSnapshot): number {
  return Math.max(0, snapshot.ends - snapshot.t);
}

/** Ticks as `m:ss`, rounded up to the second. */
export function formatTicks(ticks: number): string {
  const seconds = Math.ceil(ticks / TICK_RATE_HZ);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/**
 * The scoreboard as plain text, for terminals and text mode: time left (or the result), then one
 * line per seat. `names` are the players at each seat.
 * @example
 * Tank arena (arena), 2:41 left
 *   alice  kills 3  deaths 1  health 75
 *   bob    kills 1  deaths 3  destroyed, back in 2 s
 */
export function renderText(snapshot: TanksSnapshot, names?: readonly string[]): string {
  const who = (seat: number) => names?.[seat] ?? `seat ${seat}`;
  const width = Math.max(...snapshot.tanks.map((_, seat) => who(seat).length));
  let status = `${formatTicks(ticksLeft(snapshot))} left`;
  if (snapshot.end !== null) {
    const { winner, scores, reason } = snapshot.end;
    const why = reason === 'score-limit' ? 'score limit reached' : 'time up';
    status =
      winner === null
        ? `${why}: a draw at ${Math.max(...scores)} kills`
        : `${why}: ${who(winner)} wins with ${scores[winner]} kills`;
  }
  const lines = snapshot.tanks.map((tank, seat) => {
    const [kills, deaths] = snapshot.scores[seat] ?? [0, 0];
    const health = tank[5];
    const respawn = tank[6] - snapshot.t;
    const state =
      health > 0
        ? `health ${health}`
        : respawn > 0
          ? `destroyed, back in ${Math.ceil(respawn / TICK_RATE_HZ)} s`
          : 'destroyed, waiting for a free spawn point';
    return `  ${who(seat).padEnd(width)}  kills ${kills}  deaths ${deaths}  ${state}`;
  });
  return [`Tank arena (${snapshot.map}), ${status}`, ...lines].join('\n');
}

/**
 * The arena as text, one character per cell: `#` walls, `.` floor, the seat number of each living
 * tank (0-7) in its cell, `*` bullets.
 */
export function renderArena(snapshot: TanksSnapshot, arena: Arena): string {
  const cells: string[] = arena.walls.map((wall) => (wall ? '#' : '.'));
  const put = (x: number, y: number, char: string) => {
    const cx = Math.floor(x / arena.cellUnits);
    const cy = Math.floor(y / arena.cellUnits);
    if (cx >= 0 && cy >= 0 && cx < arena.width && cy < arena.height) cells[cy * arena.width + cx] = char;
  };
  for (const [, , x0, y0, t0, vx, vy] of snapshot.bullets) {
    put(x0 + vx * (snapshot.t - t0), y0 + vy * (snapshot.t - t0), '*');
  }
  snapshot.tanks.forEach(([x, y, , , , health], seat) => {
    if (health > 0) put(x, y, String(seat));
  });
  return Array.from({ length: arena.height }, (_, row) =>
    cells.slice(row * arena.width, (row + 1) * arena.width).join(''),
  ).join('\n');
}
