import { type GameError, GameErrorCode, gameError } from '../../game-error.ts';
import { err, ok, type Result } from '../../result.ts';
import { CELLS, HEIGHT, MAX_SCORE, MIN_SCORE, type SolverPosition, symmetricKey, WIDTH } from './position.ts';
import type { ScoreSource } from './search.ts';

//
// The opening book: the exact score of every position of at most `depth` stones, solved in
// advance by scripts/connect4-book.ts, so that the solver answers those at once and cuts its
// searches short when they reach one. Mirror images share one entry, and positions the player to
// move wins at once are left out (the solver scores those itself before asking the book).
//
// File format, version 1 (all integers little-endian):
//
//   offset  size  field
//   0       4     magic "C4OB"
//   4       1     format version = 1
//   5       1     board width = 7
//   6       1     board height = 6
//   7       1     depth: the most stones played in a stored position (0–41)
//   8       4     count: number of entries (u32)
//   12      …     count entries, in increasing key order, each:
//                   key delta  unsigned LEB128 varint: key − previous key (the first: key − 0);
//                              key = min(Pons' key cur + mask, same of the mirror image), < 2^49
//                   score      1 byte: score − MIN_SCORE (0 … 36, for −18 … 18)
//   end−4   4     checksum: FNV-1a (32-bit) of every byte before it
//
// Keys are increasing and close together, so most deltas take 2–4 bytes: about 4–5 bytes per
// position. The decoder checks everything and returns an error value, never throws.
//

/** The first four bytes of a book file. */
export const OPENING_BOOK_MAGIC = 'C4OB';
/** The format version written and read by this module. */
export const OPENING_BOOK_VERSION = 1;
const HEADER_BYTES = 12;
const CHECKSUM_BYTES = 4;

/** An opening book in memory: sorted keys and their scores. */
export interface OpeningBook extends ScoreSource {
  /** Number of positions stored. */
  readonly size: number;
  /** The exact score of `position` if the book holds it, else `undefined`. */
  scoreOf(position: SolverPosition): number | undefined;
  /** Every stored entry, in key order (for checks and tools). */
  entries(): IterableIterator<{ readonly key: number; readonly score: number }>;
}

/** FNV-1a, 32 bits. */
function fnv1a(bytes: Uint8Array, end: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < end; i++) hash = Math.imul(hash ^ bytes[i]!, 0x01000193);
  return hash >>> 0;
}

/** A book over sorted `keys` and their `scores`. */
function bookOf(depth: number, keys: Float64Array, scores: Int8Array): OpeningBook {
  const find = (key: number): number | undefined => {
    let low = 0;
    let high = keys.length - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const at = keys[middle]!;
      if (at < key) low = middle + 1;
      else if (at > key) high = middle - 1;
      else return scores[middle]!;
    }
    return undefined;
  };
  const scoreOf = (position: SolverPosition): number | undefined =>
    position.plies > depth ? undefined : find(symmetricKey(position));
  return {
    depth,
    size: keys.length,
    scoreOf,
    lookup: (currentLo, currentHi, maskLo, maskHi, plies) =>
      scoreOf({ currentLo, currentHi, maskLo, maskHi, plies }),
    *entries() {
      for (let i = 0; i < keys.length; i++) yield { key: keys[i]!, score: scores[i]! };
    },
  };
}

/**
 * A book from its entries (any order; keys are `symmetricKey`s, scores exact). For the generator and
 * tests; `encodeOpeningBook` writes it out.
 */
export function createOpeningBook(
  depth: number,
  entries: Iterable<{ readonly key: number; readonly score: number }>,
): OpeningBook {
  const sorted = [...entries].sort((a, b) => a.key - b.key);
  return bookOf(
    depth,
    Float64Array.from(sorted, (e) => e.key),
    Int8Array.from(sorted, (e) => e.score),
  );
}

