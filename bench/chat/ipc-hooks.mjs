// Loaded (through ipc-preload.mjs) into BOTH benchmarked servers (Parlor and the bare `ws`
// server), so that they are measured by the same code. It changes nothing in the server itself:
//
//   - reports every listening socket over the IPC channel ({ type: 'listening', kind, host, port }),
//     so Parlor can run with --log-level warn and ports 0;
//   - answers { cmd: 'mem', settleMs } with process.memoryUsage() after forced full, compacting
//     GCs (see fullGc), { cmd: 'cpu' } with process.cpuUsage(), { cmd: 'snapshot', file } by
//     writing a heap snapshot, and
//     { cmd: 'profile-start' } / { cmd: 'profile-stop', file } with a CPU profile (.cpuprofile),
//     and, with PARLOR_BENCH_ALLOCATIONS=all|live|survivors, a sampled allocation profile (.heapprofile);
//   - exits when the benchmark (its parent) goes away, so that no server is ever left behind.
import { writeFileSync } from 'node:fs';
import http from 'node:http';
import inspector from 'node:inspector';
import net from 'node:net';
import v8 from 'node:v8';

if (typeof process.send !== 'function') {
  throw new Error('bench/chat/ipc-preload.mjs needs an IPC channel (spawn with stdio "ipc")');
}

const send = (message) => {
  if (process.connected) process.send(message);
};

const originalListen = net.Server.prototype.listen;
net.Server.prototype.listen = function listen(...args) {
  this.once('listening', () => {
    const address = this.address();
    if (address !== null && typeof address === 'object') {
      send({
        type: 'listening',
        kind: this instanceof http.Server ? 'http' : 'tcp',
        host: address.address,
        port: address.port,
      });
    }
  });
  return originalListen.apply(this, args);
};

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const LAST_RESORT = { type: 'major', execution: 'sync', flavor: 'last-resort' };

/**
 * One full GC that also compacts, so that the heap holds what is live and no more. V8 12 (Node 22)
 * reads gc()'s options: a "last resort" GC compacts. V8 11.3 (Node 20) does not: it takes any
 * argument as "minor" and only scavenges the young generation, so the old generation, where
 * sessions live, would keep its garbage; and a plain gc() (a full mark-compact) moves objects only
 * off the pages V8's heuristics pick, so pages left half-empty by a burst of short-lived objects
 * stay committed. V8's memory reducer would compact them after ~10 s of rest, but a GC every
 * 500 ms keeps postponing it. So both servers alike get --compact-on-every-full-gc for the
 * duration of this one plain gc(), which works on every version.
 */
const fullGc = () => {
  globalThis.gc(LAST_RESORT);
  v8.setFlagsFromString('--compact-on-every-full-gc');
  try {
    globalThis.gc();
  } finally {
    v8.setFlagsFromString('--no-compact-on-every-full-gc');
  }
};

/**
 * Full GCs with pauses between them, so that finalisers run; with `settleMs`, keeps collecting for
 * that long first: V8 keeps a young generation grown by a burst of allocation until it has seen
 * ~5 s of low allocation, and only then gives it back. Then waits until RSS settles, since V8
 * unmaps freed pages on a background thread.
 */
const collect = async (settleMs = 0) => {
  if (typeof globalThis.gc !== 'function') throw new Error('start the server with --expose-gc');
  const start = Date.now();
  while (Date.now() - start < settleMs) {
    fullGc();
    await sleep(500);
  }
  for (let i = 0; i < 4; i++) {
    fullGc();
    await sleep(100);
  }
  let rss = process.memoryUsage.rss();
  for (let i = 0; i < 20; i++) {
    await sleep(100);
    const now = process.memoryUsage.rss();
    if (Math.abs(now - rss) < 64 * 1024) break;
    rss = now;
  }
};

const heapSpaces = () =>
  Object.fromEntries(
    v8.getHeapSpaceStatistics().map((s) => [s.space_name, { size: s.space_size, used: s.space_used_size }]),
  );

/** The CPU profiler of this process, through an in-process inspector session. */
let profiler;
const post = (method, params) =>
  new Promise((resolve, reject) => {
    profiler.post(method, params, (error, result) => (error ? reject(error) : resolve(result)));
  });
const startProfile = async () => {
  profiler = new inspector.Session();
  profiler.connect();
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 200 });
  await post('Profiler.start');
  // PARLOR_BENCH_ALLOCATIONS=all: also sample every allocation, kept or collected (where a
  // benchmark's garbage comes from); =live: only what is still alive at the end (what the GC had to
  // keep); =survivors: what outlived a young-generation collection (what the scavenger copies, the
  // cost of its pauses). Written next to the CPU profile as .heapprofile.
  const allocations = process.env.PARLOR_BENCH_ALLOCATIONS;
  if (['all', 'live', 'survivors'].includes(allocations)) {
    await post('HeapProfiler.startSampling', {
      samplingInterval: 4096,
      includeObjectsCollectedByMajorGC: allocations !== 'live',
      includeObjectsCollectedByMinorGC: allocations === 'all',
    });
  }
};
const stopProfile = async (file) => {
  const { profile } = await post('Profiler.stop');
  if (['all', 'live', 'survivors'].includes(process.env.PARLOR_BENCH_ALLOCATIONS)) {
    const sampled = await post('HeapProfiler.stopSampling');
    writeFileSync(file.replace(/\.cpuprofile$/, '.heapprofile'), JSON.stringify(sampled.profile));
  }
  profiler.disconnect();
  writeFileSync(file, JSON.stringify(profile));
  return file;
};

process.on('message', (message) => {
  if (message === null || typeof message !== 'object') return;
  const { cmd, id } = message;
  if (cmd === 'mem') {
    collect(message.settleMs).then(
      () => send({ re: id, mem: process.memoryUsage(), spaces: heapSpaces(), cpu: process.cpuUsage() }),
      (error) => send({ re: id, error: String(error) }),
    );
  } else if (cmd === 'snapshot') {
    collect().then(
      () => send({ re: id, file: v8.writeHeapSnapshot(message.file) }),
      (error) => send({ re: id, error: String(error) }),
    );
  } else if (cmd === 'profile-start') {
    startProfile().then(
      () => send({ re: id }),
      (error) => send({ re: id, error: String(error) }),
    );
  } else if (cmd === 'profile-stop') {
    stopProfile(message.file).then(
      (file) => send({ re: id, file }),
      (error) => send({ re: id, error: String(error) }),
    );
  } else if (cmd === 'cpu') {
    send({ re: id, cpu: process.cpuUsage() });
  }
});

process.on('disconnect', () => process.exit(0));
