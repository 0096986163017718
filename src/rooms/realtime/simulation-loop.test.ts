import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { SimulationLoop } from './simulation-loop.ts';

//
// The simulation loop without its thread: it tells its owner when it falls behind (the thread
// then gives up SCHED_FIFO, so that an overloaded simulation cannot hold the server's cores).
//

describe('SimulationLoop', () => {
  it('tells when its ticker skipped ticks, with the total so far', async () => {
    let told: (missed: number) => void = () => {};
    const fellBehind = new Promise<number>((resolve) => {
      told = resolve;
    });
    const loop = new SimulationLoop(() => {}, told);
    loop.apply({
      kind: 'start',
      match: 'm1',
      game: 'tanks',
      options: { seats: 2, map: 'arena', durationSeconds: 60, scoreLimit: 0 },
      seed: 1,
      players: ['s1', 's2'],
      snapshotEvery: 3,
      snapshotPhase: 0,
    });
    // The thread is held for 200 ms (12 ticks): past 5 ticks behind, the ticker skips the rest.
    const end = performance.now() + 200;
    while (performance.now() < end) {
      // busy
    }
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('not told of the missed ticks')), 2000);
    });
    try {
      expect(await Promise.race([fellBehind, timeout])).toBeGreaterThan(0);
    } finally {
      clearTimeout(timer);
      loop.apply({ kind: 'stop', match: 'm1' });
    }
  });
});
