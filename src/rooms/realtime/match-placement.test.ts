import { describe, expect, it } from 'vitest';
import { MatchPlacement } from './match-placement.ts';

describe('MatchPlacement', () => {
  it('puts each new match on the thread with the fewest, and keeps it there until it ends', () => {
    const placement = new MatchPlacement<string>(2);
    expect(placement.busy).toBe(0);
    expect(['a', 'b', 'c'].map((match) => placement.place(match))).toEqual([0, 1, 0]);
    expect(placement.busy).toBe(2);
    placement.release('a');
    placement.release('a'); // Twice: no effect the second time.
    expect(placement.place('d')).toBe(0); // Thread 0 has one (c), thread 1 one (b): the first.
    placement.release('b');
    expect(placement.place('e')).toBe(1);
    expect(placement.threadOf('c')).toBe(0);
    expect(placement.threadOf('a')).toBeUndefined();
    // The matches a lost thread takes with it: those placed on it, and no other.
    expect(['c', 'd', 'e'].filter((match) => placement.threadOf(match) === 0)).toEqual(['c', 'd']);
    placement.release('e');
    expect(placement.busy).toBe(1);
  });
});
