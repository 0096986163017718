import { describe, expect, it } from 'vitest';
import { ANGLE_STEPS, angleDiff, angleOf, cos, normalizeAngle, sin, TRIG_ONE, turnToward } from './trig.ts';

const ALL_ANGLES = Array.from({ length: ANGLE_STEPS }, (_, a) => a);

describe('tank trig: the sine table', () => {
  it('is exact at the quarter turns and within one unit of Math.sin everywhere', () => {
    expect([0, 1024, 2048, 3072].map(sin)).toEqual([0, TRIG_ONE, 0, -TRIG_ONE]);
    expect([0, 1024, 2048, 3072].map(cos)).toEqual([TRIG_ONE, 0, -TRIG_ONE, 0]);
    const worst = Math.max(
      ...ALL_ANGLES.map((a) => Math.abs(sin(a) - TRIG_ONE * Math.sin((a * 2 * Math.PI) / ANGLE_STEPS))),
    );
    expect(worst).toBeLessThanOrEqual(0.5 + 1e-9);
  });

  it('is odd, periodic, and symmetric about the quarter turn', () => {
    const broken = ALL_ANGLES.filter(
      (a) =>
        sin(-a) !== -sin(a) ||
        sin(a + ANGLE_STEPS) !== sin(a) ||
        sin(2048 - a) !== sin(a) ||
        cos(a) !== sin(a + 1024),
    );
    expect(broken).toEqual([]);
  });
});

describe('tank trig: angleOf (integer atan2)', () => {
  it('gives back every angle from its direction, at long and short range', () => {
    for (const radius of [1_000_000, 100_000]) {
      const wrong = ALL_ANGLES.filter(
        (a) =>
          angleOf(Math.round((radius * cos(a)) / TRIG_ONE), Math.round((radius * sin(a)) / TRIG_ONE)) !== a,
      );
      expect(wrong).toEqual([]);
    }
  });

  it('points east, south, west and north at 0, 1024, 2048 and 3072 (y grows downward)', () => {
    expect([angleOf(5, 0), angleOf(0, 5), angleOf(-5, 0), angleOf(0, -5), angleOf(0, 0)]).toEqual([
      0, 1024, 2048, 3072, 0,
    ]);
    expect([angleOf(7, 7), angleOf(-7, 7), angleOf(-7, -7), angleOf(7, -7)]).toEqual([512, 1536, 2560, 3584]);
  });

  it('is within one step of Math.atan2 for arbitrary directions', () => {
    const worst = Math.max(
      ...Array.from({ length: 2000 }, (_, i) => {
        const dx = ((i * 7919) % 2001) - 1000;
        const dy = ((i * 104729) % 2001) - 1000;
        if (dx === 0 && dy === 0) return 0;
        const exact = (Math.atan2(dy, dx) * ANGLE_STEPS) / (2 * Math.PI);
        return Math.abs(angleDiff(angleOf(dx, dy), normalizeAngle(Math.round(exact))));
      }),
    );
    expect(worst).toBeLessThanOrEqual(1);
  });
});

describe('tank trig: turning', () => {
  it('measures the shortest signed turn, clockwise positive', () => {
    expect([
      angleDiff(10, 0),
      angleDiff(0, 10),
      angleDiff(4090, 10),
      angleDiff(10, 4090),
      angleDiff(2048, 0),
    ]).toEqual([10, -10, -16, 16, -2048]);
  });

  it('turns toward a target by at most the step, and lands on it', () => {
    expect(turnToward(0, 1000, 64)).toBe(64);
    expect(turnToward(0, 3000, 64)).toBe(4096 - 64);
    expect(turnToward(100, 130, 64)).toBe(130);
    expect(turnToward(4090, 20, 64)).toBe(20);
  });
});
