import { describe, expect, it } from 'vitest';
import { dropRealtime, type PrioritySystem, threadPriority } from './thread-priority.ts';

/** A system that records the calls, and refuses the ones named. */
function system(platform: NodeJS.Platform, refuse: { realtime?: string; nice?: string } = {}, cores = 2) {
  const calls: string[] = [];
  const fake: PrioritySystem = {
    platform,
    cores,
    thread: () => 4242,
    realtime: (priority) => {
      calls.push(`realtime ${priority}`);
      if (refuse.realtime !== undefined) throw new Error(refuse.realtime);
    },
    nice: (value) => {
      calls.push(`nice ${value}`);
      if (refuse.nice !== undefined) throw new Error(refuse.nice);
    },
  };
  return { fake, calls };
}

describe('threadPriority', () => {
  it('puts the calling thread under SCHED_FIFO on Linux, and leaves its nice value alone', () => {
    const { fake, calls } = system('linux');
    expect(threadPriority({ realtime: 10, nice: -10 }, fake)).toEqual({
      kind: 'priority',
      realtime: 10,
      nice: -10,
      got: 'realtime',
      thread: 4242,
      reasons: [],
    });
    expect(calls).toEqual(['realtime 10']);
  });

  it('falls back to the nice value when the real-time policy is refused, and says why', () => {
    const { fake, calls } = system('linux', {
      realtime: 'chrt: failed to set pid 4242: Operation not permitted',
    });
    expect(threadPriority({ realtime: 10, nice: -10 }, fake)).toMatchObject({
      got: 'nice',
      reasons: ['SCHED_FIFO 10: chrt: failed to set pid 4242: Operation not permitted'],
    });
    expect(calls).toEqual(['realtime 10', 'nice -10']);
  });

  it('asks only for the nice value when no real-time priority is asked for', () => {
    const { fake, calls } = system('linux');
    expect(threadPriority({ realtime: 0, nice: 5 }, fake)).toMatchObject({ got: 'nice', reasons: [] });
    expect(calls).toEqual(['nice 5']);
  });

  it('does not ask for the real-time policy with one core, where the server thread could starve', () => {
    const { fake, calls } = system('linux', {}, 1);
    expect(threadPriority({ realtime: 10, nice: -10 }, fake)).toMatchObject({
      got: 'nice',
      reasons: [expect.stringContaining('one core')],
    });
    expect(calls).toEqual(['nice -10']);
  });

  it('keeps the server priority when both are refused, with both reasons, instead of throwing', () => {
    const { fake } = system('linux', { realtime: 'not permitted', nice: 'EACCES: permission denied' });
    expect(threadPriority({ realtime: 10, nice: -10 }, fake)).toMatchObject({
      got: 'none',
      reasons: ['SCHED_FIFO 10: not permitted', 'nice -10: EACCES: permission denied'],
    });
  });

  it('leaves out the thread id where the system does not tell it', () => {
    const { fake } = system('linux');
    const report = threadPriority({ realtime: 0, nice: 0 }, { ...fake, thread: () => undefined });
    expect(report).toEqual({ kind: 'priority', realtime: 0, nice: 0, got: 'nice', reasons: [] });
  });

  it('leaves the priority alone where it would change the whole process', () => {
    const { fake, calls } = system('darwin');
    const report = threadPriority({ realtime: 10, nice: -10 }, fake);
    expect(report).toMatchObject({ got: 'none', reasons: [expect.stringContaining('Linux only')] });
    expect(calls).toEqual([]);
  });
});

describe('dropRealtime', () => {
  const WHY = 'fell behind (3 ticks missed)';

  it('puts a thread that fell behind back under the normal policy, at its nice value, and says why', () => {
    const { fake, calls } = system('linux');
    const had = threadPriority({ realtime: 10, nice: -10 }, fake);
    expect(dropRealtime(had, WHY, fake)).toEqual({
      kind: 'priority',
      realtime: 10,
      nice: -10,
      got: 'nice',
      thread: 4242,
      reasons: [WHY],
    });
    expect(calls).toEqual(['realtime 10', 'realtime 0', 'nice -10']);
  });

  it('says so when the system refuses, the thread staying as it was', () => {
    const { fake } = system('linux');
    const had = threadPriority({ realtime: 10, nice: -10 }, fake);
    const refusing: PrioritySystem = {
      ...fake,
      realtime: () => {
        throw new Error('no chrt');
      },
    };
    expect(dropRealtime(had, WHY, refusing)).toMatchObject({
      got: 'realtime',
      reasons: [WHY, 'SCHED_OTHER: no chrt'],
    });
  });
});
