import { describe, expect, it } from 'vitest';
import { Tanks } from '../../../games/index.ts';
import { FakeTankServer, type FakeTankServerOptions, SimClock, TICK_MS } from './tank-fakes.ts';
import { type SnapshotMessage, type StreamMessage, type TankFrame, TankStream } from './tank-stream.ts';

// The real-time stream of the browser client against a fake server playing a real match, in
// simulated time: a server tick every 1/60 s, a snapshot every third tick, animation frames at
// 60 Hz, and a network that delays (and may lose) messages each way.

interface Options extends FakeTankServerOptions {
  readonly delayMs?: number;
  readonly seat?: number | null;
  readonly fresh?: boolean;
  /** Which client → server messages are lost. */
  readonly loseOut?: (message: StreamMessage) => boolean;
  /** Which snapshots are lost. */
  readonly loseIn?: (message: SnapshotMessage) => boolean;
}

function setUp(options: Options = {}) {
  const clock = new SimClock();
  const server = new FakeTankServer(options);
  const delay = options.delayMs ?? 0;
  const sent: StreamMessage[] = [];
  const stream = new TankStream(
    {
      match: 'm1',
      seat: options.seat === undefined ? 0 : options.seat,
      tickRateHz: 60,
      snapshotRateHz: 20,
      fresh: options.fresh ?? true,
      send: (message) => {
        sent.push(message);
        if (options.loseOut?.(message) !== true) clock.at(clock.now + delay, () => server.receive(message));
      },
    },
    server.snapshot,
    clock.now,
  );
  const serverTick = (n: number) =>
    clock.at(n * TICK_MS, () => {
      const message = server.tick();
      if (message !== undefined && options.loseIn?.(message) !== true) {
        clock.at(clock.now + delay, () => stream.receive(message, clock.now));
      }
      serverTick(n + 1);
    });
  serverTick(1);
  const frames: { t: number; frame: TankFrame }[] = [];
  const animate = (n: number) =>
    clock.at(5 + n * TICK_MS, () => {
      const frame = stream.frame(clock.now);
      if (frame !== undefined) frames.push({ t: clock.now, frame });
      animate(n + 1);
    });
  animate(0);
  return {
    clock,
    server,
    stream,
    sent,
    frames,
    /** Runs the simulation until `ms` after its start. */
    until: (ms: number) => clock.runUntil(ms),
    /** `stream.setInput` at `ms`. */
    press: (ms: number, input: Partial<Tanks.TankInput>) =>
      clock.at(ms, () => stream.setInput(input, clock.now)),
  };
}

const px = (units: number) => units / Tanks.UNITS_PER_PIXEL;
const inputs = (sent: readonly StreamMessage[]) =>
  sent.flatMap((m) => (m.type === 'match.input' ? [m.data] : []));
/** The longest move of the own tank between two frames in which it was alive, in pixels. */
const longestStep = (frames: readonly { frame: TankFrame }[]) => {
  let longest = 0;
  for (let i = 1; i < frames.length; i++) {
    const a = frames[i - 1]!.frame.me;
    const b = frames[i]!.frame.me;
    if (a?.alive && b?.alive) longest = Math.max(longest, Math.hypot(b.x - a.x, b.y - a.y));
  }
  return longest;
};

