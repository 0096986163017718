/**
 * Micro-benchmark behind the choice of representation in src/games/connect4/bitboard.ts.
 * Not a test: run it by hand and paste the figures into the comment at the top of bitboard.ts.
 *
 *   npx tsx bench/games/bitboard-representation.ts            # every candidate, interleaved
 *   npx tsx bench/games/bitboard-representation.ts halvesCol  # one candidate alone
 *
 * Pascal Pons' Connect Four bitboard is two 49-bit sets (the stones of the player to move, and every
 * stone), one bit per cell plus a sentinel row per column. JavaScript has no 64-bit integer that
 * bitwise operators work on, so each candidate holds those 49 bits differently:
 *
 *   bigint     — two BigInts (arbitrary precision; `&`, `|`, `>>` work on them directly)
 *   halves32   — four int32 numbers, the 49 bits cut at bit 32 (column 5 straddles: a carry crosses)
 *   halvesCol  — four int32 numbers, cut at a column boundary: columns 1–4 (28 bits) and 5–7 (21 bits)
 *   typed      — halvesCol kept in a Uint32Array stack, played and undone in place (make/unmake)
 *   number     — two doubles (< 2^49 is exact), cut into halves for every bitwise operation
 *   array      — no bitboard: a column-major Int8Array of cells and heights, lines scanned from the
 *                last stone (the obvious implementation, for scale)
 *   shipped    — the module actually shipped (src/games/connect4/bitboard.ts): immutable objects
 *
 * Two workloads, both what a solver does at every node:
 *   perft 7    — every move sequence up to ply 7 (play, then test the mover for four in a row);
 *                every candidate must count 823,536 sequences at ply 7, which checks them too
 *   win sweep  — "would this column win at once?" for the 7 columns of 20,000 random positions
 */
import * as shipped from '../../src/games/connect4/bitboard.ts';

const COLUMNS = 7;
const HEIGHT = 6;
const PERFT_DEPTH = 7;
const PERFT_EXPECTED = 823_536;
/** Nodes visited by perft 7: the sequences of plies 1 to 7 (7 + 49 + … + 117,649 + 823,536). */
const PERFT_NODES = 960_792;

interface Candidate<Board> {
  readonly name: string;
  perft(depth: number): number;
  build(moves: readonly number[]): Board;
  winningMoves(board: Board): number;
}

// ─── bigint ──────────────────────────────────────────────────────────────────────────────────────
const bigBottom = Array.from({ length: COLUMNS }, (_, c) => 1n << BigInt(7 * c));
const bigTop = Array.from({ length: COLUMNS }, (_, c) => 1n << BigInt(7 * c + 5));
const bigColumn = Array.from({ length: COLUMNS }, (_, c) => 0x3fn << BigInt(7 * c));

function bigAlign(p: bigint): boolean {
  let m = p & (p >> 7n);
  if (m & (m >> 14n)) return true;
  m = p & (p >> 6n);
  if (m & (m >> 12n)) return true;
  m = p & (p >> 8n);
  if (m & (m >> 16n)) return true;
  m = p & (p >> 1n);
  return (m & (m >> 2n)) !== 0n;
}

function bigPerft(position: bigint, mask: bigint, depth: number): number {
  let n = 0;
  for (let c = 0; c < COLUMNS; c++) {
    if ((mask & bigTop[c]!) !== 0n) continue;
    const nextPosition = position ^ mask;
    const nextMask = mask | (mask + bigBottom[c]!);
    const won = bigAlign(nextPosition ^ nextMask);
    if (depth === 1) n++;
    else if (!won) n += bigPerft(nextPosition, nextMask, depth - 1);
  }
  return n;
}

