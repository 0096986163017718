//
// Integer angles and a fixed-point sine table. The tank arena keeps every position, speed and
// angle as an integer so that a replay (same options, seed and inputs) gives the same state bit
// for bit on every machine and JavaScript engine: integer sums and products below 2^53 are exact
// in IEEE doubles, while `Math.sin`, `Math.cos` and `Math.atan2` are only approximated by the
// ECMAScript spec and differ in their last bits between engines. So the sine table is computed
// once at module load from a Taylor series (only +, * and /, which IEEE 754 defines exactly), and
// `angleOf` is a binary search in that table rather than `Math.atan2`.
//

/** Angle steps per full turn. 0 points east (+x); angles grow clockwise on screen (y points down). */
export const ANGLE_STEPS = 4096;

/** Fixed-point one of `sin`/`cos`: `sin(1024) === TRIG_ONE`. */
export const TRIG_ONE = 16384;

const QUARTER = ANGLE_STEPS / 4;
const HALF = ANGLE_STEPS / 2;

/** sin of 0 … a quarter turn in `TRIG_ONE` units, by Taylor series (exact on every engine). */
const QUARTER_SINE: readonly number[] = Array.from({ length: QUARTER + 1 }, (_, step) => {
  const x = (step * Math.PI) / HALF;
  let term = x;
  let sum = x;
  for (let n = 1; n <= 10; n++) {
    term = (-term * x * x) / (2 * n * (2 * n + 1));
    sum += term;
  }
  return Math.round(sum * TRIG_ONE);
});

/** An angle reduced to 0 … ANGLE_STEPS − 1. */
export const normalizeAngle = (angle: number): number => angle & (ANGLE_STEPS - 1);

/** sin of an integer angle, in `TRIG_ONE` units (−16384 … 16384). */
export function sin(angle: number): number {
  const a = angle & (ANGLE_STEPS - 1);
  if (a <= QUARTER) return QUARTER_SINE[a]!;
  if (a <= HALF) return QUARTER_SINE[HALF - a]!;
  if (a <= HALF + QUARTER) return -QUARTER_SINE[a - HALF]!;
  return -QUARTER_SINE[ANGLE_STEPS - a]!;
}

/** cos of an integer angle, in `TRIG_ONE` units. */
export const cos = (angle: number): number => sin(angle + QUARTER);

/** The angle in 0 … QUARTER/2 nearest to the direction (big, small), for 0 ≤ small ≤ big, big > 0. */
function octantAngle(big: number, small: number): number {
  // The largest a with tan(a) ≤ small / big, i.e. big·sin(a) ≤ small·cos(a), by bisection.
  let lo = 0;
  let hi = QUARTER / 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (big * QUARTER_SINE[mid]! <= small * QUARTER_SINE[QUARTER - mid]!) lo = mid;
    else hi = mid - 1;
  }
  if (lo === QUARTER / 2) return lo;
  // |small·cos(a) − big·sin(a)| is the distance to the ray times sin of the angle between: smaller is nearer.
  const below = small * QUARTER_SINE[QUARTER - lo]! - big * QUARTER_SINE[lo]!;
  const above = big * QUARTER_SINE[lo + 1]! - small * QUARTER_SINE[QUARTER - lo - 1]!;
  return above < below ? lo + 1 : lo;
}

/**
 * The integer angle of the direction (dx, dy), nearest step, 0 for (0, 0): `Math.atan2` in angle
 * steps, exact on every engine. Exact for integer inputs up to about 2^38.
 */
export function angleOf(dx: number, dy: number): number {
  if (dx === 0 && dy === 0) return 0;
  const ax = Math.abs(dx);
  const ay = Math.abs(dy);
  const first = ay <= ax ? octantAngle(ax, ay) : QUARTER - octantAngle(ay, ax);
  if (dx >= 0) return normalizeAngle(dy >= 0 ? first : ANGLE_STEPS - first);
  return dy >= 0 ? HALF - first : HALF + first;
}

/** The signed turn from `from` to `to`, shortest way: −2048 … 2047 steps (positive = clockwise). */
export const angleDiff = (to: number, from: number): number =>
  ((((to - from) & (ANGLE_STEPS - 1)) + HALF) & (ANGLE_STEPS - 1)) - HALF;

/** `current` turned toward `target` by at most `maxStep` steps. */
export function turnToward(current: number, target: number, maxStep: number): number {
  const diff = angleDiff(target, current);
  if (diff > maxStep) return normalizeAngle(current + maxStep);
  if (diff < -maxStep) return normalizeAngle(current - maxStep);
  return normalizeAngle(target);
}

/** Degrees to angle steps, rounded (for people and tests; the rules never use it). */
export const stepsFromDegrees = (degrees: number): number =>
  normalizeAngle(Math.round((degrees * ANGLE_STEPS) / 360));
