import { describe, expect, it } from 'vitest';
import { MatchClock, timeControlOf } from './match-clock.ts';

const T0 = 1_750_000_000_000;

describe('MatchClock (F2)', () => {
  it('has no deadline without limits', () => {
    const clock = new MatchClock(timeControlOf(undefined), 2, T0);
    expect(clock.deadline(0)).toBeNull();
    expect(clock.state(0)).toEqual({ remainingMs: [null, null], deadlineAt: null });
  });

  it('gives each move its own limit', () => {
    const clock = new MatchClock(timeControlOf({ moveMs: 10_000 }), 2, T0);
    expect(clock.deadline(0)).toBe(T0 + 10_000);
    clock.charge(0, T0 + 9_000);
    expect(clock.deadline(1)).toBe(T0 + 19_000);
  });

  it('charges each player only for their own moves, against a game budget', () => {
    const clock = new MatchClock(timeControlOf({ gameMs: 60_000 }), 2, T0);
    clock.charge(0, T0 + 15_000);
    clock.charge(1, T0 + 20_000);
    expect(clock.state(0)).toEqual({ remainingMs: [45_000, 55_000], deadlineAt: T0 + 20_000 + 45_000 });
  });

  it('takes the nearer of the move limit and the game budget, and never goes below zero', () => {
    const clock = new MatchClock(timeControlOf({ moveMs: 30_000, gameMs: 40_000 }), 2, T0);
    expect(clock.deadline(0)).toBe(T0 + 30_000);
    clock.charge(0, T0 + 25_000);
    clock.charge(1, T0 + 26_000);
    expect(clock.deadline(0)).toBe(T0 + 26_000 + 15_000);
    clock.charge(0, T0 + 100_000);
    expect(clock.state(null)).toEqual({ remainingMs: [0, 39_000], deadlineAt: null });
  });
});
