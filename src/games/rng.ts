/**
 * A seeded pseudo-random number generator (mulberry32) as pure functions: the state is one
 * unsigned 32-bit integer, each draw returns the value and the next state. Games never call
 * `Math.random`: the host passes a seed to `create`, and a game that needs randomness later
 * (respawn points, shuffles) keeps an `RngState` inside its own state, so replays are exact.
 * Not for secrets.
 */

/** A seed chosen by the host; any number, reduced to an unsigned 32-bit integer. */
export type Seed = number;

/** The state of the generator between draws (an unsigned 32-bit integer, JSON-able). */
export type RngState = number;

/** The generator state for a seed. */
export const seedRng = (seed: Seed): RngState => (Number.isFinite(seed) ? Math.trunc(seed) >>> 0 : 0);

/** The next unsigned 32-bit value and the state after it. */
export function nextUint32(state: RngState): readonly [value: number, next: RngState] {
  const next = (state + 0x6d2b79f5) >>> 0;
  let t = Math.imul(next ^ (next >>> 15), next | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return [(t ^ (t >>> 14)) >>> 0, next];
}

/**
 * A uniform integer in `[0, bound)` and the next state. `bound` is an integer from 1 to 2^32;
 * draws that would bias the result are rejected and redrawn.
 * @throws RangeError when `bound` is out of range (a programmer error).
 */
export function nextInt(state: RngState, bound: number): readonly [value: number, next: RngState] {
  if (!Number.isInteger(bound) || bound < 1 || bound > 2 ** 32) throw new RangeError(`bad bound ${bound}`);
  // The largest multiple of `bound` that fits: values at or above it would favour small results.
  const limit = 2 ** 32 - (2 ** 32 % bound);
  let s = state;
  for (;;) {
    const [value, next] = nextUint32(s);
    s = next;
    if (value < limit) return [value % bound, s];
  }
}

/** A uniform float in `[0, 1)` (32 random bits) and the next state. */
export function nextFloat(state: RngState): readonly [value: number, next: RngState] {
  const [value, next] = nextUint32(state);
  return [value / 2 ** 32, next];
}

/**
 * A function returning the uniform floats of the stream seeded with `seed`, one per call: for code
 * that takes a `random: () => number` (the Connect Four player levels), reproducibly.
 */
export function uniformSource(seed: Seed): () => number {
  let state = seedRng(seed);
  return () => {
    const [value, next] = nextFloat(state);
    state = next;
    return value;
  };
}
