// `npm run bench:chat`: chat broadcast throughput, latency and memory per idle session of Parlor,
// against a bare `ws` broadcast server measured in the same run by the same client harness.
//
//   bench process (this file, 1 core)           server processes (the other core)
//   ─────────────────────────────────           ─────────────────────────────────────────────────
//   N `ws` clients per server on 127.0.0.1 ─ws─► Parlor: node bin/parlor.js serve (the dist build)
//   S of them send M messages each per round      bare:   bench/chat/bare-ws-server.mjs
//   (window W per sender in flight)               both: --expose-gc --import ipc-preload.mjs
//                                   ◄── IPC ───── memoryUsage() after GC, cpuUsage(), profiles
//
// 1. Per server, one after the other: start it; connect and drop a few clients (warms the code
//    paths); memory before; connect N clients (Parlor: hello + nick.set, then wait for room.joined:
//    real sessions in the lobby); memory after. Memory per idle session = (RSS after − RSS before)
//    / N, each read after forced full GCs in the server, and after --settle-ms (6 s) of GCs at rest
//    so that V8 has given back young-generation space grown by the burst of connecting ("settled",
//    compared with the target); the reading right after connecting is printed too.
// 2. A warm-up round per server, then R measured rounds alternating between the servers (A B B A …)
//    so that other load on the machine falls on both alike. Figures are over all measured rounds.
//
// A delivery is one chat message received by one client: N per message, the sender's own copy
// included for both servers. Latency = receipt − send time, both performance.now() of this process
// (the send time travels in the message text). A sender sends its next message once one of its own
// W in flight has reached all N clients, so rounds measure sustained throughput, not one burst.
//
// Options (flag or environment variable; --help lists them): --clients BENCH_CLIENTS (1000),
// --senders BENCH_SENDERS (10), --messages BENCH_MESSAGES (100 per sender per round), --rounds
// BENCH_ROUNDS (2), --window BENCH_WINDOW (4), --warmup-messages BENCH_WARMUP_MESSAGES (20),
// --settle-ms BENCH_SETTLE_MS (6000),
// --text-chars BENCH_TEXT_CHARS (64), --servers BENCH_SERVERS (parlor,bare), --json BENCH_JSON (file),
// and for investigation: --parlor BENCH_PARLOR (another build's bin/parlor.js), --server-node-args=
// BENCH_SERVER_NODE_ARGS, --parlor-args= BENCH_PARLOR_ARGS (extra `serve` flags, e.g. --replay-limit 1),
// --cpu-profile-dir BENCH_CPU_PROFILE_DIR (measured rounds only),
// --heap-snapshot-dir BENCH_HEAP_SNAPSHOT_DIR.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { readBenchOptions, SERVER_OPTIONS } from '../options.mjs';
import {
  combineRounds,
  Harness,
  HOST,
  killAll,
  openFilesLimit,
  runRound,
  sleep,
  startBare,
  startParlor,
} from './harness.mjs';

const TARGET_THROUGHPUT_RATIO = 0.9;
const TARGET_MEMORY_RATIO = 1.3;

// ── Options ──────────────────────────────────────────────────────────────────────────────────────

const OPTIONS = {
  clients: { default: 1000, min: 2, max: 20_000 },
  senders: { default: 10, min: 1, max: 1000 },
  messages: { default: 100, min: 1, max: 100_000 },
  rounds: { default: 2, min: 1, max: 100 },
  window: { default: 4, min: 1, max: 10_000 },
  'warmup-messages': { default: 20, min: 1, max: 100_000 },
  'text-chars': { default: 64, min: 32, max: 900 },
  'warm-connections': { default: 20, min: 1, max: 1000 },
  'settle-ms': { default: 6000, min: 0, max: 120_000 },
  'connect-concurrency': { default: 50, min: 1, max: 1000 },
  'round-timeout-ms': { default: 120_000, min: 1000, max: 600_000 },
};

