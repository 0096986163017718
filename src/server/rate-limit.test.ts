import { describe, expect, it } from 'vitest';
import { RateLimit } from './rate-limit.ts';

describe('RateLimit', () => {
  it('allows a burst, then refuses until time refills the bucket', () => {
    const limit = new RateLimit(3, 2, 0);
    expect([limit.take(0), limit.take(0), limit.take(0), limit.take(0)]).toEqual([true, true, true, false]);
    expect(limit.take(499)).toBe(false);
    expect(limit.take(500)).toBe(true);
    expect(limit.take(500)).toBe(false);
  });

  it('never stores more than the burst however long it was idle', () => {
    const limit = new RateLimit(2, 10, 0);
    const granted = Array.from({ length: 5 }, () => limit.take(1_000_000)).filter(Boolean).length;
    expect(granted).toBe(2);
  });
});
