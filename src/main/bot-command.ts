import type { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { SolverThread } from '../analysis/index.ts';
import {
  type BotMode,
  type ClockRequest,
  runBot,
  runTankBot,
  type TankBotMode,
  type Thinker,
  threadThinker,
} from '../clients/bot/index.ts';
import type { ClientTlsOptions } from '../clients/node/index.ts';
import { Connect4Solver } from '../games/index.ts';
import { isValidNick } from '../protocol/index.ts';
import { parseDuration } from '../textmode/index.ts';
import { defaultOpeningBookPath, readOpeningBook } from './opening-book-file.ts';
import { readFileOrExplain, UsageError } from './usage-error.ts';

//
// `parlor bot`: a Connect Four bot as its own process, over the public protocol (issue 5, G2).
// The bot itself is src/clients/bot/; here are its flags, its thinking thread and its signals.
//

/** One line for `parlor --help`. */
export const BOT_SUMMARY =
  'Run a bot that plays on a server: Connect Four (queue, challenges) or the tank arena.';

const DEFAULT_LEVEL: Connect4Solver.PlayerLevel = 'hard';
/** Limits of `--time` and `--move`, those of the protocol's `clock`. */
const CLOCK_MIN_MS = 1000;
const CLOCK_MAX_MS = 86_400_000;

/** `parlor bot --help`. */
export const botHelp = (): string =>
  [
    'Usage: parlor bot (--queue | --accept-challenges | --challenge NAME) [OPTIONS]',
    '       parlor bot --game tanks (--queue | --table ID|CODE) [--games N] [--nick NAME] [connection]',
    '',
    BOT_SUMMARY,
    'Connects like any client (TCP JSON, or WebSocket with --url), takes a nickname, and plays',
    'Connect Four with the solver at the chosen level. Prints one line per game start and end,',
    'and after its games a summary ("summary: 4 games, wins 3, losses 1, draws 0"), then exits 0.',
    'A dropped connection is resumed by itself. Ctrl-C prints the summary and exits 0.',
    '',
    'How it finds games (exactly one):',
    '  --queue                 Wait in the Connect Four matchmaking queue, again after each game',
    '  --accept-challenges     Accept every Connect Four challenge (other games are declined)',
    '  --challenge NAME        Challenge player NAME, again after each game (and accept theirs)',
    '',
    "The tank arena (--game tanks): the bot sits at a table and drives a tank with the game's bot",
    '(it moves around walls, leads its shots, dodges), over the same public protocol:',
    '  --queue                 Sit at a public table with a free seat, or open one (4 seats)',
    '  --table ID|CODE         Sit at this table (its id from /tables, or its join code)',
    '',
    'Options:',
    '  --game GAME             connect4 (default) or tanks',
    `  --level LEVEL           ${Connect4Solver.PLAYER_LEVELS.join(', ')} (default ${DEFAULT_LEVEL}); see docs/bots.md`,
    '  --games N               Games to play, then exit (default: no limit; 1 with --challenge)',
    '  --nick NAME             Nickname (default bot-LEVEL, e.g. bot-hard)',
    '  --time DURATION         Ask for a game clock per player when queueing or challenging (5m)',
    '  --move DURATION         Ask for a limit per move (30s); durations: 90, 30s, 5m, 1h',
    '  --host HOST             Server to connect to (default 127.0.0.1)',
    '  --port PORT             Server TCP port (default 4000)',
    '  --url URL               Connect over WebSocket instead (ws://HOST:8080/ws, or wss://)',
    '  --tls                   Connect over TLS (a server started with --tls-cert)',
    '  --ca FILE               PEM certificate authority to trust (a private or self-signed certificate)',
    '  --insecure              Do not check the server certificate (development only)',
    '  -h, --help              Show this help',
    '',
    'With a clock the bot thinks at most half of the time left for the move (and a fair share of',
    'its game time), then plays its best move found so far; it never loses on time.',
  ].join('\n');

interface BotIo {
  readonly stdout: Writable;
  readonly stderr: Writable;
}

function parseOptions(args: string[]) {
  try {
    return parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        queue: { type: 'boolean' },
        'accept-challenges': { type: 'boolean' },
        challenge: { type: 'string' },
        game: { type: 'string' },
        table: { type: 'string' },
        level: { type: 'string' },
        games: { type: 'string' },
        nick: { type: 'string' },
        time: { type: 'string' },
        move: { type: 'string' },
        host: { type: 'string' },
        port: { type: 'string' },
        url: { type: 'string' },
        tls: { type: 'boolean' },
        ca: { type: 'string' },
        insecure: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (error) {
    throw new UsageError(`${(error as Error).message.split('\n')[0]} (see: parlor bot --help)`);
  }
}

type Values = ReturnType<typeof parseOptions>;

const usage = (message: string): UsageError => new UsageError(`${message} (see: parlor bot --help)`);

const isLevel = (value: string): value is Connect4Solver.PlayerLevel =>
  (Connect4Solver.PLAYER_LEVELS as readonly string[]).includes(value);

function modeOf(values: Values): BotMode {
  const chosen = [values.queue, values['accept-challenges'], values.challenge !== undefined].filter(Boolean);
  if (chosen.length !== 1) {
    throw usage(
      `give exactly one of --queue, --accept-challenges, --challenge NAME${chosen.length > 1 ? ' (not several)' : ''}`,
    );
  }
  if (values.queue) return { kind: 'queue' };
  if (values['accept-challenges']) return { kind: 'accept' };
  const opponent = values.challenge!;
  if (!isValidNick(opponent))
    throw usage(`--challenge: "${opponent}" is not a nickname (2 to 12 of A-Z a-z 0-9 _ -)`);
  return { kind: 'challenge', opponent };
}

function durationOf(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = parseDuration(value);
  if (ms === undefined || ms < CLOCK_MIN_MS || ms > CLOCK_MAX_MS) {
    throw usage(`--${flag}: "${value}" is not a duration from 1s to 1d (e.g. 30s, 5m, 1h)`);
  }
  return ms;
}

function positiveInteger(flag: string, value: string, max: number): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < 1 || n > max) {
    throw usage(`--${flag}: "${value}" is not an integer from 1 to ${max}`);
  }
  return n;
}

