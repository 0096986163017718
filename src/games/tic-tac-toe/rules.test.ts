import { describe, expect, it } from 'vitest';
import { GameErrorCode } from '../game-error.ts';
import { ticTacToe } from './index.ts';
import { makeMoveText, parseMoveText, renderBoard } from './notation.ts';
import type { TicTacToeState } from './rules.ts';

/** The game after the moves in text notation (`"b2 a1 c3"`), seat 0 first unless told. */
function play(moves: string, firstSeat: 0 | 1 = 0): TicTacToeState {
  const created = ticTacToe.create({ firstSeat }, 0);
  if (!created.ok) throw new Error(created.error.message);
  let state = created.value;
  for (const text of moves.split(' ').filter(Boolean)) {
    const move = parseMoveText(text);
    if (!move.ok) throw new Error(move.error.message);
    const next = ticTacToe.play(state, ticTacToe.toMove(state)!, move.value);
    if (!next.ok) throw new Error(`${text}: ${next.error.message}`);
    state = next.value;
  }
  return state;
}

// Hand-made games, each with its final board (X moved first). Every kind of line, both players,
// and a win on the very last cell, which is a win and not a draw.
const WINS = [
  { name: 'top row', moves: 'a1 a2 b1 b2 c1', winner: 0, line: 'a1 b1 c1', board: 'X X X\nO O .\n. . .' },
  {
    name: 'middle row (second player)',
    moves: 'a1 a2 b1 b2 a3 c2',
    winner: 1,
    line: 'a2 b2 c2',
    board: 'X X .\nO O O\nX . .',
  },
  { name: 'bottom row', moves: 'a3 a1 b3 b1 c3', winner: 0, line: 'a3 b3 c3', board: 'O O .\n. . .\nX X X' },
  { name: 'left column', moves: 'a1 b1 a2 b2 a3', winner: 0, line: 'a1 a2 a3', board: 'X O .\nX O .\nX . .' },
  {
    name: 'right column (second player)',
    moves: 'a1 c1 a2 c2 b3 c3',
    winner: 1,
    line: 'c1 c2 c3',
    board: 'X . O\nX . O\n. X O',
  },
  {
    name: 'falling diagonal',
    moves: 'a1 b1 b2 c1 c3',
    winner: 0,
    line: 'a1 b2 c3',
    board: 'X O O\n. X .\n. . X',
  },
  {
    name: 'rising diagonal (second player)',
    moves: 'a1 c1 b1 b2 c2 a3',
    winner: 1,
    line: 'c1 b2 a3',
    board: 'X X O\n. O X\nO . .',
  },
  {
    name: 'on the ninth cell',
    moves: 'b1 a1 c2 c1 a3 a2 b3 b2 c3',
    winner: 0,
    line: 'a3 b3 c3',
    board: 'O X O\nO O X\nX X X',
  },
] as const;

describe('TicTacToe known positions', () => {
  it.each(WINS)('ends with a win: $name', ({ moves, winner, line, board }) => {
    const state = play(moves);
    expect(ticTacToe.outcome(state)).toEqual({ winner, reason: 'three-in-a-row' });
    const view = ticTacToe.view(state, 'spectator');
    expect(
      renderBoard(view)
        .split('\n')
        .slice(1)
        .map((row) => row.slice(2))
        .join('\n'),
    ).toBe(board);
    expect(view.winningCells.map(makeMoveText).sort()).toEqual(line.split(' ').sort());
    expect(ticTacToe.toMove(state)).toBeNull();
    expect(ticTacToe.outcome(play(moves.split(' ').slice(0, -1).join(' ')))).toBeUndefined();
  });

  it('ends a full board without three in a row as a draw', () => {
    const state = play('b2 a1 c1 a3 a2 c2 b1 b3 c3');
    expect(ticTacToe.outcome(state)).toEqual({ winner: null, reason: 'board-full' });
    expect(renderBoard(ticTacToe.view(state, 1))).toBe('  a b c\n1 O X X\n2 X X O\n3 O O X');
  });

  it('marks all five cells when one move completes two lines', () => {
    const double = play('a1 b1 a2 b2 b3 c1 c3 c2 a3');
    expect(ticTacToe.outcome(double)).toEqual({ winner: 0, reason: 'three-in-a-row' });
    expect(ticTacToe.view(double, 0).winningCells.map(makeMoveText).sort()).toEqual([
      'a1',
      'a2',
      'a3',
      'b3',
      'c3',
    ]);
  });
});

describe('TicTacToe play', () => {
  it("rejects a move when it is not the player's turn", () => {
    expect(ticTacToe.play(play(''), 1, { row: 2, column: 2 })).toMatchObject({
      ok: false,
      error: { code: GameErrorCode.GAME_NOT_YOUR_TURN },
    });
  });

  it('lets seat 1 move first (with X) when told', () => {
    const state = play('b2', 1);
    expect(ticTacToe.toMove(state)).toBe(0);
    expect(renderBoard(ticTacToe.view(state, 0)).split('\n')[2]).toBe('2 . X .');
  });

  it('rejects a taken cell and a cell off the board', () => {
    const state = play('b2');
    expect(ticTacToe.play(state, 1, { row: 2, column: 2 })).toEqual({
      ok: false,
      error: { code: GameErrorCode.GAME_ILLEGAL_MOVE, message: 'cell b2 is taken' },
    });
    expect(ticTacToe.play(state, 1, { row: 4, column: 1 } as never)).toMatchObject({
      ok: false,
      error: { code: GameErrorCode.GAME_ILLEGAL_MOVE },
    });
    expect(ticTacToe.legalMoves(state)).toHaveLength(8);
  });

  it('rejects every move after the end with GAME_OVER, and a seat not in the game with GAME_BAD_SEAT', () => {
    const over = play('a1 a2 b1 b2 c1');
    expect(ticTacToe.play(over, 1, { row: 3, column: 3 })).toMatchObject({
      ok: false,
      error: { code: 'GAME_OVER' },
    });
    expect(ticTacToe.play(play(''), 2, { row: 1, column: 1 })).toMatchObject({
      ok: false,
      error: { code: GameErrorCode.GAME_BAD_SEAT },
    });
  });
});
