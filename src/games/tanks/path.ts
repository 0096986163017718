import { type Arena, circleHitsWall, isInWall, type Point } from './arena.ts';
import { TANK_RULES, UNITS_PER_PIXEL } from './constants.ts';

// Grid helpers for the bot: cells by index (row · width + column), shortest paths by breadth-first
// search, and straight-line checks by sampling. Floating point is fine here: the bot only chooses
// inputs, and replays record inputs, not the bot's thoughts.

/** The cell index of the point (x, y) in units. */
export const cellAt = (arena: Arena, x: number, y: number): number =>
  Math.floor(y / arena.cellUnits) * arena.width + Math.floor(x / arena.cellUnits);

/** The centre of a cell, in units. */
export const cellCentre = (arena: Arena, cell: number): Point => ({
  x: (cell % arena.width) * arena.cellUnits + arena.cellUnits / 2,
  y: Math.floor(cell / arena.width) * arena.cellUnits + arena.cellUnits / 2,
});

/**
 * The shortest path of floor cells from `from` to `to` by side-to-side steps, without `from` and
 * ending with `to`; empty when they are the same cell or `to` cannot be reached.
 */
export function findPath(arena: Arena, from: number, to: number): number[] {
  const { width, walls } = arena;
  if (from === to || walls[to] !== false || walls[from] !== false) return [];
  const previous = new Int32Array(walls.length).fill(-1);
  const queue = new Int32Array(walls.length);
  previous[from] = from;
  queue[0] = from;
  for (let head = 0, tail = 1; head < tail; head++) {
    const cell = queue[head]!;
    if (cell === to) break;
    const x = cell % width;
    const neighbours = [cell - width, cell + width, x > 0 ? cell - 1 : -1, x < width - 1 ? cell + 1 : -1];
    for (const next of neighbours) {
      if (next < 0 || next >= walls.length || walls[next] || previous[next] !== -1) continue;
      previous[next] = cell;
      queue[tail++] = next;
    }
  }
  if (previous[to] === -1) return [];
  const path: number[] = [];
  for (let cell = to; cell !== from; cell = previous[cell]!) path.push(cell);
  return path.reverse();
}

/** Points every `step` units from a to b (both ends included), passed to `test` until it says no. */
function everyPoint(a: Point, b: Point, step: number, test: (x: number, y: number) => boolean): boolean {
  const n = Math.max(1, Math.ceil(Math.hypot(b.x - a.x, b.y - a.y) / step));
  for (let i = 0; i <= n; i++) {
    if (!test(a.x + ((b.x - a.x) * i) / n, a.y + ((b.y - a.y) * i) / n)) return false;
  }
  return true;
}

/** Whether a bullet would fly straight from a to b without meeting a wall. */
export const isClearShot = (arena: Arena, a: Point, b: Point): boolean =>
  everyPoint(a, b, arena.cellUnits / 4, (x, y) => !isInWall(arena, x, y));

const CLEARANCE = TANK_RULES.tankRadiusUnits + UNITS_PER_PIXEL;

/** Whether a tank could drive straight from a to b without touching a wall. */
export const isClearDrive = (arena: Arena, a: Point, b: Point): boolean =>
  everyPoint(
    a,
    b,
    4 * UNITS_PER_PIXEL,
    (x, y) => !circleHitsWall(arena, Math.round(x), Math.round(y), CLEARANCE),
  );
