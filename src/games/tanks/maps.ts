import { type Arena, arenaOf, type MapSource } from './arena.ts';
import { openArena } from './maps/arena.ts';
import { maze } from './maps/maze.ts';
import { ricochet } from './maps/ricochet.ts';

/**
 * The maps the arena ships, in the order the `map` option lists them (the first is the default).
 * Adding a map is one file in maps/ and one entry here (docs/tank-maps.md).
 */
export const MAP_SOURCES: readonly MapSource[] = [openArena, ricochet, maze];

/** The shipped maps, parsed, by id. Parsing happens once, at module load; a broken map throws here. */
export const MAPS: ReadonlyMap<string, Arena> = new Map(
  MAP_SOURCES.map((source) => [source.id, arenaOf(source)]),
);

/** The ids of the shipped maps, in option order. */
export const MAP_IDS: readonly string[] = MAP_SOURCES.map((source) => source.id);
