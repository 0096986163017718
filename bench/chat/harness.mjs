// The machinery of `npm run bench:chat` (see run.mjs): server child processes with an IPC channel,
// the client harness shared by both servers, and one measured round of chat broadcast.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import WebSocket from 'ws';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(HERE, '../..');
const PRELOAD = pathToFileURL(path.join(HERE, 'ipc-preload.mjs')).href;
export const HOST = '127.0.0.1';

// ── Small helpers ────────────────────────────────────────────────────────────────────────────────

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export const withTimeout = (promise, ms, what) => {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
};

export const percentile = (sorted, p) =>
  sorted.length === 0
    ? Number.NaN
    : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

export const cpuMs = (usage) => (usage.user + usage.system) / 1000;

export const gcHere = () => {
  if (typeof globalThis.gc === 'function') globalThis.gc();
};

/** Busy and total CPU time of the whole machine so far, in ms (from /proc/stat; zeros elsewhere). */
export const machineCpu = () => {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const total = fields.reduce((a, b) => a + b, 0);
    const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
    const msPerTick = 10; // USER_HZ is 100 on Linux
    return { busyMs: (total - idle) * msPerTick, totalMs: total * msPerTick };
  } catch {
    return { busyMs: 0, totalMs: 0 };
  }
};

/** The open-files limit of this process (Node raises the soft limit to the hard one at startup). */
export const openFilesLimit = () => {
  try {
    const line = readFileSync('/proc/self/limits', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('Max open files'));
    const [soft, hard] = (line ?? '')
      .trim()
      .split(/\s{2,}/)
      .slice(1, 3);
    return { soft, hard };
  } catch {
    return { soft: 'unknown', hard: 'unknown' };
  }
};

// ── Server processes ─────────────────────────────────────────────────────────────────────────────

/** Every child still running; all are killed when this process exits, whatever the reason. */
const children = new Set();
export const killAll = () => {
  for (const child of children) child.kill('SIGKILL');
};
process.on('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    killAll();
    process.exit(130);
  });
}

/**
 * A server child process with an IPC channel (see ipc-preload.mjs). `failed` rejects if it exits
 * before `stop()`; every wait of the benchmark races it.
 */
export class ServerProcess {
  constructor(name, args, nodeArgs = []) {
    this.name = name;
    this.stopping = false;
    this.pending = new Map();
    this.nextId = 1;
    this.child = spawn(process.execPath, ['--expose-gc', ...nodeArgs, '--import', PRELOAD, ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    children.add(this.child);
    for (const stream of [this.child.stdout, this.child.stderr]) {
      let rest = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk) => {
        const lines = (rest + chunk).split('\n');
        rest = lines.pop() ?? '';
        for (const line of lines) if (line.trim() !== '') process.stderr.write(`[${name}] ${line}\n`);
      });
    }
    this.httpPort = new Promise((resolve) => {
      this.child.on('message', (message) => {
        if (message?.type === 'listening' && message.kind === 'http') resolve(message.port);
        const waiter = message?.re === undefined ? undefined : this.pending.get(message.re);
        if (waiter) {
          this.pending.delete(message.re);
          waiter(message);
        }
      });
    });
    this.failed = new Promise((_, reject) => {
      this.child.on('exit', (code, signal) => {
        children.delete(this.child);
        if (!this.stopping)
          reject(new Error(`${name} server exited unexpectedly (code ${code}, signal ${signal})`));
      });
      this.child.on('error', (error) =>
        reject(new Error(`${name} server could not start: ${error.message}`)),
      );
    });
    this.failed.catch(() => {});
  }

  /** Waits for `promise`, failing early if the server dies. */
  guard(promise, ms, what) {
    return withTimeout(Promise.race([promise, this.failed]), ms, `${this.name}: ${what}`);
  }

  request(cmd, ms = 30_000, extra = {}) {
    const id = this.nextId++;
    const reply = new Promise((resolve, reject) => {
      this.pending.set(id, (m) => (m.error ? reject(new Error(`${this.name}: ${m.error}`)) : resolve(m)));
      this.child.send({ ...extra, cmd, id });
    });
    return this.guard(reply, ms, `IPC ${cmd}`);
  }

