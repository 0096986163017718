import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as bitboard from './bitboard.ts';
import { makePosition, parsePosition } from './notation.ts';

//
// The notation and the rules against an independent source: Pascal Pons' benchmark sets (the
// first lines of each fixture file say where they come from). Every position in them is legal
// and unfinished. Its score, computed by Pons' solver, is from the point of view of the player to
// move with n stones played: W − j when that player wins with their (j + 1)-th stone from now at
// the earliest, L + j when the opponent wins with their (j + 1)-th, where W = ⌊(43 − n) / 2⌋ and
// L = −⌊(42 − n) / 2⌋ (README of the sets). So a tiny forced-win search on our bitboard must agree:
//   score = W      ⟺ the player to move wins at once (none in the sets: they leave those out)
//   score = W − 1  ⟺ it forces a win with its second stone, not its first
//   score = L      ⟺ every move lets the opponent win at once (also left out of the sets)
//   score = L + 1  ⟺ every move lets the opponent force a win within two stones, not always at once
// (W − 1, L and L + 1 only while n ≤ 39, 40 and 38: with more stones played they are 0, which is
// also the score of a draw.) That checks our four-in-a-row detection and move generation on
// positions we did not choose.
//
const SETS = ['Test_L3_R1', 'Test_L2_R1', 'Test_L2_R2', 'Test_L1_R1', 'Test_L1_R2', 'Test_L1_R3'] as const;

const readSet = (name: string) =>
  readFileSync(new URL(`./fixtures/${name}.sample`, import.meta.url), 'utf8')
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const [position = '', score = ''] = line.split(' ');
      return { line, position, score: Number(score) };
    });

const COLUMNS = [0, 1, 2, 3, 4, 5, 6];

/** Whether the player to move can force four in a row with at most `stones` more of its stones. */
function forcesWin(board: bitboard.Bitboard, stones: number): boolean {
  const moves = COLUMNS.filter((c) => bitboard.canPlay(board, c));
  if (stones === 0 || moves.length === 0) return false;
  if (moves.some((c) => bitboard.isWinningMove(board, c))) return true;
  if (stones === 1) return false;
  return moves.some((c) => {
    const next = bitboard.play(board, c);
    const replies = COLUMNS.filter((d) => bitboard.canPlay(next, d));
    if (replies.length === 0 || replies.some((d) => bitboard.isWinningMove(next, d))) return false;
    return replies.every((d) => forcesWin(bitboard.play(next, d), stones - 1));
  });
}

/** Whether every move of the player to move lets the opponent force a win within `stones` stones. */
const losesWithin = (board: bitboard.Bitboard, stones: number): boolean =>
  COLUMNS.filter((c) => bitboard.canPlay(board, c)).every((c) => forcesWin(bitboard.play(board, c), stones));

describe('Connect4 notation on Pascal Pons benchmark positions', () => {
  const met = { winInTwo: 0, lossInTwo: 0 };

  describe.each(SETS)('%s', (name) => {
    const rows = readSet(name);

    it('holds at least 100 well-formed lines', () => {
      expect(rows.length).toBeGreaterThanOrEqual(100);
      for (const { line } of rows) expect(line).toMatch(/^[1-7]{1,42} -?\d{1,2}$/);
    });

    it('parses every position as a legal, unfinished game that writes back the same', () => {
      for (const { position } of rows) {
        const parsed = parsePosition(position);
        expect(parsed.ok, position).toBe(true);
        if (!parsed.ok) continue;
        expect(parsed.value.outcome, position).toBeUndefined();
        expect(parsed.value.board.plies).toBe(position.length);
        expect(makePosition(parsed.value)).toBe(position);
      }
    });

    it('finds the wins and losses within two stones exactly where the scores put them', () => {
      for (const { position, score } of rows) {
        const parsed = parsePosition(position);
        if (!parsed.ok) throw new Error(parsed.error.message);
        const board = parsed.value.board;
        const n = board.plies;
        const W = Math.floor((43 - n) / 2);
        const L = -Math.floor((42 - n) / 2);
        const winAtOnce = forcesWin(board, 1);
        expect(winAtOnce, position).toBe(score === W);
        if (n <= 39) {
          expect(forcesWin(board, 2) && !winAtOnce, position).toBe(score === W - 1);
          if (score === W - 1) met.winInTwo++;
        }
        if (n <= 40) {
          const lossAtOnce = !winAtOnce && losesWithin(board, 1);
          expect(lossAtOnce, position).toBe(score === L);
          if (n <= 38) {
            expect(!winAtOnce && !lossAtOnce && losesWithin(board, 2), position).toBe(score === L + 1);
            if (score === L + 1) met.lossInTwo++;
          }
        }
      }
    });
  });

  it('met wins and losses in two in the samples, so the score checks above checked something', () => {
    expect(met.winInTwo).toBeGreaterThan(30);
    expect(met.lossInTwo).toBeGreaterThan(15);
  });
});
