import { describe, expect, it } from 'vitest';
import type { Seat } from '../game.ts';
import { ticTacToe } from './index.ts';
import type { TicTacToeState } from './rules.ts';

//
// Move counts of tic-tac-toe, by the game definition and by a naive implementation written
// below (a 9-character string board, lines found by walking rows, columns and diagonals).
//
// Provenance: the numbers of complete games are classical (Henry Bottomley's analysis; also the
// Wikipedia article "Tic-tac-toe", section Combinatorics): 255,168 games, of which 131,184 are won
// by the first player, 77,904 by the second and 46,080 drawn; 1,440 end at move 5, 5,328 at 6,
// 47,952 at 7, 72,576 at 8 and 127,872 at 9. The distinct positions per ply add up, with the empty
// board, to the classical 5,478 legal positions. The sequences per ply follow from those (and are
// 9·8·…, minus games that ended, until move 5).
//
const SEQUENCES = [9, 72, 504, 3_024, 15_120, 54_720, 148_176, 200_448, 127_872];
const POSITIONS = [9, 72, 252, 756, 1_260, 1_520, 1_140, 390, 78];
const ENDED = [0, 0, 0, 0, 1_440, 5_328, 47_952, 72_576, 127_872];
const RESULTS = { first: 131_184, second: 77_904, draw: 46_080 };

/** Whether `who` holds a row, a column or a diagonal of a 9-character board. */
function naiveWon(board: string, who: string): boolean {
  const at = (r: number, c: number) => board[r * 3 + c] === who;
  for (let i = 0; i < 3; i++) {
    if (at(i, 0) && at(i, 1) && at(i, 2)) return true;
    if (at(0, i) && at(1, i) && at(2, i)) return true;
  }
  return (at(0, 0) && at(1, 1) && at(2, 2)) || (at(0, 2) && at(1, 1) && at(2, 0));
}

function naiveCounts() {
  const sequences = new Array<number>(9).fill(0);
  const ended = new Array<number>(9).fill(0);
  const positions = Array.from({ length: 9 }, () => new Set<string>());
  const results = { first: 0, second: 0, draw: 0 };
  const walk = (board: string, ply: number) => {
    const who = ply % 2 === 0 ? 'x' : 'o';
    for (let i = 0; i < 9; i++) {
      if (board[i] !== '.') continue;
      const next = board.slice(0, i) + who + board.slice(i + 1);
      sequences[ply]!++;
      positions[ply]!.add(next);
      if (naiveWon(next, who)) {
        ended[ply]!++;
        results[who === 'x' ? 'first' : 'second']++;
      } else if (ply === 8) {
        ended[ply]!++;
        results.draw++;
      } else walk(next, ply + 1);
    }
  };
  walk('.........', 0);
  return { sequences, ended, positions: positions.map((p) => p.size), results };
}

function definitionCounts() {
  const sequences = new Array<number>(9).fill(0);
  const ended = new Array<number>(9).fill(0);
  const results = { first: 0, second: 0, draw: 0 };
  const walk = (state: TicTacToeState, ply: number) => {
    const seat = ticTacToe.toMove(state) as Seat;
    for (const move of ticTacToe.legalMoves(state)) {
      const next = ticTacToe.play(state, seat, move);
      if (!next.ok) throw new Error(next.error.message);
      sequences[ply]!++;
      const outcome = ticTacToe.outcome(next.value);
      if (outcome === undefined) walk(next.value, ply + 1);
      else {
        ended[ply]!++;
        results[outcome.winner === null ? 'draw' : outcome.winner === 0 ? 'first' : 'second']++;
      }
    }
  };
  const start = ticTacToe.create({ firstSeat: 0 }, 0);
  if (start.ok) walk(start.value, 0);
  return { sequences, ended, results };
}

describe('TicTacToe perft (move sequences, positions and complete games)', () => {
  it('matches the classical figures with the naive reference', () => {
    const naive = naiveCounts();
    expect(naive.sequences).toEqual(SEQUENCES);
    expect(naive.positions).toEqual(POSITIONS);
    expect(1 + POSITIONS.reduce((a, b) => a + b)).toBe(5_478);
    expect(naive.ended).toEqual(ENDED);
    expect(naive.results).toEqual(RESULTS);
  });

  it('matches the classical figures through the game definition', () => {
    const counts = definitionCounts();
    expect(counts.sequences).toEqual(SEQUENCES);
    expect(counts.ended).toEqual(ENDED);
    expect(counts.results).toEqual(RESULTS);
    expect(RESULTS.first + RESULTS.second + RESULTS.draw).toBe(255_168);
  });
});