const readOptions = () => {
  const options = readBenchOptions('Usage: node --expose-gc bench/chat/run.mjs [OPTIONS]', OPTIONS, {
    servers: { arg: 'LIST', how: 'text', default: 'parlor,bare', help: 'parlor,bare or one of them' },
    ...SERVER_OPTIONS,
    'heap-snapshot-dir': { arg: 'DIR', how: 'path', help: "write each server's heap with N sessions there" },
  });
  options.servers = options.servers.split(',').map((s) => s.trim());
  for (const s of options.servers)
    if (s !== 'parlor' && s !== 'bare') throw new Error(`unknown server "${s}"`);
  if (options.senders > options.clients) throw new Error('--senders may not exceed --clients');
  return options;
};

// ── One server: start, memory, sessions ──────────────────────────────────────────────────────────

/** Starts a server, measures its memory per idle session, and leaves N sessions open for rounds. */
const setUp = async (kind, options, dataDir) => {
  const label = kind === 'parlor' ? 'parlor' : 'bare ws';
  const log = (text) => process.stdout.write(`  [${label}] ${text}\n`);
  const nodeArgs = options.serverNodeArgs;
  const server =
    kind === 'parlor'
      ? startParlor({ dataDir, bin: options.parlor, nodeArgs, args: options.parlorArgs })
      : startBare({ nodeArgs });
  const bench = { kind, label, log, server, harness: undefined, clients: [], rounds: [] };
  bench.close = async () => {
    if (bench.harness) {
      bench.harness.closing = true;
      for (const ws of bench.clients) ws.terminate();
    }
    await server.stop();
  };
  try {
    const port = await server.guard(server.httpPort, 20_000, 'listening');
    const harness = new Harness(kind, `ws://${HOST}:${port}/ws`, options);
    bench.harness = harness;
    log(`listening on ${HOST}:${port}, pid ${server.child.pid}`);

    // Exercise the connection and session code once, so that the memory baseline includes it.
    const warm = await server.guard(
      harness.connectMany('w', options.warmConnections),
      60_000,
      'warm-up clients',
    );
    await harness.closeAll(warm);
    await sleep(300);
    await server.guard(harness.quiet(300, 20_000), 25_000, 'quiet after warm-up clients');
    // Memory is read twice at each point: right after forced GCs ("quick", the young generation
    // as the last burst of work left it), and after `settleMs` more of GCs at rest ("settled": what
    // the idle server keeps). The settled figure is the one compared with the target.
    const beforeQuick = await server.memory();
    const before = await server.memory(options.settleMs);
    if (options.heapSnapshotDir) {
      const file = path.join(options.heapSnapshotDir, `${kind}-0-sessions.heapsnapshot`);
      log(`heap snapshot (memory figures are not valid with snapshots): ${await server.heapSnapshot(file)}`);
    }

    const n = options.clients;
    const connectStart = performance.now();
    bench.clients = await server.guard(harness.connectMany('u', n), 180_000, 'connecting clients');
    await server.guard(harness.quiet(500, 60_000), 65_000, 'quiet after connecting');
    bench.connectMs = performance.now() - connectStart;
    const afterQuick = await server.memory();
    const after = await server.memory(options.settleMs);
    const perSession = (a, b, field) => (a[field] - b[field]) / n;
    const space = (a, b, name) => (a.spaces[name]?.size ?? 0) - (b.spaces[name]?.size ?? 0);
    const memory = {
      n,
      before,
      after,
      beforeQuick,
      afterQuick,
      rssPerSession: perSession(after, before, 'rss'),
      heapUsedPerSession: perSession(after, before, 'heapUsed'),
      quickRssPerSession: perSession(afterQuick, beforeQuick, 'rss'),
      quickHeapUsedPerSession: perSession(afterQuick, beforeQuick, 'heapUsed'),
      newSpaceGrowth: space(after, before, 'new_space'),
      quickNewSpaceGrowth: space(afterQuick, beforeQuick, 'new_space'),
    };
    bench.memory = memory;
    const mib = (bytes) => (bytes / 2 ** 20).toFixed(1);
    const kib = (bytes) => (bytes / 1024).toFixed(1);
    log(`${n} idle sessions in ${(bench.connectMs / 1000).toFixed(1)} s`);
    for (const [name, a, b, rss, heap, young] of [
      [
        'quick',
        afterQuick,
        beforeQuick,
        memory.quickRssPerSession,
        memory.quickHeapUsedPerSession,
        memory.quickNewSpaceGrowth,
      ],
      ['settled', after, before, memory.rssPerSession, memory.heapUsedPerSession, memory.newSpaceGrowth],
    ]) {
      log(
        `${name.padEnd(7)} RSS ${mib(b.rss)} → ${mib(a.rss)} MiB, heapUsed ${mib(b.heapUsed)} → ${mib(a.heapUsed)} MiB, ` +
          `heapTotal ${mib(b.heapTotal)} → ${mib(a.heapTotal)} MiB, external ${mib(b.external)} → ${mib(a.external)} MiB, ` +
          `new space ${young >= 0 ? '+' : ''}${mib(young)} MiB; per session: RSS ${kib(rss)} KiB, heapUsed ${kib(heap)} KiB`,
      );
    }
    if (options.heapSnapshotDir) {
      const file = path.join(options.heapSnapshotDir, `${kind}-${n}-sessions.heapsnapshot`);
      log(`heap snapshot: ${await server.heapSnapshot(file)}`);
    }
    const step = Math.floor(n / options.senders);
    bench.senders = Array.from({ length: options.senders }, (_, i) => bench.clients[i * step]);
    return bench;
  } catch (error) {
    await bench.close();
    throw error;
  }
};

