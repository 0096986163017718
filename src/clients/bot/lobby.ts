import { type ClientData, nickKey, type ServerData } from '../../protocol/index.ts';
import { type ParlorClient, ParlorError, type Timers } from '../sdk/index.ts';

/** The only game the bot plays. */
export const BOT_GAME = 'connect4';

/** How the bot finds opponents. */
export type BotMode =
  /** Waits in the matchmaking queue, again after each game. */
  | { readonly kind: 'queue' }
  /** Accepts every Connect Four challenge (declines other games, and while it plays). */
  | { readonly kind: 'accept' }
  /** Challenges one player, again after each game; accepts that player's challenges too. */
  | { readonly kind: 'challenge'; readonly opponent: string };

/** Time limits the bot asks for when it queues or challenges. */
export type ClockRequest = NonNullable<ClientData<'queue.join'>['clock']>;

/** What the lobby needs to know of the rest of the bot. */
export interface LobbyOptions {
  readonly mode: BotMode;
  readonly clock: ClockRequest | undefined;
  readonly log: (line: string) => void;
  readonly timers: Timers;
  /** Wait before trying again (an opponent who is busy, a challenge withdrawn), in ms. */
  readonly retryDelayMs: number;
  /** True while the bot plays a match. */
  readonly busy: () => boolean;
  /** True while the bot wants more games. */
  readonly wantsMore: () => boolean;
  /** The id of the bot's last match if it is over (the one a rematch would replay). */
  readonly lastFinishedMatch: () => string | undefined;
  /** The bot cannot find games any more (the player to challenge is not there, or said no). */
  readonly fail: (reason: string) => void;
}

type Challenge = ServerData<'challenge.received'>['challenge'];

const describe = (error: unknown): string =>
  error instanceof ParlorError ? `${error.code}: ${error.message}` : String(error);

/**
 * Finds the bot its next game, by its mode: joins the queue, waits for challenges, or challenges
 * its opponent. It also answers what others ask: challenges (accepted or declined with a reason)
 * and rematch offers (accepted while the bot wants more games).
 */
export class Lobby {
  readonly #client: ParlorClient;
  readonly #options: LobbyOptions;
  /** In the queue, or asking to be. */
  #queued = false;
  /** A challenge of ours is open, or on its way. */
  #challenging = false;
  /** Accepting a challenge: the match is about to start. */
  #accepting = false;
  #retry: unknown;
  #stopped = false;

