import { describe, expect, it } from 'vitest';
import { judgeMove } from './judge-move.ts';
import type { Analysis } from './model.ts';

/** An analysis of columns given as [column, lower, upper]. */
const analysis = (columns: Array<[number, number, number]>, best: number[]): Analysis => ({
  position: '',
  columns: columns.map(([column, lower, upper]) => ({ column, lower, upper })),
  score: Math.max(...columns.map(([, lower]) => lower)),
  best,
  complete: columns.every(([, lower, upper]) => lower === upper),
  explored: 0,
});

describe('judging a move from the analysis of the position before it', () => {
  it('names the best column best', () => {
    expect(
      judgeMove(
        analysis(
          [
            [1, -2, -2],
            [4, 1, 1],
          ],
          [4],
        ),
        4,
      ),
    ).toBe('best');
  });

  it('calls a move into a proven loss, where something else did not lose, the losing move', () => {
    const a = analysis(
      [
        [1, -18, -18],
        [2, 0, 0],
        [3, -5, 3],
      ],
      [2],
    );
    expect(judgeMove(a, 1)).toBe('losing');
  });

  it('calls a draw where a win was proven giving away the win', () => {
    expect(
      judgeMove(
        analysis(
          [
            [1, 0, 0],
            [4, 3, 3],
          ],
          [4],
        ),
        1,
      ),
    ).toBe('drawn');
    // Not proven lost (a range reaching 0) but a win was there: still the win given away.
    expect(
      judgeMove(
        analysis(
          [
            [1, -4, 0],
            [4, 3, 3],
          ],
          [4],
        ),
        1,
      ),
    ).toBe('drawn');
  });

  it('calls a slower win (or faster loss) of the same result not the best', () => {
    expect(
      judgeMove(
        analysis(
          [
            [1, 2, 2],
            [4, 5, 5],
          ],
          [4],
        ),
        1,
      ),
    ).toBe('slower');
    expect(
      judgeMove(
        analysis(
          [
            [1, -18, -18],
            [4, -3, -3],
          ],
          [4],
        ),
        1,
      ),
    ).toBe('slower');
  });

  it('says nothing it cannot prove', () => {
    // The other column is unproven: it is better, but whether it saves the game is not known.
    expect(
      judgeMove(
        analysis(
          [
            [1, -18, -18],
            [2, -17, 18],
          ],
          [],
        ),
        1,
      ),
    ).toBe('slower');
    expect(
      judgeMove(
        analysis(
          [
            [1, -18, -18],
            [2, -18, 18],
          ],
          [],
        ),
        1,
      ),
    ).toBe('unknown');
    expect(
      judgeMove(
        analysis(
          [
            [1, -3, 5],
            [2, 1, 1],
          ],
          [2],
        ),
        1,
      ),
    ).toBe('unknown');
    // A column that is not in the analysis (full) cannot be judged.
    expect(judgeMove(analysis([[1, 0, 0]], [1]), 5)).toBe('unknown');
  });
});
