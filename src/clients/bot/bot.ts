import { type ParlorClient, systemTimers, type Timers } from '../sdk/index.ts';
import { type BotMode, type ClockRequest, Lobby } from './lobby.ts';
import { MatchPlayer } from './match-player.ts';
import type { MatchResult, TrackedMatch } from './match-tracker.ts';
import { outcomeFor, Scoreboard } from './scoreboard.ts';
import type { Thinker } from './thinker.ts';

/** How a bot plays. */
export interface BotOptions {
  readonly mode: BotMode;
  /** Games to play before stopping. @default Infinity (queue, accept), 1 (challenge) */
  readonly games?: number;
  /** Time limits asked for when queueing or challenging. @default none */
  readonly clock?: ClockRequest;
  /** Picks the moves; closed when the bot stops. */
  readonly thinker: Thinker;
  /** Prints one line of progress (stdout). */
  readonly log: (line: string) => void;
  /** Prints why the bot gave up (stderr). @default log */
  readonly logError?: (line: string) => void;
  /** Clock and timers. @default systemTimers */
  readonly timers?: Timers;
  /** Wait before trying again to find a game (a busy opponent, a withdrawn challenge). @default 5000 (ms) */
  readonly retryDelayMs?: number;
}

/** Time the server gets to answer the bot's `quit`. */
const QUIT_TIMEOUT_MS = 3000;

const plural = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** The default number of games of a mode. */
export const defaultGames = (mode: BotMode): number =>
  mode.kind === 'challenge' ? 1 : Number.POSITIVE_INFINITY;

/**
 * A Connect Four bot on a connected client: finds games (lobby.ts), plays them (match-player.ts),
 * counts them (one line per game start and end), and stops after its games with a summary line.
 * The client library reconnects and resumes by itself; the bot then fetches its match again and
 * goes back to the queue if it was in it.
 */
export class Bot {
  /** Settles with the exit code: 0 after its games (or `stop`), 1 if it gave up or lost the server. */
  readonly finished: Promise<number>;
  readonly #client: ParlorClient;
  readonly #options: BotOptions;
  readonly #games: number;
  readonly #score = new Scoreboard();
  readonly #player: MatchPlayer;
  readonly #lobby: Lobby;
  #resolve: (code: number) => void = () => {};
  #finishing = false;

  constructor(client: ParlorClient, options: BotOptions) {
    this.#client = client;
    this.#options = options;
    this.#games = options.games ?? defaultGames(options.mode);
    this.finished = new Promise((resolve) => {
      this.#resolve = resolve;
    });
    const timers = options.timers ?? systemTimers;
    // Nothing after the summary: late replies (a challenge sent, a queue joined) are not news.
    const log = (line: string): void => {
      if (!this.#finishing) options.log(line);
    };
    this.#player = new MatchPlayer(client, {
      thinker: options.thinker,
      log,
      now: () => timers.now(),
      onStart: (match) => this.#started(match),
      onEnd: (match, result) => this.#ended(match, result),
    });
    this.#lobby = new Lobby(client, {
      mode: options.mode,
      clock: options.clock,
      log,
      timers,
      retryDelayMs: options.retryDelayMs ?? 5000,
      busy: () => this.#player.playing,
      wantsMore: () => this.#score.played + (this.#player.playing ? 1 : 0) < this.#games,
      lastFinishedMatch: () => {
        const last = this.#player.tracker.match;
        return last?.result === null ? undefined : last?.id;
      },
      fail: (reason) => void this.#finish(1, reason),
    });
    client.onState((event) => {
      if (this.#finishing) return;
      switch (event.state) {
        case 'reconnecting':
          log(
            `connection lost (${event.reason}); reconnecting in ${(event.delayMs / 1000).toFixed(1)} s (attempt ${event.attempt})`,
          );
          break;
        case 'reconnected':
          log(
            event.overflow
              ? 'reconnected (too much was missed to replay: the server sends a fresh state)'
              : `reconnected (${event.missed} missed message${event.missed === 1 ? '' : 's'})`,
          );
          this.#player.resync();
          this.#lobby.resync(false);
          break;
        case 'session-lost':
          log(`the server no longer knew the session (${event.reason}); starting a new one`);
          break;
        case 'connected':
          if (event.nick === null) {
            void this.#finish(1, 'could not take the nickname back on the new session');
            return;
          }
          log(`connected again as ${event.nick}`);
          this.#player.resync();
          this.#lobby.resync(true);
          break;
        case 'closed':
          break;
      }
    });
    void client.closed.then((info) => this.#finish(1, `connection closed: ${info.reason}`));
  }

  /** Starts looking for games. */
  start(): void {
    if (this.#games <= 0) {
      void this.#finish(0);
      return;
    }
    this.#lobby.next();
  }

  /** Stops now (a signal): the summary, then `quit`. A match in progress is lost by abandonment. */
  stop(): Promise<number> {
    void this.#finish(0);
    return this.finished;
  }

  #started(match: TrackedMatch): void {
    const opponent = match.players[1 - match.seat] ?? '?';
    const toMove = match.view.toMove === null ? 'nobody' : (match.players[match.view.toMove] ?? '?');
    this.#options.log(
      `game ${this.#score.played + 1} started: match ${match.id} against ${opponent} (seat ${match.seat}, ${toMove} to move)`,
    );
  }

  #ended(match: TrackedMatch, result: MatchResult): void {
    const outcome = outcomeFor(result, match.seat);
    if (!this.#score.record(match.id, outcome)) return;
    const opponent = match.players[1 - match.seat] ?? '?';
    this.#options.log(
      `game ${this.#score.played} ended: ${outcome} against ${opponent} (${result.reason}, ${plural(match.view.moves.length, 'move')}); ${this.#score.tally()}`,
    );
    if (this.#score.played >= this.#games) void this.#finish(0);
    else this.#lobby.next();
  }

  async #finish(code: number, why?: string): Promise<void> {
    if (this.#finishing) return;
    this.#finishing = true;
    this.#lobby.stop();
    this.#player.stop();
    if (why !== undefined) (this.#options.logError ?? this.#options.log)(why);
    this.#options.log(this.#score.summary());
    await this.#options.thinker.close().catch(() => {});
    if (!this.#client.isClosed)
      await this.#client.quit(undefined, { timeoutMs: QUIT_TIMEOUT_MS }).catch(() => {});
    this.#resolve(code);
  }
}
