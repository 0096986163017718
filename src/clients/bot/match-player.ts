import { type ParlorClient, ParlorError } from '../sdk/index.ts';
import { type MatchResult, MatchTracker, type TrackedMatch, type Turn } from './match-tracker.ts';
import { thinkingDeadline } from './think-time.ts';
import { quickColumn, type Thinker } from './thinker.ts';

/** What a match player needs besides its client. */
export interface MatchPlayerOptions {
  readonly thinker: Thinker;
  /** Prints one line for a person. */
  readonly log: (line: string) => void;
  /** The clock the thinking deadlines are on. */
  readonly now: () => number;
  /** A match of the bot's began (or was found running after a resume). */
  readonly onStart: (match: TrackedMatch) => void;
  /** A match of the bot's ended; called once per match. */
  readonly onEnd: (match: TrackedMatch, result: MatchResult) => void;
}

/** Tries of one move (one version of one match) before leaving it to the clock. */
const MAX_TRIES = 3;

/**
 * Plays the bot's matches: on each position where the bot is to move, asks the thinker for a
 * column (with a deadline from the match clock) and sends it with the version it was chosen for.
 * A refused move (`MATCH_STALE_VERSION`, `GAME_NOT_YOUR_TURN`, a connection lost on the way…)
 * fetches the match again with `match.get`, and the fresh `match.state` starts the turn over.
 */
export class MatchPlayer {
  readonly tracker = new MatchTracker();
  readonly #client: ParlorClient;
  readonly #options: MatchPlayerOptions;
  #stopped = false;
  /** `match@version` being thought about or sent, so that a position is played once. */
  #busyWith: string | undefined;
  readonly #tries = new Map<string, number>();

  constructor(client: ParlorClient, options: MatchPlayerOptions) {
    this.#client = client;
    this.#options = options;
    client.on('match.started', ({ data }) => {
      if (this.tracker.started(data, options.now())) this.#began();
    });
    client.on('match.update', ({ data }) => {
      if (this.tracker.update(data, options.now())) this.#maybeMove();
    });
    client.on('match.state', ({ data }) => {
      const change = this.tracker.state(data, options.now());
      const current = this.tracker.match;
      if (change === 'ignored' || current === undefined) return;
      if (current.result !== null) options.onEnd(current, current.result);
      else if (change === 'new') this.#began();
      else this.#maybeMove();
    });
    client.on('match.ended', ({ data }) => {
      const ended = this.tracker.ended(data.match, data.result);
      if (ended !== undefined) options.onEnd(ended, data.result);
    });
  }

  /** True while the bot plays a match that is not over. */
  get playing(): boolean {
    return this.tracker.playing;
  }

  /**
   * After the connection came back: fetches the current match again (what was missed may include
   * its end, or a `match.state` may not have come). After a lost session the match is gone for
   * this session: its record says how it ended (by abandonment, mostly).
   */
  resync(): void {
    const current = this.tracker.match;
    if (current !== undefined && current.result === null) this.#refresh(current.id);
  }

  /** Plays no more moves (the bot is finishing; its thinker is being closed). */
  stop(): void {
    this.#stopped = true;
  }

  #began(): void {
    const match = this.tracker.match;
    if (match === undefined) return;
    this.#tries.clear();
    this.#options.onStart(match);
    this.#maybeMove();
  }

  #maybeMove(): void {
    const turn = this.tracker.turn();
    if (turn === undefined || this.#stopped) return;
    const key = `${turn.match}@${turn.version}`;
    if (this.#busyWith === key || (this.#tries.get(key) ?? 0) >= MAX_TRIES) return;
    this.#busyWith = key;
    void this.#play(turn, key);
  }

  async #play(turn: Turn, key: string): Promise<void> {
    const column = await this.#choose(turn);
    if (this.#stopped) return;
    const still = this.tracker.turn();
    if (still === undefined || still.match !== turn.match || still.version !== turn.version) {
      // The match moved on while thinking (it ended, or a fresher state came): nothing to send.
      if (this.#busyWith === key) this.#busyWith = undefined;
      this.#maybeMove();
      return;
    }
    try {
      // The reply is the `match.update` of the move, which the listener has already applied.
      await this.#client.request('match.move', {
        match: turn.match,
        move: { column },
        version: turn.version,
      });
    } catch (error) {
      this.#tries.set(key, (this.#tries.get(key) ?? 0) + 1);
      if (this.#busyWith === key) this.#busyWith = undefined;
      if (this.#client.isClosed || this.#stopped) return;
      const why = error instanceof ParlorError ? `${error.code}: ${error.message}` : String(error);
      this.#options.log(`move ${column} not played (${why}); fetching the match again`);
      this.#refresh(turn.match);
    }
  }

  async #choose(turn: Turn): Promise<number> {
    const stopAt = thinkingDeadline(turn.clock, this.#options.now());
    try {
      return (await this.#options.thinker.think({ moves: turn.moves, stopAt })).column;
    } catch (error) {
      if (this.#stopped) return 0;
      this.#options.log(
        `thinking failed (${error instanceof Error ? error.message : String(error)}); playing a quick move`,
      );
      return quickColumn(turn.moves) ?? turn.legalColumns[0]!;
    }
  }

  /** `match.get` for match `id`; its `match.state` goes through the listener. */
  #refresh(id: string): void {
    this.#client.request('match.get', { match: id }).catch((error: unknown) => {
      if (this.#client.isClosed) return;
      if (error instanceof ParlorError && error.code === 'MATCH_NOT_FOUND') this.#lost(id);
      else this.#options.log(`could not fetch match ${id} (${String(error)})`);
    });
  }

  /** Match `id` is no longer the session's (the session was lost): its record says how it ended. */
  #lost(id: string): void {
    const match = this.tracker.match;
    if (match === undefined || match.id !== id) return;
    const finish = (result: MatchResult): void => {
      const ended = this.tracker.ended(id, result);
      if (ended !== undefined) this.#options.onEnd(ended, result);
    };
    this.#client.request('record.get', { id }).then(
      ({ data: { record } }) => finish({ winner: record.winner, seat: record.seat, reason: record.reason }),
      () => {
        // No record to be found: the match was lost with the session.
        const seat = 1 - match.seat;
        finish({ winner: match.players[seat] ?? null, seat, reason: 'abandon' });
      },
    );
  }
}
