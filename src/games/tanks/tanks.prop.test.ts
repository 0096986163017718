import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PROPERTY_SEED } from '../contract.ts';
import type { Seat } from '../game.ts';
import { isInWall, tankHitsWall } from './arena.ts';
import { TANK_RULES } from './constants.ts';
import { BotTable, freeze, randomInputLog } from './fixtures.ts';
import { tanks } from './index.ts';
import { makeInput, parseInput, type TankInput } from './input.ts';
import { MAP_IDS, MAPS } from './maps.ts';
import { advance } from './step.ts';
import { bulletX, bulletY, createState, type TanksState } from './world.ts';

// Random matches: random held inputs for some seats, bots for the others (so that tanks really
// fight, die and respawn), on every map, checked tick by tick. One expect per match, not per tick.

const params = { seed: PROPERTY_SEED, numRuns: 30 };
const matches = fc.record({
  seed: fc.integer(),
  inputSeed: fc.integer(),
  seats: fc.integer({ min: 2, max: 8 }),
  map: fc.constantFrom(...MAP_IDS),
  ticks: fc.integer({ min: 60, max: 900 }),
  scoreLimit: fc.integer({ min: 0, max: 3 }),
  botSeats: fc.nat({ max: 255 }),
});
type Match = typeof matches extends fc.Arbitrary<infer M> ? M : never;

interface Played {
  readonly states: readonly TanksState[];
  /** `log[i]` took `states[i]` to `states[i + 1]`. */
  readonly log: readonly ReadonlyMap<Seat, TankInput>[];
}

/** The start of a match, frozen all the way down. */
const startOf = (match: Match): TanksState =>
  freeze(
    createState(
      {
        arena: MAPS.get(match.map)!,
        seats: match.seats,
        durationTicks: match.ticks,
        scoreLimit: match.scoreLimit,
      },
      match.seed,
    ),
  );

/** Plays a match to its outcome; every state is frozen before `advance` sees it, so a mutation throws. */
function play(match: Match): Played {
  const random = randomInputLog(match.seats, match.ticks, match.inputSeed);
  const botSeats = Array.from({ length: match.seats }, (_, seat) => seat).filter(
    (s) => (match.botSeats >> s) & 1,
  );
  const bots = new BotTable(match.seats, match.inputSeed);
  const states = [startOf(match)];
  const log: Map<Seat, TankInput>[] = [];
  while (states.at(-1)!.outcome === null) {
    const state = states.at(-1)!;
    const inputs = new Map(random[state.tick]);
    for (const [seat, decided] of bots.decide(state, botSeats)) inputs.set(seat, decided);
    log.push(inputs);
    states.push(freeze(advance(state, inputs)));
  }
  return { states, log };
}

/** What is wrong with a state, if anything. */
function problems(state: TanksState): string[] {
  const found: string[] = [];
  const { arena } = state;
  const living = state.tanks.flatMap((tank, seat) => (tank.health > 0 ? [{ tank, seat }] : []));
  for (const { tank, seat } of living) {
    if (tankHitsWall(arena, tank.x, tank.y)) found.push(`tick ${state.tick}: tank ${seat} in a wall`);
    for (const other of living) {
      const gap = Math.hypot(tank.x - other.tank.x, tank.y - other.tank.y);
      if (other.seat > seat && gap < 2 * TANK_RULES.tankRadiusUnits) {
        found.push(`tick ${state.tick}: tanks ${seat} and ${other.seat} overlap`);
      }
    }
  }
  for (const tank of state.tanks) {
    if (!Number.isInteger(tank.health) || tank.health < 0 || tank.health > TANK_RULES.maxHealth) {
      found.push(`tick ${state.tick}: health ${tank.health}`);
    }
    if (![tank.x, tank.y, tank.heading, tank.turret, tank.speed].every(Number.isSafeInteger)) {
      found.push(`tick ${state.tick}: a tank number is not an integer`);
    }
  }
  for (const bullet of state.bullets) {
    if (isInWall(arena, bulletX(bullet, state.tick), bulletY(bullet, state.tick))) {
      found.push(`tick ${state.tick}: bullet ${bullet.id} in a wall`);
    }
    if (state.tick - bullet.firedAt >= TANK_RULES.bulletLifetimeTicks)
      found.push(`bullet ${bullet.id} too old`);
  }
  const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
  if (sum(state.kills) !== sum(state.deaths) - sum(state.suicides)) {
    found.push(`tick ${state.tick}: kills ${sum(state.kills)} ≠ deaths ${sum(state.deaths)} − suicides`);
  }
  return found;
}

