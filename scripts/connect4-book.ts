/**
 * `npm run book:connect4 -- [--depth N] [--workers K] [--table-bits B] [--out FILE]`: builds the
 * Connect Four opening book (format: src/games/connect4/solver/opening-book.ts) by solving every
 * position of at most N stones.
 *
 *   1. Lists every position of 0…N stones reachable in a game (no four in a row yet), one per
 *      mirror pair, in depth-first order (neighbours share most of their search trees).
 *   2. Solves those of exactly N stones with the solver, in K worker threads that each keep one
 *      transposition table for all their positions (its bounds stay true from one position to
 *      the next, so later positions reuse what earlier ones proved). Each result is appended to
 *      FILE.progress as it comes, so an interrupted run resumes where it stopped.
 *   3. Scores the shallower positions backwards without any search: a position's score is the
 *      best over its moves of minus the score of the position after it (a move that lets the
 *      opponent win at once is scored from that immediate win).
 *   4. Writes the book (positions where the player to move wins at once are left out: the
 *      solver scores those itself), reads it back, checks it, and removes FILE.progress.
 *
 * Time grows about 4× per extra ply with strong solving (bench/solver/README.md has the figures).
 */
import { appendFileSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
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
  parseSolverPosition,
  playColumn,
  type SolverPosition,
  symmetricKey,
  WIDTH,
} from '../src/games/connect4/solver/index.ts';

interface Task {
  readonly index: number;
  readonly moves: string;
}
interface Solved {
  readonly index: number;
  readonly score: number;
  readonly nodes: number;
  readonly ms: number;
}

if (!isMainThread) {
  // A worker: one solver (one table) for every position it is given.
  const solver = createSolver({ tableBits: (workerData as { tableBits: number }).tableBits });
  parentPort!.on('message', (task: Task) => {
    const parsed = parseSolverPosition(task.moves);
    if (!parsed.ok) throw new Error(`${task.moves}: ${parsed.error.message}`);
    const nodes = solver.nodeCount;
    const started = performance.now();
    const score = solver.solve(parsed.value);
    const solved: Solved = {
      index: task.index,
      score,
      nodes: solver.nodeCount - nodes,
      ms: performance.now() - started,
    };
    parentPort!.postMessage(solved);
  });
} else {
  await main();
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      depth: { type: 'string', default: '4' },
      workers: { type: 'string', default: String(availableParallelism()) },
      'table-bits': { type: 'string', default: '25' },
      out: { type: 'string', default: 'assets/connect4-book.bin' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(
      'Usage: npm run book:connect4 -- [--depth N (4)] [--workers K (cores)] [--table-bits B (25)] [--out FILE]\n',
    );
    return;
  }
  const depth = Number(values.depth);
  const workers = Number(values.workers);
  const tableBits = Number(values['table-bits']);
  const out = values.out;
  if (!Number.isInteger(depth) || depth < 0 || depth > 12) throw new Error('--depth: an integer 0-12');
  if (!Number.isInteger(workers) || workers < 1) throw new Error('--workers: a positive integer');
  const started = performance.now();

  // 1. Every position up to `depth`, one per mirror pair, depth-first.
  const levels: { moves: string; position: SolverPosition }[][] = Array.from({ length: depth + 1 }, () => []);
  const seen = new Set<number>();
  const visit = (moves: string, position: SolverPosition): void => {
    const key = symmetricKey(position);
    if (seen.has(key)) return;
    seen.add(key);
    levels[position.plies]!.push({ moves, position });
    if (position.plies === depth) return;
    for (let column = 0; column < WIDTH; column++) {
      if (canPlay(position, column) && !isWinningMove(position, column)) {
        visit(moves + String(column + 1), playColumn(position, column));
      }
    }
  };
  visit('', EMPTY_POSITION);
  const deepest = levels[depth]!;
  const toSolve = deepest.filter((p) => !canWinNext(p.position));
  log(
    `depth ${depth}: ${seen.size} positions up to mirror images (${levels.map((l) => l.length).join(' + ')}), ` +
      `${toSolve.length} of ${depth} stones to solve`,
  );

  // 2. Solve the deepest level (resuming from the progress file).
  const scores = new Map<number, number>();
  const progressFile = `${out}.progress`;
  if (existsSync(progressFile)) {
    for (const line of readFileSync(progressFile, 'utf8').split('\n')) {
      const [moves, score] = line.split(' ');
      if (moves === undefined || score === undefined) continue;
      const parsed = parseSolverPosition(moves);
      if (parsed.ok && parsed.value.plies === depth) scores.set(symmetricKey(parsed.value), Number(score));
    }
    log(`resuming: ${scores.size} positions already solved in ${progressFile}`);
  }
  const pending = toSolve.filter((p) => !scores.has(symmetricKey(p.position)));
  await solveAll(pending, workers, tableBits, (task, solved) => {
    scores.set(symmetricKey(task.position), solved.score);
    appendFileSync(progressFile, `${task.moves} ${solved.score} ${solved.nodes} ${solved.ms.toFixed(0)}\n`);
  });
  const solvedMs = performance.now() - started;

  // 3. The shallower levels, backwards.
  const winNow = (position: SolverPosition): number => (CELLS + 1 - position.plies) >> 1;
  const scoreOf = (position: SolverPosition): number => {
    if (position.plies >= CELLS) return 0;
    if (canWinNext(position)) return winNow(position);
    const known = scores.get(symmetricKey(position));
    if (known === undefined) throw new Error(`no score for a position of ${position.plies} stones`);
    return known;
  };
  for (let d = depth - 1; d >= 0; d--) {
    for (const { position } of levels[d]!) {
      if (canWinNext(position)) continue;
      let best = Number.NEGATIVE_INFINITY;
      for (let column = 0; column < WIDTH; column++) {
        if (canPlay(position, column)) best = Math.max(best, -scoreOf(playColumn(position, column)));
      }
      scores.set(symmetricKey(position), best);
    }
  }

  // 4. Write, read back, check.
  const entries = levels
    .flat()
    .filter((p) => !canWinNext(p.position))
    .map((p) => ({ key: symmetricKey(p.position), score: scoreOf(p.position) }));
  const bytes = encodeOpeningBook(createOpeningBook(depth, entries));
  writeFileSync(out, bytes);
  const back = decodeOpeningBook(readFileSync(out));
  if (!back.ok) throw new Error(`the written book does not read back: ${back.error.message}`);
  if (back.value.size !== entries.length) throw new Error('the written book lost entries');
  for (const { moves, position } of levels.flat()) {
    if (!canWinNext(position) && back.value.scoreOf(position) !== scoreOf(position)) {
      throw new Error(`the written book disagrees on ${moves}`);
    }
  }
  rmSync(progressFile, { force: true }); // everything it held is in the book now
  const empty = back.value.scoreOf(EMPTY_POSITION);
  log(
    `wrote ${out}: ${entries.length} positions, ${bytes.length} bytes, depth ${depth}; ` +
      `solving took ${(solvedMs / 1000).toFixed(1)} s, in all ${((performance.now() - started) / 1000).toFixed(1)} s ` +
      `(${workers} worker${workers === 1 ? '' : 's'}, table 2^${tableBits}); empty board scores ${empty}`,
  );
}

