import { err, ok, type Result } from '../result.ts';
import { TANK_RULES, UNITS_PER_PIXEL } from './constants.ts';

//
// Arenas are drawn as ASCII art (docs/tank-maps.md): one character per square cell, `#` a wall,
// `.` floor, `S` a spawn point (floor where tanks appear). `parseArena` checks a drawing and turns
// it into an `Arena`, the form the rules use: a row-major wall grid and spawn points in units.
//

/** A map as its author writes it, in src/games/tanks/maps/. */
export interface MapSource {
  /** Stable identifier (lowercase letters, digits, `-`): the value of the `map` option. */
  readonly id: string;
  /** Name shown to people. */
  readonly name: string;
  /** Side of one cell in pixels, 30 … 64 (a tank is 28 px wide). */
  readonly cellSize: number;
  /** How many times a bullet bounces off walls before it disappears at the next one (0 … 5). */
  readonly bounces: number;
  /** The drawing: rows of `#`, `.` and `S`, all the same length; blank lines and indentation are ignored. */
  readonly grid: string;
}

/** A point in units (1/256 px) from the top-left corner of the arena. */
export interface Point {
  readonly x: number;
  readonly y: number;
}

/** A parsed, checked map. Immutable and shared by every state that plays on it. */
export interface Arena {
  readonly id: string;
  readonly name: string;
  /** Size in cells. */
  readonly width: number;
  readonly height: number;
  /** Side of a cell in pixels. */
  readonly cellSize: number;
  /** Side of a cell in units. */
  readonly cellUnits: number;
  readonly bounces: number;
  /** `walls[row * width + column]`: whether that cell is a wall. */
  readonly walls: readonly boolean[];
  /** The centres of the spawn cells, row by row from the top left. */
  readonly spawns: readonly Point[];
}

/** Limits a map must keep. */
export const MAP_LIMITS = {
  minCells: 8,
  maxCells: 64,
  minCellSize: 30,
  maxCellSize: 64,
  maxBounces: 5,
  minSpawns: 8,
} as const;

const ID_PATTERN = /^[a-z][a-z0-9-]*$/;

/** The rows of a drawing: lines trimmed, blank lines dropped. */
const rowsOf = (grid: string): string[] =>
  grid
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');

const isInteger = (value: unknown, min: number, max: number): boolean =>
  Number.isInteger(value) && (value as number) >= min && (value as number) <= max;

/** Problems with the fields other than the grid. */
function headerProblems(source: MapSource): string[] {
  const problems: string[] = [];
  if (!ID_PATTERN.test(source.id)) problems.push(`id ${JSON.stringify(source.id)} must match ${ID_PATTERN}`);
  if (source.name.trim() === '') problems.push('name must not be empty');
  const { minCellSize, maxCellSize, maxBounces } = MAP_LIMITS;
  if (!isInteger(source.cellSize, minCellSize, maxCellSize)) {
    problems.push(`cellSize must be an integer from ${minCellSize} to ${maxCellSize}`);
  }
  if (!isInteger(source.bounces, 0, maxBounces))
    problems.push(`bounces must be an integer from 0 to ${maxBounces}`);
  return problems;
}

