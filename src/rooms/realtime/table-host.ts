import { randomBytes, randomInt } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { parseOptions, type Seat } from '../../games/index.ts';
import type { ServerMessage } from '../../protocol/index.ts';
import { type Rejection, reject, type Session, sendStream } from '../../server/index.ts';
import { newJoinCode } from '../join-code.ts';
import { type MatchHost, type ReplyTo, sentence } from '../match-host.ts';
import { MatchPlacement } from './match-placement.ts';
import { type BotSeat, type RealtimeGame, RealtimeMatch } from './realtime-match.ts';
import { RoundFigures } from './round-figures.ts';
import type { MatchTickReport, PriorityReport, TickReport } from './simulation-messages.ts';
import { SimulationThread } from './simulation-thread.ts';
import { Table } from './table.ts';
import type { TickFigures } from './ticker.ts';

/** Settings of real-time hosting. */
export interface RealtimeOptions {
  /** `match.snapshot` messages per second (the tick rate is the game's). */
  readonly snapshotRateHz: number;
  /** The SCHED_FIFO priority the simulation thread asks for, 0 for none (see `threadPriority`). */
  readonly simulationRealtimePriority: number;
  /** The nice value it asks for without the real-time policy. */
  readonly simulationNice: number;
  /** Simulation threads the matches are spread over; 0: one per core, up to MAX_AUTO_THREADS. */
  readonly simulationThreads: number;
}

/** Simulation threads at most when their number is left to the server (`simulationThreads` 0). */
const MAX_AUTO_THREADS = 4;

/** What a table is asked to be. */
export interface TableSpec {
  readonly game: RealtimeGame;
  readonly options: Record<string, unknown> | undefined;
  readonly private: boolean;
  readonly bots: number;
}

/** Buckets of the tick duration histogram, in seconds: fine around the 2 ms a tick should stay under. */
const TICK_BUCKETS = [
  0.0005, 0.00075, 0.001, 0.00125, 0.0015, 0.00175, 0.002, 0.0025, 0.003, 0.004, 0.005, 0.0075, 0.01, 0.025,
  0.05, 0.1,
];

/**
 * Tables and real-time matches (H2, H3): the matches step on the simulation threads (each match
 * on the one with the fewest when it starts; they tick together, in parallel), which encode
 * each recipient's snapshot frame (the change since the snapshot it acknowledged); this side
 * seats people and bots, checks inputs, writes the frames, and stores the record (seed and inputs)
 * at the end. Players and spectators are sessions, so a dropped player's tank idles until the
 * session resumes or ends.
 */
export class TableHost {
  readonly tables = new Map<string, Table>();
  readonly live = new Map<string, RealtimeMatch>();
  readonly #byCode = new Map<string, Table>();
  readonly #host: MatchHost;
  readonly #options: RealtimeOptions;
  readonly #threads: SimulationThread[];
  /** The thread of each live match (an index in `#threads`). */
  readonly #placement: MatchPlacement<RealtimeMatch>;
  readonly #rounds: RoundFigures;
  readonly #watching = new WeakMap<Session, Set<RealtimeMatch>>();
  #started = 0;

  constructor(host: MatchHost, options: RealtimeOptions) {
    this.#host = host;
    this.#options = options;
    const count = options.simulationThreads || Math.min(MAX_AUTO_THREADS, availableParallelism());
    this.#threads = Array.from(
      { length: count },
      (_, thread) =>
        new SimulationThread(
          {
            tick: (report) => this.#ticked(thread, report),
            priority: (report) => this.#priority(thread, report),
            lost: (error) => this.#lost(thread, error),
          },
          { realtime: options.simulationRealtimePriority, nice: options.simulationNice },
        ),
    );
    this.#placement = new MatchPlacement(count);
    const metrics = host.server.metrics;
    metrics.gauge('parlor_realtime_matches', 'Real-time matches being played.', () => this.live.size);
    metrics.gauge('parlor_realtime_tables', 'Tables of real-time games.', () => this.tables.size);
    metrics.gauge(
      'parlor_realtime_threads',
      'Simulation threads running real-time matches.',
      () => this.#placement.busy,
    );
    const figure = (name: keyof TickFigures, help: string) =>
      metrics.gauge(`parlor_realtime_${name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}`, help, () =>
        Number(this.#rounds.figures()[name]),
      );
    figure('durationP50', 'Median time of one tick of every real-time match, in ms (last 600 ticks).');
    figure(
      'durationP99',
      '99th percentile time of one tick of every real-time match, in ms (last 600 ticks).',
    );
    figure(
      'simulationP50',
      'Median time of the step of every real-time match in a tick (before its frames are encoded), in ms.',
    );
    figure('simulationP99', '99th percentile of the step of every real-time match in a tick, in ms.');
    const tickSeconds = metrics.histogram(
      'parlor_realtime_tick_duration_seconds',
      'Duration of every tick of all real-time matches together (the longest of the simulation threads, which tick in parallel).',
      TICK_BUCKETS,
    );
    this.#rounds = new RoundFigures((ms) => tickSeconds(ms / 1000));
    figure('latenessP99', '99th percentile of how late a tick started, in ms (last 600 ticks).');
    figure('missed', 'Ticks skipped because the loop fell behind, since start.');
    figure('ticks', 'Ticks run since start.');
  }