/** The settings of `parlor bot --game tanks`; throws UsageError for a bad one. */
function parseTankArgs(values: Values) {
  const conflicting = (['accept-challenges', 'challenge', 'level', 'time', 'move'] as const).find(
    (flag) => values[flag] !== undefined,
  );
  if (conflicting !== undefined) throw usage(`--${conflicting} is for Connect Four, not --game tanks`);
  if (Boolean(values.queue) === (values.table !== undefined)) {
    throw usage('with --game tanks, give exactly one of --queue, --table ID|CODE');
  }
  const mode: TankBotMode = values.queue
    ? { kind: 'queue' }
    : { kind: 'table', table: values.table as string };
  const nick = values.nick ?? 'bot-tank';
  if (!isValidNick(nick)) throw usage(`--nick: "${nick}" is not a nickname (2 to 12 of A-Z a-z 0-9 _ -)`);
  const games = values.games === undefined ? undefined : positiveInteger('games', values.games, 1_000_000);
  return {
    game: 'tanks' as const,
    mode,
    nick,
    ...(games === undefined ? {} : { games }),
    target: targetOf(values),
  };
}

function targetOf(values: Values) {
  const port = values.port === undefined ? 4000 : positiveInteger('port', values.port, 65535);
  const url = values.url;
  if (url !== undefined && !/^wss?:\/\/\S+$/.test(url))
    throw usage(`--url: "${url}" is not a ws:// or wss:// URL`);
  if (values.insecure && values.ca !== undefined)
    throw usage('--insecure and --ca contradict each other: choose one');
  const secure = values.tls === true || url?.startsWith('wss:') === true;
  const tls: ClientTlsOptions | undefined = secure
    ? {
        rejectUnauthorized: values.insecure !== true,
        ...(values.ca === undefined ? {} : { ca: readFileOrExplain('--ca', values.ca) }),
      }
    : undefined;
  return { host: values.host ?? '127.0.0.1', port, url, ...(tls === undefined ? {} : { tls }) };
}

