import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PROPERTY_SEED } from '../../contract.ts';
import {
  CELLS,
  canPlay,
  createSolver,
  EMPTY_POSITION,
  isWinningMove,
  MAX_SCORE,
  MIN_SCORE,
  playColumn,
  type SolverPosition,
} from './index.ts';

//
// The negamax identity on random positions: a position's score is the best, over its moves, of
// the score of a move that wins at once ((43 − n) / 2 with n stones played) or minus the score of
// the position the move leads to. Positions come from seeded random play with at least 30 stones
// down, so that each takes a few thousand nodes at most.
//

/** A random unfinished game of at least `minStones` stones (null when random play ended it first). */
const positions = (minStones: number) =>
  fc
    .tuple(
      fc.integer({ min: minStones, max: CELLS - 1 }),
      fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 42, maxLength: 42 }),
    )
    .map(([stones, wanted]) => {
      let position: SolverPosition = EMPTY_POSITION;
      for (const first of wanted.slice(0, stones)) {
        const column = [0, 1, 2, 3, 4, 5, 6]
          .map((k) => (first + k) % 7)
          .find((c) => canPlay(position, c) && !isWinningMove(position, c));
        if (column === undefined) return null;
        position = playColumn(position, column);
      }
      return position;
    })
    .filter((p): p is SolverPosition => p !== null);

const params = { seed: PROPERTY_SEED, numRuns: 150 };

describe('Connect4 solver negamax identity', () => {
  const solver = createSolver();
  const winNow = (p: SolverPosition) => (CELLS + 1 - p.plies) >> 1;

  it('scores a position as the best of its moves', () => {
    fc.assert(
      fc.property(positions(30), (position) => {
        const score = solver.solve(position);
        expect(score).toBeGreaterThanOrEqual(MIN_SCORE);
        expect(score).toBeLessThanOrEqual(MAX_SCORE);
        let best = Number.NEGATIVE_INFINITY;
        for (let column = 0; column < 7; column++) {
          if (!canPlay(position, column)) continue;
          const value = isWinningMove(position, column)
            ? winNow(position)
            : 0 - solver.solve(playColumn(position, column));
          best = Math.max(best, value);
        }
        expect(score).toBe(best === Number.NEGATIVE_INFINITY ? 0 : best);
      }),
      params,
    );
  });

  it('gives analyze the scores of the moves, and solve their maximum', () => {
    fc.assert(
      fc.property(positions(30), (position) => {
        const scores = solver.analyze(position);
        expect(scores).toHaveLength(7);
        for (const [column, s] of scores.entries()) expect(s === null).toBe(!canPlay(position, column));
        const playable = scores.filter((s): s is number => s !== null);
        expect(solver.solve(position)).toBe(playable.length === 0 ? 0 : Math.max(...playable));
      }),
      params,
    );
  });

  it('gives the weak solver the sign of the strong score, also move by move', () => {
    fc.assert(
      fc.property(positions(30), (position) => {
        expect(solver.solve(position, { weak: true })).toBe(Math.sign(solver.solve(position)));
        expect(solver.analyze(position, { weak: true })).toEqual(
          solver.analyze(position).map((s) => (s === null ? null : Math.sign(s))),
        );
      }),
      params,
    );
  });

  it('asks shouldStop every checkEvery positions and stops when it says so', () => {
    const stopper = createSolver();
    let asked = 0;
    const outcome = stopper.solveWithin(EMPTY_POSITION, {
      checkEvery: 1000,
      shouldStop: () => ++asked === 3,
    });
    expect(outcome).toEqual({ complete: false, lower: -21, upper: 21 });
    expect(asked).toBe(3);
    expect(stopper.nodeCount).toBe(3000);
  });

  it('keeps the score within the bounds it reports when a budget stops it', () => {
    const fresh = createSolver();
    fc.assert(
      fc.property(positions(20), fc.integer({ min: 1, max: 2000 }), (position, maxNodes) => {
        const exact = solver.solve(position);
        fresh.reset();
        const outcome = fresh.solveWithin(position, { maxNodes, checkEvery: 1 });
        if (outcome.complete) expect(outcome.score).toBe(exact);
        else {
          expect(outcome.lower).toBeLessThanOrEqual(exact);
          expect(outcome.upper).toBeGreaterThanOrEqual(exact);
          expect(fresh.nodeCount).toBeLessThanOrEqual(maxNodes + 1);
        }
      }),
      { seed: PROPERTY_SEED, numRuns: 25 },
    );
  });
});
