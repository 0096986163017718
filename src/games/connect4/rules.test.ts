import { describe, expect, it } from 'vitest';
import { GameErrorCode } from '../game-error.ts';
import { type Connect4Options, connect4 } from './index.ts';
import { parsePosition, renderBoard } from './notation.ts';
import type { Cell, Connect4Move, Connect4State } from './rules.ts';

const start = (options: Partial<Connect4Options> = {}, seed = 1): Connect4State => {
  const created = connect4.create({ firstSeat: 0, position: '', ...options }, seed);
  if (!created.ok) throw new Error(created.error.message);
  return created.value;
};

const position = (moves: string): Connect4State => {
  const parsed = parsePosition(moves);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.value;
};

const cells = (text: string): Cell[] =>
  text.split(' ').map((pair) => {
    const [column, row] = pair.split(',').map(Number);
    return { column, row } as Cell;
  });

//
// Known positions: hand-made, or found by random play and then checked by eye on the board drawn
// next to each (X moved first, rows top to bottom). The moves end with the winning move. They
// cover each direction, both diagonals, every board edge and corner region, and lines across the
// bitboard's cut between columns 4 and 5.
//
const WINS: { name: string; moves: string; winner: 0 | 1; line: string; board: string }[] = [
  {
    name: 'horizontal, bottom row, left edge',
    moves: '1122334',
    winner: 0,
    line: '1,1 2,1 3,1 4,1',
    board: '|. . . . . . .|\n'.repeat(4) + '|O O O . . . .|\n|X X X X . . .|',
  },
  {
    name: 'horizontal, bottom row, right edge',
    moves: '4455667',
    winner: 0,
    line: '4,1 5,1 6,1 7,1',
    board: '|. . . . . . .|\n'.repeat(4) + '|. . . O O O .|\n|. . . X X X X|',
  },
  {
    name: 'horizontal, top row, right corner (second player)',
    moves: '1444556555656646227773447677',
    winner: 1,
    line: '4,6 5,6 6,6 7,6',
    board:
      '|. . . O O O O|\n|. . . X O O X|\n|. . . X X O X|\n|. . . O O X X|\n|. O . X O X O|\n|X X O O X X X|',
  },
  {
    name: 'horizontal across the cut (columns 3–6)',
    moves: '434633655',
    winner: 0,
    line: '3,2 4,2 5,2 6,2',
    board: '|. . . . . . .|\n'.repeat(3) + '|. . O . . . .|\n|. . X X X X .|\n|. . O X O O .|',
  },
  {
    name: 'vertical, left edge, bottom',
    moves: '1212121',
    winner: 0,
    line: '1,1 1,2 1,3 1,4',
    board:
      '|. . . . . . .|\n|. . . . . . .|\n|X . . . . . .|\n|X O . . . . .|\n|X O . . . . .|\n|X O . . . . .|',
  },
  {
    name: 'vertical, right edge, top',
    moves: '17277172717',
    winner: 0,
    line: '7,3 7,4 7,5 7,6',
    board:
      '|. . . . . . X|\n|. . . . . . X|\n|. . . . . . X|\n|O . . . . . X|\n|O O . . . . O|\n|X X . . . . O|',
  },
  {
    name: 'vertical in column 5, the first of the high half (second player)',
    moves: '55252575',
    winner: 1,
    line: '5,2 5,3 5,4 5,5',
    board:
      '|. . . . . . .|\n|. . . . O . .|\n|. . . . O . .|\n|. . . . O . .|\n|. X . . O . .|\n|. X . . X . X|',
  },
  {
    name: 'rising diagonal from the bottom-left corner',
    moves: '12233434544',
    winner: 0,
    line: '1,1 2,2 3,3 4,4',
    board:
      '|. . . . . . .|\n|. . . . . . .|\n|. . . X . . .|\n|. . X O . . .|\n|. X X O . . .|\n|X O O O X . .|',
  },
  {
    name: 'rising diagonal into the top-right corner',
    moves: '561664725557677764417',
    winner: 0,
    line: '4,3 5,4 6,5 7,6',
    board:
      '|. . . . . . X|\n|. . . . . X O|\n|. . . . X X X|\n|. . . X O X O|\n|O . . O X O O|\n|X O . O X O X|',
  },
  {
    name: 'rising diagonal across the cut (second player)',
    moves: '4564536566',
    winner: 1,
    line: '3,1 4,2 5,3 6,4',
    board:
      '|. . . . . . .|\n|. . . . . . .|\n|. . . . . O .|\n|. . . . O X .|\n|. . . O X X .|\n|. . O X O X .|',
  },
  {
    name: 'falling diagonal from the left edge to the bottom (second player)',
    moves: '1412331122',
    winner: 1,
    line: '1,4 2,3 3,2 4,1',
    board:
      '|. . . . . . .|\n|. . . . . . .|\n|O . . . . . .|\n|X O . . . . .|\n|X X O . . . .|\n|X O X O . . .|',
  },
  {
    name: 'falling diagonal from the top-left corner',
    moves: '674121111324331242273',
    winner: 0,
    line: '1,6 2,5 3,4 4,3',
    board:
      '|X . . . . . .|\n|X X . . . . .|\n|O O X . . . .|\n|X O O X . . .|\n|O X X O . . O|\n|O X O X . X O|',
  },
  {
    name: 'falling diagonal into the bottom-right corner (second player)',
    moves: '5467554644',
    winner: 1,
    line: '4,4 5,3 6,2 7,1',
    board:
      '|. . . . . . .|\n|. . . . . . .|\n|. . . O . . .|\n|. . . X O . .|\n|. . . X X O .|\n|. . . O X X O|',
  },
  {
    name: 'two lines closed by one stone (horizontal and rising diagonal)',
    moves: '2425534551423',
    winner: 0,
    line: '2,1 2,2 3,2 4,2 5,2 4,3 5,4',
    board:
      '|. . . . . . .|\n|. . . . . . .|\n|. . . . X . .|\n|. O . X O . .|\n|. X X X X . .|\n|O X O O O . .|',
  },
];

