import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PROPERTY_SEED } from '../contract.ts';
import type { Seat } from '../game.ts';
import * as bitboard from './bitboard.ts';
import { connect4 } from './index.ts';
import type { Connect4Move, Connect4State } from './rules.ts';

//
// "Perft" for Connect Four: how many move sequences, and how many distinct positions, each ply
// reaches from the empty board, counted three ways that share no code: by the game definition,
// by the bitboard, and by a naive array implementation written below. A game won at ply n counts
// at ply n and stops there; nothing is counted past it.
//
// Provenance of the expected figures:
// - sequences, plies 1–6: 7^n. Nobody can win before the first player's 4th stone (ply 7), and no
//   column fills up in 6 plies, so every sequence is legal.
// - sequences, ply 7: 7^7 − 7 = 823,536: the 7 sequences that put all 7 stones in one column are
//   illegal (a column holds 6); the games won at ply 7 did reach ply 7, so they count.
// - sequences, ply 8: 5,673,234, computed here by the naive and the bitboard counters, which agree;
//   no published figure was checked.
// - positions: OEIS A212693 (John Tromp, "Number of legal 7 X 6 Connect-Four positions after n
//   plies"): 1, 7, 49, 238, 1120, 4263, 16422, 54859, 184275, …
//
const EXPECTED = [
  { ply: 1, sequences: 7, positions: 7 },
  { ply: 2, sequences: 49, positions: 49 },
  { ply: 3, sequences: 343, positions: 238 },
  { ply: 4, sequences: 2_401, positions: 1_120 },
  { ply: 5, sequences: 16_807, positions: 4_263 },
  { ply: 6, sequences: 117_649, positions: 16_422 },
  { ply: 7, sequences: 823_536, positions: 54_859 },
  { ply: 8, sequences: 5_673_234, positions: 184_275 },
];

// ─── The naive reference: a board is 7 strings (columns, bottom first) of '1' and '2' ────────────

type NaiveBoard = string[];
const WIDTH = 7;
const HEIGHT = 6;
const emptyNaive = (): NaiveBoard => Array.from({ length: WIDTH }, () => '');

/** Whether the stone `who` just put at (c, r) makes four in a row, scanning out from it. */
function naiveFourThrough(board: NaiveBoard, c: number, r: number, who: string): boolean {
  const run = (dc: number, dr: number) => {
    let n = 0;
    for (let x = c + dc, y = r + dr; y >= 0 && board[x]?.[y] === who; x += dc, y += dr) n++;
    return n;
  };
  return (
    run(0, -1) >= 3 ||
    run(1, 0) + run(-1, 0) >= 3 ||
    run(1, 1) + run(-1, -1) >= 3 ||
    run(1, -1) + run(-1, 1) >= 3
  );
}

/** `board` with a stone of `who` dropped in column `c` (0–6), or `undefined` if it is full. */
function naiveDrop(board: NaiveBoard, c: number, who: string): NaiveBoard | undefined {
  if (board[c]!.length === HEIGHT) return undefined;
  const child = [...board];
  child[c] += who;
  return child;
}

const naiveWho = (ply: number) => (ply % 2 === 0 ? '1' : '2');

/** Sequences per ply, by depth-first enumeration of every sequence (one board, played and taken back). */
function naiveSequences(maxPly: number): number[] {
  const counts = new Array<number>(maxPly).fill(0);
  const board = emptyNaive();
  const walk = (ply: number) => {
    const who = naiveWho(ply);
    for (let c = 0; c < WIDTH; c++) {
      const column = board[c]!;
      if (column.length === HEIGHT) continue;
      board[c] = column + who;
      counts[ply]!++;
      if (ply + 1 < maxPly && !naiveFourThrough(board, c, column.length, who)) walk(ply + 1);
      board[c] = column;
    }
  };
  walk(0);
  return counts;
}

/** Distinct positions and sequences per ply, level by level, merging positions by their picture. */
function naiveLevels(maxPly: number): { positions: number[]; sequences: number[] } {
  type Entry = { board: NaiveBoard; paths: number; over: boolean };
  let level = new Map<string, Entry>([['', { board: emptyNaive(), paths: 1, over: false }]]);
  const positions: number[] = [];
  const sequences: number[] = [];
  for (let ply = 0; ply < maxPly; ply++) {
    const next = new Map<string, Entry>();
    for (const { board, paths, over } of level.values()) {
      if (over) continue;
      for (let c = 0; c < WIDTH; c++) {
        const child = naiveDrop(board, c, naiveWho(ply));
        if (child === undefined) continue;
        const key = child.join('|');
        const seen = next.get(key);
        if (seen) seen.paths += paths;
        else {
          const won = naiveFourThrough(child, c, child[c]!.length - 1, naiveWho(ply));
          next.set(key, { board: child, paths, over: won });
        }
      }
    }
    level = next;
    positions.push(level.size);
    sequences.push([...level.values()].reduce((sum, e) => sum + e.paths, 0));
  }
  return { positions, sequences };
}