const bigint: Candidate<{ p: bigint; m: bigint }> = {
  name: 'bigint',
  perft: (depth) => bigPerft(0n, 0n, depth),
  build(moves) {
    let p = 0n;
    let m = 0n;
    for (const c of moves) {
      p ^= m;
      m |= m + bigBottom[c]!;
    }
    return { p, m };
  },
  winningMoves({ p, m }) {
    let n = 0;
    for (let c = 0; c < COLUMNS; c++) {
      if ((m & bigTop[c]!) === 0n && bigAlign(p | ((m + bigBottom[c]!) & bigColumn[c]!))) n++;
    }
    return n;
  },
};

// ─── halves32: bits 0–31 in lo, bits 32–48 in hi ─────────────────────────────────────────────────
const split32 = (bits: readonly number[]) => ({
  lo: bits.filter((b) => b < 32).reduce((a, b) => (a | (1 << b)) >>> 0, 0),
  hi: bits.filter((b) => b >= 32).reduce((a, b) => a | (1 << (b - 32)), 0),
});
const cellBits = (c: number, rows: readonly number[]) => rows.map((r) => 7 * c + r);
const h32Bottom = Array.from({ length: COLUMNS }, (_, c) => split32(cellBits(c, [0])));
const h32Top = Array.from({ length: COLUMNS }, (_, c) => split32(cellBits(c, [5])));
const h32Column = Array.from({ length: COLUMNS }, (_, c) => split32(cellBits(c, [0, 1, 2, 3, 4, 5])));
const h32BLo = h32Bottom.map((x) => x.lo);
const h32BHi = h32Bottom.map((x) => x.hi);
const h32TLo = h32Top.map((x) => x.lo);
const h32THi = h32Top.map((x) => x.hi);
const h32CLo = h32Column.map((x) => x.lo);
const h32CHi = h32Column.map((x) => x.hi);

function align32(lo: number, hi: number): boolean {
  let mLo = lo & ((lo >>> 7) | (hi << 25));
  let mHi = hi & (hi >>> 7);
  if ((mLo & ((mLo >>> 14) | (mHi << 18))) | (mHi & (mHi >>> 14))) return true;
  mLo = lo & ((lo >>> 6) | (hi << 26));
  mHi = hi & (hi >>> 6);
  if ((mLo & ((mLo >>> 12) | (mHi << 20))) | (mHi & (mHi >>> 12))) return true;
  mLo = lo & ((lo >>> 8) | (hi << 24));
  mHi = hi & (hi >>> 8);
  if ((mLo & ((mLo >>> 16) | (mHi << 16))) | (mHi & (mHi >>> 16))) return true;
  mLo = lo & ((lo >>> 1) | (hi << 31));
  mHi = hi & (hi >>> 1);
  return ((mLo & ((mLo >>> 2) | (mHi << 30))) | (mHi & (mHi >>> 2))) !== 0;
}

function perft32(pLo: number, pHi: number, mLo: number, mHi: number, depth: number): number {
  let n = 0;
  for (let c = 0; c < COLUMNS; c++) {
    if ((mLo & h32TLo[c]!) | (mHi & h32THi[c]!)) continue;
    // mLo is kept unsigned, so the sum is exact and a carry out of bit 31 shows as sum > 2^32 - 1.
    const sum = mLo + h32BLo[c]!;
    const nextMLo = (mLo | sum) >>> 0;
    const nextMHi = mHi | (mHi + h32BHi[c]! + (sum > 0xffffffff ? 1 : 0));
    const nextPLo = (pLo ^ mLo) >>> 0;
    const nextPHi = pHi ^ mHi;
    const won = align32(nextPLo ^ nextMLo, nextPHi ^ nextMHi);
    if (depth === 1) n++;
    else if (!won) n += perft32(nextPLo, nextPHi, nextMLo, nextMHi, depth - 1);
  }
  return n;
}

interface Halves {
  readonly pLo: number;
  readonly pHi: number;
  readonly mLo: number;
  readonly mHi: number;
}

