// The client side of `npm run bench:games` (see run.mjs): scripted players on raw TCP sockets
// speaking Parlor's newline-delimited JSON, paired into Connect Four matches that replay
// themselves (rematch) for as long as the run lasts.
//
// Every client of every match lives in this one process, so a move's latency is two readings of
// the same clock: performance.now() just before the mover's `match.move` is written, and when the
// chunk holding the opponent's `match.update` is handed to JavaScript. The code is meant to be
// cheap (the machine has 2 cores and the server must keep one): frames are read as latin1 strings,
// split on '\n' by hand, recognised by their type and a few fields found with indexOf; only the
// rare `match.started` and `error` frames are JSON-parsed. Nothing the server sends is validated.
import net from 'node:net';
import { performance } from 'node:perf_hooks';

const PONG = '{"type":"pong","data":{}}\n';
const REMATCH = '{"type":"match.rematch","data":{}}\n';

/** A growable array of doubles (latencies), without boxing. */
export class Samples {
  constructor(capacity = 1 << 16) {
    this.values = new Float64Array(capacity);
    this.length = 0;
  }

  push(value) {
    if (this.length === this.values.length) {
      const bigger = new Float64Array(this.values.length * 2);
      bigger.set(this.values);
      this.values = bigger;
    }
    this.values[this.length++] = value;
  }

  sorted() {
    return this.values.slice(0, this.length).sort();
  }
}

/** xorshift32: a deterministic column chooser per match. */
const nextRandom = (game) => {
  let x = game.rng;
  x ^= x << 13;
  x ^= x >>> 17;
  x ^= x << 5;
  game.rng = x >>> 0;
  return game.rng;
};

/** Reads the unsigned integer written at `at` in `line` (-1 if there is none). */
const intAt = (line, at) => {
  let value = 0;
  let digits = 0;
  for (let c = line.charCodeAt(at); c >= 48 && c <= 57; c = line.charCodeAt(++at)) {
    value = value * 10 + (c - 48);
    digits++;
  }
  return digits === 0 ? -1 : value;
};

/**
 * One Connect Four pairing: two clients that play a match, then a rematch, and so on. Both clients
 * share this object, which is how the opponent knows when the move it receives was sent.
 */
class Pairing {
  constructor(index, a, b, seed) {
    this.index = index;
    this.a = a;
    this.b = b;
    this.rng = (seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0 || 1;
    /** Stones per column (0..6), as the mover saw them when it chose. */
    this.heights = new Uint8Array(7);
    this.matchId = null;
    this.version = 0;
    /** The client whose move is in flight, its send time, and the version it will make. */
    this.mover = null;
    this.sentAt = 0;
    this.firstClient = null;
    this.startedBoth = 0;
    this.endedId = null;
    this.endedAt = 0;
    this.movesThisGame = 0;
    this.onStarted = null;
  }

  other(client) {
    return client === this.a ? this.b : this.a;
  }
}

/**
 * All the clients, their pairings and every figure the run reads. `running` says whether players
 * answer moves and ask for rematches; `window` bounds (in performance.now() ms) what is counted.
 */
export class Pool {
  constructor({ host, port, seed, thinkMs = 0, maxErrorsKept = 20 }) {
    this.host = host;
    /** Mean pause before each move (0: move at once); each pause is drawn from [0.5, 1.5] × it. */
    this.thinkMs = thinkMs;
    this.port = port;
    this.seed = seed;
    this.clients = [];
    this.pairings = [];
    this.running = false;
    this.windowStart = Number.POSITIVE_INFINITY;
    this.windowEnd = Number.POSITIVE_INFINITY;
    this.latencies = new Samples(1 << 20);
    this.restartLatencies = new Samples(1 << 14);
    this.movesInWindow = 0;
    this.movesTotal = 0;
    this.gamesEndedInWindow = 0;
    this.gamesEndedTotal = 0;
    this.gameLengthSum = 0;
    this.gameLengthCount = 0;
    this.endReasons = new Map();
    this.errors = 0;
    this.errorSamples = [];
    this.maxErrorsKept = maxErrorsKept;
    this.unexpectedCloses = 0;
    this.closing = false;
    this.framesReceived = 0;
    this.bytesReceived = 0;
    this.lastMoveAt = 0;
    /** Moves confirmed to the opponent per second since `go` (a timeline). */
    this.perSecond = [];
    this.goAt = 0;
  }

