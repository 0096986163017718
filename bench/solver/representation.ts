/**
 * Micro-benchmark behind the position representation of the solver (src/games/connect4/solver/
 * position.ts). Not a test: run it by hand and copy the figures into bench/solver/README.md.
 *
 *   npx tsx bench/solver/representation.ts
 *
 * The solver's inner operation is Pons' `compute_winning_position` (the free cells where a set
 * of stones would complete four in a row) followed by a popcount: once per node for the
 * opponent's threats, once per move to order the moves. Each candidate holds the 49-bit sets
 * differently and computes that for the same random positions:
 *
 *   halvesCol — two int32 halves cut at a column boundary (columns 1–4: 28 bits, 5–7: 21 bits);
 *               vertical shifts never cross, the others carry between halves (the shipped one)
 *   halves32  — two int32 halves cut at bit 32 (column 5 straddles the cut): every direction,
 *               vertical included, carries between halves
 *   bigint    — one BigInt per set (BigInt.asUintN(64, …) after left shifts)
 *
 * Each candidate must produce the same total number of threat cells (a checksum). Candidates are
 * interleaved, 7 rounds, best round reported.
 */
import { popcount2, winningHi, winningLo } from '../../src/games/connect4/solver/position.ts';

const POSITIONS = 20_000;
const REPEAT = 20;

// Random positions (sets of stones and masks) in Pons' 49-bit layout, as bigints first.
let seed = 12345;
const random = (): number => {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  return seed >>> 8;
};
const bigStones: bigint[] = [];
const bigMasks: bigint[] = [];
for (let i = 0; i < POSITIONS; i++) {
  let mask = 0n;
  let stones = 0n;
  for (let column = 0; column < 7; column++) {
    const height = random() % 7;
    for (let row = 0; row < height; row++) {
      const bit = 1n << BigInt(7 * column + row);
      mask |= bit;
      if (random() % 2 === 1) stones |= bit;
    }
  }
  bigStones.push(stones);
  bigMasks.push(mask);
}

// ── halvesCol ─────────────────────────────────────────────────────────────────────────────────
const colStonesLo = Int32Array.from(bigStones, (b) => Number(b & 0xfffffffn));
const colStonesHi = Int32Array.from(bigStones, (b) => Number(b >> 28n));
const colMaskLo = Int32Array.from(bigMasks, (b) => Number(b & 0xfffffffn));
const colMaskHi = Int32Array.from(bigMasks, (b) => Number(b >> 28n));
function halvesCol(): number {
  let total = 0;
  for (let i = 0; i < POSITIONS; i++) {
    const pLo = colStonesLo[i]!;
    const pHi = colStonesHi[i]!;
    total += popcount2(winningLo(pLo, pHi, colMaskLo[i]!), winningHi(pLo, pHi, colMaskHi[i]!));
  }
  return total;
}

