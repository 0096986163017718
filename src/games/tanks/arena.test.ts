import { describe, expect, it } from 'vitest';
import { circleHitsWall, isInWall, MAP_LIMITS, type MapSource, parseArena, tankHitsWall } from './arena.ts';
import { TANK_RULES } from './constants.ts';
import { px, ROOM, testArena } from './fixtures.ts';
import { MAP_IDS, MAP_SOURCES, MAPS } from './maps.ts';

const source = (grid: string, fields: Partial<MapSource> = {}): MapSource => ({
  id: 'test',
  name: 'Test',
  cellSize: 32,
  bounces: 0,
  grid,
  ...fields,
});

describe('shipped tank maps', () => {
  it.each(MAP_SOURCES.map((map) => [map.id, map] as const))(
    '%s parses, is enclosed and has 8+ spawn points',
    (_, map) => {
      const parsed = parseArena(map);
      expect(parsed.ok ? [] : parsed.error).toEqual([]);
      if (!parsed.ok) return;
      const arena = parsed.value;
      expect(arena.spawns.length).toBeGreaterThanOrEqual(MAP_LIMITS.minSpawns);
      expect(arena.spawns.every((spawn) => !tankHitsWall(arena, spawn.x, spawn.y))).toBe(true);
      expect(MAPS.get(map.id)).toEqual(arena);
    },
  );

  it('have distinct ids, at least three, with and without bouncing bullets', () => {
    expect(new Set(MAP_IDS).size).toBe(MAP_IDS.length);
    expect(MAP_IDS.length).toBeGreaterThanOrEqual(3);
    const bounces = MAP_SOURCES.map((map) => map.bounces);
    expect(bounces).toContain(0);
    expect(bounces.some((b) => b > 0)).toBe(true);
  });
});

describe('parseArena', () => {
  it('reads cells row by row, spawn points as cell centres in units', () => {
    const parsed = parseArena(source(ROOM));
    if (!parsed.ok) throw new Error(parsed.error.join('; '));
    const arena = parsed.value;
    expect([arena.width, arena.height, arena.cellUnits, arena.bounces]).toEqual([12, 10, px(32), 0]);
    expect(arena.walls.filter(Boolean).length).toBe(2 * 12 + 2 * 8);
    expect(arena.spawns.slice(0, 2)).toEqual([
      { x: px(48), y: px(48) },
      { x: px(336), y: px(48) },
    ]);
    expect(Object.isFrozen(arena) && Object.isFrozen(arena.walls)).toBe(true);
  });

  it('ignores indentation and blank lines around the drawing', () => {
    const indented = ROOM.split('\n')
      .map((line) => `    ${line}`)
      .join('\n\n');
    expect(parseArena(source(indented))).toEqual(parseArena(source(ROOM)));
  });

  // Each row: a broken map and a piece of the problem it must report.
  const BROKEN: readonly (readonly [string, MapSource, string])[] = [
    [
      'a short row',
      source(ROOM.replace('#..........#\n#..........#', '#..........#\n#.........#')),
      'row 5 has 11 cells',
    ],
    ['an unknown cell', source(ROOM.replace('#..........#', '#....x.....#')), 'unknown cell "x"'],
    ['a hole in the border', source(ROOM.replace('#..........#', '...........#')), 'border must be walls'],
    ['too few spawn points', source(ROOM.replace('#S........S#', '#.........S#')), 'at least 8 spawn points'],
    [
      'a spawn point walled off',
      source(ROOM.replace('#S........S#\n#S........S#', '#S#.......S#\n##S.......S#')),
      'cut off',
    ],
    ['a tiny grid', source('#####\n#SSS#\n#####'), 'grid must be 8 to 64 cells'],
    ['cells too small for a tank', source(ROOM, { cellSize: 20 }), 'cellSize must be an integer from 30'],
    ['too many bounces', source(ROOM, { bounces: 9 }), 'bounces must be an integer from 0 to 5'],
    ['a bad id', source(ROOM, { id: 'Big Map' }), 'id "Big Map" must match'],
    ['no name', source(ROOM, { name: ' ' }), 'name must not be empty'],
  ];

  it.each(BROKEN)('refuses %s', (_, map, problem) => {
    const parsed = parseArena(map);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error.join('\n')).toContain(problem);
  });
});

describe('arena geometry', () => {
  const arena = testArena(ROOM);
  const r = TANK_RULES.tankRadiusUnits;

  it('finds walls by point, and everything outside the grid is a wall', () => {
    expect([
      isInWall(arena, px(31), px(100)),
      isInWall(arena, px(32), px(100)),
      isInWall(arena, -1, 5),
    ]).toEqual([true, false, true]);
  });

  it('lets a circle touch a wall face but not cross it, and rounds wall corners', () => {
    // The left wall's face is x = 32 px.
    expect(circleHitsWall(arena, px(32) + r, px(150), r)).toBe(false);
    expect(circleHitsWall(arena, px(32) + r - 1, px(150), r)).toBe(true);
    // Diagonal from the inner corner (32 px, 32 px): a circle clears it by its radius along the diagonal.
    const inner = testArena(ROOM.replace('#S........S#\n#S', '#S..#.....S#\n#S'));
    const cornerX = px(4 * 32);
    const cornerY = px(2 * 32);
    expect(circleHitsWall(inner, cornerX - 2000, cornerY + 2000, 2828)).toBe(false);
    expect(circleHitsWall(inner, cornerX - 2000, cornerY + 2000, 2829)).toBe(true);
  });
});
