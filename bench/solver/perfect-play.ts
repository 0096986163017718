/**
 * `npm run bench:perfect-play`: the `perfect` level against itself from the empty board, with the
 * shipped opening book, in one process (one solver, its table kept from move to move). Checks the
 * known result of Connect Four (the first player wins, with their 21st stone: score +1) and prints
 * the time of every move. Moves on 4–6 stones dominate (the book stops at 4 stones): about 3
 * minutes on the 2-core machine; that is why this is a script and not a test of `npm test`.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import {
  CELLS,
  chooseColumn,
  createSolver,
  decodeOpeningBook,
  EMPTY_POSITION,
  isWinningMove,
  playColumn,
} from '../../src/games/connect4/solver/index.ts';

const decoded = decodeOpeningBook(readFileSync(new URL('../../assets/connect4-book.bin', import.meta.url)));
if (!decoded.ok) throw new Error(decoded.error.message);
const solver = createSolver({ book: decoded.value });

let position = EMPTY_POSITION;
let played = '';
let winner: 'first' | 'second' | null = null;
const started = performance.now();
while (position.plies < CELLS) {
  const t = performance.now();
  const choice = chooseColumn(solver, position, { level: 'perfect', random: Math.random });
  const ms = performance.now() - t;
  process.stdout.write(
    `stone ${String(position.plies + 1).padStart(2)}: column ${choice.column + 1} (score ${choice.score}) in ${ms.toFixed(0)} ms\n`,
  );
  if (!choice.exact) throw new Error('the perfect level gave up: it has no budget here');
  played += choice.column + 1;
  if (isWinningMove(position, choice.column)) {
    winner = position.plies % 2 === 0 ? 'first' : 'second';
    break;
  }
  position = playColumn(position, choice.column);
}
const seconds = ((performance.now() - started) / 1000).toFixed(1);
process.stdout.write(
  `\n${played}\nresult: ${winner === null ? 'draw' : `${winner} player wins`} after ${played.length} stones, ${seconds} s\n`,
);
const expected = winner === 'first' && played.length === 41;
process.stdout.write(
  `known result (first player wins with the 41st stone): ${expected ? 'REPRODUCED' : 'NOT REPRODUCED'}\n`,
);
process.exitCode = expected ? 0 : 1;
