import { describe, expect, it } from 'vitest';
import { SAFETY_MS, type TurnClock, thinkingDeadline } from './think-time.ts';

const turn = (overrides: Partial<TurnClock> = {}): TurnClock => ({
  timeControl: { moveMs: null, gameMs: null },
  clock: { remainingMs: [null, null], deadlineAt: null },
  seat: 1,
  moves: 10,
  receivedAt: 1000,
  ...overrides,
});

describe('thinkingDeadline', () => {
  it('sets no deadline without a clock', () => {
    expect(thinkingDeadline(turn(), 1000)).toBeUndefined();
  });

  it('thinks half of a per-move limit, counted from when the position arrived', () => {
    const t = turn({
      timeControl: { moveMs: 10_000, gameMs: null },
      clock: { remainingMs: [null, null], deadlineAt: 60_000 },
    });
    // The server's deadline is far (its clock runs ahead of ours): the allowance decides.
    expect(thinkingDeadline(t, 1000)).toBe(1000 + 5000);
    // 2 s after the message: 8 s left, 4 s to think.
    expect(thinkingDeadline(t, 3000)).toBe(3000 + 4000);
  });

  it('trusts the server deadline when it is nearer (a match.state fetched mid-turn)', () => {
    const t = turn({
      timeControl: { moveMs: 10_000, gameMs: null },
      clock: { remainingMs: [null, null], deadlineAt: 5000 },
    });
    expect(thinkingDeadline(t, 1000)).toBe(1000 + 2000);
  });

  it('keeps a margin for the network on a short limit, and never thinks a negative time', () => {
    const t = turn({ timeControl: { moveMs: 1000, gameMs: null } });
    expect(thinkingDeadline(t, 1000)).toBe(1000 + Math.min(500, 1000 - SAFETY_MS));
    expect(thinkingDeadline(t, 1900)).toBe(1900);
    expect(thinkingDeadline(t, 5000)).toBe(5000);
  });

  it('shares a game clock over the moves still to play', () => {
    // 32 empty cells after 10 stones: 16 moves to go for each player.
    const t = turn({
      timeControl: { moveMs: null, gameMs: 300_000 },
      clock: { remainingMs: [300_000, 160_000], deadlineAt: null },
      moves: 10,
    });
    expect(thinkingDeadline(t, 1000)).toBe(1000 + 160_000 / 16);
  });

  it('uses the smaller of the move limit and the game time left', () => {
    const t = turn({
      timeControl: { moveMs: 30_000, gameMs: 60_000 },
      clock: { remainingMs: [60_000, 4000], deadlineAt: null },
      moves: 40,
    });
    // 4 s left in all, one move to go (at least two are assumed): min(2000, 3750, 2000).
    expect(thinkingDeadline(t, 1000)).toBe(1000 + 2000);
  });
});
