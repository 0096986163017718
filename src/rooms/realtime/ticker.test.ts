import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { Ticker } from './ticker.ts';

/** Keeps the thread busy for `ms` (the work of a tick, which the ticker times). */
const work = (ms: number): void => {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // busy
  }
};

/** Runs a ticker at `rateHz` until `count` ticks have run `tick`, then stops it. */
const runTicks = async (rateHz: number, count: number, tick: (ticker: Ticker) => void): Promise<Ticker> => {
  let ran = 0;
  let done: () => void = () => {};
  const finished = new Promise<void>((resolve) => {
    done = resolve;
  });
  const ticker: Ticker = new Ticker(rateHz, () => {
    tick(ticker);
    ran += 1;
    if (ran === count) done();
  });
  ticker.start();
  await finished;
  ticker.stop();
  return ticker;
};

describe('Ticker', () => {
  it('times each tick whole and its first phase (up to lap) apart, and counts the ticks', async () => {
    const ticker = await runTicks(50, 5, (self) => {
      work(4);
      self.lap();
      work(2);
    });
    const figures = ticker.figures();
    expect(figures.ticks).toBe(5);
    // Lower bounds only: a loaded machine makes phases longer, never shorter.
    expect(figures.simulationP50).toBeGreaterThanOrEqual(4);
    expect(figures.durationP50).toBeGreaterThanOrEqual(6);
    expect(figures.durationP50).toBeGreaterThanOrEqual(figures.simulationP50 + 2);
    expect(figures.missed).toBe(0);
    expect(ticker.running).toBe(false);
    // Every tick once, for a histogram: its slot (consecutive: none missed), duration and first phase.
    const ticks = ticker.takeTicks();
    expect(ticks).toHaveLength(15);
    const slots = ticks.filter((_, i) => i % 3 === 0);
    expect(slots.map((slot) => slot - (slots[0] as number))).toEqual([0, 1, 2, 3, 4]);
    expect(Math.min(...ticks.filter((_, i) => i % 3 === 1))).toBeGreaterThanOrEqual(6);
    expect(Math.min(...ticks.filter((_, i) => i % 3 === 2))).toBeGreaterThanOrEqual(4);
    expect(ticker.takeTicks()).toEqual([]);
  });

  it("ticks on the clock's grid, the same for every ticker of the rate: slot n starts n intervals after the epoch", async () => {
    const starts: number[] = [];
    const ticker = await runTicks(50, 3, () => starts.push(performance.timeOrigin + performance.now()));
    const ticks = ticker.takeTicks();
    for (let i = 0; i < 3; i++) {
      const slot = ticks[3 * i] as number;
      // A tick starts at its slot's time or after it (a timer fires late, never early), and
      // before the next slot's on a machine that keeps up.
      expect(starts[i]).toBeGreaterThanOrEqual(slot * 20 - 1);
      expect(starts[i]).toBeLessThan((slot + 1) * 20);
    }
  });

  it('counts a tick without a lap as a first phase of 0 ms', async () => {
    const ticker = await runTicks(100, 2, () => work(1));
    expect(ticker.figures().simulationP99).toBe(0);
    expect(ticker.figures().durationP50).toBeGreaterThanOrEqual(1);
  });
});