function log(message: string): void {
  process.stdout.write(`${new Date().toISOString()} ${message}\n`);
}

/** Solves `tasks` in `count` workers, in order, calling `done` for each result. */
async function solveAll(
  tasks: readonly { moves: string; position: SolverPosition }[],
  count: number,
  tableBits: number,
  done: (task: { moves: string; position: SolverPosition }, solved: Solved) => void,
): Promise<void> {
  if (tasks.length === 0) return;
  // A worker runs this same file; it must load it through tsx as the main thread did.
  const workerSource = `(async () => {
    const { register } = await import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))});
    register();
    await import(${JSON.stringify(import.meta.url)});
  })();`;
  let next = 0;
  let finished = 0;
  let totalNodes = 0;
  const started = performance.now();
  await new Promise<void>((resolve, reject) => {
    const pool = Array.from({ length: Math.min(count, tasks.length) }, () => {
      const worker = new Worker(workerSource, { eval: true, workerData: { tableBits } });
      const feed = (): void => {
        if (next < tasks.length) {
          const task: Task = { index: next, moves: tasks[next]!.moves };
          next++;
          worker.postMessage(task);
        }
      };
      worker.on('message', (solved: Solved) => {
        done(tasks[solved.index]!, solved);
        finished++;
        totalNodes += solved.nodes;
        if (finished % 25 === 0 || finished === tasks.length) {
          const elapsed = (performance.now() - started) / 1000;
          const eta = (elapsed / finished) * (tasks.length - finished);
          log(
            `${finished}/${tasks.length} solved, ${elapsed.toFixed(0)} s, ` +
              `${(totalNodes / elapsed / 1e6).toFixed(2)} M positions/s, about ${eta.toFixed(0)} s left`,
          );
        }
        if (finished === tasks.length) {
          for (const member of pool) void member.worker.terminate();
          resolve();
        } else feed();
      });
      worker.on('error', reject);
      return { worker, feed };
    });
    for (const { feed } of pool) feed();
  });
}
