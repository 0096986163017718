import { describe, expect, it } from 'vitest';
import { threadPriority } from './thread-priority.ts';

describe('threadPriority', () => {
  it("sets the calling thread's nice value on Linux", () => {
    const calls: number[][] = [];
    expect(threadPriority(-10, 'linux', (pid, nice) => calls.push([pid, nice]))).toEqual({
      kind: 'priority',
      nice: -10,
      applied: true,
    });
    expect(calls).toEqual([[0, -10]]);
  });

  it('reports a refusal instead of throwing', () => {
    const refused = threadPriority(-10, 'linux', () => {
      throw new Error('EACCES: permission denied');
    });
    expect(refused).toMatchObject({ applied: false, reason: 'EACCES: permission denied' });
  });

  it('leaves the priority alone where it would change the whole process', () => {
    const calls: number[][] = [];
    const report = threadPriority(-10, 'darwin', (pid, nice) => calls.push([pid, nice]));
    expect(report).toMatchObject({ applied: false, reason: expect.stringContaining('Linux only') });
    expect(calls).toEqual([]);
  });
});