const halves32: Candidate<Halves> = {
  name: 'halves32',
  perft: (depth) => perft32(0, 0, 0, 0, depth),
  build(moves) {
    let [pLo, pHi, mLo, mHi] = [0, 0, 0, 0];
    for (const c of moves) {
      pLo = (pLo ^ mLo) >>> 0;
      pHi ^= mHi;
      const sum = mLo + h32BLo[c]!;
      mLo = (mLo | sum) >>> 0;
      mHi = mHi | (mHi + h32BHi[c]! + (sum > 0xffffffff ? 1 : 0));
    }
    return { pLo, pHi, mLo, mHi };
  },
  winningMoves({ pLo, pHi, mLo, mHi }) {
    let n = 0;
    for (let c = 0; c < COLUMNS; c++) {
      if ((mLo & h32TLo[c]!) | (mHi & h32THi[c]!)) continue;
      const sum = mLo + h32BLo[c]!;
      const wHi = (mHi + h32BHi[c]! + (sum > 0xffffffff ? 1 : 0)) & h32CHi[c]!;
      if (align32(pLo | (sum & h32CLo[c]!), pHi | wHi)) n++;
    }
    return n;
  },
};

// ─── halvesCol: columns 0–3 (bits 0–27) in lo, columns 4–6 (bits 28–48) in hi ────────────────────
const inLo = (c: number) => c < 4;
const colBit = (c: number, r: number) => 1 << (7 * (inLo(c) ? c : c - 4) + r);
const hcBLo = Array.from({ length: COLUMNS }, (_, c) => (inLo(c) ? colBit(c, 0) : 0));
const hcBHi = Array.from({ length: COLUMNS }, (_, c) => (inLo(c) ? 0 : colBit(c, 0)));
const hcTLo = Array.from({ length: COLUMNS }, (_, c) => (inLo(c) ? colBit(c, 5) : 0));
const hcTHi = Array.from({ length: COLUMNS }, (_, c) => (inLo(c) ? 0 : colBit(c, 5)));
const hcCLo = Array.from({ length: COLUMNS }, (_, c) => (inLo(c) ? 0x3f * colBit(c, 0) : 0));
const hcCHi = Array.from({ length: COLUMNS }, (_, c) => (inLo(c) ? 0 : 0x3f * colBit(c, 0)));

// Bits that hi shifts into lo above bit 27 are garbage, but every use ANDs them with lo, whose
// bits 28–31 are always 0, so no masking is needed.
function alignCol(lo: number, hi: number): boolean {
  let mLo = lo & ((lo >>> 7) | (hi << 21));
  let mHi = hi & (hi >>> 7);
  if ((mLo & ((mLo >>> 14) | (mHi << 14))) | (mHi & (mHi >>> 14))) return true;
  mLo = lo & ((lo >>> 6) | (hi << 22));
  mHi = hi & (hi >>> 6);
  if ((mLo & ((mLo >>> 12) | (mHi << 16))) | (mHi & (mHi >>> 12))) return true;
  mLo = lo & ((lo >>> 8) | (hi << 20));
  mHi = hi & (hi >>> 8);
  if ((mLo & ((mLo >>> 16) | (mHi << 12))) | (mHi & (mHi >>> 16))) return true;
  mLo = lo & ((lo >>> 1) | (hi << 27));
  mHi = hi & (hi >>> 1);
  return ((mLo & ((mLo >>> 2) | (mHi << 26))) | (mHi & (mHi >>> 2))) !== 0;
}

function perftCol(pLo: number, pHi: number, mLo: number, mHi: number, depth: number): number {
  let n = 0;
  for (let c = 0; c < COLUMNS; c++) {
    if ((mLo & hcTLo[c]!) | (mHi & hcTHi[c]!)) continue;
    const nextMLo = mLo | (mLo + hcBLo[c]!);
    const nextMHi = mHi | (mHi + hcBHi[c]!);
    const nextPLo = pLo ^ mLo;
    const nextPHi = pHi ^ mHi;
    const won = alignCol(nextPLo ^ nextMLo, nextPHi ^ nextMHi);
    if (depth === 1) n++;
    else if (!won) n += perftCol(nextPLo, nextPHi, nextMLo, nextMHi, depth - 1);
  }
  return n;
}