  get server(): MatchHost['server'] {
    return this.#host.server;
  }

  /** The tick figures of every match together (the threads' reports put together), for metrics and benchmarks. */
  figures(): TickFigures {
    return this.#rounds.figures();
  }

  tableOf(session: Session): Table | null {
    return (this.#host.players.of(session).table as Table | null) ?? null;
  }

  // ── Tables ──────────────────────────────────────────────────────────────────────────────────

  create(session: Session, spec: TableSpec): Table | Rejection {
    const busy = this.#busy(session);
    if (busy !== undefined) return busy;
    const options = parseOptions(spec.game.options, spec.options);
    if (!options.ok)
      return reject('GAME_BAD_OPTIONS', sentence(`${spec.game.name}: ${options.error.message}`));
    const trial = spec.game.create(options.value, 0);
    if (!trial.ok) return reject('GAME_BAD_OPTIONS', sentence(`${spec.game.name}: ${trial.error.message}`));
    const code = newJoinCode((c) => this.#byCode.has(c) || this.#host.challenges.byCode(c) !== undefined);
    const table = new Table(
      randomBytes(5).toString('hex'),
      spec.game,
      options.value,
      spec.private,
      code,
      spec.bots,
    );
    if (table.bots >= table.seats) {
      return reject('GAME_BAD_OPTIONS', `${table.seats} seats leave no room for ${spec.bots} bots and you.`);
    }
    this.tables.set(table.id, table);
    this.#byCode.set(code, table);
    this.#sit(session, table);
    return table;
  }

  /** A table by id (public ones) or by code (any). */
  find(id: string | undefined, code: string | undefined): Table | undefined {
    if (code !== undefined) return this.#byCode.get(code);
    const table = id === undefined ? undefined : this.tables.get(id);
    return table?.private === true ? undefined : table;
  }

  join(session: Session, table: Table): Rejection | undefined {
    const busy = this.#busy(session);
    if (busy !== undefined) return busy;
    if (table.match !== null) {
      return reject(
        'TABLE_FULL',
        `The table is playing a match: watch it (/watch ${table.match.id}) or wait.`,
      );
    }
    if (table.full) return reject('TABLE_FULL', `All ${table.seats} seats of the table are taken.`);
    this.#sit(session, table);
    return undefined;
  }

  /** `session` leaves its table: a match it plays goes on with its tank idle. */
  leave(session: Session): Table | undefined {
    const table = this.tableOf(session);
    if (table === null) return undefined;
    table.people.splice(table.people.indexOf(session), 1);
    this.#host.players.of(session).table = null;
    const match = table.match;
    if (match !== null) {
      const seat = match.seatOf(session);
      if (seat !== null) match.idle(seat);
      match.departed.add(session);
      match.drop(session);
      this.#host.chat.leave(session, match.room);
      this.#host.server.setPlaying(session, false);
      // Nobody left to play with: the match ends, without a winner.
      if (!match.attended) {
        match.outcome = { winner: null, reason: 'abandon' };
        match.stop();
        this.#end(match);
      }
    }
    if (table.lastRoom !== null && table.match === null) this.#host.chat.leave(session, table.lastRoom);
    if (table.people.length === 0 && table.match === null) this.#close(table);
    else this.#announce(table);
    return table;
  }

  /** Starts a match at `table` with its people and bots; `replyTo` gets `match.started`. */
  start(table: Table, replyTo?: ReplyTo): RealtimeMatch | Rejection {
    const count = table.people.length + table.bots;
    if (count < table.game.seats.min) {
      return reject(
        'TABLE_TOO_FEW',
        `${table.game.name} needs at least ${table.game.seats.min} players or bots.`,
      );
    }
    if (table.bots > 0 && table.game.bot === undefined) {
      return reject('GAME_BAD_OPTIONS', `${table.game.name} has no bots.`);
    }
    const seed = randomInt(2 ** 31);
    const options = { ...table.options, ...('seats' in table.game.options ? { seats: count } : {}) };
    const created = table.game.create(options, seed);
    if (!created.ok) return reject('GAME_BAD_OPTIONS', sentence(created.error.message));
    const people = [...table.people];
    const bots = new Map<Seat, BotSeat>();
    for (let i = 0; i < table.bots; i++) {
      const seat = people.length + i;
      bots.set(seat, { nick: `bot${i + 1}` });
    }
    const match = new RealtimeMatch(
      {
        id: randomBytes(5).toString('hex'),
        game: table.game,
        options,
        seed,
        seats: [...people, ...[...bots.keys()].map(() => null)],
        nicks: [...people.map((p) => p.nick as string), ...[...bots.values()].map((b) => b.nick)],
        bots,
        private: table.private,
        startedAt: this.#host.server.now(),
        snapshotEvery: Math.max(1, Math.round(table.game.tickRateHz / this.#options.snapshotRateHz)),
        // Matches take turns: with 3 ticks per snapshot, a third of them send at each tick.
        snapshotPhase: this.#started++,
      },
      created.value,
      // Called only once the match is placed, below (the match sends nothing while it is built).
      (command) => simulation.send(command),
    );
    const simulation = this.#threads[this.#placement.place(match)] as SimulationThread;
    simulation.send(match.startCommand());
    table.match = match;
    this.live.set(match.id, match);
    const view = match.snapshot;
    const previousRoom = table.lastRoom;
    table.lastRoom = match.room;
    people.forEach((person, seat) => {
      const entry = this.#host.players.of(person);
      // Out of the room of the previous match (of this table, or a Connect Four one).
      if (entry.last !== null) this.#host.chat.leave(person, entry.last.room);
      if (previousRoom !== null) this.#host.chat.leave(person, previousRoom);
      this.#host.server.setPlaying(person, true);
      const data = {
        match: match.info(seat),
        version: 0,
        view,
        clock: { remainingMs: [], deadlineAt: null },
      };
      if (replyTo?.session === person)
        this.#host.server.reply(person, replyTo.request, 'match.started', data);
      else person.send({ type: 'match.started', data });
      this.#host.chat.enter(person, match.room);
    });
    this.#announce(table);
    return match;
  }

  // ── Inputs ──────────────────────────────────────────────────────────────────────────────────

  /** The real-time match `session` plays (or the one named, if it plays it). */
  playedBy(session: Session, id: string | undefined): RealtimeMatch | Rejection {
    const match = id === undefined ? this.tableOf(session)?.match : this.live.get(id);
    if (match === undefined || match === null) {
      return reject(
        'MATCH_NOT_FOUND',
        id === undefined
          ? 'You are not playing a real-time match.'
          : `There is no live match "${id.slice(0, 32)}".`,
      );
    }
    if (match.seatOf(session) === null)
      return reject('MATCH_NOT_PLAYER', 'Only the players of this match send inputs.');
    return match;
  }

  /** A recipient's latest snapshot: the next ones are sent as changes from it. */
  acknowledge(session: Session, id: string | undefined, tick: number): Rejection | undefined {
    const match =
      id === undefined
        ? (this.tableOf(session)?.match ?? [...(this.#watching.get(session) ?? [])][0])
        : this.live.get(id);
    if (match === undefined || match === null)
      return reject('MATCH_NOT_FOUND', 'There is no such live match.');
    match.acknowledge(session, tick);
    return undefined;
  }

  // ── Watching ────────────────────────────────────────────────────────────────────────────────

  watch(session: Session, match: RealtimeMatch): void {
    match.watch(session);
    let watching = this.#watching.get(session);
    if (watching === undefined) {
      watching = new Set();
      this.#watching.set(session, watching);
    }
    watching.add(match);
    this.#host.chat.enter(session, match.room);
  }

  unwatch(session: Session, match: RealtimeMatch): void {
    match.drop(session);
    this.#watching.get(session)?.delete(match);
    this.#host.chat.leave(session, match.room);
  }

  watchedBy(session: Session): readonly RealtimeMatch[] {
    return [...(this.#watching.get(session) ?? [])];
  }

  /** `match.state` of a real-time match: a recent snapshot whole (the recipient starts afresh from it). */
  stateFor(match: RealtimeMatch, session: Session): ServerMessage & { type: 'match.state' } {
    match.forget(session);
    const away = match.seats
      .filter((s): s is Session => s !== null && s.peer === null && !s.ended && !match.departed.has(s))
      .map((s) => s.nick as string);
    return {
      type: 'match.state',
      data: {
        match: match.info(match.seatOf(session)),
        version: match.tick,
        view: match.snapshot,
        moves: [],
        spectators: match.spectators.size,
        away,
        clock: { remainingMs: [], deadlineAt: null },
        result: match.result(),
      },
    };
  }

  // ── Sessions ────────────────────────────────────────────────────────────────────────────────

  /** The session's connection dropped: its tank idles until it comes back; the others are told. */
  away(session: Session): void {
    const match = this.tableOf(session)?.match;
    const seat = match?.seatOf(session);
    if (!match || seat === null || seat === undefined) return;
    match.idle(seat);
    const data = { match: match.id, nick: session.nick as string, graceMs: this.#host.options.resumeGraceMs };
    for (const other of match.audience())
      if (other !== session) other.send({ type: 'match.player_away', data });
  }

  back(session: Session): void {
    const match = this.tableOf(session)?.match;
    if (!match || match.seatOf(session) === null) return;
    const data = { match: match.id, nick: session.nick as string };
    for (const other of match.audience())
      if (other !== session) other.send({ type: 'match.player_back', data });
  }

  /** The session came back having missed too much: its table and match afresh. */
  resumed(session: Session): void {
    const table = this.tableOf(session);
    if (table !== null) session.send({ type: 'table.joined', data: { table: table.info(true) } });
    if (table?.match) session.send(this.stateFor(table.match, session));
    for (const match of this.watchedBy(session)) session.send(this.stateFor(match, session));
  }

  /** The session ended: it leaves its table and stops watching. */
  closed(session: Session): void {
    this.leave(session);
    for (const match of this.watchedBy(session)) this.unwatch(session, match);
  }

  /** The server stops: matches end without a result. */
  abortAll(): void {
    for (const thread of this.#threads) void thread.close();
    this.#abort(() => true);
  }

  /** The live matches `which` picks end without a result. */
  #abort(which: (match: RealtimeMatch) => boolean): void {
    for (const match of [...this.live.values()]) {
      if (!which(match)) continue;
      match.outcome = { winner: null, reason: 'aborted' };
      this.#end(match);
    }
  }

  // ── The simulation threads ──────────────────────────────────────────────────────────────────

  /** A tick's report: each recipient gets its frame; a match that ended here ends for everyone. */
  #ticked(thread: number, report: TickReport): void {
    if (report.figures !== undefined) this.#rounds.setThreadFigures(thread, report.figures);
    this.#rounds.addTicks(thread, report.ticks);
    for (const news of report.matches) {
      const match = this.live.get(news.match);
      if (match === undefined) continue; // Ended on this side meanwhile.
      match.update(news);
      if (news.bodies !== undefined && news.sendTo !== undefined)
        this.#write(match, news.bodies, news.sendTo);
      if (news.failed !== undefined) this.#failed(match, news);
      if (match.outcome !== null) this.#end(match);
    }
  }

  /** Writes each recipient its snapshot frame, from the bodies and `recipient, body, base, ack` of `sendTo`. */
  #write(
    match: RealtimeMatch,
    bodies: readonly string[],
    sendTo: ReadonlyArray<string | number | null>,
  ): void {
    const head = `{"type":"match.snapshot","data":{"match":"${match.id}","tick":${match.tick},"base":`;
    for (let i = 0; i < sendTo.length; i += 4) {
      const session = match.recipient(sendTo[i] as string);
      if (session === undefined) continue;
      const frame = `${head}${sendTo[i + 2]},"ack":${sendTo[i + 3]},"data":${bodies[sendTo[i + 1] as number]}}}`;
      sendStream(session, 'match.snapshot', frame);
    }
  }

  /** A match's tick threw: a bug in one game must not stop every other match; this one ends. */
  #failed(match: RealtimeMatch, news: MatchTickReport): void {
    this.#host.server.log.error(
      { event: 'realtime.tick_failed', match: match.id, err: news.failed },
      'tick failed',
    );
    match.outcome = { winner: null, reason: 'aborted' };
  }

  /**
   * What priority a simulation thread got: said when it starts, and again if it gives up SCHED_FIFO
   * (it fell behind); a warning if not the one asked for first.
   */
  #priority(thread: number, report: PriorityReport): void {
    const log = this.#host.server.log;
    const { realtime, nice, got, reasons } = report;
    const fields = { event: 'realtime.thread_priority', thread, realtime, nice, got, reasons };
    if (reasons.length === 0) log.info(fields, 'simulation thread priority');
    else {
      log.warn(
        fields,
        got === 'none'
          ? 'the simulation thread keeps the server priority (see simulationRealtimePriority in docs/config.md)'
          : 'the simulation thread runs at its fallback priority (see simulationRealtimePriority in docs/config.md)',
      );
    }
  }

  /** A simulation thread died: its matches are lost, and end without a result (the others play on). */
  #lost(thread: number, error: Error): void {
    this.#host.server.log.error(
      { event: 'realtime.thread_lost', thread, err: error },
      'simulation thread lost',
    );
    this.#abort((match) => this.#placement.threadOf(match) === thread);
  }

  #end(match: RealtimeMatch): void {
    if (!this.live.delete(match.id)) return;
    this.#placement.release(match);
    match.endedAt = this.#host.server.now();
    this.#host.saveRecord(match.record());
    const result = match.result() ?? { winner: null, seat: null, reason: 'aborted' };
    const data = {
      match: match.id,
      game: match.game.id,
      result,
      view: match.snapshot,
      record: match.id,
    };
    for (const session of match.audience()) session.send({ type: 'match.ended', data });
    for (const person of match.seats) {
      if (person !== null && this.tableOf(person)?.match === match)
        this.#host.server.setPlaying(person, false);
    }
    for (const spectator of [...match.spectators]) this.unwatch(spectator, match);
    const table = [...this.tables.values()].find((t) => t.match === match);
    if (table === undefined) return;
    table.match = null;
    if (table.people.length === 0) this.#close(table);
    else this.#announce(table);
  }

  // ── Helpers ─────────────────────────────────────────────────────────────────────────────────

  #busy(session: Session): Rejection | undefined {
    if (this.tableOf(session) !== null)
      return reject('TABLE_BUSY', 'You are at a table already; /leave it first.');
    const entry = this.#host.players.of(session);
    if (entry.match !== null) return reject('TABLE_BUSY', 'You are playing a match.');
    if (entry.queue !== null) return reject('TABLE_BUSY', 'You are waiting in a queue; leave it first.');
    return undefined;
  }

  #sit(session: Session, table: Table): void {
    table.people.push(session);
    this.#host.players.of(session).table = table;
    for (const challenge of this.#host.challenges.involving(session))
      this.#host.dropChallenge(challenge, 'busy');
    this.#announce(table, session);
  }

  /** Starts the table's match if its seats are all taken (people and bots) and none runs. */
  startIfFull(table: Table): void {
    if (table.full && table.match === null && table.people.length > 0) this.start(table);
  }

  /** Tells the people at the table what it is now (`except` gets it as its reply instead). */
  #announce(table: Table, except?: Session): void {
    const data = { table: table.info(true) };
    for (const person of table.people) if (person !== except) person.send({ type: 'table.updated', data });
  }

  #close(table: Table): void {
    this.tables.delete(table.id);
    this.#byCode.delete(table.code);
  }
}