/** The book in the file format above. */
export function encodeOpeningBook(book: OpeningBook): Uint8Array {
  const bytes: number[] = [...OPENING_BOOK_MAGIC].map((c) => c.charCodeAt(0));
  bytes.push(OPENING_BOOK_VERSION, WIDTH, HEIGHT, book.depth);
  bytes.push(book.size & 0xff, (book.size >>> 8) & 0xff, (book.size >>> 16) & 0xff, book.size >>> 24);
  let previous = 0;
  for (const { key, score } of book.entries()) {
    // Keys reach 2^49: split the delta with arithmetic, not 32-bit operators.
    let delta = key - previous;
    previous = key;
    while (delta >= 0x80) {
      bytes.push((delta % 0x80) | 0x80);
      delta = Math.floor(delta / 0x80);
    }
    bytes.push(delta);
    bytes.push(score - MIN_SCORE);
  }
  const out = new Uint8Array(bytes.length + CHECKSUM_BYTES);
  out.set(bytes);
  const checksum = fnv1a(out, bytes.length);
  new DataView(out.buffer).setUint32(bytes.length, checksum, true);
  return out;
}

const bad = (message: string): Result<never, GameError> =>
  err(gameError(GameErrorCode.GAME_BAD_OPTIONS, `not a Connect Four opening book: ${message}`));

/**
 * A book from the bytes of a book file, or an error (`GAME_BAD_OPTIONS`) saying what is wrong
 * with them: bad magic, another format version or board size, a truncated file, keys out of order
 * or out of range, a score out of range, a checksum mismatch.
 * @example
 * const book = decodeOpeningBook(readFileSync(path));
 * const solver = createSolver(book.ok ? { book: book.value } : {});
 */
export function decodeOpeningBook(bytes: Uint8Array): Result<OpeningBook, GameError> {
  if (bytes.length < HEADER_BYTES + CHECKSUM_BYTES) return bad(`${bytes.length} bytes is too short`);
  const magic = String.fromCharCode(bytes[0]!, bytes[1]!, bytes[2]!, bytes[3]!);
  if (magic !== OPENING_BOOK_MAGIC) return bad(`magic ${JSON.stringify(magic)}`);
  if (bytes[4] !== OPENING_BOOK_VERSION) return bad(`format version ${bytes[4]}`);
  if (bytes[5] !== WIDTH || bytes[6] !== HEIGHT) return bad(`a ${bytes[5]}×${bytes[6]} board`);
  const depth = bytes[7]!;
  if (depth >= CELLS) return bad(`depth ${depth}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = bytes.length - CHECKSUM_BYTES;
  if (view.getUint32(end, true) !== fnv1a(bytes, end)) return bad('checksum mismatch');
  const count = view.getUint32(8, true);
  if (count > (end - HEADER_BYTES) / 2) return bad(`count ${count} does not fit in ${bytes.length} bytes`);
  const keys = new Float64Array(count);
  const scores = new Int8Array(count);
  let at = HEADER_BYTES;
  let key = 0;
  for (let i = 0; i < count; i++) {
    let delta = 0;
    let weight = 1;
    for (;;) {
      if (at >= end || weight > 2 ** 49) return bad(`entry ${i} is truncated or malformed`);
      const byte = bytes[at++]!;
      delta += (byte & 0x7f) * weight;
      weight *= 0x80;
      if (byte < 0x80) break;
    }
    if (at >= end) return bad(`entry ${i} is truncated`);
    const score = bytes[at++]! + MIN_SCORE;
    if (i > 0 && delta === 0) return bad(`entry ${i}: keys must increase`);
    key += delta;
    if (key >= 2 ** 49) return bad(`entry ${i}: key out of range`);
    if (score > MAX_SCORE) return bad(`entry ${i}: score ${score} out of range`);
    keys[i] = key;
    scores[i] = score;
  }
  if (at !== end) return bad(`${end - at} bytes left after ${count} entries`);
  return ok(bookOf(depth, keys, scores));
}
