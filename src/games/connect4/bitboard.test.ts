import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PROPERTY_SEED } from '../contract.ts';
import {
  canPlay,
  EMPTY,
  HEIGHT,
  hasFour,
  height,
  isWinningMove,
  key,
  lastMoverWon,
  play,
  stoneAt,
  WIDTH,
} from './bitboard.ts';

// Cells here are [column 0–6, row 0–5]; the layout is the one drawn at the top of bitboard.ts.
type Cell = readonly [column: number, row: number];

/** The (lo, hi) halves holding exactly these cells, built from the layout, not from bitboard.ts. */
function halves(cells: readonly Cell[]): [lo: number, hi: number] {
  let lo = 0;
  let hi = 0;
  for (const [c, r] of cells) {
    if (c < 4) lo |= 1 << (7 * c + r);
    else hi |= 1 << (7 * (c - 4) + r);
  }
  return [lo, hi];
}

/** Every line of four, listed naively: start cell and direction, kept if it stays on the board. */
const lines: Cell[][] = [];
for (let c = 0; c < WIDTH; c++) {
  for (let r = 0; r < HEIGHT; r++) {
    for (const [dc, dr] of [
      [1, 0],
      [0, 1],
      [1, 1],
      [1, -1],
    ] as const) {
      const line = [0, 1, 2, 3].map((k) => [c + k * dc, r + k * dr] as const);
      if (line.every(([x, y]) => x >= 0 && x < WIDTH && y >= 0 && y < HEIGHT)) lines.push(line);
    }
  }
}

describe('Connect4 bitboard hasFour', () => {
  it('counts 69 lines of four on a 7×6 board', () => {
    expect(lines).toHaveLength(69);
  });

  it('finds every one of the 69 lines on its own', () => {
    for (const line of lines) expect(hasFour(...halves(line)), JSON.stringify(line)).toBe(true);
  });

  it('finds no line running from the top of a column into the bottom of the next', () => {
    // In bit order these cells are four in a row but for the sentinel bit between the columns
    // (every shift that could wrap a line has to cross a sentinel), here at each kind of boundary:
    // inside lo, from lo into hi, and inside hi.
    const wraps: Cell[][] = [
      [
        [0, 3],
        [0, 4],
        [0, 5],
        [1, 0],
      ],
      [
        [3, 3],
        [3, 4],
        [3, 5],
        [4, 0],
      ],
      [
        [5, 3],
        [5, 4],
        [5, 5],
        [6, 0],
      ],
    ];
    for (const cells of wraps) expect(hasFour(...halves(cells)), JSON.stringify(cells)).toBe(false);
  });

  it('agrees with a naive scan of the 69 lines on random sets of cells (property)', () => {
    const cell = fc.tuple(fc.integer({ min: 0, max: WIDTH - 1 }), fc.integer({ min: 0, max: HEIGHT - 1 }));
    fc.assert(
      fc.property(fc.uniqueArray(cell, { maxLength: 16, selector: ([c, r]) => c * 8 + r }), (cells) => {
        const inSet = new Set(cells.map(([c, r]) => c * 8 + r));
        const naive = lines.some((line) => line.every(([c, r]) => inSet.has(c * 8 + r)));
        expect(hasFour(...halves(cells))).toBe(naive);
      }),
      { seed: PROPERTY_SEED, numRuns: 3000 },
    );
  });
});

describe('Connect4 bitboard play', () => {
  it('stacks stones in a column, alternating players, until the column is full', () => {
    let board = EMPTY;
    for (let i = 0; i < HEIGHT; i++) {
      expect(canPlay(board, 4)).toBe(true);
      board = play(board, 4);
      expect(height(board, 4)).toBe(i + 1);
      expect(stoneAt(board, 4, i)).toBe(i % 2);
    }
    expect(canPlay(board, 4)).toBe(false);
    expect(stoneAt(board, 3, 0)).toBeNull();
    expect(board.plies).toBe(HEIGHT);
  });

  it('sees a win coming (isWinningMove) exactly when playing it wins (lastMoverWon)', () => {
    // 1 1 2 2 3 3 (columns 0–2 here): the first player wins by playing column 3, and only there.
    const board = [0, 0, 1, 1, 2, 2].reduce(play, EMPTY);
    for (let c = 0; c < WIDTH; c++) {
      expect(isWinningMove(board, c)).toBe(c === 3);
      expect(lastMoverWon(play(board, c))).toBe(c === 3);
    }
  });

  it('gives transpositions one key and different positions different keys', () => {
    const a = [3, 2, 4].reduce(play, EMPTY);
    const b = [4, 2, 3].reduce(play, EMPTY);
    const c = [3, 4, 2].reduce(play, EMPTY); // same cells, other owners
    expect(key(a)).toBe(key(b));
    expect(key(a)).not.toBe(key(c));
    expect(key(EMPTY)).not.toBe(key(play(EMPTY, 0)));
  });
});
