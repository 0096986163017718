import { parentPort } from 'node:worker_threads';
import { SimulationLoop } from './simulation-loop.ts';
import type { SimulationCommand } from './simulation-messages.ts';

//
// The simulation thread's entry point (started by simulation-thread.ts): every real-time match of
// the server steps here, on a heap of its own, so that the server's garbage (sockets, chat,
// replay buffers) never pauses a tick, and a busy event loop never delays one.
//

const port = parentPort;
if (port === null) throw new Error('simulation-worker.ts runs as a worker thread');
const loop = new SimulationLoop((report) => port.postMessage(report));
port.on('message', (command: SimulationCommand) => loop.apply(command));