// ─── The same counts on the bitboard and on the game definition ──────────────────────────────────

function bitboardLevels(maxPly: number): { positions: number[]; sequences: number[] } {
  let level = new Map([[bitboard.key(bitboard.EMPTY), { board: bitboard.EMPTY, paths: 1 }]]);
  const positions: number[] = [];
  const sequences: number[] = [];
  for (let ply = 0; ply < maxPly; ply++) {
    const next = new Map<number, { board: bitboard.Bitboard; paths: number }>();
    for (const { board, paths } of level.values()) {
      if (board.plies > 0 && bitboard.lastMoverWon(board)) continue;
      for (let c = 0; c < bitboard.WIDTH; c++) {
        if (!bitboard.canPlay(board, c)) continue;
        const child = bitboard.play(board, c);
        const key = bitboard.key(child);
        const seen = next.get(key);
        if (seen) seen.paths += paths;
        else next.set(key, { board: child, paths });
      }
    }
    level = next;
    positions.push(level.size);
    sequences.push([...level.values()].reduce((sum, e) => sum + e.paths, 0));
  }
  return { positions, sequences };
}

function definitionSequences(maxPly: number): number[] {
  const counts = new Array<number>(maxPly).fill(0);
  const walk = (state: Connect4State, ply: number) => {
    const seat = connect4.toMove(state);
    if (seat === null) return;
    for (const move of connect4.legalMoves(state)) {
      const next = connect4.play(state, seat, move);
      if (!next.ok) throw new Error(next.error.message);
      counts[ply]!++;
      if (ply + 1 < maxPly) walk(next.value, ply + 1);
    }
  };
  const start = connect4.create({ firstSeat: 0, position: '' }, 0);
  if (start.ok) walk(start.value, 0);
  return counts;
}

describe('Connect4 perft (move sequences and positions per ply)', () => {
  it('matches the expected table with the naive reference (sequences to ply 7 one by one, then by level)', () => {
    const byWalk = naiveSequences(7);
    const byLevel = naiveLevels(8);
    expect(byWalk).toEqual(EXPECTED.slice(0, 7).map((row) => row.sequences));
    expect(byLevel.sequences).toEqual(EXPECTED.map((row) => row.sequences));
    expect(byLevel.positions).toEqual(EXPECTED.map((row) => row.positions));
  });

  it('matches the expected table on the bitboard, whose key tells distinct positions apart', () => {
    const levels = bitboardLevels(8);
    expect(levels.sequences).toEqual(EXPECTED.map((row) => row.sequences));
    expect(levels.positions).toEqual(EXPECTED.map((row) => row.positions));
  });

  it('matches the expected table through the game definition (legalMoves and play), to ply 6', () => {
    expect(definitionSequences(6)).toEqual(EXPECTED.slice(0, 6).map((row) => row.sequences));
  });
});

describe('Connect4 rules against the naive reference', () => {
  it('end random games at the same move, with the same winner, as the naive rules (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: 42, maxLength: 42 }), (choices) => {
        const start = connect4.create({ firstSeat: 0, position: '' }, 0);
        if (!start.ok) throw new Error(start.error.message);
        let state = start.value;
        let board = emptyNaive();
        let naiveWinner: Seat | null | undefined;
        for (let ply = 0; naiveWinner === undefined; ply++) {
          expect(connect4.outcome(state)).toBeUndefined();
          const open = [1, 2, 3, 4, 5, 6, 7].filter((c) => board[c - 1]!.length < HEIGHT);
          expect(connect4.legalMoves(state)).toEqual(open.map((column) => ({ column })));
          const column = open[choices[ply]! % open.length]!;
          board = naiveDrop(board, column - 1, naiveWho(ply))!;
          if (naiveFourThrough(board, column - 1, board[column - 1]!.length - 1, naiveWho(ply))) {
            naiveWinner = ply % 2;
          } else if (ply + 1 === WIDTH * HEIGHT) naiveWinner = null;
          const next = connect4.play(state, ply % 2, { column } as Connect4Move);
          if (!next.ok) throw new Error(next.error.message);
          state = next.value;
        }
        expect(connect4.outcome(state)?.winner).toBe(naiveWinner);
      }),
      { seed: PROPERTY_SEED, numRuns: 300 },
    );
  });
});
