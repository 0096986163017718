import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  CELLS,
  canPlay,
  canWinNext,
  createOpeningBook,
  createSolver,
  decodeOpeningBook,
  EMPTY_POSITION,
  encodeOpeningBook,
  isWinningMove,
  type OpeningBook,
  parseSolverPosition,
  playColumn,
  type SolverPosition,
  symmetricKey,
} from './index.ts';

//
// The book format (encode → decode round trip, refusals as values) and the book shipped in
// assets/ (built by `npm run book:connect4`): internally consistent, and in agreement with the
// solver on positions drawn from it.
//

const parse = (text: string): SolverPosition => {
  const parsed = parseSolverPosition(text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.value;
};

const small = createOpeningBook(2, [
  { key: symmetricKey(parse('')), score: 1 },
  { key: symmetricKey(parse('4')), score: -1 },
  { key: symmetricKey(parse('1')), score: 2 },
  { key: symmetricKey(parse('12')), score: -18 },
]);

describe('Connect4 opening book format', () => {
  it('reads back what it writes, mirror images included', () => {
    const back = decodeOpeningBook(encodeOpeningBook(small));
    expect(back.ok).toBe(true);
    if (!back.ok) return;
    expect(back.value.depth).toBe(2);
    expect(back.value.size).toBe(4);
    expect([...back.value.entries()]).toEqual([...small.entries()]);
    expect(back.value.scoreOf(parse('7'))).toBe(2);
    expect(back.value.scoreOf(parse('76'))).toBe(-18);
    expect(back.value.scoreOf(parse('3'))).toBeUndefined();
    expect(back.value.scoreOf(parse('444'))).toBeUndefined(); // deeper than the book
  });

  it('refuses damaged files with an error value naming the problem', () => {
    const good = encodeOpeningBook(small);
    const damaged = (change: (bytes: Uint8Array) => void): string => {
      const bytes = good.slice();
      change(bytes);
      const result = decodeOpeningBook(bytes);
      return result.ok ? 'accepted' : result.error.message;
    };
    expect(damaged((b) => b.set([88], 0))).toMatch(/magic/);
    expect(damaged((b) => b.set([2], 4))).toMatch(/format version 2/);
    expect(damaged((b) => b.set([8], 5))).toMatch(/8×6 board/);
    expect(damaged((b) => b.set([b[20]! ^ 1], 20))).toMatch(/checksum/);
    expect(decodeOpeningBook(good.subarray(0, 10)).ok).toBe(false);
    expect(decodeOpeningBook(new Uint8Array(0)).ok).toBe(false);
  });

  it('refuses consistent-looking files whose entries are out of order or out of range', () => {
    // Re-encode by hand, with a valid checksum, to reach the checks behind it.
    const withEntries = (entries: [number, number][]): Uint8Array => {
      const book: OpeningBook = {
        ...small,
        size: entries.length,
        *entries() {
          for (const [key, score] of entries) yield { key, score };
        },
      };
      return encodeOpeningBook(book);
    };
    const message = (bytes: Uint8Array) => {
      const result = decodeOpeningBook(bytes);
      return result.ok ? 'accepted' : result.error.message;
    };
    expect(
      message(
        withEntries([
          [5, 0],
          [5, 1],
        ]),
      ),
    ).toMatch(/keys must increase/);
    expect(message(withEntries([[2 ** 49, 0]]))).toMatch(/key out of range/);
    expect(message(withEntries([[5, 19]]))).toMatch(/score 19 out of range/);
    expect(
      message(
        withEntries([
          [5, 0],
          [9, 1],
        ]),
      ),
    ).toBe('accepted');
  });
});

describe('Connect4 opening book shipped in assets/', () => {
  const loaded = decodeOpeningBook(
    readFileSync(new URL('../../../../assets/connect4-book.bin', import.meta.url)),
  );
  if (!loaded.ok) throw new Error(loaded.error.message);
  const book = loaded.value;

  /** Every position of the book, by depth-first search (one per mirror pair). */
  const positions: SolverPosition[] = [];
  const depthOf = new Map<number, number>();
  const visit = (position: SolverPosition) => {
    const key = symmetricKey(position);
    if (depthOf.has(key)) return;
    depthOf.set(key, position.plies);
    positions.push(position);
    if (position.plies === book.depth) return;
    for (let c = 0; c < 7; c++)
      if (canPlay(position, c) && !isWinningMove(position, c)) visit(playColumn(position, c));
  };
  visit(EMPTY_POSITION);

  it('holds every position up to its depth, except immediate wins', () => {
    expect(book.depth).toBeGreaterThanOrEqual(4);
    const stored = positions.filter((p) => !canWinNext(p));
    expect(book.size).toBe(stored.length);
    for (const p of stored) expect(book.scoreOf(p)).toBeTypeOf('number');
  });

  it('agrees with itself: each score is the best over the moves (negamax identity)', () => {
    const scoreOf = (p: SolverPosition): number =>
      canWinNext(p) ? (CELLS + 1 - p.plies) >> 1 : (book.scoreOf(p) as number);
    for (const p of positions) {
      if (p.plies === book.depth || canWinNext(p)) continue;
      let best = Number.NEGATIVE_INFINITY;
      for (let c = 0; c < 7; c++) if (canPlay(p, c)) best = Math.max(best, 0 - scoreOf(playColumn(p, c)));
      expect(book.scoreOf(p)).toBe(best);
    }
  });

  it('knows the empty board: the first player wins with their last stone (score 1)', () => {
    const solver = createSolver({ book });
    expect(solver.solve(EMPTY_POSITION)).toBe(1);
    expect(solver.analyze(EMPTY_POSITION)).toEqual([-2, -1, 0, 1, 0, -1, -2]);
    expect(solver.nodeCount).toBe(0);
  });

  it('gives the search what it needs: a solver with only the deepest level finds the rest', () => {
    // The search consults the book below the root; with only the positions of `depth` stones,
    // solving a shallower position must still land on the book's own score for it.
    const deepest = createOpeningBook(
      book.depth,
      [...book.entries()].filter(({ key }) => depthOf.get(key) === book.depth),
    );
    const solver = createSolver({ book: deepest });
    const shallower = positions.filter((p) => p.plies === book.depth - 1 && !canWinNext(p));
    let seed = 20261122;
    for (let i = 0; i < 12; i++) {
      seed = (seed * 48271) % 2147483647;
      const p = shallower[seed % shallower.length]!;
      expect(solver.solve(p)).toBe(book.scoreOf(p));
    }
  });

  it('agrees with a search from scratch on positions of its deepest level', () => {
    // Those take 7M to 100M+ explored positions each (seconds to minutes); this one is the
    // cheapest found (7.5M).
    const solver = createSolver();
    for (const text of ['1525']) {
      const p = parse(text);
      solver.reset();
      expect(solver.solve(p), text).toBe(book.scoreOf(p));
    }
  });
});
