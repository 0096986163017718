// `npm run bench:solver`: the Connect Four solver (src/games/connect4/solver/) on Pascal Pons'
// six benchmark sets, against the figures of his C++ solver on this kind of machine
// (../shared/bench/connect4/REFERENCE.md). Target (issue 5): a mean time per position within 1.5×
// of the C++ one on every set, with no more explored positions.
//
// For each set and each mode (strong / weak, without / with the opening book): mean time per
// position, mean explored positions, explored positions per second, and the ratios to the C++
// figures; then one summary line per set, MET or NOT MET.
//
// Method, as Pons' own benchmark (his main.cpp): the transposition table is reset before each
// position and the reset is not timed (ours clears a 128 KiB bitmap, a few µs; his 80 MiB); time =
// wall time of `solve` (performance.now()); one process, one core. The solver is bundled from the
// TypeScript sources with esbuild (what `npm run build` does for the CLI), imported once per solver
// (plain, with the book: one solver per module instance, as one per worker thread in production),
// and a warm-up (random positions, none from the sets; see below) lets V8 compile the search
// before the first measured position, as it is in a running server (--no-warmup to measure cold).
// With the book, positions deeper than the book never consult it (the search only asks about
// positions of at most `depth` stones, and every position below the root is deeper), so only the
// positions the book can answer are solved again; the others keep their no-book figures (say
// --rerun-book to solve everything again).
//
// Options: --sets L3_R1,L2_R1,… (default all six), --all (every line of Test_L1_R3, not the first
// 100), --limit N (first N lines of every set), --modes strong,weak,book-strong,book-weak,
// --book FILE (default assets/connect4-book.bin), --table-bits N, --data DIR (the sets; default
// ../shared/bench/connect4), --json FILE, --no-warmup, --rerun-book.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TARGET_RATIO = 1.5;

/** REFERENCE.md: Pons' C++ solver on this kind of machine, per set (time in µs, mean explored). */
const REFERENCE = {
  Test_L3_R1: { strong: { us: 7.5, nodes: 51 }, weak: { us: 5.6, nodes: 29 } },
  Test_L2_R1: { strong: { us: 50, nodes: 449 }, weak: { us: 71, nodes: 532 } },
  Test_L2_R2: { strong: { us: 5_200, nodes: 39_807 }, weak: { us: 2_900, nodes: 20_178 } },
  Test_L1_R1: { strong: { us: 380, nodes: 3_296 }, weak: { us: 2_900, nodes: 22_177 } },
  Test_L1_R2: { strong: { us: 163_000, nodes: 1_187_923 }, weak: { us: 76_000, nodes: 534_680 } },
  Test_L1_R3: { strong: { us: 8_900_000, nodes: 58_220_590 }, weak: { us: 5_900_000, nodes: 36_422_393 } },
};
const ALL_MODES = ['strong', 'weak', 'book-strong', 'book-weak'];