  /**
   * process.memoryUsage() of the server after forced full GCs, with the V8 heap space sizes; with
   * `settleMs`, after that long of GCs at rest (see ipc-preload.mjs).
   */
  async memory(settleMs = 0) {
    const { mem, spaces } = await this.request('mem', 30_000 + settleMs, { settleMs });
    return { ...mem, spaces };
  }

  /** Writes a heap snapshot of the server (after GC) to `file`. */
  async heapSnapshot(file) {
    return (await this.request('snapshot', 120_000, { file })).file;
  }

  async startProfile() {
    await this.request('profile-start');
  }

  /** Stops the CPU profile started by `startProfile` and writes it to `file`. */
  async stopProfile(file) {
    return (await this.request('profile-stop', 60_000, { file })).file;
  }

  async cpu() {
    return (await this.request('cpu')).cpu;
  }

  /** Ends the server: closing the IPC channel makes the preload exit (profiles get written). */
  async stop() {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.stopping = true;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    if (this.child.connected) this.child.disconnect();
    else this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
}

/** Parlor as users run it: `node bin/parlor.js serve` (the dist build), flood limits lifted. */
export const startParlor = ({ dataDir, bin = path.join(ROOT, 'bin/parlor.js'), nodeArgs = [], args = [] }) =>
  new ServerProcess(
    'parlor',
    [
      bin,
      'serve',
      '--host',
      HOST,
      '--tcp-port',
      '0',
      '--http-port',
      '0',
      '--data-dir',
      dataDir,
      '--log-level',
      'warn',
      '--max-connections-per-address',
      '5000',
      '--chat-burst',
      '1000000',
      '--chat-per-second',
      '1000000',
      '--message-burst',
      '1000000',
      '--message-per-second',
      '1000000',
      ...args,
    ],
    nodeArgs,
  );

export const startBare = ({ nodeArgs = [] } = {}) =>
  new ServerProcess('bare ws', [path.join(HERE, 'bare-ws-server.mjs'), HOST], nodeArgs);

// ── Clients ──────────────────────────────────────────────────────────────────────────────────────

const SEQ_HEAD = Buffer.from('{"seq":');
const ROOM_JOINED = Buffer.from('"type":"room.joined"');
const ERROR = Buffer.from('"type":"error"');
const COMMA = 0x2c;
const TEXT_MARK = Buffer.from('"text":"b');
const SEMICOLON = 0x3b;
const DOT = 0x2e;

/**
 * Whether a Parlor frame is of the type `mark` (`"type":"…"`). Numbered messages start
 * `{"seq":N,"type":…` (the server puts its per-session sequence number first), unnumbered ones
 * (ping, pong, a fatal error) `{"type":…`.
 */
export const isType = (data, mark) => {
  let at = 1;
  if (data.subarray(0, SEQ_HEAD.length).equals(SEQ_HEAD)) {
    at = data.indexOf(COMMA, SEQ_HEAD.length) + 1;
    if (at === 0) return false;
  }
  return data.subarray(at, at + mark.length).equals(mark);
};

/** Set by `parseMark`: the send time embedded in the last message parsed. */
let parsedSentAt = 0;

/**
 * The message id of a benchmark chat message (text `b<id>;<sent-at ms>;xxx…`), or -1 for any other
 * message (the text is found wherever it is, after a `seq` or not). Reads the bytes in place: the
 * client side must stay cheap, it shares one core.
 */
export const parseMark = (data) => {
  const at = data.indexOf(TEXT_MARK);
  if (at < 0) return -1;
  let i = at + TEXT_MARK.length;
  let id = 0;
  let c = data[i++];
  while (c !== SEMICOLON) {
    id = id * 10 + (c - 48);
    c = data[i++];
  }
  let whole = 0;
  c = data[i++];
  while (c !== DOT) {
    whole = whole * 10 + (c - 48);
    c = data[i++];
  }
  let fraction = 0;
  let scale = 1;
  c = data[i++];
  while (c !== SEMICOLON) {
    fraction = fraction * 10 + (c - 48);
    scale *= 10;
    c = data[i++];
  }
  parsedSentAt = whole + fraction / scale;
  return id;
};

/**
 * The client side, the same for both servers: `ws` clients, a session handshake for Parlor only,
 * and one swappable `sink` that every client's chat messages go to.
 */
export class Harness {
  constructor(kind, url, options) {
    this.kind = kind;
    this.url = url;
    this.options = options;
    this.sink = () => {};
    this.lastReceivedAt = 0;
    this.unexpectedCloses = 0;
    this.closing = false;
    /** Clients with a session that are still open: each chat message goes to all of them. */
    this.open = 0;
  }

