import { describe, expect, it } from 'vitest';
import { GameErrorCode } from '../game-error.ts';
import { connect4 } from './index.ts';
import {
  makeMove,
  makeMoveText,
  makePosition,
  parseMove,
  parseMoveText,
  parsePosition,
  renderText,
} from './notation.ts';

describe('Connect4 parsePosition', () => {
  it('reads the example of the benchmark README: 4453', () => {
    const parsed = parsePosition('4453');
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const view = connect4.view(parsed.value, 'spectator');
    expect(view.rows.slice(-2)).toEqual([
      [null, null, null, 1, null, null, null],
      [null, null, 1, 0, 0, null, null],
    ]);
    expect(view.toMove).toBe(0);
    expect(makePosition(parsed.value)).toBe('4453');
  });

  it('reads the empty string as the empty board', () => {
    const parsed = parsePosition('');
    expect(parsed.ok && parsed.value.board.plies).toBe(0);
  });

  it('accepts a game that ends with its last move, and nothing after it', () => {
    expect(parsePosition('1212121')).toMatchObject({ ok: true, value: { outcome: { winner: 0 } } });
    expect(parsePosition('12121213')).toEqual({
      ok: false,
      error: {
        code: GameErrorCode.GAME_BAD_POSITION,
        message: 'move 8 ("3") comes after the end of the game',
      },
    });
  });

  it.each([
    ['8', 'move 1 ("8") is not a column 1-7'],
    ['0', 'move 1 ("0") is not a column 1-7'],
    ['44a', 'move 3 ("a") is not a column 1-7'],
    ['4 4', 'move 2 (" ") is not a column 1-7'],
    ['1111111', 'move 7 ("1") is in a full column'],
    ['1'.repeat(43), 'a position has at most 42 moves'],
  ])('refuses %j: %s', (text, message) => {
    expect(parsePosition(text)).toEqual({
      ok: false,
      error: { code: GameErrorCode.GAME_BAD_POSITION, message },
    });
  });
});

describe('Connect4 moves', () => {
  it('reads and writes the JSON form {"column": 1-7}', () => {
    expect(parseMove({ column: 4 })).toEqual({ ok: true, value: { column: 4 } });
    expect(makeMove({ column: 4 })).toEqual({ column: 4 });
  });

  it.each([
    [null],
    [4],
    ['4'],
    [[4]],
    [{}],
    [{ column: 0 }],
    [{ column: 8 }],
    [{ column: 4.5 }],
    [{ column: '4' }],
    [{ column: 4, extra: true }],
  ])('refuses %j as a move', (raw) => {
    expect(parseMove(raw)).toMatchObject({ ok: false, error: { code: GameErrorCode.GAME_BAD_MOVE } });
  });

  it('reads and writes the text form: the column number, spaces ignored', () => {
    expect(parseMoveText(' 7 ')).toEqual({ ok: true, value: { column: 7 } });
    expect(makeMoveText({ column: 7 })).toBe('7');
    for (const bad of ['', '0', '8', '44', 'four', '4.0', '+4']) {
      expect(parseMoveText(bad)).toMatchObject({ ok: false, error: { code: GameErrorCode.GAME_BAD_MOVE } });
    }
  });
});

describe('Connect4 renderText', () => {
  it('draws the board with column numbers and says who is to move', () => {
    const parsed = parsePosition('4453');
    if (!parsed.ok) throw new Error(parsed.error.message);
    expect(renderText(connect4.view(parsed.value, 0))).toBe(
      [
        '|. . . . . . .|',
        '|. . . . . . .|',
        '|. . . . . . .|',
        '|. . . . . . .|',
        '|. . . O . . .|',
        '|. . O X X . .|',
        '+-------------+',
        ' 1 2 3 4 5 6 7',
        'X (seat 0) to move, your move (columns 1 2 3 4 5 6 7).',
      ].join('\n'),
    );
  });

  it('names the players when it is given their names', () => {
    const parsed = parsePosition('44');
    if (!parsed.ok) throw new Error(parsed.error.message);
    expect(renderText(connect4.view(parsed.value, 1), ['alice', 'bob']).split('\n').at(-1)).toBe(
      'alice (X) to move (columns 1 2 3 4 5 6 7).',
    );
    const won = parsePosition('1212121', 1);
    if (!won.ok) throw new Error(won.error.message);
    expect(renderText(connect4.view(won.value, 0), ['alice', 'bob']).split('\n').at(-1)).toBe(
      'bob (X) wins with four in a row.',
    );
  });

  it('says who won, or that the board is full', () => {
    const won = parsePosition('1212121', 1);
    if (!won.ok) throw new Error(won.error.message);
    expect(renderText(connect4.view(won.value, 'spectator')).split('\n').at(-1)).toBe(
      'X (seat 1) wins with four in a row.',
    );
    const full = parsePosition('131121131522322527334344544755456676776766');
    if (!full.ok) throw new Error(full.error.message);
    expect(renderText(connect4.view(full.value, 'spectator')).split('\n').at(-1)).toBe(
      'Draw: the board is full.',
    );
  });
});
