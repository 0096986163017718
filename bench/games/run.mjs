// `npm run bench:games`: Connect Four move latency and throughput of Parlor with many matches
// played at once.
//
//   bench process (this file, 1 core)                 server process (the other core)
//   ──────────────────────────────────                ──────────────────────────────────────────
//   2 × M raw TCP clients (JSON lines) ──TCP──────►    node bin/parlor.js serve (the dist build),
//   in M pairings, each one Connect Four match         flood control lifted, 5000 connections per
//   after another (rematch)                            address; --import bench/chat/ipc-preload.mjs
//                                     ◄── IPC ──────  (ports, CPU profiles)
//
// 1. Builds dist/ if it is missing or older than src/, starts the server on free ports.
// 2. Connects 2 × M clients (hello, nick.set, wait for room.joined: real sessions in the lobby).
// 3. Pairs them: client 2i sends challenge.send to 2i+1 (firstSeat 0), which accepts; at most
//    --pair-concurrency setups at a time; waits until every match has started (no move yet).
// 4. Go: every match plays. A player moves when it receives its opponent's match.update (or its
//    own match.started when it moves first): a legal column drawn from a per-match seeded
//    xorshift (the next non-full column if that one is full). When a game ends both players send
//    match.rematch, so that M matches stay in play. After --warmup seconds, --seconds are measured.
//    By default each player thinks 1 s (±50%, seeded) before each move: an open load of about
//    M moves/s, like people or paced bots. --think-ms 0 answers at once: a closed loop where M
//    moves are always in flight, so the server is saturated and latency ≈ M / throughput
//    (Little's law) whatever the server does; it measures throughput, not latency.
//
// A move's latency is the time from the mover writing its match.move to the opponent receiving
// the match.update for it; both clients of a match are in this process, so both readings are
// performance.now() of one clock. Counted: moves sent in the measured window and confirmed in it.
// Moves/s = those moves / window. Server CPU from /proc/PID/stat, RSS from /proc/PID/status.
//
// Options (flag or environment variable; --help lists them): --matches BENCH_MATCHES (1000),
// --seconds BENCH_SECONDS (20), --warmup BENCH_WARMUP (3), --think-ms BENCH_THINK_MS (1000), --seed,
// --connect-concurrency,
// --pair-concurrency, --json FILE, and for investigation --parlor-args=, --server-node-args=,
// --cpu-profile-dir DIR (a .cpuprofile of the server over the measured window), --parlor BIN.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { HOST, machineCpu, openFilesLimit, percentile, ROOT, sleep, startParlor } from '../chat/harness.mjs';
import { readBenchOptions, SERVER_OPTIONS } from '../options.mjs';
import { Pool } from './clients.mjs';

const TARGET_P99_MS = 5;

// ── Options ──────────────────────────────────────────────────────────────────────────────────────

const OPTIONS = {
  matches: { default: 1000, min: 1, max: 8000 },
  seconds: { default: 20, min: 1, max: 3600 },
  warmup: { default: 3, min: 0, max: 600 },
  seed: { default: 1, min: 1, max: 2 ** 31 - 1 },
  'think-ms': { default: 1000, min: 0, max: 60_000 },
  'connect-concurrency': { default: 50, min: 1, max: 1000 },
  'pair-concurrency': { default: 25, min: 1, max: 1000 },
};

const readOptions = () =>
  readBenchOptions(
    'Usage: node bench/games/run.mjs [OPTIONS]   (npm run bench:games -- [OPTIONS])',
    OPTIONS,
    SERVER_OPTIONS,
  );

// ── Build, server readings ───────────────────────────────────────────────────────────────────────

const newestMtime = (dir) => {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts'))
      newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
};