/** One round of `messages` per sender against one server; `profile` names a CPU profile to write. */
const round = async (bench, options, messages, what) => {
  const { server, harness, log } = bench;
  const profile = options.cpuProfileDir && what !== 'warm-up';
  if (profile) await server.startProfile();
  const result = await runRound(harness, server, bench.senders, messages, options);
  if (profile) {
    const file = path.join(options.cpuProfileDir, `${bench.kind}-${what.replace(/\s+/g, '-')}.cpuprofile`);
    log(`CPU profile: ${await server.stopProfile(file)}`);
  }
  log(
    `${what}: ${result.deliveries} deliveries in ${(result.elapsedMs / 1000).toFixed(2)} s = ` +
      `${Math.round(result.deliveriesPerSecond)}/s, p50 ${result.p50Ms.toFixed(1)} ms, p99 ${result.p99Ms.toFixed(1)} ms; ` +
      `CPU (% of a core): server ${(result.serverCpuShare * 100).toFixed(0)}, bench ${(result.benchCpuShare * 100).toFixed(0)}, ` +
      `others ${(result.otherCpuShare * 100).toFixed(0)}`,
  );
  if (result.strays > 0) log(`warning: ${result.strays} duplicate or unexpected chat messages`);
  if (harness.unexpectedCloses > 0)
    throw new Error(`${harness.unexpectedCloses} ${bench.label} clients were disconnected`);
  return result;
};

/**
 * Every server is set up (memory measured) one after the other; then the measured rounds alternate
 * between them (A B B A A B …) so that a disturbance of the machine falls on both alike.
 */
const measure = async (benches, options) => {
  for (const bench of benches) await round(bench, options, options.warmupMessages, 'warm-up');
  for (let r = 0; r < options.rounds; r++) {
    const order = r % 2 === 0 ? benches : [...benches].reverse();
    for (const bench of order)
      bench.rounds.push(await round(bench, options, options.messages, `round ${r + 1}`));
  }
  return benches.map((bench) => ({
    kind: bench.kind,
    connectMs: bench.connectMs,
    memory: bench.memory,
    round: combineRounds(bench.rounds),
  }));
};

// ── Report ───────────────────────────────────────────────────────────────────────────────────────

