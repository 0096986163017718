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
  readonly size: number;
  readonly slots: Int32Array;
}

/** An empty table of about 2^`bits` slots (a prime number of them). */
export function createTranspositionTable(bits: number = DEFAULT_TABLE_BITS): TranspositionTable {
  if (!Number.isInteger(bits) || bits < MIN_TABLE_BITS || bits > MAX_TABLE_BITS) {
    throw new RangeError(`table bits must be an integer from ${MIN_TABLE_BITS} to ${MAX_TABLE_BITS}`);
  }
  const size = nextPrime(2 ** bits);
  return { size, slots: new Int32Array(size) };
}
