import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tcpLink, wsLink } from '../../src/clients/node/index.ts';
import { ParlorClient, type ParlorError } from '../../src/clients/sdk/index.ts';
import {
  findGame,
  type Json,
  type RealtimeGameDefinition,
  SnapshotBuffer,
  type Tanks,
} from '../../src/games/index.ts';
import type { ServerMessageOf } from '../../src/protocol/index.ts';
import { dropConnections } from '../helpers/reconnect.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { until } from '../helpers/wait.ts';

//
// Real-time matches over real sockets (H2, H3): tables, inputs, delta snapshots, bots, spectators,
// a dropped player, records that replay.
//

let server: TestServer;
beforeAll(async () => {
  // Two simulation threads whatever the machine: the matches of these tests are spread over them.
  server = await startTestServer({ resumeGraceMs: 10_000, simulationThreads: 2 });
});
afterAll(() => server.close());

/** Frames of the server that broke the protocol's schemas: there must be none. */
const problems: string[] = [];
afterAll(() => expect(problems).toEqual([]));

const watched = (client: ParlorClient): ParlorClient => {
  client.onProtocolError((problem) => problems.push(problem.text.slice(0, 200)));
  return client;
};

const connect = async (nick: string) => watched(await ParlorClient.connect(wsLink(server.wsUrl), { nick }));

/**
 * Follows a match's snapshots as a client must: full ones as they come, deltas applied to the
 * snapshot of their `base`, each one acknowledged.
 */
class SnapshotFollower {
  readonly buffer = new SnapshotBuffer();
  /** Every snapshot decoded, by tick (to compare two clients' views). */
  readonly kept = new Map<number, Json>();
  readonly full: number[] = [];
  readonly deltas: number[] = [];
  latest: { tick: number; snapshot: Tanks.TanksSnapshot; ack: number | null } | undefined;
  readonly #waiters = new Set<() => void>();

  readonly client: ParlorClient;
  readonly ack: boolean;

