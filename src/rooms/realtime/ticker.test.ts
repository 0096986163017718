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
    // Every tick's duration once, for a histogram.
    const durations = ticker.takeDurations();
    expect(durations).toHaveLength(5);
    expect(Math.min(...durations)).toBeGreaterThanOrEqual(6);
    expect(ticker.takeDurations()).toEqual([]);
  });

  it('counts a tick without a lap as a first phase of 0 ms', async () => {
    const ticker = await runTicks(100, 2, () => work(1));
    expect(ticker.figures().simulationP99).toBe(0);
    expect(ticker.figures().durationP50).toBeGreaterThanOrEqual(1);
  });
});
