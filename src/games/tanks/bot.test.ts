import { describe, expect, it } from 'vitest';
import type { Seat } from '../game.ts';
import { seedRng } from '../rng.ts';
import { NEW_BOT_MEMORY, tankBot } from './bot.ts';
import { TANK_RULES } from './constants.ts';
import { BotTable, placed, px, testArena } from './fixtures.ts';
import type { TankInput } from './input.ts';
import { MAP_IDS, MAPS } from './maps.ts';
import { snapshotOf } from './snapshot.ts';
import { advance } from './step.ts';
import { cos, sin, TRIG_ONE } from './trig.ts';
import { createState, type TanksState } from './world.ts';

/** A 40 × 30 room with no inner walls (spawn points along the top and bottom rows). */
const openRow = (fill: string) => `#${fill.repeat(38)}#`;
const OPEN = testArena(
  [
    '#'.repeat(40),
    openRow('S'),
    ...new Array<string>(26).fill(openRow('.')),
    openRow('S'),
    '#'.repeat(40),
  ].join('\n'),
);
const SEATS = [0, 1, 2, 3, 4, 5, 6, 7];

describe('tank bot: a match of 8 bots', () => {
  it.each(MAP_IDS)('on %s, produces kills and keeps every bot on the move for 60 s', (map) => {
    let state = createState({ arena: MAPS.get(map)!, seats: 8, durationTicks: 3600, scoreLimit: 0 }, 7);
    const bots = new BotTable(8, 7);
    const travelled = new Array<number>(8).fill(0);
    const cells = SEATS.map(() => new Set<number>());
    // For each bot, the least it moved away from where it was over any 5 s it spent alive.
    const WINDOW = 300;
    const history: { x: number; y: number; alive: boolean }[][] = SEATS.map(() => []);
    while (state.outcome === null) {
      const next = advance(state, bots.decide(state, SEATS));
      next.tanks.forEach((tank, seat) => {
        const before = state.tanks[seat]!;
        if (tank.health > 0 && before.health > 0)
          travelled[seat]! += Math.hypot(tank.x - before.x, tank.y - before.y);
        cells[seat]!.add(
          Math.floor(tank.y / state.arena.cellUnits) * 1000 + Math.floor(tank.x / state.arena.cellUnits),
        );
        history[seat]!.push({ x: tank.x, y: tank.y, alive: tank.health > 0 });
      });
      state = next;
    }
    const leastReach = history.map((points) => {
      let least = Number.POSITIVE_INFINITY;
      for (let i = 0; i + WINDOW <= points.length; i += 30) {
        const window = points.slice(i, i + WINDOW);
        if (!window.every((p) => p.alive)) continue;
        least = Math.min(
          least,
          Math.max(...window.map((p) => Math.hypot(p.x - window[0]!.x, p.y - window[0]!.y))),
        );
      }
      return least;
    });
    expect(state.kills.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(8);
    expect(travelled.every((units) => units >= px(1000))).toBe(true);
    expect(cells.every((seen) => seen.size >= 20)).toBe(true);
    expect(leastReach.every((units) => units >= px(8))).toBe(true);
  });

  it('finds a way through the maze to an enemy that stays put, and destroys it', () => {
    const maze = MAPS.get('maze')!;
    // Opposite corners of the maze: no line of sight, walls in between.
    const start = placed(maze, [
      { xPx: 48, yPx: 48 },
      { xPx: 29 * 32 - 16, yPx: 19 * 32 - 16 },
    ]);
    const bots = new BotTable(2, 3);
    let state = start;
    for (let tick = 0; tick < 1800 && state.kills[0] === 0; tick++)
      state = advance(state, bots.decide(state, [0]));
    expect(state.kills[0]).toBe(1);
  });
});

describe('tank bot: aiming', () => {
  /**
   * How many of 36 targets crossing in front of a still shooter its first shot hits: targets at
   * 200 to 500 px, driving straight at full speed across or diagonally.
   */
  function firstShotHits(lead: boolean): number {
    let hits = 0;
    for (const range of [200, 300, 400, 500]) {
      for (const offset of [-120, 0, 120]) {
        for (const heading of [1024, 3072, 512]) {
          const start = placed(OPEN, [
            { xPx: 300, yPx: 480 },
            { xPx: 300 + range, yPx: 480 + offset, heading, speed: TANK_RULES.maxSpeedUnitsPerTick },
          ]);
          const bots = new BotTable(2, range + offset, { lead });
          let state = start;
          for (let tick = 0; tick < 300; tick++) {
            const aim = bots.decide(state, [0]).get(0)!;
            const inputs = new Map<Seat, TankInput>([
              [0, { ...aim, throttle: 0, turn: 0 }],
              [1, { throttle: 1, turn: 0, aim: 0, fire: false }],
            ]);
            state = advance(state, inputs);
            if (state.events.some((event) => event.by === 0)) {
              hits++;
              break;
            }
            if (state.nextBulletId > 0 && !state.bullets.some((bullet) => bullet.id === 0)) break;
          }
        }
      }
    }
    return hits;
  }

  it('hits a target moving in a straight line far more often by leading it than by aiming at it', () => {
    const leading = firstShotHits(true);
    const direct = firstShotHits(false);
    expect(leading).toBeGreaterThanOrEqual(30);
    expect(leading).toBeGreaterThan(direct + 20);
  });
});

describe('tank bot: dodging', () => {
  /** How many of 16 bullets, fired at the tank from 300 px in every direction, hit it. */
  function hitsTaken(dodge: boolean): number {
    let hits = 0;
    for (let k = 0; k < 16; k++) {
      const direction = k * 256;
      const start = placed(OPEN, [
        { xPx: 640, yPx: 480, heading: (k * 700) % 4096 },
        { xPx: 100, yPx: 100, health: 0, respawnAt: 1_000_000 },
      ]);
      const me = start.tanks[0]!;
      const speed = TANK_RULES.bulletSpeedUnitsPerTick;
      const bullet = {
        id: 0,
        owner: 1,
        x0: Math.round(me.x - (cos(direction) * px(300)) / TRIG_ONE),
        y0: Math.round(me.y - (sin(direction) * px(300)) / TRIG_ONE),
        t0: 0,
        vx: Math.trunc((speed * cos(direction)) / TRIG_ONE),
        vy: Math.trunc((speed * sin(direction)) / TRIG_ONE),
        bouncesLeft: 0,
        firedAt: 0,
      };
      let state: TanksState = { ...start, bullets: [bullet], nextBulletId: 1 };
      const bots = new BotTable(2, k);
      for (let tick = 0; tick < 80; tick++)
        state = advance(state, dodge ? bots.decide(state, [0]) : new Map());
      if (state.tanks[0]!.health < TANK_RULES.maxHealth) hits++;
    }
    return hits;
  }

  it('sidesteps bullets coming at it that would hit a tank standing still', () => {
    expect(hitsTaken(false)).toBe(16);
    expect(hitsTaken(true)).toBeLessThanOrEqual(2);
  });
});

describe('tank bot: purity', () => {
  it('decides the same from the same snapshot, memory and rng, with a JSON memory', () => {
    const state = createState(
      { arena: MAPS.get('ricochet')!, seats: 4, durationTicks: 600, scoreLimit: 0 },
      11,
    );
    const snapshot = snapshotOf(state);
    const copy = structuredClone(snapshot);
    const first = tankBot(snapshot, state.arena, 2, NEW_BOT_MEMORY, seedRng(5));
    const again = tankBot(snapshot, state.arena, 2, NEW_BOT_MEMORY, seedRng(5));
    expect(again).toStrictEqual(first);
    expect(snapshot).toStrictEqual(copy);
    expect(JSON.parse(JSON.stringify(first.memory))).toStrictEqual(first.memory);
  });

  it('stays idle while its tank is destroyed', () => {
    const state = placed(OPEN, [
      { xPx: 300, yPx: 300, health: 0, respawnAt: 100, turret: 77 },
      { xPx: 500, yPx: 300 },
    ]);
    const decision = tankBot(snapshotOf(state), state.arena, 0, NEW_BOT_MEMORY, seedRng(1));
    expect(decision.input).toEqual({ throttle: 0, turn: 0, aim: 77, fire: false });
  });
});
