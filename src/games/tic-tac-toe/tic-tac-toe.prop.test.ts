import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PROPERTY_SEED } from '../contract.ts';
import { GameErrorCode } from '../game-error.ts';
import { ticTacToe } from './index.ts';
import { ALL_MOVES, type Coordinate, type TicTacToeMove, type TicTacToeState } from './rules.ts';

const params = { seed: PROPERTY_SEED, numRuns: 300 };
const choices = fc.array(fc.nat(), { minLength: 9, maxLength: 9 });

/** Every state of a game whose i-th move is `moves[i]`, from the empty board to its end. */
function replay(moves: readonly TicTacToeMove[]): TicTacToeState[] {
  const created = ticTacToe.create({ firstSeat: 0 }, 0);
  if (!created.ok) throw new Error(created.error.message);
  const states = [created.value];
  for (const move of moves) {
    const state = states.at(-1)!;
    if (ticTacToe.outcome(state) !== undefined) break;
    const next = ticTacToe.play(state, ticTacToe.toMove(state)!, move);
    if (!next.ok) throw new Error(next.error.message);
    states.push(next.value);
  }
  return states;
}

/** The moves of a random game: `picks[i]` chooses among the cells still free. */
function randomMoves(picks: readonly number[]): TicTacToeMove[] {
  const free = [...ALL_MOVES];
  return picks.map((pick) => free.splice(pick % free.length, 1)[0]!);
}

/** The 8 symmetries of the square, as maps of a cell. */
const flip = (c: Coordinate) => (4 - c) as Coordinate;
const SYMMETRIES: ((m: TicTacToeMove) => TicTacToeMove)[] = [
  (m) => m,
  (m) => ({ row: m.row, column: flip(m.column) }),
  (m) => ({ row: flip(m.row), column: m.column }),
  (m) => ({ row: flip(m.row), column: flip(m.column) }),
  (m) => ({ row: m.column, column: m.row }),
  (m) => ({ row: flip(m.column), column: m.row }),
  (m) => ({ row: m.column, column: flip(m.row) }),
  (m) => ({ row: flip(m.column), column: flip(m.row) }),
];

describe('TicTacToe random games (properties)', () => {
  it('fill one cell per move and accept no move after the end', () => {
    fc.assert(
      fc.property(choices, (picks) => {
        const states = replay(randomMoves(picks));
        const filled = states.map((s) => s.cells.filter((seat) => seat !== null).length);
        expect(filled).toEqual(states.map((_, ply) => ply));
        const end = states.at(-1)!;
        expect(ticTacToe.outcome(end)).toBeDefined();
        const codes = ALL_MOVES.map((move) => {
          const played = ticTacToe.play(end, 0, move);
          return played.ok || played.error.code;
        });
        expect(codes).toEqual(ALL_MOVES.map(() => GameErrorCode.GAME_OVER));
      }),
      params,
    );
  });

  it('end the same way, after the same number of moves, on a rotated or reflected board', () => {
    fc.assert(
      fc.property(choices, (picks) => {
        const moves = randomMoves(picks);
        const ends = SYMMETRIES.map((symmetry) => {
          const states = replay(moves.map(symmetry));
          return [states.length, states.at(-1)!.outcome];
        });
        for (const end of ends) expect(end).toEqual(ends[0]);
      }),
      params,
    );
  });
});
