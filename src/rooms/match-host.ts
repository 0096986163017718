import { randomBytes, randomInt } from 'node:crypto';
import type { ChatRooms } from '../chat/index.ts';
import type { GameError, Json, OptionValues, Seat } from '../games/index.ts';
import type { ClientMessage } from '../protocol/index.ts';
import { ErrorCode } from '../protocol/index.ts';
import {
  type Rejection,
  reject,
  type ServerContext,
  type Session,
  sendToAll,
  type Tally,
} from '../server/index.ts';
import type { MatchRecord, MatchStore, TimeControl } from '../store/index.ts';
import { type Challenge, ChallengeBook, describeChallenge } from './challenges.ts';
import { Match, type MatchEnd, type TurnBasedGame } from './match.ts';
import { Matchmaking } from './matchmaking.ts';
import { PlayerBook } from './players.ts';

/**
 * A game's refusal as a protocol error: the same code (the protocol lists every code a hosted
 * game can return), the game's sentence with a capital and a full stop.
 */
export const rejectGameError = (error: GameError): Rejection => {
  const code = Object.hasOwn(ErrorCode, error.code) ? (error.code as ErrorCode) : 'INTERNAL_ERROR';
  return reject(code, sentence(error.message));
};

/** A game's phrase as a sentence: a capital first, a full stop last. */
export const sentence = (text: string): string => {
  const capital = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
};

/** A request to answer, when an action is the reply to one (the `re` goes to its sender). */
export interface ReplyTo {
  readonly session: Session;
  readonly request: ClientMessage;
}

/** What starting a match needs besides the players. */
export interface MatchSpec {
  readonly game: TurnBasedGame;
  readonly options: OptionValues;
  readonly timeControl: TimeControl;
  readonly private: boolean;
}

/** How long a finished match waits to be written with the others that end meanwhile. */
const RECORD_BATCH_MS = 50;

/** Settings of the games area (from the server configuration). */
export interface RoomsOptions {
  readonly resumeGraceMs: number;
  readonly challengeTimeoutMs: number;
  readonly privateMatchTimeoutMs: number;
}

/**
 * The host of every live match: starts matches (from a challenge, the queue, a join code or a
 * rematch), plays the moves through the game's rules, runs the clocks, ends matches and stores
 * their records. Handlers (lobby-handlers.ts, match-handlers.ts) call it; it owns the timers.
 */
export class MatchHost {
  readonly server: ServerContext;
  readonly chat: ChatRooms;
  readonly options: RoomsOptions;
  readonly players = new PlayerBook();
  readonly challenges = new ChallengeBook();
  readonly queues = new Matchmaking();
  /** Live matches by id, oldest first. */
  readonly live = new Map<string, Match>();
  readonly #store: MatchStore;
  /** Records not yet written: readers wait for them so that a record is there as soon as it is announced. */
  readonly #saving = new Set<Promise<void>>();
  /** Finished matches waiting for the next batch write. */
  readonly #unsaved: MatchRecord[] = [];
  #batchTimer: NodeJS.Timeout | undefined;
  readonly #ended: Tally<string>;
  readonly #moves: Tally<string>;

  constructor(server: ServerContext, chat: ChatRooms, store: MatchStore, options: RoomsOptions) {
    this.server = server;
    this.chat = chat;
    this.#store = store;
    this.options = options;
    server.metrics.gauge('parlor_matches_live', 'Matches being played.', () => this.live.size);
    server.metrics.gauge('parlor_match_spectators', 'Spectators of live matches.', () => {
      let n = 0;
      for (const match of this.live.values()) n += match.spectators.size;
      return n;
    });
    server.metrics.gauge(
      'parlor_queue_waiting',
      'Players waiting in matchmaking queues.',
      () => this.queues.size,
    );
    server.metrics.gauge(
      'parlor_challenges_open',
      'Open challenges and private matches.',
      () => this.challenges.size,
    );
    this.#ended = server.metrics.counter('parlor_matches_ended_total', 'Matches ended, by reason.', 'reason');
    this.#moves = server.metrics.counter('parlor_match_moves_total', 'Moves played, by game.', 'game');
  }

  /** Whether `session` may start a match now: connected, named, not playing, not at a table. */
  isFree(session: Session): boolean {
    const entry = this.players.of(session);
    return !session.ended && session.peer !== null && entry.match === null && entry.table === null;
  }

  // ── Starting ────────────────────────────────────────────────────────────────────────────────