const buildCol = (moves: readonly number[]) => {
  let [pLo, pHi, mLo, mHi] = [0, 0, 0, 0];
  for (const c of moves) {
    pLo ^= mLo;
    pHi ^= mHi;
    mLo |= mLo + hcBLo[c]!;
    mHi |= mHi + hcBHi[c]!;
  }
  return { pLo, pHi, mLo, mHi };
};

const winningMovesCol = (pLo: number, pHi: number, mLo: number, mHi: number) => {
  let n = 0;
  for (let c = 0; c < COLUMNS; c++) {
    if ((mLo & hcTLo[c]!) | (mHi & hcTHi[c]!)) continue;
    if (alignCol(pLo | ((mLo + hcBLo[c]!) & hcCLo[c]!), pHi | ((mHi + hcBHi[c]!) & hcCHi[c]!))) n++;
  }
  return n;
};

const halvesCol: Candidate<Halves> = {
  name: 'halvesCol',
  perft: (depth) => perftCol(0, 0, 0, 0, depth),
  build: buildCol,
  winningMoves: (b) => winningMovesCol(b.pLo, b.pHi, b.mLo, b.mHi),
};

// ─── typed: halvesCol on a Uint32Array stack, played and undone in place ─────────────────────────
const stack = new Uint32Array(4 * 64);

function perftTyped(at: number, depth: number): number {
  let n = 0;
  const next = at + 4;
  for (let c = 0; c < COLUMNS; c++) {
    if ((stack[at + 2]! & hcTLo[c]!) | (stack[at + 3]! & hcTHi[c]!)) continue;
    stack[next] = stack[at]! ^ stack[at + 2]!;
    stack[next + 1] = stack[at + 1]! ^ stack[at + 3]!;
    stack[next + 2] = stack[at + 2]! | (stack[at + 2]! + hcBLo[c]!);
    stack[next + 3] = stack[at + 3]! | (stack[at + 3]! + hcBHi[c]!);
    const won = alignCol(stack[next]! ^ stack[next + 2]!, stack[next + 1]! ^ stack[next + 3]!);
    if (depth === 1) n++;
    else if (!won) n += perftTyped(next, depth - 1);
  }
  return n;
}

const typed: Candidate<Uint32Array> = {
  name: 'typed',
  perft(depth) {
    stack.fill(0, 0, 4);
    return perftTyped(0, depth);
  },
  build(moves) {
    const b = buildCol(moves);
    return Uint32Array.of(b.pLo, b.pHi, b.mLo, b.mHi);
  },
  winningMoves: (b) => winningMovesCol(b[0]!, b[1]!, b[2]!, b[3]!),
};

// ─── number: doubles below 2^49, cut into halves for each bitwise operation ──────────────────────
const TWO32 = 4294967296;
const lo53 = (x: number) => x >>> 0;
const hi53 = (x: number) => (x / TWO32) >>> 0;
const join53 = (lo: number, hi: number) => hi * TWO32 + (lo >>> 0);
const or53 = (a: number, b: number) => join53(lo53(a) | lo53(b), hi53(a) | hi53(b));
const xor53 = (a: number, b: number) => join53(lo53(a) ^ lo53(b), hi53(a) ^ hi53(b));
const and53 = (a: number, b: number) => join53(lo53(a) & lo53(b), hi53(a) & hi53(b));
const numBottom = Array.from({ length: COLUMNS }, (_, c) => 2 ** (7 * c));
const numTop = Array.from({ length: COLUMNS }, (_, c) => 2 ** (7 * c + 5));
const numColumn = Array.from({ length: COLUMNS }, (_, c) => 0x3f * 2 ** (7 * c));
const numAlign = (x: number) => align32(lo53(x), hi53(x));

function perftNumber(position: number, mask: number, depth: number): number {
  let n = 0;
  for (let c = 0; c < COLUMNS; c++) {
    if (and53(mask, numTop[c]!) !== 0) continue;
    const nextPosition = xor53(position, mask);
    const nextMask = or53(mask, mask + numBottom[c]!);
    const won = numAlign(xor53(nextPosition, nextMask));
    if (depth === 1) n++;
    else if (!won) n += perftNumber(nextPosition, nextMask, depth - 1);
  }
  return n;
}