describe('tank arena random matches (properties)', () => {
  it('keep tanks out of walls and apart, health in range, kills = deaths − suicides, every tick', () => {
    // What the random matches went through, so that the properties are known not to be vacuous.
    // (Suicides are too rare to count on here; step.test.ts has one.)
    const seen = { kills: 0, respawns: 0, bounces: 0, scoreLimits: 0 };
    fc.assert(
      fc.property(matches, (match) => {
        const { states } = play(match);
        expect(states.flatMap(problems)).toEqual([]);
        const end = states.at(-1)!;
        seen.kills += end.kills.reduce((a, b) => a + b, 0);
        seen.scoreLimits += end.outcome?.reason === 'score-limit' ? 1 : 0;
        states.forEach((state, i) => {
          if (i === 0) return;
          const before = states[i - 1]!;
          seen.respawns += state.tanks.filter(
            (t, seat) => t.health > 0 && before.tanks[seat]!.health === 0,
          ).length;
          seen.bounces += state.bullets.filter((b) => b.t0 === state.tick && b.firedAt !== state.tick).length;
        });
      }),
      params,
    );
    expect(Object.entries(seen).filter(([, count]) => count === 0)).toEqual([]);
  });

  it('end at the timer or the score limit, and never change after the end', () => {
    fc.assert(
      fc.property(matches, (match) => {
        const { states, log } = play(match);
        const end = states.at(-1)!;
        const outcome = end.outcome!;
        const best = Math.max(...end.kills);
        const leaders = end.kills.flatMap((kills, seat) => (kills === best ? [seat] : []));
        expect(outcome).toEqual({
          winner: leaders.length === 1 ? leaders[0] : null,
          reason:
            end.tick === match.ticks && (match.scoreLimit === 0 || best < match.scoreLimit)
              ? 'time-up'
              : 'score-limit',
          scores: end.kills,
        });
        expect(states.map((s) => s.tick)).toEqual(states.map((_, i) => i));
        expect(states.slice(0, -1).every((s) => s.outcome === null)).toBe(true);
        expect(log.map((inputs) => advance(end, inputs) === end)).toEqual(log.map(() => true));
        expect(tanks.outcome(end)).toEqual(outcome);
      }),
      params,
    );
  });

  it('replay bit for bit from the seed and the input log sent as JSON', () => {
    fc.assert(
      fc.property(matches, (match) => {
        const { states, log } = play(match);
        const startJson = JSON.stringify(states[0]);
        const wire = JSON.stringify(
          log.map((inputs) => [...inputs].map(([seat, i]) => [seat, makeInput(i)])),
        );
        const received = (JSON.parse(wire) as [Seat, unknown][][]).map(
          (entries) =>
            new Map(
              entries.map(([seat, raw]) => {
                const parsed = parseInput(raw);
                if (!parsed.ok) throw new Error(parsed.error.message);
                return [seat, parsed.value] as const;
              }),
            ),
        );
        let replayed = startOf(match);
        for (const inputs of received) replayed = advance(replayed, inputs);
        expect(replayed).toStrictEqual(states.at(-1));
        expect(JSON.stringify(replayed)).toBe(JSON.stringify(states.at(-1)));
        expect(JSON.stringify(states[0])).toBe(startJson);
      }),
      { ...params, numRuns: 20 },
    );
  });
});

describe('tank arena speed', () => {
  it('runs 8 tanks for a minute of game time (3600 ticks) in well under a second', () => {
    const log = randomInputLog(8, 3600, 99);
    const start = createState(
      { arena: MAPS.get('ricochet')!, seats: 8, durationTicks: 3600, scoreLimit: 0 },
      99,
    );
    // Once to warm up the JIT, once timed.
    for (const timed of [false, true]) {
      const began = performance.now();
      let state = start;
      for (const inputs of log) state = advance(state, inputs);
      const elapsedMs = performance.now() - began;
      expect(state.outcome).not.toBeNull();
      if (timed) expect(elapsedMs).toBeLessThan(1000);
    }
  });
});