  // ── Connecting ────────────────────────────────────────────────────────────────────────────

  /** One client with a session in the lobby (hello, nick.set, then room.joined). */
  connectOne(index) {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host: this.host, port: this.port });
      socket.setNoDelay(true);
      const client = {
        index,
        nick: `g${String(index).padStart(5, '0')}`,
        socket,
        rest: '',
        ready: false,
        pairing: null,
        seat: -1,
        onChallenge: null,
      };
      const timer = setTimeout(() => fail(new Error(`client ${client.nick}: no session after 30 s`)), 30_000);
      const fail = (error) => {
        if (client.ready) return;
        clearTimeout(timer);
        socket.destroy();
        reject(error);
      };
      client.resolveReady = () => {
        clearTimeout(timer);
        client.ready = true;
        resolve(client);
      };
      client.fail = fail;
      socket.on('error', (error) => fail(new Error(`client ${client.nick}: ${error.message}`)));
      socket.on('close', () => {
        if (!client.ready) fail(new Error(`client ${client.nick}: closed during setup`));
        else if (!this.closing) this.unexpectedCloses++;
      });
      socket.on('data', (chunk) => this.#onData(client, chunk));
      socket.on('connect', () => {
        socket.write(
          `{"type":"hello","id":1,"data":{"protocol":1,"client":"bench-games"}}\n` +
            `{"type":"nick.set","id":2,"data":{"nick":"${client.nick}"}}\n`,
        );
      });
    });
  }

  /** `count` clients, at most `concurrency` handshakes at a time. */
  async connectMany(count, concurrency) {
    const clients = new Array(count);
    let next = 0;
    const worker = async () => {
      while (next < count) {
        const index = next++;
        clients[index] = await this.connectOne(index);
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
    this.clients = clients;
    return clients;
  }

  // ── Pairing ───────────────────────────────────────────────────────────────────────────────

  /**
   * Starts one match per pair of clients (2i challenges 2i+1, who accepts), at most `concurrency`
   * setups at a time; resolves once every client has received its `match.started`.
   */
  async pairAll(concurrency, onProgress) {
    const count = Math.floor(this.clients.length / 2);
    this.pairings = new Array(count);
    let next = 0;
    let done = 0;
    const worker = async () => {
      while (next < count) {
        const index = next++;
        await this.#pairOne(index);
        done++;
        onProgress?.(done, count);
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  }

  #pairOne(index) {
    const a = this.clients[2 * index];
    const b = this.clients[2 * index + 1];
    const pairing = new Pairing(index, a, b, this.seed);
    a.pairing = pairing;
    b.pairing = pairing;
    this.pairings[index] = pairing;
    return new Promise((resolve) => {
      pairing.onStarted = resolve;
      b.onChallenge = () => {
        b.onChallenge = null;
        b.socket.write(`{"type":"challenge.accept","data":{"from":"${a.nick}"}}\n`);
      };
      a.socket.write(
        `{"type":"challenge.send","data":{"to":"${b.nick}","game":"connect4","options":{"firstSeat":0}}}\n`,
      );
    });
  }

  // ── Playing ───────────────────────────────────────────────────────────────────────────────

  /** Every match makes its first move: the load starts. */
  go() {
    this.running = true;
    this.goAt = performance.now();
    for (const pairing of this.pairings) {
      if (pairing.firstClient !== null && pairing.mover === null && pairing.version === 0) {
        if (this.thinkMs === 0) this.#move(pairing.firstClient, pairing);
        else
          this.#moveLater(pairing.firstClient, pairing, (nextRandom(pairing) % 1000) * 0.001 * this.thinkMs);
      }
    }
  }

  /** Moves after `delayMs` (think time), unless the run stopped or the match changed meanwhile. */
  #moveLater(client, pairing, delayMs) {
    const matchId = pairing.matchId;
    const version = pairing.version;
    setTimeout(() => {
      if (
        this.running &&
        pairing.matchId === matchId &&
        pairing.version === version &&
        pairing.mover === null
      ) {
        this.#move(client, pairing);
      }
    }, delayMs);
  }

  /** Plays now, or after a think time drawn from [0.5, 1.5] × thinkMs. */
  #answer(client, pairing) {
    if (this.thinkMs === 0) this.#move(client, pairing);
    else this.#moveLater(client, pairing, this.thinkMs * (0.5 + (nextRandom(pairing) % 1000) * 0.001));
  }

  /** Plays a legal move for `client`: a seeded random column, else the next one that is not full. */
  #move(client, pairing) {
    const heights = pairing.heights;
    let column = nextRandom(pairing) % 7;
    for (let i = 0; i < 7 && heights[column] >= 6; i++) column = (column + 1) % 7;
    heights[column]++;
    pairing.mover = client;
    pairing.movesThisGame++;
    const sentAt = performance.now();
    pairing.sentAt = sentAt;
    client.socket.write(
      `{"type":"match.move","data":{"move":{"column":${column + 1}},"version":${pairing.version}}}\n`,
    );
  }

  #onData(client, chunk) {
    const now = performance.now();
    this.bytesReceived += chunk.length;
    let text =
      client.rest === ''
        ? chunk.latin1Slice(0, chunk.length)
        : client.rest + chunk.latin1Slice(0, chunk.length);
    let start = 0;
    let end = text.indexOf('\n');
    while (end !== -1) {
      if (end > start) this.#onLine(client, text, start, end, now);
      start = end + 1;
      end = text.indexOf('\n', start);
    }
    client.rest = start === text.length ? '' : text.slice(start);
    text = '';
  }

  /** One frame `line.slice(start, end)`, received at `now`. */
  #onLine(client, line, start, end, now) {
    this.framesReceived++;
    // `{"seq":N,"type":"…"` for numbered messages, `{"type":"…"` for ping, pong and fatal errors.
    let t;
    if (line.charCodeAt(start + 2) === 115 /* s */) {
      t = line.indexOf(',"type":"', start + 7);
      if (t === -1 || t > end) return;
      t += 9;
    } else {
      t = start + 9;
    }
    const c = line.charCodeAt(t);
    if (c === 117 /* u: user.state, user.renamed */) return;
    if (c === 109 /* m */) {
      if (line.startsWith('match.update"', t)) this.#onUpdate(client, line, t, end, now);
      else if (line.startsWith('match.started"', t)) this.#onStarted(client, line.slice(start, end), now);
      else if (line.startsWith('match.ended"', t)) this.#onEnded(client, line, t, end, now);
      return;
    }
    if (c === 114 /* r */) {
      if (!client.ready && line.startsWith('room.joined"', t)) client.resolveReady();
      return;
    }
    if (c === 99 /* c */) {
      if (line.startsWith('challenge.received"', t)) client.onChallenge?.();
      return;
    }
    if (c === 101 /* e */ && line.startsWith('error"', t)) {
      this.#onError(client, line.slice(start, end));
      return;
    }
    if (c === 112 /* p */ && line.startsWith('ping"', t)) client.socket.write(PONG);
  }

  #onUpdate(client, line, t, end, now) {
    const pairing = client.pairing;
    if (pairing === null) return;
    // `…"version":V,"seat":S,…`: the mover's own copy (its reply) is not what is measured.
    const v = line.indexOf('"version":', t);
    const version = v === -1 || v > end ? -1 : intAt(line, v + 10);
    const s = line.indexOf('"seat":', v);
    const seat = s === -1 || s > end ? -1 : intAt(line, s + 7);
    if (seat === client.seat) return;
    // The opponent's copy: the move `pairing.mover` sent at `pairing.sentAt` is confirmed.
    if (version !== pairing.version + 1 || pairing.mover !== pairing.other(client)) {
      this.#recordError(
        client,
        `unexpected match.update version ${version}, expected ${pairing.version + 1}`,
      );
      return;
    }
    pairing.version = version;
    pairing.mover = null;
    this.movesTotal++;
    this.lastMoveAt = now;
    const second = Math.floor((now - this.goAt) / 1000);
    if (second >= 0) this.perSecond[second] = (this.perSecond[second] ?? 0) + 1;
    if (pairing.sentAt >= this.windowStart && now <= this.windowEnd) {
      this.latencies.push(now - pairing.sentAt);
      this.movesInWindow++;
    }
    if (!this.running) return;
    const m = line.indexOf('"toMove":', v);
    if (m === -1 || m > end || line.charCodeAt(m + 9) === 110 /* n(ull): the game is over */) return;
    this.#answer(client, pairing);
  }

  #onStarted(client, frame, now) {
    const pairing = client.pairing;
    if (pairing === null) return;
    const { data } = JSON.parse(frame);
    client.seat = data.match.seat;
    if (pairing.matchId !== data.match.id) {
      // The first of the two `match.started` of a new match.
      if (pairing.endedId !== null && pairing.endedAt >= this.windowStart && now <= this.windowEnd) {
        this.restartLatencies.push(now - pairing.endedAt);
      }
      pairing.matchId = data.match.id;
      pairing.version = data.version;
      pairing.heights.fill(0);
      pairing.mover = null;
      pairing.firstClient = null;
      pairing.startedBoth = 0;
      pairing.movesThisGame = 0;
    }
    pairing.startedBoth++;
    if (data.view.toMove === client.seat) {
      pairing.firstClient = client;
      if (this.running) this.#answer(client, pairing);
    }
    if (pairing.startedBoth === 2 && pairing.onStarted !== null) {
      const resolve = pairing.onStarted;
      pairing.onStarted = null;
      resolve();
    }
  }

  #onEnded(client, line, t, end, now) {
    const pairing = client.pairing;
    if (pairing === null) return;
    if (pairing.endedId !== pairing.matchId) {
      // The first of the two `match.ended`.
      pairing.endedId = pairing.matchId;
      pairing.endedAt = now;
      this.gamesEndedTotal++;
      if (now >= this.windowStart && now <= this.windowEnd) {
        this.gamesEndedInWindow++;
        this.gameLengthSum += pairing.movesThisGame;
        this.gameLengthCount++;
        const r = line.indexOf('"reason":"', t);
        if (r !== -1 && r < end) {
          const reason = line.slice(r + 10, line.indexOf('"', r + 10));
          this.endReasons.set(reason, (this.endReasons.get(reason) ?? 0) + 1);
        }
      }
    }
    if (this.running) client.socket.write(REMATCH);
  }

  #onError(client, frame) {
    let message = frame;
    try {
      const parsed = JSON.parse(Buffer.from(frame, 'latin1').toString('utf8'));
      message = `${parsed.data?.code}: ${parsed.data?.message}`;
    } catch {
      // keep the raw frame
    }
    if (!client.ready) {
      client.fail(new Error(`client ${client.nick}: ${message}`));
      return;
    }
    this.#recordError(client, message);
  }

  #recordError(client, message) {
    this.errors++;
    if (this.errorSamples.length < this.maxErrorsKept) this.errorSamples.push(`${client.nick}: ${message}`);
  }

  // ── Ending ────────────────────────────────────────────────────────────────────────────────

  /** Pairings whose last move was sent but not confirmed to the opponent. */
  inFlight() {
    let n = 0;
    for (const pairing of this.pairings) if (pairing.mover !== null) n++;
    return n;
  }

  closeAll() {
    this.closing = true;
    for (const client of this.clients) client?.socket.destroy();
  }
}