const number: Candidate<readonly [number, number]> = {
  name: 'number',
  perft: (depth) => perftNumber(0, 0, depth),
  build(moves) {
    let [p, m] = [0, 0];
    for (const c of moves) {
      p = xor53(p, m);
      m = or53(m, m + numBottom[c]!);
    }
    return [p, m];
  },
  winningMoves([p, m]) {
    let n = 0;
    for (let c = 0; c < COLUMNS; c++) {
      if (and53(m, numTop[c]!) === 0 && numAlign(or53(p, and53(m + numBottom[c]!, numColumn[c]!)))) n++;
    }
    return n;
  },
};

// ─── array: cells[c * 6 + r] = 0 empty, 1 / 2 a player; lines scanned from the last stone ────────
const cells = new Int8Array(COLUMNS * HEIGHT);
const heights = new Int8Array(COLUMNS);

function countDirection(c: number, r: number, dc: number, dr: number, who: number): number {
  let n = 0;
  for (let x = c + dc, y = r + dr; x >= 0 && x < COLUMNS && y >= 0 && y < HEIGHT; x += dc, y += dr) {
    if (cells[x * HEIGHT + y] !== who) break;
    n++;
  }
  return n;
}

function fourThrough(c: number, r: number, who: number): boolean {
  return (
    countDirection(c, r, 0, -1, who) >= 3 ||
    countDirection(c, r, 1, 0, who) + countDirection(c, r, -1, 0, who) >= 3 ||
    countDirection(c, r, 1, 1, who) + countDirection(c, r, -1, -1, who) >= 3 ||
    countDirection(c, r, 1, -1, who) + countDirection(c, r, -1, 1, who) >= 3
  );
}

function perftArray(who: number, depth: number): number {
  let n = 0;
  for (let c = 0; c < COLUMNS; c++) {
    const r = heights[c]!;
    if (r === HEIGHT) continue;
    cells[c * HEIGHT + r] = who;
    heights[c] = r + 1;
    const won = fourThrough(c, r, who);
    if (depth === 1) n++;
    else if (!won) n += perftArray(3 - who, depth - 1);
    heights[c] = r;
    cells[c * HEIGHT + r] = 0;
  }
  return n;
}

const array: Candidate<{ cells: Int8Array; heights: Int8Array; who: number }> = {
  name: 'array',
  perft: (depth) => perftArray(1, depth),
  build(moves) {
    const b = { cells: new Int8Array(COLUMNS * HEIGHT), heights: new Int8Array(COLUMNS), who: 1 };
    for (const c of moves) {
      b.cells[c * HEIGHT + b.heights[c]!] = b.who;
      b.heights[c]!++;
      b.who = 3 - b.who;
    }
    return b;
  },
  winningMoves(b) {
    cells.set(b.cells);
    let n = 0;
    for (let c = 0; c < COLUMNS; c++) {
      const r = b.heights[c]!;
      if (r < HEIGHT && fourThrough(c, r, b.who)) n++;
    }
    return n;
  },
};

// ─── shipped: src/games/connect4/bitboard.ts ─────────────────────────────────────────────────────
function perftShipped(board: shipped.Bitboard, depth: number): number {
  let n = 0;
  for (let c = 0; c < COLUMNS; c++) {
    if (!shipped.canPlay(board, c)) continue;
    const next = shipped.play(board, c);
    const won = shipped.lastMoverWon(next);
    if (depth === 1) n++;
    else if (!won) n += perftShipped(next, depth - 1);
  }
  return n;
}

