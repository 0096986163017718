// A client thread of bench:tanks (started by run.ts): plays its rooms with TankClients, and answers
// the bench's thread: `reset` zeroes the counters (the window starts), `report` sends each
// client's bytes and snapshots since, `stop` closes the sockets.
import os from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { type ClientThreadData, setUpRooms } from './tank-clients.ts';

/** What a client thread says. */
export type ClientThreadMessage =
  | { readonly kind: 'ready' }
  | { readonly kind: 'counters'; readonly bytes: number[]; readonly snapshots: number[] };

const port = parentPort;
if (port === null) throw new Error('client-thread.ts runs as a worker thread');
const data = workerData as ClientThreadData;
// On Linux, this thread only (the clients stand for players on other machines).
if (data.nice > 0) os.setPriority(0, data.nice);
const clients = await setUpRooms(data);
const say = (message: ClientThreadMessage) => port.postMessage(message);
port.on('message', (command: 'reset' | 'report' | 'stop') => {
  if (command === 'reset') {
    for (const client of clients) {
      client.bytes = 0;
      client.snapshots = 0;
    }
  } else if (command === 'report') {
    say({ kind: 'counters', bytes: clients.map((c) => c.bytes), snapshots: clients.map((c) => c.snapshots) });
  } else {
    for (const client of clients) client.socket.terminate();
    port.close();
  }
});
say({ kind: 'ready' });
