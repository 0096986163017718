//
// The transposition table: what earlier searches proved about positions, by key. Pons' design
// (PascalPons/connect4 TranspositionTable.hpp): a fixed array with a prime number of slots, slot =
// key mod size, the newest entry wins a slot, and only part of the key is kept, yet no two keys
// can be confused (Chinese remainder theorem). Here one int32 per slot packs both:
//
//   bit  31 ........................... 7  6 ...... 0
//        └─ q = ⌊key / size⌋ (25 bits) ─┘  └ value ─┘
//
// key = q · size + slot, so (slot, q) identifies the key exactly; with size > 2^24 and
// key < 2^49, q < 2^25 fits beside a 7-bit value (Pons keeps the low 32 bits of the key in one
// array and an 8-bit value in another: two cache misses per probe where this has one). Value 0
// means empty; an empty slot holds 0 and so answers 0 to the key with q = 0 too.
//
// The values (Pons' encoding, MIN_SCORE = −18, MAX_SCORE = 18):
//   1 … 37    an upper bound: value + MIN_SCORE − 1
//   38 … 74   a lower bound:  value + 2·MIN_SCORE − MAX_SCORE − 2
//
// Sizes: `2^bits` rounded up to a prime, bits 24–27 (67 MB at the default 24 bits, as Pons' 2^24;
// each extra bit doubles it). Fewer than 24 bits would not leave q room beside the value.
//
// The slots start on a 64-byte boundary, so that slots 16i … 16i + 15 are one cache line (the
// search clears and marks the table a line at a time). A plain ArrayBuffer this large is not:
// Node (glibc) places it 16 bytes past a page boundary, and every line the search opened then
// spanned two cache lines. A WebAssembly.Memory (used only as memory: no WebAssembly code) is
// page-aligned in every engine; a plain buffer is the fallback where one cannot be made.
//

/** Bits of the slot count by default: 2^24 → 16,777,259 slots, 64 MiB. */
export const DEFAULT_TABLE_BITS = 24;
/** The smallest table: q must fit in 25 bits. */
export const MIN_TABLE_BITS = 24;
/** The largest table (537 MB). */
export const MAX_TABLE_BITS = 27;

/** Whether `n` is prime (trial division; only used when a table is made). */
function isPrime(n: number): boolean {
  if (n < 2) return false;
  for (let d = 2; d * d <= n; d++) if (n % d === 0) return false;
  return true;
}

/** The smallest prime ≥ `n`. */
export function nextPrime(n: number): number {
  let p = n;
  while (!isPrime(p)) p++;
  return p;
}

/** A transposition table: `size` int32 slots, packed as described at the top of this file. */
export interface TranspositionTable {
  /** 2^bits + excess slots: the first prime ≥ 2^bits. */
  readonly size: number;
  readonly bits: number;
  readonly excess: number;
  readonly slots: Int32Array;
  /**
   * The same memory as float64s, 8 per 64-byte line (rounded up to whole lines): clearing a line
   * takes 8 stores instead of 16.
   */
  readonly pairs: Float64Array;
}

/** `bytes` bytes, zeroed, starting on a page boundary when the engine allows (see above). */
function alignedBuffer(bytes: number): ArrayBuffer {
  const pages = Math.ceil(bytes / 65536);
  try {
    if (typeof WebAssembly === 'object') return new WebAssembly.Memory({ initial: pages }).buffer;
  } catch {
    // No WebAssembly, or no room for it: a plain buffer.
  }
  return new ArrayBuffer(pages * 65536);
}

/** An empty table of about 2^`bits` slots (a prime number of them). */
export function createTranspositionTable(bits: number = DEFAULT_TABLE_BITS): TranspositionTable {
  if (!Number.isInteger(bits) || bits < MIN_TABLE_BITS || bits > MAX_TABLE_BITS) {
    throw new RangeError(`table bits must be an integer from ${MIN_TABLE_BITS} to ${MAX_TABLE_BITS}`);
  }
  const size = nextPrime(2 ** bits);
  const buffer = alignedBuffer(Math.ceil(size / 16) * 64);
  return {
    size,
    bits,
    excess: size - 2 ** bits,
    slots: new Int32Array(buffer, 0, size),
    pairs: new Float64Array(buffer, 0, Math.ceil(size / 16) * 8),
  };
}

/**
 * The slot of the key keyHi · 2^28 + keyLo (keyHi < 2^21, keyLo < 2^28: Pons' key, cur + mask, in
 * halves) in a table of 2^bits + excess slots: key mod size, in int32 arithmetic (no division,
 * no doubles; the search calls it once per node and V8 inlines it). With key = q · 2^bits + r,
 * key ≡ r − excess · q, where excess · q < 2^31 for every table size allowed; when that is
 * negative, its negation t is reduced the same way to t' ∈ (−excess · 2^(31 − bits), 2^bits),
 * and the slot is size − t' (t' > 0) or −t'.
 */
export function slotOf(keyLo: number, keyHi: number, bits: number, excess: number): number {
  const low = (1 << bits) - 1;
  const r = ((keyLo & low) - Math.imul(excess, (keyHi << (28 - bits)) + (keyLo >>> bits))) | 0;
  if (r >= 0) return r;
  const rest = ((0 - r) & low) - Math.imul(excess, (0 - r) >>> bits);
  return rest > 0 ? ((1 << bits) + excess - rest) | 0 : 0 - rest;
}