/** Cell indexes reachable from `start` through floor, 4-neighbour steps. */
function floodFloor(walls: readonly boolean[], width: number, start: number): Set<number> {
  const seen = new Set([start]);
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    const cell = queue[i]!;
    const x = cell % width;
    for (const next of [cell - width, cell + width, x > 0 ? cell - 1 : -1, x < width - 1 ? cell + 1 : -1]) {
      if (next >= 0 && next < walls.length && !walls[next] && !seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return seen;
}

/**
 * A map drawing checked and turned into an `Arena`, or every problem found: rows of equal length
 * (8 … 64 cells each way) made of `#`, `.` and `S`, a border of walls all around, at least 8 spawn
 * points, all reachable from one another.
 */
export function parseArena(source: MapSource): Result<Arena, readonly string[]> {
  const problems = headerProblems(source);
  const rows = rowsOf(source.grid);
  const height = rows.length;
  const width = rows[0]?.length ?? 0;
  const { minCells, maxCells, minSpawns } = MAP_LIMITS;
  if (!isInteger(height, minCells, maxCells) || !isInteger(width, minCells, maxCells)) {
    problems.push(`the grid must be ${minCells} to ${maxCells} cells each way (got ${width} × ${height})`);
  }
  const walls: boolean[] = [];
  const spawnCells: number[] = [];
  rows.forEach((row, y) => {
    if (row.length !== width) problems.push(`row ${y + 1} has ${row.length} cells, row 1 has ${width}`);
    for (let x = 0; x < width; x++) {
      const char = row[x] ?? '#';
      if (char !== '#' && char !== '.' && char !== 'S') {
        problems.push(`row ${y + 1}, column ${x + 1}: unknown cell ${JSON.stringify(char)} (use # . S)`);
      }
      const border = x === 0 || y === 0 || x === width - 1 || y === height - 1;
      if (border && char !== '#')
        problems.push(`row ${y + 1}, column ${x + 1}: the border must be walls (#)`);
      walls.push(char === '#');
      if (char === 'S') spawnCells.push(y * width + x);
    }
  });
  if (spawnCells.length < minSpawns) {
    problems.push(`at least ${minSpawns} spawn points (S) are needed, found ${spawnCells.length}`);
  }
  if (problems.length > 0) return err(problems);
  const reachable = floodFloor(walls, width, spawnCells[0]!);
  for (const cell of spawnCells) {
    if (!reachable.has(cell)) {
      problems.push(
        `row ${Math.floor(cell / width) + 1}, column ${(cell % width) + 1}: spawn point cut off from the first one`,
      );
    }
  }
  if (problems.length > 0) return err(problems);
  const cellUnits = source.cellSize * UNITS_PER_PIXEL;
  const spawns = spawnCells.map((cell) => ({
    x: (cell % width) * cellUnits + cellUnits / 2,
    y: Math.floor(cell / width) * cellUnits + cellUnits / 2,
  }));
  return ok(
    deepFreeze({
      id: source.id,
      name: source.name,
      width,
      height,
      cellSize: source.cellSize,
      cellUnits,
      bounces: source.bounces,
      walls,
      spawns,
    }),
  );
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** The `Arena` of a map that must be valid (a shipped map): parse problems are a programmer error. */
export function arenaOf(source: MapSource): Arena {
  const parsed = parseArena(source);
  if (!parsed.ok) throw new Error(`map ${source.id}: ${parsed.error.join('; ')}`);
  return parsed.value;
}

/** Whether the cell at column `cx`, row `cy` is a wall; everything outside the grid is. */
export const isWallCell = (arena: Arena, cx: number, cy: number): boolean =>
  cx < 0 || cy < 0 || cx >= arena.width || cy >= arena.height || arena.walls[cy * arena.width + cx] === true;

/** Whether the point (x, y) in units lies in a wall cell. */
export const isInWall = (arena: Arena, x: number, y: number): boolean =>
  isWallCell(arena, Math.floor(x / arena.cellUnits), Math.floor(y / arena.cellUnits));

/**
 * Whether a circle of radius `r` at (x, y) overlaps a wall cell (touching is not overlapping).
 * Integer arithmetic only.
 */
export function circleHitsWall(arena: Arena, x: number, y: number, r: number): boolean {
  const size = arena.cellUnits;
  const r2 = r * r;
  const left = Math.floor((x - r) / size);
  const right = Math.floor((x + r) / size);
  const top = Math.floor((y - r) / size);
  const bottom = Math.floor((y + r) / size);
  for (let cy = top; cy <= bottom; cy++) {
    for (let cx = left; cx <= right; cx++) {
      if (!isWallCell(arena, cx, cy)) continue;
      // The point of the cell nearest the centre; cell edges at cx·size and (cx + 1)·size.
      const nx = Math.min(Math.max(x, cx * size), (cx + 1) * size);
      const ny = Math.min(Math.max(y, cy * size), (cy + 1) * size);
      const dx = x - nx;
      const dy = y - ny;
      if (dx * dx + dy * dy < r2) return true;
    }
  }
  return false;
}

/** Whether a tank at (x, y) would overlap a wall. */
export const tankHitsWall = (arena: Arena, x: number, y: number): boolean =>
  circleHitsWall(arena, x, y, TANK_RULES.tankRadiusUnits);