describe('Connect4 known positions', () => {
  it.each(WINS)('ends with a win: $name', ({ moves, winner, line, board }) => {
    const before = position(moves.slice(0, -1));
    expect(connect4.outcome(before)).toBeUndefined();
    const last = { column: Number(moves.at(-1)) } as Connect4Move;
    const after = connect4.play(before, connect4.toMove(before)!, last);
    expect(after.ok).toBe(true);
    if (!after.ok) return;
    expect(connect4.outcome(after.value)).toEqual({ winner, reason: 'four-in-a-row' });
    const view = connect4.view(after.value, 'spectator');
    expect(renderBoard(view).split('\n').slice(0, 6).join('\n')).toBe(board);
    expect(new Set(view.winningCells.map((c) => `${c.column},${c.row}`))).toEqual(
      new Set(cells(line).map((c) => `${c.column},${c.row}`)),
    );
    expect(view.toMove).toBeNull();
    expect(view.legalColumns).toEqual([]);
  });

  it('ends a full board without four in a row as a draw', () => {
    // Found by a search for a full board with no line, then an order that builds it.
    const moves = '131121131522322527334344544755456676776766';
    const before = position(moves.slice(0, -1));
    expect(connect4.legalMoves(before)).toEqual([{ column: 6 }]);
    const after = connect4.play(before, 1, { column: 6 });
    expect(after.ok && connect4.outcome(after.value)).toEqual({ winner: null, reason: 'board-full' });
    if (!after.ok) return;
    expect(renderBoard(connect4.view(after.value, 0))).toBe(
      [
        '|X X O X O O O|',
        '|X X O X O X O|',
        '|O O X O X X X|',
        '|O O X O X O X|',
        '|X X O X O O O|',
        '|X X O X O X O|',
        '+-------------+',
        ' 1 2 3 4 5 6 7',
      ].join('\n'),
    );
    expect(connect4.view(after.value, 0).winningCells).toEqual([]);
  });

  it('does not end the game on three in a row, or on rows of mixed stones', () => {
    expect(connect4.outcome(position('112233'))).toBeUndefined();
    expect(connect4.outcome(position('12345671234567'))).toBeUndefined();
  });
});