  constructor(client: ParlorClient, ack = true) {
    this.client = client;
    this.ack = ack;
    client.on('match.snapshot', (m) => this.#take(m));
  }

  #take(message: ServerMessageOf<'match.snapshot'>): void {
    const { tick, base, ack } = message.data;
    const snapshot = this.buffer.receive(message.data);
    if (snapshot === undefined) throw new Error(`delta against ${base}, which this client never had`);
    (base === null ? this.full : this.deltas).push(tick);
    this.kept.set(tick, snapshot);
    this.latest = { tick, snapshot: snapshot as unknown as Tanks.TanksSnapshot, ack };
    if (this.ack) this.client.send('match.ack', { tick });
    for (const notify of [...this.#waiters]) notify();
  }

  /** Waits until a snapshot satisfies `test` (checked at each snapshot, 10 s at most). */
  async until(test: (s: NonNullable<SnapshotFollower['latest']>) => boolean, what: string): Promise<void> {
    await until(
      (notify) => {
        this.#waiters.add(notify);
        return () => this.#waiters.delete(notify);
      },
      () => (this.latest !== undefined && test(this.latest) ? true : undefined),
      `a snapshot where ${what}`,
      10_000,
    );
  }
}

const refusal = async (promise: Promise<unknown>): Promise<string> =>
  promise.then(
    () => 'accepted',
    (error: ParlorError) => error.code,
  );

describe('tables and real-time matches', () => {
  it('gathers players at a table, starts, streams delta snapshots, and moves tanks by their inputs', async () => {
    const ann = await connect('ann');
    const bo = await connect('bo');
    const created = await ann.request('table.create', { options: { seats: 3, map: 'arena' } });
    const table = created.data.table;
    expect(table).toMatchObject({ game: 'tanks', host: 'ann', players: ['ann'], seats: 3, state: 'waiting' });
    expect(table.code).toMatch(/^[A-Z2-9]{6}$/);
    const listing = await bo.request('table.list', {});
    const listed = listing.data.tables.find((t) => t.id === table.id);
    expect(listed?.code).toBeNull();
    expect((await bo.request('table.join', { id: table.id })).data.table.players).toEqual(['ann', 'bo']);
    await ann.waitFor('table.updated', (m) => m.data.table.players.length === 2);
    expect(await refusal(bo.request('table.start', {}))).toBe('TABLE_NOT_HOST');

    const followA = new SnapshotFollower(ann);
    const followB = new SnapshotFollower(bo);
    const started = await ann.request('table.start', {});
    expect(started.data.match).toMatchObject({ game: 'tanks', players: ['ann', 'bo'], seat: 0 });
    expect(started.data.match.realtime).toEqual({ tickRateHz: 60, snapshotRateHz: 20 });
    const match = started.data.match.id;
    expect((await bo.waitFor('match.started')).data.match.seat).toBe(1);

    // The first snapshot is whole; once acknowledged, the next ones are changes.
    await followB.until((s) => s.tick >= 60, 'a second has passed');
    expect(followB.full[0]).toBeGreaterThan(0);
    expect(followB.deltas.length).toBeGreaterThan(5);
    const start = followA.latest?.snapshot.tanks[0] as Tanks.TankRow;

    // Ann drives forward: her tank moves; the ack of her input comes back with the snapshots.
    ann.send('match.input', { seq: 1, input: { throttle: 1, turn: 0, aim: 0, fire: false } });
    await followA.until((s) => s.ack === 1, 'input 1 is applied');
    await followA.until((s) => {
      const row = s.snapshot.tanks[0] as Tanks.TankRow;
      return Math.hypot(row[0] - start[0], row[1] - start[1]) > 20 * 256;
    }, "ann's tank moved 20 px");
    // Bo's follower, built from deltas, agrees with Ann's.
    await followB.until((s) => s.tick >= (followA.latest?.tick ?? 0), 'bo caught up');
    expect(followB.kept.get(followA.latest?.tick ?? -1)).toEqual(
      followA.kept.get(followA.latest?.tick ?? -1),
    );

    // Hostile and stale inputs change nothing, and the bad ones are answered.
    const errors: string[] = [];
    ann.on('error', (m) => errors.push(m.data.code));
    const sent = (seq: number, input: unknown) => ann.send('match.input', { seq, input });
    sent(2, { throttle: 7, turn: 0, aim: 0, fire: false });
    sent(1_000_000, { throttle: 0, turn: 0, aim: 0, fire: false });
    sent(1, { throttle: -1, turn: 0, aim: 0, fire: false }); // old: ignored without a word
    await ann.waitFor('error', (m) => m.data.code === 'MATCH_BAD_SEQUENCE');
    expect(errors).toEqual(['GAME_BAD_INPUT', 'MATCH_BAD_SEQUENCE']);
    const then = followA.latest?.tick ?? 0;
    await followA.until((s) => s.tick > then + 6, 'more ticks');
    expect(followA.latest?.ack).toBe(1);
    expect(followA.latest?.snapshot.tanks[0]?.[4]).toBeGreaterThan(0);

    // The ticks are measured, whole and their stepping part alone.
    const metrics = await (await fetch(`http://127.0.0.1:${server.httpPort}/metrics`)).text();
    const gauge = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(metrics)?.[1]);
    expect(gauge('parlor_realtime_ticks')).toBeGreaterThan(6);
    expect(gauge('parlor_realtime_simulation_p50')).toBeGreaterThan(0);
    expect(gauge('parlor_realtime_simulation_p50')).toBeLessThanOrEqual(
      gauge('parlor_realtime_duration_p50'),
    );
    // And every tick goes into the histogram of durations.
    const counted = gauge('parlor_realtime_tick_duration_seconds_count');
    expect(counted).toBeGreaterThan(6);
    expect(gauge('parlor_realtime_tick_duration_seconds_bucket\\{le="\\+Inf"\\}')).toBe(counted);
    expect(gauge('parlor_realtime_tick_duration_seconds_sum')).toBeGreaterThan(0);

    // A player of one kind of match cannot use the other kind's requests.
    expect(await refusal(ann.request('match.move', { match, move: { column: 1 } }))).toBe('MATCH_WRONG_KIND');
    const carl = await connect('carl');
    carl.send('match.input', { match, seq: 1, input: {} });
    expect((await carl.waitFor('error')).data.code).toBe('MATCH_NOT_PLAYER');
    for (const c of [ann, bo, carl]) c.close();
  });

  it('spreads matches over the simulation threads, which tick together: one tick of every match per slot', async () => {
    const metrics = async () => {
      const text = await (await fetch(`http://127.0.0.1:${server.httpPort}/metrics`)).text();
      return (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1]);
    };
    const hosts = [await connect('duo1'), await connect('duo2')];
    const follows = hosts.map((host) => new SnapshotFollower(host));
    for (const host of hosts) {
      await host.request('table.create', {
        options: { seats: 2, map: 'arena', durationSeconds: 10, scoreLimit: 0 },
        bots: 1,
      });
    }
    for (const follow of follows) await follow.until((s) => s.tick >= 20, 'the match runs');
    const first = await metrics();
    const from = performance.now();
    // Each match goes to the thread with the fewest: two matches (or more) keep both busy.
    expect(first('parlor_realtime_threads')).toBe(2);
    await follows[0]?.until((s) => s.tick >= 80, 'a second more');
    const second = await metrics();
    const seconds = (performance.now() - from) / 1000;
    // A round of every match per slot of 1/60 s, not one per thread (a round is counted once
    // every thread reported its slot: up to 10 slots later).
    const rounds = (name: string) => second(name) - first(name);
    expect(rounds('parlor_realtime_tick_duration_seconds_count')).toBeLessThanOrEqual(60 * seconds + 12);
    expect(rounds('parlor_realtime_tick_duration_seconds_count')).toBeGreaterThan(30 * seconds - 12);
    expect(rounds('parlor_realtime_ticks')).toBeLessThanOrEqual(60 * seconds + 12);
    for (const host of hosts) host.close();
  });

  it('fills seats with bots, lets a spectator watch, idles a dropped tank, and stores a record that replays', async () => {
    const host = await connect('hostess');
    const follow = new SnapshotFollower(host);
    // One person and three bots fill four seats: the match starts at once.
    await host.request('table.create', {
      options: { seats: 4, map: 'maze', durationSeconds: 10, scoreLimit: 0 },
      bots: 3,
    });
    const started = await host.waitFor('match.started');
    const match = started.data.match.id;
    expect(started.data.match.players).toEqual(['hostess', 'bot1', 'bot2', 'bot3']);

    const watcher = watched(
      await ParlorClient.connect(tcpLink('127.0.0.1', server.tcpPort), { nick: 'watcher' }),
    );
    const list = await watcher.request('match.list', {});
    expect(list.data.matches.map((m) => m.id)).toContain(match);
    const state = await watcher.request('match.watch', { match });
    expect(state.data.view).toMatchObject({ map: 'maze' });
    const seen = new SnapshotFollower(watcher);
    await seen.until((s) => s.tick > state.data.version + 30, 'the spectator gets snapshots');

    // The bots move on their own.
    const botStart = follow.latest?.snapshot.tanks[1] as Tanks.TankRow;
    await follow.until((s) => {
      const row = s.snapshot.tanks[1] as Tanks.TankRow;
      return row[0] !== botStart[0] || row[1] !== botStart[1];
    }, 'bot1 moved');

    // The host drives, then drops: the tank goes idle (speed falls to 0), the others are told.
    host.send('match.input', { seq: 1, input: { throttle: 1, turn: 1, aim: 100, fire: true } });
    await follow.until((s) => s.ack === 1, 'the input is applied');
    expect(dropConnections(server, 'hostess')).toBe(1);
    await watcher.waitFor('match.player_away', (m) => m.data.nick === 'hostess');
    await seen.until((s) => (s.snapshot.tanks[0] as Tanks.TankRow)[4] === 0, "the host's tank stopped");

    // The host's client resumes by itself, into the running match: her inputs count again.
    await watcher.waitFor('match.player_back', (m) => m.data.nick === 'hostess');
    host.send('match.input', { seq: 2, input: { throttle: 1, turn: 0, aim: 0, fire: false } });
    await follow.until((s) => s.ack === 2, 'the input after the resume is applied');
    await seen.until((s) => (s.snapshot.tanks[0] as Tanks.TankRow)[4] > 0, "the host's tank moves again");

    // The match ends by its timer; its record replays to the same result.
    const ended = await watcher.waitFor('match.ended', (m) => m.data.match === match, 15_000);
    const record = (await watcher.request('record.get', { id: ended.data.record })).data.record;
    expect(record.players).toEqual(['hostess', 'bot1', 'bot2', 'bot3']);
    expect(record.moves.length).toBeGreaterThan(10);
    const game = findGame('tanks') as RealtimeGameDefinition<unknown, unknown, unknown, never>;
    const replayed = replayLog(game, record.options as never, record.seed, record.moves as Json[]);
    expect(game.outcome(replayed)?.winner ?? null).toBe(ended.data.result.seat);
    expect(game.snapshot(replayed, 'spectator')).toMatchObject({
      scores: (ended.data.view as Tanks.TanksSnapshot).scores,
    });
    watcher.close();
  }, 30_000);
});

