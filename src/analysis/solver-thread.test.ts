import { afterEach, describe, expect, it } from 'vitest';
import { SolverThread, SolverThreadError } from './solver-thread.ts';

// The solver thread from the server's side: a real worker thread, jobs in order, a bounded queue.

describe('SolverThread', () => {
  let thread: SolverThread | undefined;
  afterEach(() => thread?.close());

  it('answers jobs in order, and refuses one beyond the queue limit at once', async () => {
    thread = new SolverThread({ bookPath: undefined }, 2);
    const slow = thread.analyze('33333', 300);
    const quick = thread.analyze('4455', 300);
    expect(thread.pending).toBe(2);
    await expect(thread.analyze('44', 300)).rejects.toThrow(SolverThreadError);
    const [first, second] = await Promise.all([slow, quick]);
    expect(first.columns.map((c) => c.column)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(second.columns.find((c) => c.column === 3)).toEqual({ column: 3, lower: 18, upper: 18 });
    expect(thread.pending).toBe(0);
  });

  it('fails the waiting jobs when closed, and every job after', async () => {
    thread = new SolverThread({ bookPath: undefined }, 4);
    const waiting = expect(thread.analyze('33333', 2000)).rejects.toThrow('stopped');
    await thread.close();
    await waiting;
    await expect(thread.analyze('4455', 100)).rejects.toThrow('stopped');
  });
});
