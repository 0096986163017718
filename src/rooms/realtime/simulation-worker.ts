import { parentPort, workerData } from 'node:worker_threads';
import { SimulationLoop } from './simulation-loop.ts';
import type { SimulationCommand, SimulationThreadData } from './simulation-messages.ts';
import { dropRealtime, threadPriority } from './thread-priority.ts';

//
// The simulation thread's entry point (started by simulation-thread.ts): every real-time match of
// the server steps here, on a heap of its own, so that the server's garbage (sockets, chat,
// replay buffers) never pauses a tick, and a busy event loop never delays one; at the priority
// it is given (`simulationRealtimePriority`, else `simulationNice`), so that the server's busier
// threads do not take its core in the middle of a tick; under SCHED_FIFO only while it keeps up.
//

const port = parentPort;
if (port === null) throw new Error('simulation-worker.ts runs as a worker thread');
let priority = threadPriority(workerData as SimulationThreadData);
port.postMessage(priority);
const loop = new SimulationLoop(
  (report) => port.postMessage(report),
  (missed) => {
    if (priority.got !== 'realtime') return;
    priority = dropRealtime(
      priority,
      `fell behind (${missed} ticks missed): SCHED_FIFO given up, so that the server's thread keeps its core`,
    );
    port.postMessage(priority);
  },
);
port.on('message', (commands: SimulationCommand[]) => {
  for (const command of commands) loop.apply(command);
});