describe('leaving a real-time match', () => {
  it('ends a match nobody plays any more, without a winner; the leaver hears no more of it', async () => {
    const solo = await connect('solo');
    await solo.request('table.create', { options: { seats: 2 }, bots: 1 });
    const started = await solo.waitFor('match.started');
    const eye = await connect('eye');
    await eye.request('match.watch', { match: started.data.match.id });
    const heard: string[] = [];
    solo.onAny((m) => heard.push(m.type));
    // The match ends inside the leave, before its reply: anything the leaver got would come first.
    await solo.request('table.leave', {});
    const ended = await eye.waitFor('match.ended');
    expect(ended.data.result).toEqual({ winner: null, seat: null, reason: 'abandon' });
    expect(heard).not.toContain('match.ended');
    expect((await solo.request('table.list', {})).data.tables.map((t) => t.host)).not.toContain('solo');
    solo.close();
    eye.close();
  });
});

/** Replays a real-time record: `[tick, seat, input | null]` changes of input, applied from their tick. */
function replayLog(
  game: RealtimeGameDefinition<unknown, unknown, unknown, never>,
  options: never,
  seed: number,
  log: readonly Json[],
): unknown {
  const created = game.create(options, seed);
  if (!created.ok) throw new Error(created.error.message);
  let state = created.value;
  const inputs = new Map<number, unknown>();
  let next = 0;
  for (let tick = 0; game.outcome(state) === undefined; tick++) {
    while (next < log.length && (log[next] as number[])[0] === tick) {
      const [, seat, raw] = log[next] as [number, number, Json];
      if (raw === null) inputs.delete(seat);
      else {
        const parsed = game.parseInput(raw);
        if (parsed.ok) inputs.set(seat, parsed.value);
      }
      next += 1;
    }
    state = game.advance(state, inputs, 1000 / game.tickRateHz);
  }
  return state;
}