  nickOf(prefix, index) {
    return `${prefix}${String(index).padStart(5, '0')}`;
  }

  /** One client, resolved once it is a session (Parlor: in the lobby; bare: open). */
  connectOne(prefix, index) {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(this.url, { perMessageDeflate: false });
      ws.nick = this.nickOf(prefix, index);
      let ready = false;
      const timer = setTimeout(() => settle(new Error(`client ${ws.nick}: no session after 20 s`)), 20_000);
      const settle = (error) => {
        if (ready) return;
        clearTimeout(timer);
        if (error) {
          ws.terminate();
          reject(error);
          return;
        }
        ready = true;
        this.open += 1;
        resolve(ws);
      };
      ws.on('error', (error) => settle(new Error(`client ${ws.nick}: ${error.message}`)));
      ws.on('close', () => {
        if (ready) this.open -= 1;
        if (!ready) settle(new Error(`client ${ws.nick}: closed during setup`));
        else if (!this.closing && !ws.benchClosing) this.unexpectedCloses += 1;
      });
      ws.on('message', (data) => {
        this.lastReceivedAt = performance.now();
        if (ready) {
          this.sink(data);
        } else if (isType(data, ROOM_JOINED)) {
          settle();
        } else if (isType(data, ERROR)) {
          settle(new Error(`client ${ws.nick}: ${data.toString('utf8').slice(0, 300)}`));
        }
      });
      ws.on('open', () => {
        if (this.kind === 'bare') {
          settle();
          return;
        }
        ws.send(JSON.stringify({ type: 'hello', id: 1, data: { protocol: 1, client: 'bench-chat' } }));
        ws.send(JSON.stringify({ type: 'nick.set', id: 2, data: { nick: ws.nick } }));
      });
    });
  }

  /** `count` clients, at most `connectConcurrency` handshakes at a time. */
  async connectMany(prefix, count, firstIndex = 0) {
    const sockets = new Array(count);
    let next = 0;
    const worker = async () => {
      while (next < count) {
        const index = next++;
        sockets[index] = await this.connectOne(prefix, firstIndex + index);
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.options.connectConcurrency, count) }, worker));
    return sockets;
  }

  async closeAll(sockets) {
    const closed = sockets.map(
      (ws) =>
        new Promise((resolve) => {
          if (ws.readyState === WebSocket.CLOSED) return resolve();
          ws.benchClosing = true;
          ws.once('close', resolve);
          ws.close(1000, 'bench done');
        }),
    );
    await withTimeout(Promise.all(closed), 10_000, 'closing clients').catch(() => {
      for (const ws of sockets) ws.terminate();
    });
  }

  /** Waits until no client has received anything for `quietMs` (e.g. Parlor's join notices). */
  async quiet(quietMs, maxMs) {
    const start = performance.now();
    while (performance.now() - this.lastReceivedAt < quietMs) {
      if (performance.now() - start > maxMs) throw new Error(`clients still receiving after ${maxMs} ms`);
      await sleep(50);
    }
  }

  /** The frame a sender sends: Parlor gets a chat.say; the bare server the chat.message it relays. */
  frameOf(ws, text) {
    if (this.kind === 'parlor') return `{"type":"chat.say","data":{"text":"${text}"}}`;
    return `{"type":"chat.message","data":{"room":"lobby","from":"${ws.nick}","text":"${text}","at":${Date.now()}}}`;
  }
}

let nextMessageId = 0;