describe('Connect4 play', () => {
  it('lets seat 0 move first when told, and alternates seats', () => {
    const s0 = start({ firstSeat: 0 });
    expect(connect4.toMove(s0)).toBe(0);
    const s1 = connect4.play(s0, 0, { column: 4 });
    expect(s1.ok && connect4.toMove(s1.value)).toBe(1);
    expect(connect4.toMove(start({ firstSeat: 1 }))).toBe(1);
  });

  it('draws the first seat from the seed when firstSeat is random, the same for the same seed', () => {
    const first = (seed: number) => connect4.toMove(start({ firstSeat: 'random' }, seed));
    const seen = new Set(Array.from({ length: 32 }, (_, seed) => first(seed)));
    expect(seen).toEqual(new Set([0, 1]));
    for (let seed = 0; seed < 8; seed++) expect(first(seed)).toBe(first(seed));
  });

  it("gives seat 1 the first player's stones when it moves first", () => {
    const game = start({ firstSeat: 1, position: '4' });
    const view = connect4.view(game, 'spectator');
    expect(view.rows.at(-1)).toEqual([null, null, null, 1, null, null, null]);
    expect(view.toMove).toBe(0);
    expect(renderBoard(view).split('\n')[5]).toBe('|. . . X . . .|');
  });

  it("rejects a move when it is not the player's turn", () => {
    expect(connect4.play(start(), 1, { column: 4 })).toMatchObject({
      ok: false,
      error: { code: GameErrorCode.GAME_NOT_YOUR_TURN },
    });
  });

  it('rejects a move into a full column, and a column that does not exist', () => {
    const game = start({ position: '444444' });
    expect(connect4.isLegal(game, { column: 4 })).toBe(false);
    expect(connect4.play(game, 0, { column: 4 })).toMatchObject({
      ok: false,
      error: { code: GameErrorCode.GAME_ILLEGAL_MOVE, message: 'column 4 is full' },
    });
    expect(connect4.play(game, 0, { column: 8 } as never)).toMatchObject({
      ok: false,
      error: { code: GameErrorCode.GAME_ILLEGAL_MOVE },
    });
    expect(connect4.legalMoves(game).map((m) => m.column)).toEqual([1, 2, 3, 5, 6, 7]);
  });

  it('rejects a seat that is not in the game', () => {
    for (const seat of [2, -1, 0.5]) {
      expect(connect4.play(start(), seat, { column: 1 })).toMatchObject({
        ok: false,
        error: { code: GameErrorCode.GAME_BAD_SEAT },
      });
    }
  });

  it('rejects every move after the end, by either seat', () => {
    const over = position('1212121');
    for (const seat of [0, 1]) {
      expect(connect4.play(over, seat, { column: 3 })).toMatchObject({
        ok: false,
        error: { code: GameErrorCode.GAME_OVER },
      });
    }
    expect(connect4.legalMoves(over)).toEqual([]);
    expect(connect4.isLegal(over, { column: 3 })).toBe(false);
  });

  it('leaves the state it was given unchanged', () => {
    const game = start({ position: '4453' });
    const copy = structuredClone(game);
    connect4.play(game, 0, { column: 1 });
    expect(game).toStrictEqual(copy);
  });
});

describe('Connect4 create', () => {
  it('starts from a position given as an option', () => {
    const game = start({ position: '4453' });
    expect(connect4.view(game, 'spectator').moves).toBe('4453');
    expect(connect4.toMove(game)).toBe(0);
  });

  it('refuses a starting position that is malformed or already over', () => {
    for (const bad of ['4444444', '1212121', '9']) {
      expect(connect4.create({ firstSeat: 0, position: bad }, 0)).toMatchObject({
        ok: false,
        error: { code: GameErrorCode.GAME_BAD_OPTIONS },
      });
    }
  });
});