// ── halves32 ──────────────────────────────────────────────────────────────────────────────────
const lo32 = (b: bigint) => Number(b & 0xffffffffn) | 0;
const hi32 = (b: bigint) => Number(b >> 32n) | 0;
const s32StonesLo = Int32Array.from(bigStones, lo32);
const s32StonesHi = Int32Array.from(bigStones, hi32);
const s32MaskLo = Int32Array.from(bigMasks, lo32);
const s32MaskHi = Int32Array.from(bigMasks, hi32);
const BOARD = (() => {
  let b = 0n;
  for (let c = 0n; c < 7n; c++) b |= 0x3fn << (7n * c);
  return b;
})();
const BOARD_LO32 = lo32(BOARD);
const BOARD_HI32 = hi32(BOARD);
/** Threat cells of (lo, hi) cut at bit 32, written out, and their popcount. */
function threats32(lo: number, hi: number, maskLo: number, maskHi: number): number {
  let rl = (lo << 1) & (lo << 2) & (lo << 3);
  let rh = ((hi << 1) | (lo >>> 31)) & ((hi << 2) | (lo >>> 30)) & ((hi << 3) | (lo >>> 29));
  let pl = 0;
  let ph = 0;
  // d = 7
  pl = (lo << 7) & (lo << 14);
  ph = ((hi << 7) | (lo >>> 25)) & ((hi << 14) | (lo >>> 18));
  rl |= pl & ((lo << 21) | ((lo >>> 7) | (hi << 25)));
  rh |= ph & ((hi << 21) | (lo >>> 11) | (hi >>> 7));
  pl = ((lo >>> 7) | (hi << 25)) & ((lo >>> 14) | (hi << 18));
  ph = (hi >>> 7) & (hi >>> 14);
  rl |= pl & ((lo << 7) | ((lo >>> 21) | (hi << 11)));
  rh |= ph & ((hi << 7) | (lo >>> 25) | (hi >>> 21));
  // d = 6
  pl = (lo << 6) & (lo << 12);
  ph = ((hi << 6) | (lo >>> 26)) & ((hi << 12) | (lo >>> 20));
  rl |= pl & ((lo << 18) | ((lo >>> 6) | (hi << 26)));
  rh |= ph & ((hi << 18) | (lo >>> 14) | (hi >>> 6));
  pl = ((lo >>> 6) | (hi << 26)) & ((lo >>> 12) | (hi << 20));
  ph = (hi >>> 6) & (hi >>> 12);
  rl |= pl & ((lo << 6) | ((lo >>> 18) | (hi << 14)));
  rh |= ph & ((hi << 6) | (lo >>> 26) | (hi >>> 18));
  // d = 8
  pl = (lo << 8) & (lo << 16);
  ph = ((hi << 8) | (lo >>> 24)) & ((hi << 16) | (lo >>> 16));
  rl |= pl & ((lo << 24) | ((lo >>> 8) | (hi << 24)));
  rh |= ph & ((hi << 24) | (lo >>> 8) | (hi >>> 8));
  pl = ((lo >>> 8) | (hi << 24)) & ((lo >>> 16) | (hi << 16));
  ph = (hi >>> 8) & (hi >>> 16);
  rl |= pl & ((lo << 8) | ((lo >>> 24) | (hi << 8)));
  rh |= ph & ((hi << 8) | (lo >>> 24) | (hi >>> 24));
  return popcount2(rl & (BOARD_LO32 ^ maskLo), rh & (BOARD_HI32 ^ maskHi));
}
function halves32(): number {
  let total = 0;
  for (let i = 0; i < POSITIONS; i++) {
    total += threats32(s32StonesLo[i]!, s32StonesHi[i]!, s32MaskLo[i]!, s32MaskHi[i]!);
  }
  return total;
}

// ── bigint ────────────────────────────────────────────────────────────────────────────────────
function winningBig(p: bigint, mask: bigint): bigint {
  const u = (x: bigint) => BigInt.asUintN(64, x);
  let r = u(p << 1n) & u(p << 2n) & u(p << 3n);
  for (const d of [7n, 6n, 8n]) {
    let q = u(p << d) & u(p << (2n * d));
    r |= q & u(p << (3n * d));
    r |= q & (p >> d);
    q = (p >> d) & (p >> (2n * d));
    r |= q & u(p << d);
    r |= q & (p >> (3n * d));
  }
  return r & (BOARD ^ mask);
}
function bigPopcount(x: bigint): number {
  let n = 0;
  while (x !== 0n) {
    x &= x - 1n;
    n++;
  }
  return n;
}
function bigint(): number {
  let total = 0;
  for (let i = 0; i < POSITIONS; i++) total += bigPopcount(winningBig(bigStones[i]!, bigMasks[i]!));
  return total;
}

// ── Run ───────────────────────────────────────────────────────────────────────────────────────
const candidates = { halvesCol, halves32, bigint };
const best: Record<string, number> = {};
let checksum: number | undefined;
for (let round = 0; round < 7; round++) {
  for (const [name, run] of Object.entries(candidates)) {
    const started = performance.now();
    let total = 0;
    for (let r = 0; r < REPEAT; r++) total = run();
    const ms = performance.now() - started;
    checksum ??= total;
    if (total !== checksum) throw new Error(`${name} disagrees: ${total} threat cells, expected ${checksum}`);
    if (round >= 2) best[name] = Math.min(best[name] ?? Number.POSITIVE_INFINITY, ms);
  }
}
const calls = POSITIONS * REPEAT;
process.stdout.write(`threat cells + popcount, ${calls.toLocaleString('en-US')} calls, best of 5 rounds:\n`);
for (const [name, ms] of Object.entries(best)) {
  process.stdout.write(
    `  ${name.padEnd(10)} ${ms.toFixed(1).padStart(8)} ms  ${((ms * 1e6) / calls).toFixed(1).padStart(7)} ns/call\n`,
  );
}
