import { describe, expect, it } from 'vitest';
import { Backoff, backoffDelay, reconnectPolicy } from './backoff.ts';
import { FakeTimers } from './test-fakes.ts';

const policy = (options: Parameters<typeof reconnectPolicy>[0] = {}) => {
  const resolved = reconnectPolicy(options);
  if (resolved === undefined) throw new Error('reconnect is off');
  return resolved;
};

describe('backoffDelay', () => {
  it('grows exponentially from the initial delay and stops at the maximum', () => {
    const none = policy({ jitter: 'none' });
    const delays = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => backoffDelay(none, n, () => 0.5));
    expect(delays).toEqual([250, 500, 1000, 2000, 4000, 8000, 10_000, 10_000]);
    const custom = policy({ jitter: 'none', initialDelayMs: 100, factor: 3, maxDelayMs: 1000 });
    expect([1, 2, 3, 4].map((n) => backoffDelay(custom, n, () => 0))).toEqual([100, 300, 900, 1000]);
  });

  it('uses equal jitter by default: half the delay plus a random part of the other half', () => {
    const equal = policy();
    expect(equal.jitter).toBe('equal');
    expect(backoffDelay(equal, 3, () => 0)).toBe(500);
    expect(backoffDelay(equal, 3, () => 0.5)).toBe(750);
    expect(backoffDelay(equal, 3, () => 0.999)).toBe(1000);
    expect(backoffDelay(equal, 20, () => 0)).toBe(5000);
  });

  it('with full jitter picks anywhere between 0 and the delay, and clamps odd random values', () => {
    const full = policy({ jitter: 'full' });
    expect(backoffDelay(full, 2, () => 0)).toBe(0);
    expect(backoffDelay(full, 2, () => 0.25)).toBe(125);
    expect(backoffDelay(full, 2, () => 7)).toBe(500);
    expect(backoffDelay(full, 2, () => -1)).toBe(0);
  });

  it('is off with false, and fills in every default otherwise', () => {
    expect(reconnectPolicy(false)).toBeUndefined();
    expect(reconnectPolicy(undefined)).toEqual({
      initialDelayMs: 250,
      maxDelayMs: 10_000,
      factor: 2,
      jitter: 'equal',
      maxAttempts: Number.POSITIVE_INFINITY,
      retakeNick: true,
    });
  });
});

describe('Backoff', () => {
  it('runs each attempt after its delay, counts attempts, and starts over after reset', () => {
    const timers = new FakeTimers();
    const backoff = new Backoff(policy({ jitter: 'none' }), timers, () => 0);
    const ran: number[] = [];
    expect(backoff.schedule((n) => ran.push(n))).toEqual({ attempt: 1, delayMs: 250 });
    timers.advance(249);
    expect(ran).toEqual([]);
    timers.advance(1);
    expect(ran).toEqual([1]);
    expect(backoff.schedule((n) => ran.push(n))).toEqual({ attempt: 2, delayMs: 500 });
    timers.advance(500);
    expect(backoff.attempts).toBe(2);
    backoff.reset();
    expect(backoff.schedule((n) => ran.push(n))).toEqual({ attempt: 1, delayMs: 250 });
    timers.advance(250);
    expect(ran).toEqual([1, 2, 1]);
  });

  it('cancel stops the wait and leaves no timer behind', () => {
    const timers = new FakeTimers();
    const backoff = new Backoff(policy(), timers, () => 0.5);
    const ran: number[] = [];
    backoff.schedule((n) => ran.push(n));
    expect(timers.pending).toBe(1);
    backoff.cancel();
    expect(timers.pending).toBe(0);
    timers.advance(60_000);
    expect(ran).toEqual([]);
  });

  it('schedules nothing once maxAttempts have been made', () => {
    const timers = new FakeTimers();
    const backoff = new Backoff(policy({ maxAttempts: 2 }), timers, () => 0);
    for (let i = 0; i < 2; i++) {
      expect(backoff.schedule(() => {})).toBeDefined();
      timers.advance(60_000);
    }
    expect(backoff.schedule(() => {})).toBeUndefined();
    expect(timers.pending).toBe(0);
  });
});
