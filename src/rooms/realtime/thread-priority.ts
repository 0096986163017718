import { execFileSync } from 'node:child_process';
import { readlinkSync } from 'node:fs';
import { availableParallelism, setPriority } from 'node:os';
import type { PriorityReport, SimulationThreadData } from './simulation-messages.ts';

/** The system calls `threadPriority` makes, replaceable in tests. */
export interface PrioritySystem {
  readonly platform: NodeJS.Platform;
  /** The cores this process may run on. */
  readonly cores: number;
  /** The calling thread's id, if the system tells it. */
  thread(): number | undefined;
  /** Sets the calling thread's nice value. */
  nice(value: number): void;
  /** Puts the calling thread under SCHED_FIFO at `priority` (1–99), or back under the normal policy (0). */
  realtime(priority: number): void;
}

/**
 * The calling thread's id (Linux: `/proc/thread-self` links to `<pid>/task/<tid>`), which names
 * this thread alone to the scheduler, where the process id would name the server's main thread;
 * `undefined` without /proc.
 */
function threadId(): number | undefined {
  try {
    return Number(readlinkSync('/proc/thread-self').split('/').at(-1));
  } catch {
    return undefined;
  }
}

/**
 * Node has no binding for sched_setscheduler, so util-linux's `chrt` sets it, on this thread's
 * id: SCHED_FIFO at `priority`, or SCHED_OTHER for 0. `--reset-on-fork`: a thread or process
 * started from this one gets the normal policy.
 */
const chrt = (priority: number): void => {
  const thread = threadId();
  if (thread === undefined) throw new Error('no /proc/thread-self to name this thread by');
  const policy = priority > 0 ? ['--fifo', '--reset-on-fork'] : ['--other'];
  execFileSync('chrt', [...policy, '--pid', String(priority), String(thread)], {
    stdio: ['ignore', 'ignore', 'pipe'],
    timeout: 5000,
  });
};

const THIS_SYSTEM: PrioritySystem = {
  platform: process.platform,
  cores: availableParallelism(),
  thread: threadId,
  nice: (value) => setPriority(0, value),
  realtime: chrt,
};

const reasonOf = (error: unknown): string => {
  const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
  if (stderr) return stderr;
  return error instanceof Error ? error.message : String(error);
};

/**
 * Raises the calling thread (the simulation thread) above the server's busier threads and other
 * programs, so that they do not take its core in the middle of a tick. On Linux a thread is a
 * task of its own, and both settings change the calling thread only; elsewhere they would change
 * the whole process, so none is made.
 *
 * First the real-time policy SCHED_FIFO at `realtime` (0: not asked): the thread runs as soon as
 * its timer fires and until its tick is done, whatever else is runnable (bench:tanks: 0 ticks of
 * 1,211 over 2 ms, against 1% under nice -10). The kernel still keeps 5% of every second for the
 * rest (`sched_rt_runtime_us`), and the thread sleeps between ticks; a thread that falls behind
 * gives it up (`dropRealtime`), and with one core it is not asked for at all (each tick would hold
 * the server's only core). It takes CAP_SYS_NICE or a raised RLIMIT_RTPRIO; refused, the thread asks for the
 * nice value `nice` instead (below 0 takes CAP_SYS_NICE or RLIMIT_NICE). Refused again, it keeps
 * the server's priority. The report says which it got, and why not.
 */
export function threadPriority(
  asked: SimulationThreadData,
  system: PrioritySystem = THIS_SYSTEM,
): PriorityReport {
  const report: Pick<PriorityReport, 'kind' | 'realtime' | 'nice'> & { thread?: number } = {
    kind: 'priority',
    realtime: asked.realtime,
    nice: asked.nice,
  };
  if (system.platform !== 'linux')
    return { ...report, got: 'none', reasons: [`per-thread priorities are Linux only (${system.platform})`] };
  const reasons: string[] = [];
  const thread = system.thread();
  if (thread !== undefined) report.thread = thread;
  if (asked.realtime > 0 && system.cores < 2) {
    reasons.push(`SCHED_FIFO ${asked.realtime}: not asked for with one core (the server's thread needs it)`);
  } else if (asked.realtime > 0) {
    try {
      system.realtime(asked.realtime);
      return { ...report, got: 'realtime', reasons };
    } catch (error) {
      reasons.push(`SCHED_FIFO ${asked.realtime}: ${reasonOf(error)}`);
    }
  }
  return niceOrNone(report, asked.nice, reasons, system);
}

/** The nice value `nice` for the calling thread, or the server's priority if refused. */
function niceOrNone(
  report: Pick<PriorityReport, 'kind' | 'realtime' | 'nice' | 'thread'>,
  nice: number,
  reasons: string[],
  system: PrioritySystem,
): PriorityReport {
  try {
    system.nice(nice);
    return { ...report, got: 'nice', reasons };
  } catch (error) {
    reasons.push(`nice ${nice}: ${reasonOf(error)}`);
    return { ...report, got: 'none', reasons };
  }
}

/**
 * The calling thread, under SCHED_FIFO, gives it up for its nice value (`why`: it fell behind).
 * A simulation that cannot keep up runs without a pause, and under SCHED_FIFO it would hold its
 * core, whatever the server's thread has to do, but for the kernel's 5% reserve; as many such
 * threads as cores (two simulation threads on two cores) would starve the server. If the system
 * refuses, the thread stays as it is, and the report says so.
 */
export function dropRealtime(
  had: PriorityReport,
  why: string,
  system: PrioritySystem = THIS_SYSTEM,
): PriorityReport {
  const { kind, realtime, nice, thread } = had;
  const report = thread === undefined ? { kind, realtime, nice } : { kind, realtime, nice, thread };
  try {
    system.realtime(0);
  } catch (error) {
    return { ...report, got: 'realtime', reasons: [why, `SCHED_OTHER: ${reasonOf(error)}`] };
  }
  return niceOrNone(report, nice, [why], system);
}