/** The settings of a `parlor bot` command line; throws UsageError for a bad one. */
export function parseBotArgs(args: string[]) {
  const values = parseOptions(args);
  if (values.help) return { help: true as const };
  const game = values.game ?? 'connect4';
  if (game === 'tanks') return { help: false as const, ...parseTankArgs(values) };
  if (game !== 'connect4') throw usage(`--game: "${game}" is not connect4 or tanks`);
  if (values.table !== undefined) throw usage('--table is for --game tanks');
  const mode = modeOf(values);
  const level = values.level ?? DEFAULT_LEVEL;
  if (!isLevel(level))
    throw usage(`--level: "${level}" is not one of ${Connect4Solver.PLAYER_LEVELS.join(', ')}`);
  const nick = values.nick ?? `bot-${level}`;
  if (!isValidNick(nick)) throw usage(`--nick: "${nick}" is not a nickname (2 to 12 of A-Z a-z 0-9 _ -)`);
  if (mode.kind === 'challenge' && mode.opponent.toLowerCase() === nick.toLowerCase()) {
    throw usage('--challenge: the bot cannot challenge itself');
  }
  const games = values.games === undefined ? undefined : positiveInteger('games', values.games, 1_000_000);
  const gameMs = durationOf('time', values.time);
  const moveMs = durationOf('move', values.move);
  if ((gameMs !== undefined || moveMs !== undefined) && mode.kind === 'accept') {
    throw usage('--time and --move go with --queue or --challenge (a challenger sets the clock)');
  }
  const clock: ClockRequest | undefined =
    gameMs === undefined && moveMs === undefined
      ? undefined
      : { ...(gameMs === undefined ? {} : { gameMs }), ...(moveMs === undefined ? {} : { moveMs }) };
  return {
    help: false as const,
    game: 'connect4' as const,
    mode,
    level,
    nick,
    ...(clock === undefined ? {} : { clock }),
    ...(games === undefined ? {} : { games }),
    target: targetOf(values),
  };
}

/** The bot's thinker: the solver thread, with the shipped opening book when it can be read. */
function startThinker(level: Connect4Solver.PlayerLevel, stderr: Writable): Thinker {
  let bookPath = defaultOpeningBookPath();
  const read = bookPath === undefined ? undefined : readOpeningBook(bookPath);
  if (read !== undefined && !read.ok) {
    stderr.write(`parlor bot: not using the opening book: ${read.reason}\n`);
    bookPath = undefined;
  }
  // One job at a time: the bot asks for one move at a time.
  return threadThinker(new SolverThread({ bookPath }, 1), level);
}

/** Runs `parlor bot ARGS`; returns the exit code. Throws UsageError for a bad command line. */
export async function runBotCommand(args: string[], io: BotIo): Promise<number> {
  const parsed = parseBotArgs(args);
  if (parsed.help) {
    io.stdout.write(`${botHelp()}\n`);
    return 0;
  }
  const stop = new AbortController();
  const onSignal = (): void => stop.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    if (parsed.game === 'tanks') {
      return await runTankBot({
        ...parsed,
        log: (line) => io.stdout.write(`${line}\n`),
        logError: (line) => io.stderr.write(`parlor bot: ${line}\n`),
        signal: stop.signal,
      });
    }
    return await runBot({
      ...parsed,
      startThinker: () => startThinker(parsed.level, io.stderr),
      log: (line) => io.stdout.write(`${line}\n`),
      logError: (line) => io.stderr.write(`parlor bot: ${line}\n`),
      signal: stop.signal,
    });
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