const fmt = {
  int: (v) => Math.round(v).toLocaleString('en-US'),
  ms: (v) => v.toFixed(2),
  kib: (v) => (v / 1024).toFixed(2),
  us: (v) => v.toFixed(2),
  ratio: (v) => v.toFixed(3),
};

const report = (results) => {
  const parlor = results.find((r) => r.kind === 'parlor');
  const bare = results.find((r) => r.kind === 'bare');
  const rows = [
    ['deliveries/s', (r) => r.round.deliveriesPerSecond, fmt.int, 'higher'],
    ['  per round', (r) => r.round.perRoundDeliveriesPerSecond, (v) => v.map(fmt.int).join(' '), ''],
    ['p50 latency (ms)', (r) => r.round.p50Ms, fmt.ms, 'lower'],
    ['p99 latency (ms)', (r) => r.round.p99Ms, fmt.ms, 'lower'],
    ['max latency (ms)', (r) => r.round.maxMs, fmt.ms, 'lower'],
    ['server CPU / delivery (µs)', (r) => r.round.serverCpuUsPerDelivery, fmt.us, 'lower'],
    ['server CPU (% of a core)', (r) => r.round.serverCpuShare * 100, fmt.int, ''],
    ['bench CPU (% of a core)', (r) => r.round.benchCpuShare * 100, fmt.int, ''],
    ['other machine CPU (% of a core)', (r) => r.round.otherCpuShare * 100, fmt.int, ''],
    ['RSS / idle session (KiB)', (r) => r.memory.rssPerSession, fmt.kib, 'lower'],
    ['heapUsed / idle session (KiB)', (r) => r.memory.heapUsedPerSession, fmt.kib, 'lower'],
    ['  right after connecting: RSS', (r) => r.memory.quickRssPerSession, fmt.kib, 'lower'],
    ['  right after connecting: heapUsed', (r) => r.memory.quickHeapUsedPerSession, fmt.kib, 'lower'],
    [
      '  right after: new space growth (MiB)',
      (r) => r.memory.quickNewSpaceGrowth / 2 ** 20,
      (v) => v.toFixed(1),
      '',
    ],
    ['time to open the sessions (s)', (r) => r.connectMs / 1000, (v) => v.toFixed(2), ''],
  ];
  const w = [36, 16, 16, 14];
  const line = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(w[i]) : c.padStart(w[i]))).join('');
  const out = [''];
  out.push(line(['', 'parlor', 'bare ws', 'parlor/bare']));
  out.push('─'.repeat(w.reduce((a, b) => a + b, 0)));
  for (const [name, get, format] of rows) {
    const p = parlor ? get(parlor) : undefined;
    const b = bare ? get(bare) : undefined;
    const ratio = typeof p === 'number' && typeof b === 'number' && b !== 0 ? fmt.ratio(p / b) : '';
    out.push(line([name, p === undefined ? '—' : format(p), b === undefined ? '—' : format(b), ratio]));
  }
  const verdicts = {};
  if (parlor && bare) {
    const throughputRatio = parlor.round.deliveriesPerSecond / bare.round.deliveriesPerSecond;
    const memoryRatio = parlor.memory.rssPerSession / bare.memory.rssPerSession;
    const heapRatio = parlor.memory.heapUsedPerSession / bare.memory.heapUsedPerSession;
    verdicts.throughputRatio = throughputRatio;
    verdicts.memoryRatio = memoryRatio;
    verdicts.heapRatio = heapRatio;
    verdicts.throughputMet = throughputRatio >= TARGET_THROUGHPUT_RATIO;
    const measurable = parlor.memory.rssPerSession > 0 && bare.memory.rssPerSession > 0;
    verdicts.memoryMet = measurable ? memoryRatio <= TARGET_MEMORY_RATIO : null;
    verdicts.quickMemoryRatio = parlor.memory.quickRssPerSession / bare.memory.quickRssPerSession;
    verdicts.cpuPerDeliveryRatio = parlor.round.serverCpuUsPerDelivery / bare.round.serverCpuUsPerDelivery;
    out.push('');
    out.push(
      `throughput ratio parlor/bare: ${fmt.ratio(throughputRatio)}  (target ≥ ${TARGET_THROUGHPUT_RATIO}) ` +
        (verdicts.throughputMet ? 'MET' : 'NOT MET'),
    );
    out.push(
      `memory ratio (RSS per idle session) parlor/bare: ${fmt.ratio(memoryRatio)}  (target ≤ ${TARGET_MEMORY_RATIO}) ` +
        (verdicts.memoryMet === null
          ? 'INCONCLUSIVE (an RSS difference ≤ 0: noise exceeds the sessions; use more --clients)'
          : verdicts.memoryMet
            ? 'MET'
            : 'NOT MET'),
    );
    out.push(
      `  for information: heapUsed ratio ${fmt.ratio(heapRatio)}, RSS ratio right after connecting ` +
        `${fmt.ratio(verdicts.quickMemoryRatio)}, server CPU per delivery ratio ${fmt.ratio(verdicts.cpuPerDeliveryRatio)}; ` +
        `RSS readings vary by ~1-2 MiB, i.e. ~${((1024 * 1.5) / parlor.memory.n).toFixed(1)} KiB per session ` +
        `at ${parlor.memory.n} sessions`,
    );
    const disturbed = results.filter((r) => r.round.otherCpuShare > 0.15).map((r) => r.kind);
    if (disturbed.length > 0) {
      out.push(
        `note: other work used > 15% of a core during the ${disturbed.join(' and ')} run(s) ` +
          '(the machine was not quiet); compare "server CPU / delivery" and rerun.',
      );
    }
    const saturated = results.filter((r) => r.round.benchCpuShare > 0.9).map((r) => r.kind);
    if (saturated.length > 0) {
      out.push(
        `note: the bench process (all clients) used > 90% of a core during the ${saturated.join(' and ')} run(s); ` +
          'deliveries/s may be bounded by the client side, see "server CPU / delivery".',
      );
    }
  }
  process.stdout.write(`${out.join('\n')}\n`);
  return verdicts;
};

