import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { uniformSource as seeded } from '../../rng.ts';
import {
  canPlay,
  chooseColumn,
  createSolver,
  EMPTY_POSITION,
  heuristicColumn,
  isWinningMove,
  LEVEL_PROFILES,
  PLAYER_LEVELS,
  type PlayerLevel,
  parseSolverPosition,
  playColumn,
  type SolverPosition,
} from './index.ts';

//
// The player levels: `perfect` always plays a best move (checked against the exact score of
// every column), the weaker ones err at their stated rate, never illegally, and `medium`/`hard`
// never blunder into an immediate loss when another move avoids it.
//

const parse = (text: string): SolverPosition => {
  const parsed = parseSolverPosition(text);
  if (!parsed.ok) throw new Error(`${text}: ${parsed.error.message}`);
  return parsed.value;
};

const fixture = (name: string): SolverPosition[] =>
  readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => parse(line.split(' ')[0]!));

const playable = (position: SolverPosition): number[] =>
  [0, 1, 2, 3, 4, 5, 6].filter((column) => canPlay(position, column));
const handsWin = (position: SolverPosition, column: number): boolean => {
  const after = playColumn(position, column);
  return playable(after).some((reply) => isWinningMove(after, reply));
};

describe('chooseColumn', () => {
  const solver = createSolver();
  const middle = fixture('Test_L2_R1').slice(0, 60);

  it('perfect: always a move of the best score (fastest win, slowest loss), with the exact score', () => {
    for (const position of [...middle, ...fixture('Test_L3_R1').slice(0, 60)]) {
      const choice = chooseColumn(solver, position, { level: 'perfect', random: () => 0 });
      const scores = solver.analyze(position);
      const best = Math.max(...scores.filter((s): s is number => s !== null));
      expect(scores[choice.column], `column ${choice.column + 1} of ${JSON.stringify(scores)}`).toBe(best);
      expect(choice).toMatchObject({ score: best, exact: true, mistake: false });
    }
  });

  it('takes an immediate win, and blocks an immediate threat', () => {
    // First player has 1, 1, 1 in column 1 (stones 1, 3, 5): playing column 1 wins.
    const win = parse('121212');
    expect(chooseColumn(solver, win, { level: 'perfect', random: () => 0.99 }).column).toBe(0);
    // Second player to move must block column 1 (solved within a short budget, or by the heuristic).
    const block = parse('12121');
    for (const level of ['perfect', 'hard', 'medium'] as const) {
      expect(chooseColumn(solver, block, { level, random: () => 0.99, shouldStop: () => true }).column).toBe(
        0,
      );
    }
    expect(heuristicColumn(block)).toBe(0);
  });

  it.each(PLAYER_LEVELS)('%s: never an illegal move, over whole games', (level: PlayerLevel) => {
    const random = seeded(7);
    for (let game = 0; game < 3; game++) {
      let position = parse('4');
      while (position.plies < 42) {
        const choice = chooseColumn(solver, position, {
          level,
          random,
          shouldStop: () => position.plies < 16,
        });
        expect(canPlay(position, choice.column)).toBe(true);
        if (isWinningMove(position, choice.column)) break;
        position = playColumn(position, choice.column);
      }
    }
  });

  it.each(['easy', 'medium', 'hard'] as const)('%s: errs at its stated rate', (level) => {
    const random = seeded(11);
    let mistakes = 0;
    let blunders = 0;
    let chances = 0;
    for (let round = 0; round < 5; round++) {
      for (const position of middle) {
        const choice = chooseColumn(solver, position, { level, random });
        const safe = playable(position).filter((column) => !handsWin(position, column));
        // A mistake needs another move to make (a safe one, for the levels that do not blunder).
        if ((LEVEL_PROFILES[level].blunders ? playable(position) : safe).length < 2) {
          expect(choice.mistake).toBe(false);
          continue;
        }
        chances += 1;
        if (choice.mistake) mistakes += 1;
        if (choice.mistake && safe.length > 0 && handsWin(position, choice.column)) blunders += 1;
      }
    }
    const rate = LEVEL_PROFILES[level].mistakeRate;
    // About 300 draws: the observed rate is within 4 standard deviations of the stated one.
    const spread = 4 * Math.sqrt((rate * (1 - rate)) / chances);
    expect(Math.abs(mistakes / chances - rate)).toBeLessThan(spread);
    if (!LEVEL_PROFILES[level].blunders) expect(blunders).toBe(0);
  });

  it('falls back to the heuristic when the budget runs out, and says so', () => {
    const choice = chooseColumn(createSolver(), EMPTY_POSITION, {
      level: 'hard',
      random: () => 0.99,
      shouldStop: () => true,
    });
    // The empty board is not in a solver without a book: the search gives up at once.
    expect(choice).toEqual({ column: 3, exact: false, mistake: false });
  });
});
