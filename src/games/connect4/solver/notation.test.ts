import { describe, expect, it } from 'vitest';
import { GameErrorCode } from '../../game-error.ts';
import { COLUMN_ORDER, createSolver, EMPTY_POSITION, parseSolverPosition, playColumn } from './index.ts';

describe('Connect4 solver notation', () => {
  it('reads the columns played from the empty board', () => {
    expect(parseSolverPosition('')).toEqual({ ok: true, value: EMPTY_POSITION });
    expect(parseSolverPosition('45')).toEqual({
      ok: true,
      value: playColumn(playColumn(EMPTY_POSITION, 3), 4),
    });
  });

  it.each([
    ['4x', 'move 2 ("x") is not a column 1-7'],
    ['408', 'move 2 ("0") is not a column 1-7'],
    ['4 4', 'move 2 (" ") is not a column 1-7'],
    ['4444444', 'move 7 ("4") is in a full column'],
    ['1212121', 'move 7 makes four in a row: the game is over, there is nothing to solve'],
    ['12121213', 'move 8 ("3") comes after the end of the game'],
    ['1'.repeat(43), 'a position has at most 42 moves'],
  ])('refuses %j with an error value: %s', (text, message) => {
    expect(parseSolverPosition(text)).toEqual({
      ok: false,
      error: { code: GameErrorCode.GAME_BAD_POSITION, message },
    });
  });

  it('accepts a full board without four in a row, a draw', () => {
    // Columns filled two at a time, alternating stones up each pair: nobody ever has four in a
    // row (the parser would refuse the move that made one).
    const full = '121212' + '343434' + '565656' + '717171' + '232323' + '454545' + '676767';
    const parsed = parseSolverPosition(full);
    if (!parsed.ok) throw new Error(parsed.error.message);
    expect(parsed.value.plies).toBe(42);
    const solver = createSolver();
    expect(solver.solve(parsed.value)).toBe(0);
    expect(solver.analyze(parsed.value)).toEqual([null, null, null, null, null, null, null]);
  });

  it('searches the centre columns first (0-based: 3, 2, 4, 1, 5, 0, 6)', () => {
    expect(COLUMN_ORDER).toEqual([3, 2, 4, 1, 5, 0, 6]);
  });
});