  /** Starts a match between `players` (seat order); `replyTo` gets `match.started` as its reply. */
  start(spec: MatchSpec, players: readonly Session[], replyTo?: ReplyTo): Match | Rejection {
    const seed = randomInt(2 ** 31);
    const created = spec.game.create(spec.options, seed);
    if (!created.ok) return reject('GAME_BAD_OPTIONS', sentence(created.error.message));
    const now = this.server.now();
    const match = new Match(
      { ...spec, id: randomBytes(5).toString('hex'), seed, players, startedAt: now },
      created.value,
    );
    this.live.set(match.id, match);
    for (const player of players) this.#seat(player, match);
    players.forEach((player, seat) => {
      const data = {
        match: match.info(seat),
        version: 0,
        view: match.viewFor(seat),
        clock: match.clock.state(match.toMove),
      };
      if (replyTo?.session === player) this.server.reply(player, replyTo.request, 'match.started', data);
      else player.send({ type: 'match.started', data });
    });
    for (const player of players) this.chat.enter(player, match.room);
    this.#armClock(match);
    return match;
  }

  /** A player sits down: out of queues, challenges and the previous match's room; now playing. */
  #seat(player: Session, match: Match): void {
    const entry = this.players.of(player);
    const queued = this.leaveQueue(player);
    if (queued !== undefined) player.send({ type: 'queue.left', data: { game: queued } });
    for (const challenge of this.challenges.involving(player)) this.dropChallenge(challenge, 'busy');
    for (const watched of [...entry.watching]) this.unwatch(player, watched);
    if (entry.last !== null && entry.last.room !== match.room) this.chat.leave(player, entry.last.room);
    entry.match = match;
    entry.last = null;
    this.server.setPlaying(player, true);
  }

  // ── Moves ───────────────────────────────────────────────────────────────────────────────────

  /** Plays a move for `seat`; the mover's `match.update` is the reply to `replyTo`. */
  play(match: Match, seat: Seat, move: unknown, replyTo: ReplyTo): Rejection | undefined {
    const now = this.server.now();
    const deadline = match.deadline();
    if (deadline !== null && now >= deadline && match.toMove === seat) {
      this.#timeOut(match);
      return reject('GAME_OVER', 'Your time ran out before this move arrived: the match is over.');
    }
    const next = match.game.play(match.state, seat, move);
    if (!next.ok) return rejectGameError(next.error);
    match.state = next.value;
    match.version++;
    const json = match.game.makeMove(move);
    match.moves.push(json);
    match.moveTimes.push(now);
    match.clock.charge(seat, now);
    this.#moves.add(match.game.id);
    const outcome = match.game.outcome(match.state);
    const common = {
      match: match.id,
      game: match.game.id,
      version: match.version,
      seat,
      by: match.nicks[seat] as string,
      move: json,
      text: match.game.makeMoveText(move),
      clock: match.clock.state(match.toMove),
    };
    match.players.forEach((player, playerSeat) => {
      const data = { ...common, view: match.viewFor(playerSeat) };
      if (player === replyTo.session) this.server.reply(player, replyTo.request, 'match.update', data);
      else player.send({ type: 'match.update', data });
    });
    sendToAll(match.spectators, { type: 'match.update', data: { ...common, view: match.viewFor(null) } });
    // The move is announced first, then its consequence: the end, and the players free again.
    if (outcome !== undefined) this.#conclude(match, { winner: outcome.winner, reason: outcome.reason }, now);
    else this.#armClock(match);
    return undefined;
  }

  /** Schedules the loss on time of the seat to move, if a clock runs. */
  #armClock(match: Match): void {
    clearTimeout(match.timer);
    const deadline = match.deadline();
    if (deadline === null) return;
    const version = match.version;
    match.timer = setTimeout(
      () => {
        if (match.end === null && match.version === version) this.#timeOut(match);
      },
      Math.max(0, deadline - this.server.now()),
    );
  }

  #timeOut(match: Match): void {
    const loser = match.toMove;
    if (loser === null) return;
    this.end(match, { winner: match.opponentOf(loser), reason: 'time' });
  }

  // ── Ending ──────────────────────────────────────────────────────────────────────────────────

  /** Ends a live match (resignation, time, abandonment, shutdown): `match.ended` to everyone. */
  end(match: Match, end: MatchEnd, replyTo?: ReplyTo): void {
    if (match.end !== null) return;
    this.#conclude(match, end, this.server.now(), replyTo);
  }

  /**
   * Marks the match over, stores its record, tells everyone (`match.ended`), then frees the
   * players (`user.state` free) and sends the spectators out of the match room.
   */
  #conclude(match: Match, end: MatchEnd, now: number, replyTo?: ReplyTo): void {
    match.end = end;
    match.endedAt = now;
    clearTimeout(match.timer);
    this.live.delete(match.id);
    this.#ended.add(end.reason);
    this.saveRecord(match.record());
    this.#announceEnd(match, replyTo);
    for (const player of match.players) {
      const entry = this.players.of(player);
      if (entry.match === match) {
        entry.match = null;
        entry.last = match;
      }
      this.server.setPlaying(player, false);
    }
    for (const spectator of [...match.spectators]) this.unwatch(spectator, match);
  }

  #announceEnd(match: Match, replyTo?: ReplyTo): void {
    const result = match.result();
    if (result === null) return;
    const recipients: Array<[Session, Seat | null]> = [
      ...match.players.map((p, seat): [Session, Seat] => [p, seat]),
      ...[...match.spectators].map((s): [Session, null] => [s, null]),
    ];
    for (const [session, seat] of recipients) {
      const data = {
        match: match.id,
        game: match.game.id,
        result,
        view: match.viewFor(seat),
        record: match.id,
      };
      if (replyTo?.session === session) this.server.reply(session, replyTo.request, 'match.ended', data);
      else session.send({ type: 'match.ended', data });
    }
  }

  /**
   * Queues a record; the queue is written within `RECORD_BATCH_MS` in one transaction (a commit
   * waits for the disk: one per batch, not one per match, keeps the event loop free under load).
   */
  saveRecord(record: MatchRecord): void {
    this.#unsaved.push(record);
    this.#batchTimer ??= setTimeout(() => this.#writeBatch(), RECORD_BATCH_MS);
  }

  #writeBatch(): void {
    clearTimeout(this.#batchTimer);
    this.#batchTimer = undefined;
    const batch = this.#unsaved.splice(0);
    if (batch.length === 0) return;
    const saving = this.#store
      .saveMatches(batch)
      .then((refused) => {
        if (refused.length > 0) throw new Error(`matches already stored: ${refused.join(', ')}`);
      })
      .catch((error: unknown) => {
        this.server.log.error(
          { event: 'match.save_failed', matches: batch.map((r) => r.id), error },
          'match records not saved',
        );
      })
      .finally(() => this.#saving.delete(saving));
    this.#saving.add(saving);
  }

  /** Writes the queued records now and waits for every write (before reading records, and at shutdown). */
  async flush(): Promise<void> {
    this.#writeBatch();
    while (this.#saving.size > 0) await Promise.all(this.#saving);
  }

  // ── Spectators ──────────────────────────────────────────────────────────────────────────────

  watch(session: Session, match: Match): void {
    match.spectators.add(session);
    this.players.of(session).watching.add(match);
    this.chat.enter(session, match.room);
  }

  unwatch(session: Session, match: Match): void {
    match.spectators.delete(session);
    this.players.of(session).watching.delete(match);
    this.chat.leave(session, match.room);
  }

  /** The full state of a match for one recipient (`match.get`, `match.watch`, a resume). */
  stateFor(match: Match, session: Session): Parameters<Session['send']>[0] & { type: 'match.state' } {
    const seat = match.seatOf(session);
    return {
      type: 'match.state',
      data: {
        match: match.info(seat),
        version: match.version,
        view: match.viewFor(seat),
        moves: [...match.moves] as Json[],
        spectators: match.spectators.size,
        away: match.players.filter((p) => p.peer === null && !p.ended).map((p) => p.nick as string),
        clock: match.clock.state(match.toMove),
        result: match.result(),
      },
    };
  }

  // ── Challenges and queues ───────────────────────────────────────────────────────────────────

  /** Removes an open challenge and tells both sides (the challenger only, for a private match). */
  dropChallenge(challenge: Challenge, reason: 'cancelled' | 'busy' | 'gone', replyTo?: ReplyTo): void {
    if (!this.challenges.remove(challenge)) return;
    const data = { challenge: describeChallenge(challenge), reason };
    for (const session of [challenge.from, challenge.to]) {
      if (session === null || session.ended) continue;
      if (replyTo?.session === session)
        this.server.reply(session, replyTo.request, 'challenge.cancelled', data);
      else session.send({ type: 'challenge.cancelled', data });
    }
  }

  /** Takes `session` out of its matchmaking queue, if it waits in one; the game id, if it did. */
  leaveQueue(session: Session): string | undefined {
    const entry = this.players.of(session);
    if (entry.queue === null) return undefined;
    const game = this.queues.remove(entry.queue, session);
    entry.queue = null;
    return game;
  }

  /** A new challenge or private match, expiring on its own. */
  openChallenge(challenge: Challenge): void {
    challenge.timer = setTimeout(
      () => {
        if (!this.challenges.remove(challenge)) return;
        const data = { challenge: describeChallenge(challenge) };
        for (const session of [challenge.from, challenge.to])
          session?.send({ type: 'challenge.expired', data });
      },
      Math.max(0, challenge.expiresAt - this.server.now()),
    );
    challenge.timer.unref();
  }

  /** Ends every live match without a winner (the server is stopping: nobody's fault). */
  abortAll(): void {
    for (const match of [...this.live.values()]) this.end(match, { winner: null, reason: 'aborted' });
  }
}