/** Runs `npm run build` (scripts/build.mjs) when dist/parlor.js is missing or older than src/. */
const buildIfNeeded = () => {
  const out = path.join(ROOT, 'dist/parlor.js');
  let built = 0;
  try {
    built = statSync(out).mtimeMs;
  } catch {
    // not built yet
  }
  if (built !== 0 && built >= newestMtime(path.join(ROOT, 'src'))) return 'up to date';
  const result = spawnSync(process.execPath, [path.join(ROOT, 'scripts/build.mjs')], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error(`the build failed (exit code ${result.status})`);
  return 'rebuilt';
};

const TICK_MS = 10; // USER_HZ is 100 on Linux

/** CPU time (user + system) of a process so far, in ms, from /proc/PID/stat. */
const processCpuMs = (pid) => {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS; // utime, stime (fields 14, 15)
};

/** VmRSS and VmHWM of a process, in bytes, from /proc/PID/status. */
const processMemory = (pid) => {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (name) => Number(status.match(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm'))?.[1] ?? Number.NaN);
  return { rss: kib('VmRSS') * 1024, hwm: kib('VmHWM') * 1024 };
};

/** A gauge of the server's /metrics (e.g. parlor_matches_live), or NaN. */
const readGauge = async (httpPort, name) => {
  try {
    const response = await fetch(`http://${HOST}:${httpPort}/metrics`);
    const text = await response.text();
    const line = text.split('\n').find((l) => l.startsWith(`${name} `));
    return line === undefined ? Number.NaN : Number(line.split(' ')[1]);
  } catch {
    return Number.NaN;
  }
};

/** Waits until the clients have received nothing for `quietMs` (the lobby's join notices, …). */
const quiet = async (pool, quietMs, maxMs) => {
  const start = performance.now();
  let frames = -1;
  let since = performance.now();
  while (performance.now() - start < maxMs) {
    if (pool.framesReceived !== frames) {
      frames = pool.framesReceived;
      since = performance.now();
    } else if (performance.now() - since >= quietMs) {
      return;
    }
    await sleep(50);
  }
  throw new Error(`clients still receiving after ${maxMs} ms`);
};

// ── Main ─────────────────────────────────────────────────────────────────────────────────────────

const fmt = {
  int: (v) => Math.round(v).toLocaleString('en-US'),
  ms: (v) => (Number.isFinite(v) ? v.toFixed(2) : '—'),
  mib: (v) => (v / 2 ** 20).toFixed(1),
};

const main = async () => {
  const options = readOptions();
  const log = (text) => process.stdout.write(`${text}\n`);
  const m = options.matches;
  const limit = openFilesLimit();
  const needed = 2 * m + 100;
  log(
    `bench:games — ${m} concurrent Connect Four matches (${2 * m} TCP JSON clients), ` +
      `warm-up ${options.warmup} s, measured ${options.seconds} s, seed ${options.seed}, ` +
      (options.thinkMs === 0
        ? 'players answer at once (closed loop)'
        : `think time ${options.thinkMs} ms (±50%) before each move`),
  );
  log(
    `node ${process.version}, ${os.cpus().length} CPUs, open files limit ${limit.soft}; ` +
      `this process needs about ${needed} descriptors`,
  );
  if (Number(limit.soft) < needed) throw new Error(`the open files limit (${limit.soft}) is too low`);
  if (options.parlor === undefined) log(`build: ${buildIfNeeded()}`);

  const started = performance.now();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'parlor-bench-games-'));
  process.on('exit', () => rmSync(dataDir, { recursive: true, force: true }));
  const server = startParlor({
    dataDir,
    bin: options.parlor,
    nodeArgs: options.serverNodeArgs,
    args: options.parlorArgs,
  });
  const tcpPort = new Promise((resolve) => {
    server.child.on('message', (message) => {
      if (message?.type === 'listening' && message.kind === 'tcp') resolve(message.port);
    });
  });
  let pool;
  let result;
  try {
    const port = await server.guard(tcpPort, 20_000, 'listening (TCP)');
    const httpPort = await server.guard(server.httpPort, 20_000, 'listening (HTTP)');
    const pid = server.child.pid;
    log(`server: pid ${pid}, TCP ${HOST}:${port}, HTTP ${httpPort}, data ${dataDir}`);
    pool = new Pool({ host: HOST, port, seed: options.seed, thinkMs: options.thinkMs });

    // Sessions.
    let t0 = performance.now();
    await server.guard(pool.connectMany(2 * m, options.connectConcurrency), 300_000, 'connecting clients');
    await server.guard(quiet(pool, 300, 120_000), 125_000, 'quiet after connecting');
    const connectMs = performance.now() - t0;
    log(`  ${2 * m} sessions in the lobby in ${(connectMs / 1000).toFixed(1)} s`);

    // Matches.
    t0 = performance.now();
    let lastReport = t0;
    await server.guard(
      pool.pairAll(options.pairConcurrency, (done, count) => {
        const now = performance.now();
        if (now - lastReport >= 5000 && done < count) {
          lastReport = now;
          log(`  … ${done}/${count} matches started`);
        }
      }),
      600_000,
      'starting matches',
    );
    await server.guard(quiet(pool, 300, 120_000), 125_000, 'quiet after starting matches');
    const pairMs = performance.now() - t0;
    const live0 = await readGauge(httpPort, 'parlor_matches_live');
    const memoryIdle = processMemory(pid);
    log(
      `  ${pool.pairings.length} matches started in ${(pairMs / 1000).toFixed(1)} s ` +
        `(server: ${live0} live); server RSS ${fmt.mib(memoryIdle.rss)} MiB before play`,
    );
    if (pool.errors > 0) log(`  warning: ${pool.errors} error messages during setup`);

    // Play: warm-up, then the measured window.
    pool.go();
    log(`  playing: warm-up ${options.warmup} s`);
    await sleep(options.warmup * 1000);
    if (options.cpuProfileDir) await server.startProfile();
    const cpu0 = processCpuMs(pid);
    const bench0 = process.cpuUsage();
    const machine0 = machineCpu();
    const moves0 = pool.movesTotal;
    pool.windowStart = performance.now();
    log(`  measuring ${options.seconds} s`);
    const timeline = [];
    let prevMoves = pool.movesTotal;
    let prevCpu = cpu0;
    let prevBench = bench0;
    let prevAt = pool.windowStart;
    for (let s = 1; s <= options.seconds; s++) {
      await sleep(Math.max(0, pool.windowStart + s * 1000 - performance.now()));
      const now = performance.now();
      const cpu = processCpuMs(pid);
      const bench = process.cpuUsage();
      const elapsed = now - prevAt;
      const row = {
        second: s,
        movesPerSecond: ((pool.movesTotal - prevMoves) * 1000) / elapsed,
        serverCpu: (cpu - prevCpu) / elapsed,
        benchCpu: (bench.user + bench.system - prevBench.user - prevBench.system) / 1000 / elapsed,
      };
      timeline.push(row);
      if (s === 1 || s % 5 === 0 || s === options.seconds) {
        log(
          `    ${String(s).padStart(3)} s: ${fmt.int(row.movesPerSecond).padStart(7)} moves/s, ` +
            `server CPU ${Math.round(row.serverCpu * 100)}%, bench CPU ${Math.round(row.benchCpu * 100)}%`,
        );
      }
      prevMoves = pool.movesTotal;
      prevCpu = cpu;
      prevBench = bench;
      prevAt = now;
    }
    pool.windowEnd = performance.now();
    const windowMs = pool.windowEnd - pool.windowStart;
    const serverCpuMs = processCpuMs(pid) - cpu0;
    const benchCpu = process.cpuUsage(bench0);
    const benchCpuMs = (benchCpu.user + benchCpu.system) / 1000;
    const machine1 = machineCpu();
    const memory = processMemory(pid);
    const liveAtEnd = await readGauge(httpPort, 'parlor_matches_live');
    let profileFile;
    if (options.cpuProfileDir) {
      profileFile = await server.stopProfile(
        path.join(options.cpuProfileDir, `parlor-games-${m}.cpuprofile`),
      );
    }

    // Stop: no more moves or rematches; let the moves in flight land.
    pool.running = false;
    const stopAt = performance.now();
    while (pool.inFlight() > 0 && performance.now() - stopAt < 15_000) await sleep(20);
    // Moves never confirmed to the opponent, 15 s after the last ones were sent.
    const stalled = pool.inFlight();

    const latencies = pool.latencies.sorted();
    const restarts = pool.restartLatencies.sorted();
    const otherMs = machine1.busyMs - machine0.busyMs - serverCpuMs - benchCpuMs;
    result = {
      matches: pool.pairings.length,
      windowMs,
      moves: pool.movesInWindow,
      movesPerSecond: (pool.movesInWindow * 1000) / windowMs,
      windowMovesAll: pool.movesTotal - moves0,
      p50Ms: percentile(latencies, 50),
      p90Ms: percentile(latencies, 90),
      p99Ms: percentile(latencies, 99),
      p999Ms: percentile(latencies, 99.9),
      maxMs: latencies[latencies.length - 1],
      gamesCompleted: pool.gamesEndedInWindow,
      gamesPerSecond: (pool.gamesEndedInWindow * 1000) / windowMs,
      meanGameMoves: pool.gameLengthSum / pool.gameLengthCount,
      endReasons: Object.fromEntries(pool.endReasons),
      restartP50Ms: percentile(restarts, 50),
      restartP99Ms: percentile(restarts, 99),
      serverCpuShare: serverCpuMs / windowMs,
      serverCpuUsPerMove: (serverCpuMs * 1000) / pool.movesInWindow,
      benchCpuShare: benchCpuMs / windowMs,
      otherCpuShare: machine1.totalMs > machine0.totalMs ? Math.max(0, otherMs) / windowMs : Number.NaN,
      serverRss: memory.rss,
      serverRssPeak: memory.hwm,
      serverRssBeforePlay: memoryIdle.rss,
      liveBeforePlay: live0,
      liveAtEnd,
      stalled,
      errors: pool.errors,
      errorSamples: pool.errorSamples,
      unexpectedCloses: pool.unexpectedCloses,
      framesReceived: pool.framesReceived,
      bytesReceived: pool.bytesReceived,
      connectMs,
      pairMs,
      timeline,
      profileFile,
    };
  } finally {
    pool?.closeAll();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }

  const r = result;
  const met = r.p99Ms < TARGET_P99_MS;
  const reasons = Object.entries(r.endReasons)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  const rows = [
    [
      'concurrent matches',
      `${fmt.int(r.matches)} (server gauge: ${r.liveBeforePlay} before play, ${r.liveAtEnd} at end)`,
    ],
    ['measured window', `${(r.windowMs / 1000).toFixed(1)} s after ${options.warmup} s of warm-up`],
    [
      'think time before a move',
      options.thinkMs === 0 ? 'none (each move answers the last at once)' : `${options.thinkMs} ms ±50%`,
    ],
    ['moves confirmed', `${fmt.int(r.moves)}`],
    ['moves/s', fmt.int(r.movesPerSecond)],
    ['move latency p50 (ms)', fmt.ms(r.p50Ms)],
    ['move latency p90 (ms)', fmt.ms(r.p90Ms)],
    ['move latency p99 (ms)', fmt.ms(r.p99Ms)],
    ['move latency p99.9 (ms)', fmt.ms(r.p999Ms)],
    ['move latency max (ms)', fmt.ms(r.maxMs)],
    [
      'matches completed',
      `${fmt.int(r.gamesCompleted)} (${r.gamesPerSecond.toFixed(1)}/s, ${r.meanGameMoves.toFixed(1)} moves each; ${reasons})`,
    ],
    ['ended → next started p50/p99 (ms)', `${fmt.ms(r.restartP50Ms)} / ${fmt.ms(r.restartP99Ms)}`],
    [
      'server CPU (% of a core)',
      `${Math.round(r.serverCpuShare * 100)} (${r.serverCpuUsPerMove.toFixed(1)} µs per move)`,
    ],
    ['bench CPU (% of a core)', String(Math.round(r.benchCpuShare * 100))],
    [
      'other machine CPU (% of a core)',
      Number.isFinite(r.otherCpuShare) ? String(Math.round(r.otherCpuShare * 100)) : '—',
    ],
    [
      'server RSS (MiB)',
      `${fmt.mib(r.serverRss)} at end (peak ${fmt.mib(r.serverRssPeak)}; ${fmt.mib(r.serverRssBeforePlay)} before play)`,
    ],
    ['setup', `sessions ${(r.connectMs / 1000).toFixed(1)} s, matches ${(r.pairMs / 1000).toFixed(1)} s`],
    [
      'frames received by clients',
      `${fmt.int(r.framesReceived)} (${fmt.mib(r.bytesReceived)} MiB, whole run)`,
    ],
    ['error messages', String(r.errors)],
    ['unconfirmed moves at the end / unexpected closes', `${r.stalled} / ${r.unexpectedCloses}`],
  ];
  const w = Math.max(...rows.map(([k]) => k.length)) + 2;
  log('');
  log('─'.repeat(78));
  for (const [k, v] of rows) log(`${k.padEnd(w)}${v}`);
  for (const e of r.errorSamples) log(`  error: ${e}`);
  if (r.profileFile) log(`server CPU profile: ${r.profileFile}`);
  if (r.otherCpuShare > 0.15) {
    log(
      `note: other work used ${Math.round(r.otherCpuShare * 100)}% of a core during the window (the machine ` +
        'was not quiet, or kernel time of the loopback traffic); figures may be disturbed, rerun to compare.',
    );
  }
  if (r.benchCpuShare > 0.9) {
    log('note: the bench process used > 90% of a core: latencies include client-side queueing.');
  }
  log('─'.repeat(78));
  log(
    `games: p99 ${r.p99Ms.toFixed(2)} ms at ${r.matches} concurrent matches (target < ${TARGET_P99_MS} ms): ` +
      (met ? 'MET' : 'NOT MET'),
  );
  log(`total time ${((performance.now() - started) / 1000).toFixed(1)} s`);
  if (options.json) writeFileSync(options.json, `${JSON.stringify({ options, result: r }, null, 2)}\n`);
  if (r.errors > 0 || r.unexpectedCloses > 0 || r.stalled > 0) process.exitCode = 1;
};

main().catch((error) => {
  process.stderr.write(`bench:games failed: ${error.stack ?? error}\n`);
  process.exit(1);
});