const { values } = parseArgs({
  options: {
    sets: { type: 'string' },
    all: { type: 'boolean' },
    limit: { type: 'string' },
    modes: { type: 'string' },
    book: { type: 'string' },
    'table-bits': { type: 'string' },
    data: { type: 'string' },
    json: { type: 'string' },
    'no-warmup': { type: 'boolean' },
    'rerun-book': { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  process.stdout.write(
    'Usage: npm run bench:solver -- [--sets L3_R1,L2_R1,...] [--all] [--limit N] [--modes strong,weak,book-strong,book-weak]\n' +
      '       [--book FILE] [--table-bits N] [--data DIR] [--json FILE] [--no-warmup] [--rerun-book]\n',
  );
  process.exit(0);
}
const dataDir = values.data ?? path.join(ROOT, '../shared/bench/connect4');
const setNames = (values.sets?.split(',') ?? Object.keys(REFERENCE)).map((s) =>
  s.startsWith('Test_') ? s : `Test_${s}`,
);
const modes = values.modes?.split(',') ?? ALL_MODES;
for (const m of modes) if (!ALL_MODES.includes(m)) throw new Error(`unknown mode ${m}`);
for (const s of setNames) if (!(s in REFERENCE)) throw new Error(`unknown set ${s}`);

// ── The solver, bundled from the sources ────────────────────────────────────────────────────────
const dir = mkdtempSync(path.join(os.tmpdir(), 'parlor-bench-solver-'));
const bundle = path.join(dir, 'solver.mjs');
await build({
  entryPoints: [path.join(ROOT, 'src/games/connect4/solver/index.ts')],
  outfile: bundle,
  bundle: true,
  format: 'esm',
  platform: 'neutral',
  logLevel: 'warning',
});
const S = await import(pathToFileURL(bundle).href);
// The solver with the book gets its own instance of the module: V8 compiles the search for its
// solver alone (constants such as the table's address built into the code) only while a single
// solver exists in the isolate, as in production, where each worker thread has one; two solvers
// from one module instance made both 13–17% slower.
const SBook = await import(`${pathToFileURL(bundle).href}?book`);
rmSync(dir, { recursive: true, force: true });

const bookPath = values.book ?? path.join(ROOT, 'assets/connect4-book.bin');
let book;
if (modes.some((m) => m.startsWith('book'))) {
  if (!existsSync(bookPath)) throw new Error(`no opening book at ${bookPath} (npm run book:connect4)`);
  const decoded = S.decodeOpeningBook(readFileSync(bookPath));
  if (!decoded.ok) throw new Error(decoded.error.message);
  book = decoded.value;
}
const tableBits = values['table-bits'] === undefined ? undefined : Number(values['table-bits']);
const plain = S.createSolver(tableBits === undefined ? {} : { tableBits });
const withBook = book && SBook.createSolver({ ...(tableBits === undefined ? {} : { tableBits }), book });

const readSet = (name) => {
  let lines = readFileSync(path.join(dataDir, name), 'utf8')
    .split('\n')
    .filter((l) => l !== '');
  if (name === 'Test_L1_R3' && !values.all) lines = lines.slice(0, 100);
  if (values.limit !== undefined) lines = lines.slice(0, Number(values.limit));
  return lines.map((line) => {
    const [text, score] = line.split(' ');
    const parsed = S.parseSolverPosition(text);
    if (!parsed.ok) throw new Error(`${name}: ${text}: ${parsed.error.message}`);
    return { text, position: parsed.value, score: Number(score) };
  });
};

/** Solves one position after a reset; returns its time (µs) and explored positions. */
const measure = (solver, row, weak) => {
  solver.reset();
  const started = performance.now();
  const score = solver.solve(row.position, { weak });
  const us = (performance.now() - started) * 1000;
  const expected = weak ? Math.sign(row.score) : row.score;
  if (score !== expected) throw new Error(`${row.text}: got ${score}, expected ${expected}`);
  return { us, nodes: solver.nodeCount };
};

// ── Warm-up ─────────────────────────────────────────────────────────────────────────────────────
// Positions from seeded random play (20–40 stones; none from the benchmark sets), solved strong
// and weak by both solvers within a node budget, three times over: V8 compiles and optimises the
// search on every path (full columns, draws, forced moves, book lookups) before anything is timed.
let warmupMs = 0;
if (!values['no-warmup']) {
  const started = performance.now();
  let seed = 1;
  const random = (n) => {
    seed = (seed * 48271) % 2147483647;
    return seed % n;
  };
  const positions = [];
  while (positions.length < 600) {
    let position = S.EMPTY_POSITION;
    const stones = 20 + random(21);
    for (let i = 0; i < stones; i++) {
      const first = random(7);
      let column = -1;
      for (let k = 0; k < 7 && column < 0; k++) {
        const c = (first + k) % 7;
        if (S.canPlay(position, c) && !S.isWinningMove(position, c)) column = c;
      }
      if (column < 0) break;
      position = S.playColumn(position, column);
    }
    if (position.plies < S.CELLS && !S.canWinNext(position)) positions.push(position);
  }
  for (let round = 0; round < 3; round++) {
    for (const solver of withBook ? [plain, withBook] : [plain]) {
      for (const position of positions) {
        for (const weak of [false, true]) {
          solver.reset();
          solver.solveWithin(position, { weak, maxNodes: 100_000 });
          if (position.plies >= 30) {
            // Quick to solve outright: warms the path without a budget too.
            solver.reset();
            solver.solve(position, { weak });
          }
        }
      }
    }
  }
  warmupMs = performance.now() - started;
}
let resetUs = 0;
{
  const started = performance.now();
  for (let i = 0; i < 100; i++) plain.reset();
  resetUs = ((performance.now() - started) / 100) * 1000;
}

// ── Runs ────────────────────────────────────────────────────────────────────────────────────────
const fmtTime = (us) =>
  us >= 1e6
    ? `${(us / 1e6).toFixed(2)} s`
    : us >= 1e3
      ? `${(us / 1e3).toFixed(2)} ms`
      : `${us.toFixed(2)} µs`;
const fmtCount = (n) => (n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(2));
const results = [];
const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
process.stdout.write(
  `Connect Four solver benchmark — node ${process.version}, ${cpu}, ${os.cpus().length} cores, ` +
    `table 2^${tableBits ?? S.DEFAULT_TABLE_BITS}` +
    (book ? `, book depth ${book.depth} (${book.size} positions)` : '') +
    `\nwarm-up ${values['no-warmup'] ? 'none' : `${(warmupMs / 1000).toFixed(1)} s`}, table reset ${resetUs.toFixed(1)} µs (not timed)\n\n`,
);
const header = `${'set'.padEnd(12)}${'mode'.padEnd(13)}${'lines'.padStart(6)}${'mean time'.padStart(12)}${'C++'.padStart(10)}${'ratio'.padStart(7)}${'mean explored'.padStart(15)}${'C++'.padStart(12)}${'ratio'.padStart(7)}${'explored/s'.padStart(12)}`;
process.stdout.write(`${header}\n${'─'.repeat(header.length)}\n`);

const summaries = [];
for (const name of setNames) {
  const rows = readSet(name);
  const byMode = {};
  for (const mode of modes) {
    const weak = mode.endsWith('weak');
    const useBook = mode.startsWith('book');
    const ref = REFERENCE[name][weak ? 'weak' : 'strong'];
    let us = 0;
    let nodes = 0;
    let rerun = 0;
    const plainRun = byMode[weak ? 'weak' : 'strong'];
    byMode[mode] = { perLine: [] };
    rows.forEach((row, i) => {
      if (useBook && !values['rerun-book'] && plainRun && row.position.plies > book.depth) {
        us += plainRun.perLine[i].us;
        nodes += plainRun.perLine[i].nodes;
        return;
      }
      rerun++;
      const m = measure(useBook ? withBook : plain, row, weak);
      us += m.us;
      nodes += m.nodes;
      byMode[mode].perLine[i] = m;
    });
    const meanUs = us / rows.length;
    const meanNodes = nodes / rows.length;
    const result = {
      set: name,
      mode,
      lines: rows.length,
      solved: rerun,
      meanUs,
      meanNodes,
      nodesPerSecond: nodes / (us / 1e6),
      referenceUs: ref.us,
      referenceNodes: ref.nodes,
      timeRatio: meanUs / ref.us,
      nodeRatio: meanNodes / ref.nodes,
    };
    Object.assign(byMode[mode], result);
    results.push(result);
    process.stdout.write(
      `${name.slice(5).padEnd(12)}${(useBook && rerun < rows.length ? `${mode}*` : mode).padEnd(13)}${String(rows.length).padStart(6)}` +
        `${fmtTime(meanUs).padStart(12)}${fmtTime(ref.us).padStart(10)}${`${result.timeRatio.toFixed(2)}×`.padStart(7)}` +
        `${fmtCount(meanNodes).padStart(15)}${fmtCount(ref.nodes).padStart(12)}${`${result.nodeRatio.toFixed(2)}×`.padStart(7)}` +
        `${`${(result.nodesPerSecond / 1e6).toFixed(2)} M`.padStart(12)}\n`,
    );
  }
  // MET: every mode within 1.5× of the C++ time, and explored positions no more than C++ (a
  // rounding margin of 0.5: REFERENCE.md gives whole numbers).
  const judged = modes.map((m) => byMode[m]);
  const met = judged.every((r) => r.timeRatio <= TARGET_RATIO && r.meanNodes <= r.referenceNodes + 0.5);
  const worst = Math.max(...judged.map((r) => r.timeRatio));
  summaries.push(
    `${name}: ${met ? 'MET' : 'NOT MET'} — worst time ratio ${worst.toFixed(2)}× (target ≤ ${TARGET_RATIO}×), ` +
      `explored ${judged.map((r) => `${r.mode} ${r.nodeRatio.toFixed(3)}×`).join(', ')}`,
  );
}
process.stdout.write(
  `\n* book modes: only the lines the book can answer (≤ ${book?.depth ?? '-'} stones) were solved again; the others keep their no-book figures.\n\nSummary (target: mean time ≤ ${TARGET_RATIO}× C++ and explored ≤ C++, every mode):\n${summaries.map((s) => `  ${s}`).join('\n')}\n`,
);
if (values.json)
  writeFileSync(values.json, `${JSON.stringify({ node: process.version, cpu, results }, null, 2)}\n`);
