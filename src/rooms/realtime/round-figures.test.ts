import { describe, expect, it } from 'vitest';
import { RoundFigures } from './round-figures.ts';
import type { TickFigures } from './ticker.ts';

//
// The tick figures of several simulation threads put together: a round of every match (one slot)
// takes as long as its longest tick, and is complete once every thread still ticking reported it.
//

const threadFigures = (latenessP99: number, missed: number): TickFigures => ({
  durationP50: 0,
  durationP99: 0,
  simulationP50: 0,
  simulationP99: 0,
  latenessP99,
  missed,
  ticks: 0,
});

/**
 * Figures whose threads 0 and 1 have both reported slot `slot` (a thread's very first tick may
 * come after its round was completed without it, so the rounds counted so far are cleared).
 */
const primed = (slot: number) => {
  const rounds: number[] = [];
  const figures = new RoundFigures((ms) => rounds.push(ms));
  figures.addTicks(0, [slot, 0.1, 0.1]);
  figures.addTicks(1, [slot, 0.1, 0.1]);
  rounds.length = 0;
  return { figures, rounds };
};

describe('RoundFigures', () => {
  it('makes one round of the ticks of a slot, as long as the longest, once every thread has reported it', () => {
    const { figures, rounds } = primed(98);
    figures.addTicks(0, [99, 0.1, 0.1]);
    expect(rounds).toEqual([]);
    figures.addTicks(1, [99, 0.2, 0.1]);
    expect(rounds).toEqual([0.2]);
    rounds.length = 0;
    // Thread 0 reports slots 100-104 in a burst before thread 1 reports them (the server's thread
    // read them so): a slot is complete once thread 1 has reported it too.
    figures.addTicks(0, [100, 0.6, 0.4, 101, 0.7, 0.5, 102, 0.5, 0.2, 103, 0.5, 0.2, 104, 0.5, 0.2]);
    figures.addTicks(1, [100, 0.9, 0.5]);
    expect(rounds).toEqual([0.9]);
    figures.addTicks(1, [101, 0.5, 0.3, 102, 1.5, 1.0]);
    expect(rounds).toEqual([0.9, 0.7, 1.5]);
    const merged = figures.figures();
    expect(merged.ticks).toBe(6); // Slot 98 counted twice (the first reports of each thread), 99-102.
    expect(merged.durationP50).toBe(0.7); // Of 0.1, 0.1, 0.2, 0.7, 0.9 and 1.5.
    expect(merged.durationP99).toBe(1.5);
    expect(merged.simulationP99).toBe(1.0);
  });

  it('stops waiting for a thread that stopped ticking, and counts a tick it sends later as a round of its own', () => {
    const { figures, rounds } = primed(198);
    figures.addTicks(0, [199, 0.5, 0.3]);
    figures.addTicks(1, [199, 0.5, 0.3, 200, 0.6, 0.3]);
    figures.addTicks(0, [200, 0.5, 0.3]);
    expect(rounds).toEqual([0.5, 0.6]);
    // Thread 0 goes quiet; thread 1 ticks on: its rounds wait up to a second (60 slots) for thread 0.
    figures.addTicks(1, [201, 0.4, 0.2]);
    expect(rounds).toEqual([0.5, 0.6]);
    figures.addTicks(1, [261, 0.4, 0.2]);
    expect(rounds).toEqual([0.5, 0.6, 0.4, 0.4]);
    figures.addTicks(0, [201, 4.0, 3.0]); // A thread that stalled a second: not lost.
    expect(rounds).toEqual([0.5, 0.6, 0.4, 0.4, 4.0]);
  });

  it("takes each thread's lateness and missed ticks: the worst lateness, the missed ticks of all", () => {
    const figures = new RoundFigures(() => {});
    figures.setThreadFigures(0, threadFigures(1.5, 2));
    figures.setThreadFigures(1, threadFigures(3.0, 1));
    figures.setThreadFigures(0, threadFigures(0.5, 4)); // A later report replaces the thread's last.
    expect(figures.figures()).toMatchObject({ latenessP99: 3.0, missed: 5, ticks: 0, durationP99: 0 });
  });
});
