// Loaded with `node --import` into the benchmarked servers: the hooks of ipc-hooks.mjs, on the main
// thread only (worker threads inherit `--import`, and have no IPC channel of their own).
import { isMainThread } from 'node:worker_threads';

if (isMainThread) await import('./ipc-hooks.mjs');
