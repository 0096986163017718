import { setPriority } from 'node:os';
import type { PriorityReport } from './simulation-messages.ts';

/**
 * Asks for `nice` for the calling thread. On Linux a thread is a task of its own, and
 * `setPriority(0, n)` changes the calling thread only: the simulation thread can run ahead of the
 * server's busier threads (and other programs) without the rest of the server changing priority.
 * Elsewhere the same call would change the whole process, so it is not made. Going below 0 takes
 * CAP_SYS_NICE or a raised RLIMIT_NICE; refused, the thread keeps the server's priority.
 */
export function threadPriority(
  nice: number,
  platform: NodeJS.Platform = process.platform,
  set: (pid: number, priority: number) => void = setPriority,
): PriorityReport {
  if (platform !== 'linux') {
    return {
      kind: 'priority',
      nice,
      applied: false,
      reason: `per-thread priorities are Linux only (${platform})`,
    };
  }
  try {
    set(0, nice);
    return { kind: 'priority', nice, applied: true };
  } catch (error) {
    return {
      kind: 'priority',
      nice,
      applied: false,
      reason: error instanceof Error ? error.message : String(error),
    };
  }
}