const shippedCandidate: Candidate<shipped.Bitboard> = {
  name: 'shipped',
  perft: (depth) => perftShipped(shipped.EMPTY, depth),
  build: (moves) => moves.reduce(shipped.play, shipped.EMPTY),
  winningMoves(board) {
    let n = 0;
    for (let c = 0; c < COLUMNS; c++) if (shipped.canPlay(board, c) && shipped.isWinningMove(board, c)) n++;
    return n;
  },
};

// ─── harness ─────────────────────────────────────────────────────────────────────────────────────

/** Random unfinished positions from a fixed seed (mulberry32), built on the array candidate. */
function randomPositions(count: number, seed: number): number[][] {
  let s = seed >>> 0;
  const random = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / TWO32;
  };
  const out: number[][] = [];
  while (out.length < count) {
    const length = Math.floor(random() * 36);
    const moves: number[] = [];
    cells.fill(0);
    heights.fill(0);
    let who = 1;
    while (moves.length < length) {
      const c = Math.floor(random() * COLUMNS);
      const r = heights[c]!;
      if (r === HEIGHT) continue;
      cells[c * HEIGHT + r] = who;
      heights[c] = r + 1;
      if (fourThrough(c, r, who)) break;
      moves.push(c);
      who = 3 - who;
    }
    if (moves.length === length) out.push(moves);
  }
  cells.fill(0);
  heights.fill(0);
  return out;
}

function timeIt(run: () => number): { ms: number; check: number } {
  const start = performance.now();
  const check = run();
  return { ms: performance.now() - start, check };
}

const candidates: Candidate<never>[] = [
  bigint,
  halves32,
  halvesCol,
  typed,
  number,
  array,
  shippedCandidate,
] as Candidate<never>[];
const positions = randomPositions(20_000, 0x5eed);
const SWEEP_ROUNDS = 10;

// Candidates take turns, round after round, and each keeps its best time: on a busy machine a
// slow round then hurts every candidate alike instead of whichever happened to run during it.
const ROUNDS = 7;
const only = process.argv[2];
const chosen = candidates.filter((c) => only === undefined || c.name === only);
const boards = chosen.map((candidate) => positions.map((moves) => candidate.build(moves)));
const best = chosen.map(() => ({ perft: Number.POSITIVE_INFINITY, sweep: Number.POSITIVE_INFINITY }));
const wins = new Set<number>();
for (let round = 0; round < ROUNDS; round++) {
  chosen.forEach((candidate, i) => {
    const perft = timeIt(() => candidate.perft(PERFT_DEPTH));
    if (perft.check !== PERFT_EXPECTED) throw new Error(`${candidate.name}: perft ${perft.check}`);
    const sweep = timeIt(() => {
      let n = 0;
      for (let r = 0; r < SWEEP_ROUNDS; r++) for (const b of boards[i]!) n += candidate.winningMoves(b);
      return n;
    });
    wins.add(sweep.check);
    // The first two rounds only warm the JIT up.
    if (round < 2) return;
    best[i]!.perft = Math.min(best[i]!.perft, perft.ms);
    best[i]!.sweep = Math.min(best[i]!.sweep, sweep.ms);
  });
}
if (wins.size !== 1) throw new Error(`candidates disagree on winning moves: ${[...wins].join(', ')}`);

const checks = positions.length * COLUMNS * SWEEP_ROUNDS;
console.log(`node ${process.version}, ${process.arch}; best of ${ROUNDS - 2} rounds after 2 warm-up rounds`);
console.log(
  `${checks / SWEEP_ROUNDS / COLUMNS} positions hold ${[...wins][0]! / SWEEP_ROUNDS} winning moves`,
);
console.log('candidate   perft 7 ms  Mnodes/s   win sweep ms  Mchecks/s');
chosen.forEach((candidate, i) => {
  const { perft, sweep } = best[i]!;
  console.log(
    [
      candidate.name.padEnd(10),
      perft.toFixed(1).padStart(11),
      (PERFT_NODES / perft / 1000).toFixed(1).padStart(10),
      sweep.toFixed(1).padStart(14),
      (checks / sweep / 1000).toFixed(1).padStart(10),
    ].join(' '),
  );
});