  constructor(client: ParlorClient, options: LobbyOptions) {
    this.#client = client;
    this.#options = options;
    const isMe = (nick: string | null): boolean =>
      nick !== null && client.nick !== null && nickKey(nick) === nickKey(client.nick);
    client.on('match.started', () => {
      this.#queued = false;
      this.#challenging = false;
      this.#cancelRetry();
    });
    // Sitting down in a match, or a dropped connection (`resync` then queues again).
    client.on('queue.left', () => {
      this.#queued = false;
    });
    client.on('challenge.received', ({ data }) => {
      if (isMe(data.challenge.to)) this.#answer(data.challenge);
    });
    client.on('challenge.declined', ({ data }) => {
      if (!isMe(data.challenge.from)) return;
      this.#challenging = false;
      const reason = data.reason === '' ? '' : `: ${data.reason}`;
      options.fail(`${data.challenge.to} declined the challenge${reason}`);
    });
    client.on('challenge.expired', ({ data }) => {
      if (!isMe(data.challenge.from) || data.challenge.to === null) return;
      this.#challenging = false;
      options.log(`the challenge to ${data.challenge.to} expired; challenging again`);
      this.next();
    });
    client.on('challenge.cancelled', ({ data }) => {
      if (!isMe(data.challenge.from) || data.challenge.to === null) return;
      this.#challenging = false;
      if (options.busy()) return;
      options.log(`the challenge to ${data.challenge.to} was withdrawn (${data.reason}); trying again soon`);
      this.#retryLater();
    });
    client.on('match.rematch_offered', ({ data }) => {
      if (isMe(data.by) || data.match !== options.lastFinishedMatch()) return;
      if (this.#stopped || options.busy() || !options.wantsMore()) return;
      client.request('match.rematch', { match: data.match }).then(
        () => options.log(`accepted ${data.by}'s rematch`),
        (error: unknown) => options.log(`could not accept ${data.by}'s rematch (${describe(error)})`),
      );
    });
  }

  /** Looks for the next game, if the bot wants one and has not asked already. */
  next(): void {
    if (this.#stopped || this.#options.busy() || !this.#options.wantsMore()) return;
    const { mode } = this.#options;
    if (mode.kind === 'queue') this.#joinQueue();
    else if (mode.kind === 'challenge') this.#challenge(mode.opponent);
    else this.#options.log('waiting for challenges');
  }

  /**
   * After the connection came back. The server takes a dropped player out of the queue, so the
   * bot queues again; a lost session also lost its open challenges.
   */
  resync(sessionLost: boolean): void {
    this.#queued = false;
    if (sessionLost) this.#challenging = false;
    this.next();
  }

  /** Stops looking for games (the bot is finishing). */
  stop(): void {
    this.#stopped = true;
    this.#cancelRetry();
  }

  #joinQueue(): void {
    if (this.#queued) return;
    this.#queued = true;
    const clock = this.#options.clock;
    this.#client.request('queue.join', { game: BOT_GAME, ...(clock === undefined ? {} : { clock }) }).then(
      ({ data }) => {
        // Paired at once: `match.started` came first and said it all.
        if (this.#queued) this.#options.log(`in the ${data.game} queue (${data.waiting} waiting)`);
      },
      (error: unknown) => {
        if (error instanceof ParlorError && error.code === 'QUEUE_ALREADY') return;
        this.#queued = false;
        if (this.#client.isClosed) return;
        this.#options.log(`could not join the queue (${describe(error)}); trying again soon`);
        this.#retryLater();
      },
    );
  }

  #challenge(opponent: string): void {
    if (this.#challenging) return;
    this.#challenging = true;
    const clock = this.#options.clock;
    const request = { to: opponent, game: BOT_GAME, ...(clock === undefined ? {} : { clock }) };
    this.#client.request('challenge.send', request).then(
      ({ data }) => {
        // Answered already (the answer can come in the same read as the reply): nothing to say.
        if (this.#challenging)
          this.#options.log(`challenged ${data.challenge.to ?? opponent}; waiting for an answer`);
      },
      (error: unknown) => {
        this.#challenging = false;
        if (this.#client.isClosed || this.#stopped) return;
        const code = error instanceof ParlorError ? error.code : undefined;
        if (code === 'CHALLENGE_PENDING') this.#challenging = true;
        else if (code === 'PLAYER_BUSY' || code === undefined || code.startsWith('CLIENT_')) {
          // Busy in a match or away, or our connection dropped: they may be free later.
          this.#options.log(`cannot challenge ${opponent} now (${describe(error)}); trying again soon`);
          this.#retryLater();
        } else this.#options.fail(`cannot challenge ${opponent} (${describe(error)})`);
      },
    );
  }

  /** Accepts `challenge`, or declines it with a reason. */
  #answer(challenge: Challenge): void {
    const refusal = this.#refusal(challenge);
    const from = challenge.from;
    if (refusal !== undefined) {
      this.#options.log(`declined ${from}'s challenge: ${refusal}`);
      this.#client.request('challenge.decline', { from, reason: refusal }).catch(() => {
        // Withdrawn or expired meanwhile: nothing left to decline.
      });
      return;
    }
    this.#accepting = true;
    this.#client
      .request('challenge.accept', { from })
      .catch((error: unknown) => {
        if (!this.#client.isClosed)
          this.#options.log(`could not accept ${from}'s challenge (${describe(error)})`);
      })
      .finally(() => {
        this.#accepting = false;
      });
  }

  #refusal(challenge: Challenge): string | undefined {
    const { mode } = this.#options;
    if (mode.kind === 'queue') return 'I only play opponents from the matchmaking queue';
    if (mode.kind === 'challenge' && nickKey(challenge.from) !== nickKey(mode.opponent)) {
      return `I only play ${mode.opponent}`;
    }
    if (challenge.game !== BOT_GAME) return 'I only play Connect Four (connect4)';
    if (this.#stopped || !this.#options.wantsMore()) return 'I have played all my games';
    if (this.#options.busy() || this.#accepting) return 'busy: I am playing another game';
    return undefined;
  }

  #retryLater(): void {
    if (this.#retry !== undefined || this.#stopped) return;
    this.#retry = this.#options.timers.setTimeout(() => {
      this.#retry = undefined;
      this.next();
    }, this.#options.retryDelayMs);
  }

  #cancelRetry(): void {
    if (this.#retry === undefined) return;
    this.#options.timers.clearTimeout(this.#retry);
    this.#retry = undefined;
  }
}
