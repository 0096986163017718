import type { Connect4Solver } from '../../games/index.ts';
import { describeConnectFailure, linkTo, type ServerTarget } from '../node/index.ts';
import { ParlorClient, ParlorError } from '../sdk/index.ts';
import { Bot, type BotOptions, defaultGames } from './bot.ts';
import { type TankBotMode, TankPlayer } from './tank-player.ts';
import type { Thinker } from './thinker.ts';

/** How `parlor bot` was asked to run. */
export interface RunBotOptions extends Omit<BotOptions, 'logError' | 'thinker'> {
  readonly target: ServerTarget;
  readonly nick: string;
  /** Starts the thinker, once connected (a worker thread and a 64 MiB table are not free). */
  readonly startThinker: () => Thinker;
  /** The thinker's level, for the first line. */
  readonly level: Connect4Solver.PlayerLevel;
  /** Where a failure is reported. */
  readonly logError: (line: string) => void;
  /** Aborting it stops the bot (a signal): summary, `quit`, exit code 0. */
  readonly signal?: AbortSignal;
}

const CLIENT_NAME = 'parlor-bot';

const describeMode = (options: RunBotOptions): string => {
  const games = options.games ?? defaultGames(options.mode);
  const count =
    games === Number.POSITIVE_INFINITY ? 'no game limit' : `${games} game${games === 1 ? '' : 's'}`;
  const how =
    options.mode.kind === 'queue'
      ? 'queue'
      : options.mode.kind === 'accept'
        ? 'accepting challenges'
        : `challenging ${options.mode.opponent}`;
  return `level ${options.level}, ${how}, ${count}`;
};

/**
 * Runs `parlor bot`: connects and takes the nickname, then plays (bot.ts) until its games are
 * done or `signal` aborts. An unreachable server or a refused nickname at start is one line on
 * `logError` and exit code 1; a connection lost later is retried by the client library. The
 * thinker is started once connected, and closed when the bot stops. Returns the exit code.
 */
export async function runBot(options: RunBotOptions): Promise<number> {
  const connected = await connectBot(options);
  if (connected === undefined) return 1;
  const { client, where } = connected;
  options.log(`connected to ${where} as ${client.nick ?? options.nick} (${describeMode(options)})`);
  const bot = new Bot(client, { ...options, thinker: options.startThinker() });
  if (options.signal?.aborted) return bot.stop();
  options.signal?.addEventListener('abort', () => void bot.stop(), { once: true });
  bot.start();
  return bot.finished;
}

/** How `parlor bot --game tanks` was asked to run. */
export interface RunTankBotOptions {
  readonly target: ServerTarget;
  readonly nick: string;
  readonly mode: TankBotMode;
  readonly games?: number;
  readonly log: (line: string) => void;
  readonly logError: (line: string) => void;
  readonly signal?: AbortSignal;
}

/** Runs `parlor bot --game tanks` (H4): connects, sits at a table, plays its matches. Returns the exit code. */
export async function runTankBot(options: RunTankBotOptions): Promise<number> {
  const connected = await connectBot(options);
  if (connected === undefined) return 1;
  const { client, where } = connected;
  const how = options.mode.kind === 'queue' ? 'any table' : `table ${options.mode.table}`;
  options.log(`connected to ${where} as ${client.nick ?? options.nick} (tank arena, ${how})`);
  const player = new TankPlayer(client, options);
  if (options.signal?.aborted) return player.stop();
  options.signal?.addEventListener('abort', () => void player.stop(), { once: true });
  await player.start();
  return player.finished;
}

/** Connects and takes the nickname; on failure, one line on `logError` and undefined. */
async function connectBot(options: {
  readonly target: ServerTarget;
  readonly nick: string;
  readonly logError: (line: string) => void;
}): Promise<{ client: ParlorClient; where: string } | undefined> {
  const { open, where } = linkTo(options.target);
  try {
    return { client: await ParlorClient.connect(open, { client: CLIENT_NAME, nick: options.nick }), where };
  } catch (error) {
    const nickRefused = error instanceof ParlorError && /^(NICK_|BANNED)/.test(error.code);
    options.logError(
      nickRefused
        ? `cannot take the nickname ${options.nick}: ${error.message} (${error.code})`
        : describeConnectFailure(error, where),
    );
    return undefined;
  }
}