/** Several rounds of one server as one result: totals, and percentiles over every delivery. */
export const combineRounds = (rounds) => {
  const sum = (get) => rounds.reduce((total, round) => total + get(round), 0);
  const deliveries = sum((r) => r.deliveries);
  const elapsedMs = sum((r) => r.elapsedMs);
  const serverCpuMs = sum((r) => r.serverCpuMs);
  const all = new Float64Array(deliveries);
  let at = 0;
  for (const round of rounds) {
    all.set(round.latencies, at);
    at += round.latencies.length;
  }
  all.sort();
  return {
    rounds: rounds.length,
    messages: sum((r) => r.messages),
    deliveries,
    strays: sum((r) => r.strays),
    elapsedMs,
    deliveriesPerSecond: deliveries / (elapsedMs / 1000),
    perRoundDeliveriesPerSecond: rounds.map((r) => r.deliveriesPerSecond),
    p50Ms: percentile(all, 50),
    p99Ms: percentile(all, 99),
    maxMs: all[all.length - 1],
    serverCpuMs,
    serverCpuShare: serverCpuMs / elapsedMs,
    serverCpuUsPerDelivery: (serverCpuMs * 1000) / deliveries,
    benchCpuShare: sum((r) => r.benchCpuMs) / elapsedMs,
    otherCpuShare: sum((r) => r.otherCpuMs) / elapsedMs,
  };
};

/**
 * One round: each sender sends `messages` chat messages, keeping at most `window` of its own in
 * flight (sent but not yet received by every client). Resolves when every message has reached
 * every client.
 */
export const runRound = (harness, server, senders, messages, options) => {
  const n = harness.open;
  const total = senders.length * messages;
  const base = nextMessageId;
  nextMessageId += total;
  const expected = total * n;
  const remaining = new Int32Array(total).fill(n);
  const latencies = new Float64Array(expected);
  const sent = new Int32Array(senders.length);
  const inFlight = new Int32Array(senders.length);
  const padding = 'x'.repeat(options.textChars);
  let deliveries = 0;
  let strays = 0;
  let completed = 0;
  let startedAt = 0;
  let lastAt = 0;

  const pump = (s) => {
    while (inFlight[s] < options.window && sent[s] < messages) {
      const id = base + s * messages + sent[s];
      sent[s] += 1;
      inFlight[s] += 1;
      const head = `b${id};${performance.now().toFixed(3)};`;
      const text = head + padding.slice(0, Math.max(0, options.textChars - head.length));
      senders[s].send(harness.frameOf(senders[s], text));
    }
  };

  const done = new Promise((resolve) => {
    harness.sink = (data) => {
      const now = performance.now();
      const id = parseMark(data) - base;
      if (id < 0 || id >= total || remaining[id] <= 0) {
        strays += 1;
        return;
      }
      latencies[deliveries++] = now - parsedSentAt;
      lastAt = now;
      remaining[id] -= 1;
      if (remaining[id] === 0) {
        completed += 1;
        const s = (id / messages) | 0;
        inFlight[s] -= 1;
        if (completed === total) resolve();
        else pump(s);
      }
    };
  });

  const run = async () => {
    gcHere();
    const serverCpu0 = await server.cpu();
    const benchCpu0 = process.cpuUsage();
    const machine0 = machineCpu();
    startedAt = performance.now();
    for (let s = 0; s < senders.length; s++) pump(s);
    try {
      await server.guard(done, options.roundTimeoutMs, `round of ${total} messages`);
    } catch (error) {
      error.message += ` (${deliveries} of ${expected} deliveries, ${completed} of ${total} messages complete)`;
      throw error;
    } finally {
      harness.sink = () => {};
    }
    const benchCpu = cpuMs(process.cpuUsage(benchCpu0));
    const machine1 = machineCpu();
    const serverCpu = cpuMs(await server.cpu()) - cpuMs(serverCpu0);
    // Machine CPU used by neither process (other programs, and kernel work done outside them).
    const otherMs = machine1.busyMs - machine0.busyMs - benchCpu - serverCpu;
    const elapsedMs = lastAt - startedAt;
    const sorted = latencies.subarray(0, deliveries).sort();
    return {
      latencies: sorted,
      benchCpuMs: benchCpu,
      otherCpuMs: Math.max(0, otherMs),
      messages: total,
      deliveries,
      strays,
      elapsedMs,
      deliveriesPerSecond: deliveries / (elapsedMs / 1000),
      p50Ms: percentile(sorted, 50),
      p99Ms: percentile(sorted, 99),
      maxMs: sorted[sorted.length - 1],
      serverCpuMs: serverCpu,
      serverCpuShare: serverCpu / elapsedMs,
      serverCpuUsPerDelivery: (serverCpu * 1000) / deliveries,
      benchCpuShare: benchCpu / elapsedMs,
      otherCpuShare: machine1.totalMs > machine0.totalMs ? Math.max(0, otherMs) / elapsedMs : Number.NaN,
    };
  };
  return run();
};