// ── Main ─────────────────────────────────────────────────────────────────────────────────────────

const main = async () => {
  const options = readOptions();
  const limit = openFilesLimit();
  const servers = options.servers.length;
  const needed = servers * options.clients + options.warmConnections + 100;
  process.stdout.write(
    `bench:chat — ${options.clients} WebSocket clients per server, ${options.senders} senders × ` +
      `${options.messages} messages × ${options.rounds} rounds (window ${options.window}/sender, warm-up ` +
      `${options.warmupMessages}), text ${options.textChars} chars\n` +
      `node ${process.version}, ${os.cpus().length} CPUs, open files limit ${limit.soft} (hard ${limit.hard}); ` +
      `this process needs about ${needed} descriptors\n`,
  );
  if (Number(limit.soft) < needed) {
    throw new Error(`the open files limit (${limit.soft}) is too low: about ${needed} are needed`);
  }
  if (typeof globalThis.gc !== 'function') {
    process.stdout.write('note: run with node --expose-gc for steadier figures\n');
  }
  const started = performance.now();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'parlor-bench-'));
  // Also on an abrupt exit (an uncaught error, a closed stdout), after the servers are killed.
  process.on('exit', () => rmSync(dataDir, { recursive: true, force: true }));
  const benches = [];
  let results;
  try {
    for (const kind of options.servers) benches.push(await setUp(kind, options, dataDir));
    results = await measure(benches, options);
  } finally {
    for (const bench of benches) await bench.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  const verdicts = report(results);
  process.stdout.write(`total time ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  if (options.json) {
    writeFileSync(options.json, `${JSON.stringify({ options, results, verdicts }, null, 2)}\n`);
  }
};

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`bench:chat failed: ${error.stack ?? error}\n`);
    killAll();
    process.exit(1);
  },
);
