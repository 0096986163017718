import { describe, expect, it } from 'vitest';
import { RoundFigures } from './round-figures.ts';
import type { TickFigures } from './ticker.ts';

//
// The tick figures of several simulation threads put together: a round of every match (one slot)
// takes as long as its longest tick.
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

describe('RoundFigures', () => {
  it('makes one round of the ticks of a slot, as long as the longest, once later slots show every thread has reported', () => {
    const rounds: number[] = [];
    const figures = new RoundFigures((ms) => rounds.push(ms));
    // Threads A and B tick in slots 100-104; B reports later (its reports cross over on their own).
    figures.addTicks([100, 0.6, 0.4, 101, 0.7, 0.5]);
    figures.addTicks([100, 0.9, 0.5, 101, 0.5, 0.3, 102, 1.5, 1.0]);
    expect(rounds).toEqual([]); // Not complete yet: a thread may still report those slots.
    figures.addTicks([110, 0.5, 0.2]); // Ten slots on: slot 100 is complete.
    expect(rounds).toEqual([0.9]);
    figures.addTicks([111, 0.5, 0.2, 112, 0.5, 0.2]);
    expect(rounds).toEqual([0.9, 0.7, 1.5]);
    const merged = figures.figures();
    expect(merged.ticks).toBe(3);
    expect(merged.durationP50).toBe(0.9);
    expect(merged.durationP99).toBe(1.5);
    expect(merged.simulationP99).toBe(1.0);
  });

  it('counts a tick reported too late for its round as a round of its own, not lost', () => {
    const rounds: number[] = [];
    const figures = new RoundFigures((ms) => rounds.push(ms));
    figures.addTicks([200, 0.5, 0.3, 230, 0.5, 0.3]);
    expect(rounds).toEqual([0.5]);
    figures.addTicks([200, 4.0, 3.0]); // A thread that stalled half a second.
    expect(rounds).toEqual([0.5, 4.0]);
  });

  it("takes each thread's lateness and missed ticks: the worst lateness, the missed ticks of all", () => {
    const figures = new RoundFigures(() => {});
    figures.setThreadFigures(0, threadFigures(1.5, 2));
    figures.setThreadFigures(1, threadFigures(3.0, 1));
    figures.setThreadFigures(0, threadFigures(0.5, 4)); // A later report replaces the thread's last.
    expect(figures.figures()).toMatchObject({ latenessP99: 3.0, missed: 5, ticks: 0, durationP99: 0 });
  });
});
