import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type {
  PriorityReport,
  SimulationThreadData,
  StartCommand,
  TickReport,
} from './simulation-messages.ts';
import { SimulationThread } from './simulation-thread.ts';

//
// The simulation thread for real (a worker thread running the sources through tsx): commands in,
// one report per tick out; a crash ends its matches, and the next command starts a new thread.
//

const start = (match: string): StartCommand => ({
  kind: 'start',
  match,
  game: 'tanks',
  options: { seats: 2, map: 'arena', durationSeconds: 60, scoreLimit: 0 },
  seed: 3,
  players: ['s1', null],
  snapshotEvery: 3,
  snapshotPhase: 0,
});

/** A thread whose reports and losses are collected, with a way to wait for one that matches. */
function collectingThread(priority: SimulationThreadData = { realtime: 0, nice: 0 }) {
  const reports: TickReport[] = [];
  const priorities: PriorityReport[] = [];
  const losses: Error[] = [];
  const waiters: Array<() => void> = [];
  const changed = () => {
    for (const wake of waiters.splice(0)) wake();
  };
  const thread = new SimulationThread(
    {
      tick: (report) => {
        reports.push(report);
        changed();
      },
      priority: (report) => {
        priorities.push(report);
        changed();
      },
      lost: (error) => {
        losses.push(error);
        changed();
      },
    },
    // By default the priority every thread already has: allowed to anyone.
    priority,
  );
  const until = (ok: () => boolean, what: string, timeoutMs = 10_000): Promise<void> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), timeoutMs);
      const check = () => {
        if (ok()) {
          clearTimeout(timer);
          resolve();
        } else waiters.push(check);
      };
      check();
    });
  return { thread, reports, priorities, losses, until };
}

const matchReports = (reports: TickReport[], match: string) =>
  reports.flatMap((r) => r.matches).filter((m) => m.match === match);

describe('SimulationThread', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => close?.());

  it("reports a match's frames, its bot's inputs and the figures, tick after tick, until it is stopped", async () => {
    const { thread, reports, priorities, until } = collectingThread();
    close = () => thread.close();
    thread.send(start('m1'));
    await until(() => priorities.length === 1, 'the priority report');
    expect(priorities[0]).toMatchObject({ kind: 'priority', nice: 0, got: 'nice', reasons: [] });
    await until(() => matchReports(reports, 'm1').some((m) => m.tick >= 30), 'half a second of m1');
    const news = matchReports(reports, 'm1');
    const withFrames = news.filter((m) => m.sendTo !== undefined);
    // A snapshot every third tick, for the one person (the bot's seat gets no frame).
    expect(withFrames.every((m) => m.tick % 3 === 0)).toBe(true);
    expect(withFrames[0]?.sendTo).toEqual(['s1', 0, null, 0]);
    expect(news.flatMap((m) => m.log ?? []).some((entry) => (entry as unknown[])[1] === 1)).toBe(true);
    expect(reports.some((r) => (r.figures?.ticks ?? 0) > 0)).toBe(true);

    thread.send({ kind: 'stop', match: 'm1' });
    thread.send(start('m2'));
    await until(() => matchReports(reports, 'm2').some((m) => m.tick >= 6), 'm2 ticking');
    // Commands are taken in order: from m2's first report on, m1 is gone.
    const m2From = reports.findIndex((r) => r.matches.some((m) => m.match === 'm2'));
    expect(matchReports(reports.slice(m2From), 'm1')).toEqual([]);
  });

  it('takes the commands of one turn together, in the order they were sent', async () => {
    const { thread, reports, until } = collectingThread();
    close = () => thread.close();
    const input = (seq: number, aim: number) =>
      ({
        kind: 'input',
        match: 'm4',
        seat: 0,
        seq,
        input: { throttle: 1, turn: 0, aim, fire: false },
      }) as const;
    // All posted at the end of this turn, as one batch: the thread applies them one by one.
    thread.send(start('m4'));
    thread.send(input(1, 100));
    thread.send(input(2, 200));
    thread.send(input(2, 300)); // Not newer than the last: ignored.
    thread.send({ kind: 'idle', match: 'm4', seat: 0 });
    await until(() => matchReports(reports, 'm4').some((m) => m.log !== undefined), 'the log of m4');
    const log = matchReports(reports, 'm4').flatMap((m) => m.log ?? []) as unknown[][];
    expect(log.filter((entry) => entry[1] === 0).map((entry) => entry.slice(1))).toEqual([
      [0, { throttle: 1, turn: 0, aim: 100, fire: false }],
      [0, { throttle: 1, turn: 0, aim: 200, fire: false }],
      [0, null],
    ]);
  });

  it.runIf(process.platform === 'linux')(
    'runs under SCHED_FIFO where the system allows it, and says why not where it does not',
    async () => {
      const { thread, priorities, until } = collectingThread({ realtime: 1, nice: 0 });
      close = () => thread.close();
      thread.send(start('m5'));
      await until(() => priorities.length === 1, 'the priority report');
      const report = priorities[0] as PriorityReport;
      if (report.got === 'realtime') {
        // /proc/<pid>/task/<tid>/stat, after the command name: field 40 is rt_priority, 41 the policy.
        const stat = readFileSync(`/proc/self/task/${report.thread}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        expect({ rtPriority: fields[40 - 3], policy: fields[41 - 3] }).toEqual({
          rtPriority: '1',
          policy: '1',
        });
        // Only that thread: this one keeps the normal policy (0).
        const own = readFileSync('/proc/thread-self/stat', 'utf8');
        expect(own.slice(own.lastIndexOf(')') + 2).split(' ')[41 - 3]).toBe('0');
      } else {
        // Without CAP_SYS_NICE: refused, and the reason given; nice 0 is allowed to anyone.
        expect(report).toMatchObject({ got: 'nice', reasons: [expect.stringMatching(/^SCHED_FIFO 1: /)] });
      }
    },
  );

  it('tells of a crash, and starts a new thread with the next command', async () => {
    const { thread, reports, losses, until } = collectingThread();
    close = () => thread.close();
    // Options the game cannot read make its `create` throw on the thread: a bug there kills it.
    thread.send({ ...start('bad'), options: null as never });
    await until(() => losses.length === 1, 'the loss of the thread');
    thread.send(start('m3'));
    await until(() => matchReports(reports, 'm3').length > 0, 'm3 on a new thread');
    expect(losses).toHaveLength(1);
  });
});
