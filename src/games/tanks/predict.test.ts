import { describe, expect, it } from 'vitest';
import type { Seat } from '../game.ts';
import { input, placed, px, ROOM, randomInputLog, testArena } from './fixtures.ts';
import type { TankInput } from './input.ts';
import { MAPS } from './maps.ts';
import { predictStep, predictTank } from './predict.ts';
import { snapshotOf, type TankRow } from './snapshot.ts';
import { advance } from './step.ts';
import { createState, type TanksState } from './world.ts';

// Prediction must land exactly where the server's `advance` puts the tank: any difference shows
// as a correction on the player's screen at every snapshot.

const rowOf = (state: TanksState, seat: Seat): TankRow => snapshotOf(state).tanks[seat]!;

/** The states of `ticks` ticks from `start` with `log[i]` as the inputs of tick i, and the inputs of `seat`. */
function play(start: TanksState, log: readonly ReadonlyMap<Seat, TankInput>[], seat: Seat) {
  const states = [start];
  for (const inputs of log) states.push(advance(states.at(-1)!, inputs));
  return { states, mine: log.map((inputs) => inputs.get(seat)) };
}

/** A one-tank match on `map` (so that nothing but walls is in the way). */
const alone = (map: string, seed: number): TanksState =>
  createState({ arena: MAPS.get(map)!, seats: 1, durationTicks: 100_000, scoreLimit: 0 }, seed);

describe('tank prediction', () => {
  it.each(['arena', 'ricochet', 'maze'])('agrees with advance tick for tick on %s, walls and all', (map) => {
    for (const seed of [1, 2, 3]) {
      const start = alone(map, seed);
      const { states, mine } = play(start, randomInputLog(1, 900, seed), 0);
      let predicted = rowOf(start, 0);
      for (let tick = 0; tick < mine.length; tick++) {
        const actual = rowOf(states[tick + 1]!, 0);
        predicted = predictStep(start.arena, predicted, mine[tick], tick);
        // Hit by its own ricochet (bouncy maps): the server knows better, as it would in a match.
        if (actual[5] !== predicted[5]) predicted = actual;
        expect(predicted, `${map} seed ${seed} tick ${tick + 1}`).toEqual(actual);
      }
    }
  });

  it('replays a list of unacknowledged inputs from any server row to the server state N ticks later', () => {
    const start = alone('maze', 7);
    const { states, mine } = play(start, randomInputLog(1, 300, 7), 0);
    for (const from of [0, 50, 120, 200]) {
      for (const n of [1, 6, 20, 60]) {
        const predicted = predictTank(start.arena, rowOf(states[from]!, 0), mine.slice(from, from + n), from);
        expect(predicted.slice(0, 2)).toEqual(rowOf(states[from + n]!, 0).slice(0, 2));
        expect(predicted).toEqual(rowOf(states[from + n]!, 0));
      }
    }
  });

  it('stops at other tanks given as blockers, as the server does', () => {
    const room = testArena(ROOM);
    const start = placed(room, [
      { xPx: 120, yPx: 160, heading: 0 },
      { xPx: 200, yPx: 160 },
    ]);
    const log = Array.from({ length: 80 }, () => new Map([[0, input({ throttle: 1 })]]));
    const { states, mine } = play(start, log, 0);
    const other = { x: px(200), y: px(160) };
    expect(predictTank(room, rowOf(start, 0), mine, 0, [other])).toEqual(rowOf(states.at(-1)!, 0));
    // Without the blocker it would drive through.
    expect(predictTank(room, rowOf(start, 0), mine, 0)[0]).toBeGreaterThan(px(200));
  });

  it('leaves a destroyed tank where it is (respawning is the server’s)', () => {
    const dead: TankRow = [px(100), px(100), 0, 0, 0, 0, 500, 0];
    expect(predictTank(testArena(ROOM), dead, [input({ throttle: 1 })], 10)).toBe(dead);
  });
});