describe('the tank stream: snapshots', () => {
  it('decodes deltas against the snapshots it acknowledged, equal to the server’s', () => {
    const sim = setUp({ others: () => new Map([[1, { throttle: 1, turn: 1, aim: 0, fire: true }]]) });
    sim.until(3000);
    const { stats, latest } = sim.stream;
    expect(latest).toEqual(Tanks.snapshotOf(sim.server.states[latest!.t]!));
    expect(stats.snapshots).toBeGreaterThan(55);
    expect(stats.deltas).toBeGreaterThan(stats.snapshots - 5);
    expect(stats.dropped).toBe(0);
    // A player who holds nothing acknowledges with match.ack, about every 100 ms.
    expect(stats.inputs).toBe(0);
    expect(stats.acks).toBeGreaterThan(25);
    expect(stats.acks).toBeLessThanOrEqual(31);
  });

  it('drops a delta whose base it no longer has (and does not acknowledge it); a whole snapshot mends it', () => {
    const sim = setUp();
    sim.until(500);
    const before = sim.stream.latest!;
    const acks = sim.sent.length;
    sim.stream.receive({ tick: before.t + 3, base: 1, ack: null, data: { set: { t: before.t + 3 } } }, 500);
    expect(sim.stream.stats.dropped).toBe(1);
    expect(sim.stream.latest).toBe(before);
    expect(sim.sent.length).toBe(acks);
    sim.server.clientTick = 1; // the server, too, has forgotten that base: it sends whole snapshots
    sim.until(700);
    expect(sim.stream.latest?.t).toBeGreaterThan(before.t);
  });

  it('draws the other tanks two snapshots in the past, between the snapshots around that moment', () => {
    // Seat 1 drives straight at full speed: its position is linear in time, so the interpolated one is exact.
    const sim = setUp({ others: () => new Map([[1, { throttle: 1, turn: 0, aim: 0, fire: false }]]) });
    sim.until(700);
    for (const { t, frame } of sim.frames.filter((f) => f.t > 450)) {
      const serverTick = t / TICK_MS;
      expect(frame.tick).toBeGreaterThan(serverTick - 6 - 3);
      expect(frame.tick).toBeLessThan(serverTick - 6 + 1);
      const a = sim.server.states[Math.floor(frame.tick)]!.tanks[1]!;
      const b = sim.server.states[Math.ceil(frame.tick)]!.tanks[1]!;
      const f = frame.tick % 1;
      expect(frame.tanks[1]!.x).toBeCloseTo(px(a.x + (b.x - a.x) * f), 1);
      expect(frame.tanks[1]!.y).toBeCloseTo(px(a.y + (b.y - a.y) * f), 1);
    }
  });

  it('a frame shows the latest time seen: a message handled after the frame began moves it on', () => {
    const sim = setUp();
    sim.until(500);
    // A busy page: a snapshot handled at 530 ms, then a frame whose animation time is 520 ms.
    const message = sim.server.tick();
    if (message === undefined) throw new Error('no snapshot due');
    sim.stream.receive(message, 530);
    const late = sim.stream.frame(520);
    expect(late?.at).toBe(530);
    expect(sim.stream.frame(540)?.at).toBe(540);
  });

  it('shows the final snapshot once the match is over, and sends nothing more', () => {
    const sim = setUp();
    sim.until(300);
    const final = sim.server.snapshot;
    sim.stream.end({ ...final, end: { winner: 0, reason: 'time-up', scores: [1, 0] } }, 300);
    const sent = sim.sent.length;
    sim.press(310, { throttle: 1 });
    sim.until(800);
    expect(sim.sent.length).toBe(sent);
    expect(sim.stream.frame(800)?.snapshot.end?.winner).toBe(0);
    expect(sim.stream.frame(800)?.tick).toBe(final.t);
  });
});

describe('the tank stream: inputs', () => {
  it('sends an input when it changes, at most one per 60 ms, and repeats it every 100 ms while a key is held', () => {
    const sim = setUp();
    const times: number[] = [];
    const send = sim.server.receive.bind(sim.server);
    sim.server.receive = (message) => {
      if (message.type === 'match.input') times.push(sim.clock.now);
      send(message);
    };
    // The turret stays where it points until the player aims.
    const aim = sim.server.snapshot.tanks[0]![3];
    sim.press(500, { throttle: 1 });
    sim.press(510, { turn: 1 });
    sim.press(1000, { throttle: 0, turn: 0 });
    sim.until(1600);
    const sent = inputs(sim.sent);
    expect(sent.map((m) => m.seq)).toEqual(sent.map((_, i) => i + 1));
    expect(sent[0]?.input).toEqual({ throttle: 1, turn: 0, aim, fire: false });
    expect(sent[1]?.input).toEqual({ throttle: 1, turn: 1, aim, fire: false });
    // Held from 500 to 1000 ms: at once, the change 60 ms later, then every 100 ms; then the release.
    // (What waits goes out with the next animation frame or snapshot.)
    expect(times[0]).toBe(500);
    expect(times[1]).toBeGreaterThanOrEqual(560);
    expect(times[1]).toBeLessThan(560 + 17);
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(60);
    expect(Math.max(...gaps.slice(0, -1))).toBeLessThan(100 + 17);
    // The release goes out (within the least gap) and, once the server has it, nothing more.
    expect(times.at(-1)).toBeGreaterThanOrEqual(1000);
    expect(times.at(-1)).toBeLessThan(1000 + 60 + 17);
    expect(sent.at(-1)?.input).toEqual({ throttle: 0, turn: 0, aim, fire: false });
    // Each input carries the acknowledgement of the latest snapshot.
    for (const input of sent) expect(input.ack).toBeGreaterThan(0);
  });

  it('repeats a release until the server has it, then stops', () => {
    const sim = setUp({ delayMs: 100 });
    sim.press(500, { throttle: 1 });
    sim.press(700, { throttle: 0 });
    sim.until(2000);
    const idle = inputs(sim.sent).filter((m) => (m.input as Tanks.TankInput).throttle === 0);
    // Sent at 700, repeated at 800 and 900 (the acknowledgement takes 200 ms and up to a snapshot).
    expect(idle.length).toBeGreaterThanOrEqual(2);
    expect(idle.length).toBeLessThanOrEqual(4);
    expect(sim.server.input?.throttle).toBe(0);
  });

  it('fires even when the button is released before the input goes out', () => {
    const sim = setUp();
    sim.press(500, { throttle: 1 });
    sim.press(520, { fire: true });
    sim.press(521, { fire: false });
    sim.until(800);
    const sent = inputs(sim.sent).map((m) => m.input as Tanks.TankInput);
    expect(sent.map((i) => i.fire).slice(0, 3)).toEqual([false, true, false]);
    expect(sim.server.state.bullets.length + sim.server.state.events.length).toBeGreaterThan(0);
  });

  it('a spectator only acknowledges, and has no tank of its own', () => {
    const sim = setUp({ seat: null });
    sim.press(500, { throttle: 1 });
    sim.until(1000);
    expect(sim.sent.every((m) => m.type === 'match.ack')).toBe(true);
    expect(sim.sent.length).toBeGreaterThan(5);
    expect(sim.frames.at(-1)?.frame.me).toBeNull();
  });

  it('after a page reload, waits for the server’s acknowledgement and numbers on from it', () => {
    const sim = setUp({ fresh: false });
    sim.server.lastSeq = 41;
    sim.press(10, { throttle: 1 });
    sim.until(40);
    expect(inputs(sim.sent)).toEqual([]);
    sim.until(300);
    expect(inputs(sim.sent)[0]?.seq).toBe(42);
    expect(sim.server.input?.throttle).toBe(1);
  });
});

