import { describe, expect, it } from 'vitest';
import { GameErrorCode } from '../game-error.ts';
import { ticTacToe } from './index.ts';
import { makeMove, makeMoveText, parseMove, parseMoveText, renderText } from './notation.ts';

describe('TicTacToe moves', () => {
  it('reads and writes the JSON form {"row": 1-3, "column": 1-3}', () => {
    expect(parseMove({ row: 1, column: 3 })).toEqual({ ok: true, value: { row: 1, column: 3 } });
    expect(makeMove({ row: 1, column: 3 })).toEqual({ row: 1, column: 3 });
  });

  it.each([
    [null],
    ['b2'],
    [[2, 2]],
    [{ row: 2 }],
    [{ row: 0, column: 1 }],
    [{ row: 2, column: '2' }],
    [{ row: 2, column: 2, by: 0 }],
  ])('refuses %j as a move', (raw) => {
    expect(parseMove(raw)).toMatchObject({ ok: false, error: { code: GameErrorCode.GAME_BAD_MOVE } });
  });

  it('reads and writes the text form: column letter then row number, c1 being the top-right corner', () => {
    expect(parseMoveText('c1')).toEqual({ ok: true, value: { row: 1, column: 3 } });
    expect(parseMoveText(' B2 ')).toEqual({ ok: true, value: { row: 2, column: 2 } });
    expect(makeMoveText({ row: 3, column: 1 })).toBe('a3');
    for (const bad of ['', 'b', '2', 'd1', 'a4', 'a0', '2b', 'b 2', 'b22']) {
      expect(parseMoveText(bad)).toMatchObject({ ok: false, error: { code: GameErrorCode.GAME_BAD_MOVE } });
    }
  });
});

describe('TicTacToe renderText', () => {
  it('draws the board with its coordinates and says who is to move', () => {
    const created = ticTacToe.create({ firstSeat: 1 }, 0);
    if (!created.ok) throw new Error(created.error.message);
    const played = ticTacToe.play(created.value, 1, { row: 2, column: 2 });
    if (!played.ok) throw new Error(played.error.message);
    expect(renderText(ticTacToe.view(played.value, 'spectator'))).toBe(
      [
        '  a b c',
        '1 . . .',
        '2 . X .',
        '3 . . .',
        'O (seat 0) to move (cells a1 b1 c1 a2 c2 a3 b3 c3).',
      ].join('\n'),
    );
  });
});
