import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PROPERTY_SEED } from '../../contract.ts';
import { LINES } from '../rules.ts';
import {
  canPlay,
  canWinNext,
  columnHeight,
  EMPTY_POSITION,
  isWinningMove,
  mirror,
  parseSolverPosition,
  playColumn,
  positionKey,
  type SolverPosition,
  symmetricKey,
} from './index.ts';
import { popcount2, possibleNonLosingMoves, winningHi, winningLo } from './position.ts';

//
// The two-halves bitboard against a naive board: a cell array and the 69 lines of four listed by
// the rules (../rules.ts LINES), on random positions reached by random legal moves.
//

type Naive = (0 | 1 | null)[][]; // [column][row], 0 = player to move, 1 = opponent

const naiveOf = (moves: readonly number[]): Naive => {
  const board: Naive = Array.from({ length: 7 }, () => Array<0 | 1 | null>(6).fill(null));
  moves.forEach((column, i) => {
    const row = board[column]!.indexOf(null);
    board[column]![row] = ((moves.length - i) % 2 === 0 ? 0 : 1) as 0 | 1;
  });
  return board;
};

/** Free cells that would complete four in a row for `who`, as "column,row" strings. */
const naiveWinningCells = (board: Naive, who: 0 | 1): Set<string> => {
  const cells = new Set<string>();
  for (const line of LINES) {
    const values = line.map((c) => board[c.column - 1]![c.row - 1]);
    const free = line.filter((_, i) => values[i] === null);
    if (free.length === 1 && values.filter((v) => v === who).length === 3) {
      cells.add(`${free[0]!.column - 1},${free[0]!.row - 1}`);
    }
  }
  return cells;
};

const cellsOf = (lo: number, hi: number): Set<string> => {
  const cells = new Set<string>();
  for (let column = 0; column < 7; column++) {
    for (let row = 0; row < 6; row++) {
      const bit = 1 << (7 * (column < 4 ? column : column - 4) + row);
      if (((column < 4 ? lo : hi) & bit) !== 0) cells.add(`${column},${row}`);
    }
  }
  return cells;
};

/** Random unfinished games: a sequence of legal moves that never makes four in a row. */
const games = fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 0, maxLength: 42 }).map((wanted) => {
  let position = EMPTY_POSITION;
  const moves: number[] = [];
  for (const first of wanted) {
    const column = [0, 1, 2, 3, 4, 5, 6]
      .map((k) => (first + k) % 7)
      .find((c) => canPlay(position, c) && !isWinningMove(position, c));
    if (column === undefined) break;
    position = playColumn(position, column);
    moves.push(column);
  }
  return { position, moves };
});

const params = { seed: PROPERTY_SEED, numRuns: 400 };

describe('Connect4 solver position', () => {
  it('finds the same winning cells as a naive board, for both players', () => {
    fc.assert(
      fc.property(games, ({ position, moves }) => {
        const board = naiveOf(moves);
        const { currentLo: curLo, currentHi: curHi, maskLo, maskHi } = position;
        const mine = cellsOf(winningLo(curLo, curHi, maskLo), winningHi(curLo, curHi, maskHi));
        expect(mine).toEqual(naiveWinningCells(board, 0));
        const oLo = curLo ^ maskLo;
        const oHi = curHi ^ maskHi;
        expect(cellsOf(winningLo(oLo, oHi, maskLo), winningHi(oLo, oHi, maskHi))).toEqual(
          naiveWinningCells(board, 1),
        );
      }),
      params,
    );
  });

  it('counts bits across both halves', () => {
    expect(popcount2(0, 0)).toBe(0);
    expect(popcount2(0x7efdfbf, 0xfdfbf)).toBe(42);
    expect(popcount2(0b1011, 1 << 20)).toBe(4);
  });

  it('tells immediate wins and column heights like the naive board', () => {
    fc.assert(
      fc.property(games, ({ position, moves }) => {
        const board = naiveOf(moves);
        const wins = naiveWinningCells(board, 0);
        for (let column = 0; column < 7; column++) {
          const height = board[column]!.filter((v) => v !== null).length;
          expect(columnHeight(position, column)).toBe(height);
          expect(canPlay(position, column)).toBe(height < 6);
          if (height < 6) expect(isWinningMove(position, column)).toBe(wins.has(`${column},${height}`));
        }
        const playable = [0, 1, 2, 3, 4, 5, 6].filter((c) => canPlay(position, c));
        expect(canWinNext(position)).toBe(playable.some((c) => isWinningMove(position, c)));
      }),
      params,
    );
  });

  it('keeps only moves after which the opponent cannot win at once', () => {
    fc.assert(
      fc.property(games, ({ position }) => {
        fc.pre(!canWinNext(position));
        const [lo, hi] = possibleNonLosingMoves(position);
        for (let column = 0; column < 7; column++) {
          if (!canPlay(position, column)) continue;
          const next = playColumn(position, column);
          const safe = !canWinNext(next);
          const kept = [...cellsOf(lo, hi)].some((cell) => cell.startsWith(`${column},`));
          expect(kept, `column ${column + 1}`).toBe(safe);
        }
      }),
      params,
    );
  });

  it('gives mirror images the same symmetric key and different positions different keys', () => {
    const p = (text: string): SolverPosition => {
      const parsed = parseSolverPosition(text);
      if (!parsed.ok) throw new Error(parsed.error.message);
      return parsed.value;
    };
    expect(symmetricKey(p('1123'))).toBe(symmetricKey(p('7765')));
    expect(positionKey(mirror(p('1123')))).toBe(positionKey(p('7765')));
    expect(positionKey(p('4453'))).toBe(positionKey(p('5344')));
    expect(positionKey(p('4453'))).not.toBe(positionKey(p('4435')));
    fc.assert(
      fc.property(games, ({ position }) => {
        expect(mirror(mirror(position))).toEqual(position);
        expect(symmetricKey(mirror(position))).toBe(symmetricKey(position));
        expect(positionKey(position)).toBeLessThan(2 ** 49);
      }),
      params,
    );
  });
});