describe('the tank stream: prediction', () => {
  it('moves the own tank at once, ahead of the server, and stops exactly where the server stops it', () => {
    const sim = setUp({ delayMs: 100 });
    sim.until(500);
    const start = sim.frames.at(-1)!.frame.me!;
    sim.press(501, { throttle: 1 });
    sim.until(540);
    const moved = sim.frames.at(-1)!.frame.me!;
    expect(Math.hypot(moved.x - start.x, moved.y - start.y)).toBeGreaterThan(0);
    // The server has not even received the input yet.
    expect(sim.server.input).toBeUndefined();
    sim.press(1500, { throttle: 0 });
    sim.until(4000);
    const [x, y] = sim.server.snapshot.tanks[0]!;
    const me = sim.frames.at(-1)!.frame.me!;
    expect(me.x).toBeCloseTo(px(x), 2);
    expect(me.y).toBeCloseTo(px(y), 2);
    expect(px(Math.hypot(x - start.x * 256, y - start.y * 256))).toBeGreaterThan(100);
    // Top speed is 2 px a tick, a tick a frame; the rest is the first acknowledgement's correction, faded.
    expect(longestStep(sim.frames)).toBeLessThan(2.5);
    expect(sim.stream.stats.maxCorrectionPx).toBeLessThan(2.5);
  });

  it('reconciles when the server saw otherwise (a lost release): no jump, and it ends where the server has it', () => {
    const drive = (loseRelease: boolean) => {
      let lost = !loseRelease;
      const sim = setUp({
        delayMs: 50,
        loseOut: (m) => {
          const release = m.type === 'match.input' && (m.data.input as Tanks.TankInput).throttle === 0;
          if (!release || lost) return false;
          lost = true;
          return true;
        },
      });
      sim.press(500, { throttle: 1 });
      sim.press(1000, { throttle: 0 });
      sim.until(3000);
      return sim;
    };
    const clean = drive(false);
    const lossy = drive(true);
    expect(clean.stream.stats.maxCorrectionPx).toBeLessThan(2.5);
    // The server drove on until the release was repeated 100 ms later, so the tank stopped farther.
    const distance = (sim: ReturnType<typeof drive>) => {
      const [x, y] = sim.server.snapshot.tanks[0]!;
      const { x: x0, y: y0 } = sim.server.states[0]!.tanks[0]!;
      return px(Math.hypot(x - x0, y - y0));
    };
    expect(distance(lossy) - distance(clean)).toBeGreaterThan(8);
    expect(lossy.stream.stats.corrections).toBeGreaterThan(0);
    // On screen it glides there: no frame moves more than top speed and a little.
    expect(longestStep(lossy.frames)).toBeLessThan(3);
    const [x, y] = lossy.server.snapshot.tanks[0]!;
    expect(lossy.frames.at(-1)!.frame.me!.x).toBeCloseTo(px(x), 2);
    expect(lossy.frames.at(-1)!.frame.me!.y).toBeCloseTo(px(y), 2);
  });

  it('with 100 ms of lag and 2% loss each way, drives smoothly and stays with the server', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    const sim = setUp({
      delayMs: 100,
      loseOut: (m) => m.type === 'match.input' && random() < 0.02,
      loseIn: () => random() < 0.02,
    });
    // A driver changing its mind every 150 to 450 ms.
    for (let t = 500; t < 9500; t += 150 + Math.floor(random() * 300)) {
      const axis = () => (Math.floor(random() * 3) - 1) as Tanks.Axis;
      sim.press(t, { throttle: random() < 0.7 ? 1 : axis(), turn: axis(), aim: Math.floor(random() * 4096) });
    }
    sim.press(9500, { throttle: 0, turn: 0 });
    sim.until(12_000);
    // Measured: 2.3 px at most between frames (top speed is 2), reconciliations of 3 px at most.
    expect(longestStep(sim.frames)).toBeLessThan(3);
    expect(sim.stream.stats.maxCorrectionPx).toBeLessThan(6);
    const [x, y] = sim.server.snapshot.tanks[0]!;
    expect(sim.frames.at(-1)!.frame.me!.x).toBeCloseTo(px(x), 1);
    expect(sim.frames.at(-1)!.frame.me!.y).toBeCloseTo(px(y), 1);
  });
});
