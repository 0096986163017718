import { describe, expect, it } from 'vitest';
import { RateLimit, RateSpec } from './rate-limit.ts';

describe('RateLimit', () => {
  it('allows a burst, then refuses until time refills the bucket', () => {
    const limit = new RateLimit(new RateSpec(3, 2), 0);
    expect([limit.take(0), limit.take(0), limit.take(0), limit.take(0)]).toEqual([true, true, true, false]);
    expect(limit.take(499)).toBe(false);
    expect(limit.take(500)).toBe(true);
    expect(limit.take(500)).toBe(false);
  });

  it('never stores more than the burst however long it was idle', () => {
    const limit = new RateLimit(new RateSpec(2, 10), 0);
    const granted = Array.from({ length: 5 }, () => limit.take(1_000_000)).filter(Boolean).length;
    expect(granted).toBe(2);
  });

  it('refills at the sustained rate, one message per interval', () => {
    const limit = new RateLimit(new RateSpec(1, 4), 0);
    expect(limit.take(0)).toBe(true);
    expect(limit.take(249)).toBe(false);
    expect(limit.take(250)).toBe(true);
    expect(limit.take(499)).toBe(false);
    expect(limit.take(500)).toBe(true);
  });
});
