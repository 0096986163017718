import { Connect4Solver, findGame } from '../games/index.ts';
import { parseDuration } from './bang-commands.ts';
import type { TextCommand } from './commands.ts';
import type { TextInput, TextRequest } from './text-input.ts';

/** The game commands of text mode (E1–E6, F2, F3), in the order `/help` lists them. */
export const GAME_COMMANDS: readonly TextCommand[] = [
  { name: 'players', aliases: [], usage: '', help: 'free players you may challenge' },
  {
    name: 'challenge',
    aliases: [],
    usage: 'NAME [GAME] [first=me|them|random] [time=5m] [move=30s]',
    help: 'challenge NAME (default game connect4; time: per player, move: per move)',
  },
  { name: 'accept', aliases: [], usage: '[NAME]', help: 'accept a challenge (default: the latest)' },
  { name: 'decline', aliases: [], usage: '[NAME] [REASON]', help: 'decline a challenge' },
  { name: 'cancel', aliases: [], usage: '[NAME]', help: 'withdraw your challenge or private match' },
  { name: 'queue', aliases: [], usage: '[GAME] [time=5m] [move=30s]', help: 'wait for an opponent' },
  {
    name: 'computer',
    aliases: [],
    usage: '[easy|medium|hard|perfect] [first=me|them|random] [time=5m] [move=30s]',
    help: 'play Connect Four against the computer (default medium)',
  },
  { name: 'unqueue', aliases: [], usage: '', help: 'stop waiting for an opponent' },
  {
    name: 'private',
    aliases: ['create'],
    usage: '[GAME] [first=me|them|random] [time=5m] [move=30s]',
    help: 'create a private match and get its join code',
  },
  { name: 'code', aliases: ['joincode'], usage: 'CODE', help: 'join a private match by its code' },
  { name: 'tables', aliases: [], usage: '[GAME]', help: 'public tables of real-time games (the tank arena)' },
  {
    name: 'table',
    aliases: [],
    usage: 'new [GAME] [bots=N] [private] [map=…] [seats=N] | join ID|CODE | start | leave',
    help: 'open, join, start or leave a table of a real-time game (default: tanks)',
  },
  { name: 'play', aliases: ['move'], usage: 'N', help: 'play a move (Connect Four: a column, 1 to 7)' },
  { name: 'resign', aliases: [], usage: '', help: 'give up the match you play' },
  { name: 'rematch', aliases: [], usage: '', help: 'offer (or accept) a rematch; the other player starts' },
  { name: 'board', aliases: [], usage: '[MATCH]', help: 'show the board of your match (or of MATCH)' },
  { name: 'matches', aliases: [], usage: '', help: 'live public matches you may /watch' },
  { name: 'watch', aliases: [], usage: 'MATCH', help: 'watch a live match (its chat becomes your room)' },
  { name: 'unwatch', aliases: [], usage: 'MATCH', help: 'stop watching a match' },
  { name: 'history', aliases: [], usage: '[NAME]', help: 'your (or NAME’s) finished matches' },
  { name: 'replay', aliases: [], usage: 'MATCH', help: 'a finished match, move by move' },
  {
    name: 'analyze',
    aliases: ['analyse'],
    usage: '[MATCH [PLY] | POSITION]',
    help: 'the score of every column: your match (before its last move once over), MATCH after PLY moves, or a POSITION like 4453',
  },
];

const request = (r: TextRequest): TextInput => ({ kind: 'request', request: r });
const usage = (text: string): TextInput => ({ kind: 'error', code: 'TEXT_USAGE', message: `Usage: ${text}` });

const FIRST = { me: 0, them: 1, you: 1, random: 'random' } as const;

/** `/computer [LEVEL] [first=…] [time=…] [move=…]`: a level word, then the usual match words. */
const computerRequest = (args: readonly string[]): TextInput => {
  const level = Connect4Solver.PLAYER_LEVELS.find((l) => l === args[0]?.toLowerCase());
  const parsed = readMatchWords(level === undefined ? args : args.slice(1));
  const usageLine = '/computer [easy|medium|hard|perfect] [first=me|them|random] [time=5m] [move=30s]';
  if (parsed.problem !== undefined) return usage(`${usageLine}: ${parsed.problem}`);
  if (parsed.game !== undefined) return usage(`${usageLine}: "${parsed.game}" is not a level`);
  return request({
    type: 'computer.play',
    data: {
      ...(level === undefined ? {} : { level }),
      ...(Object.keys(parsed.options).length === 0 ? {} : { options: parsed.options }),
      ...(Object.keys(parsed.clock).length === 0 ? {} : { clock: parsed.clock }),
    },
  });
};

/** `/table new|join|start|leave …`. */
const tableRequest = (args: readonly string[]): TextInput => {
  const [verb, ...rest] = args;
  const usageLine = '/table new [GAME] [bots=N] [private] [map=…] [seats=N] | join ID|CODE | start | leave';
  switch (verb?.toLowerCase()) {
    case 'new': {
      const isPrivate = rest.some((w) => w.toLowerCase() === 'private');
      const botsWord = rest.find((w) => w.toLowerCase().startsWith('bots='));
      const bots = botsWord === undefined ? 0 : Number(botsWord.slice(5));
      if (!Number.isInteger(bots) || bots < 0 || bots > 7) return usage(`${usageLine}: bots= takes 0 to 7`);
      const others = rest.filter((w) => w !== botsWord && w.toLowerCase() !== 'private');
      const parsed = readMatchWords(others, 'tanks');
      if (parsed.problem !== undefined) return usage(`${usageLine}: ${parsed.problem}`);
      return request({
        type: 'table.create',
        data: {
          ...(parsed.game === undefined ? {} : { game: parsed.game }),
          ...(Object.keys(parsed.options).length === 0 ? {} : { options: parsed.options }),
          ...(isPrivate ? { private: true } : {}),
          ...(bots === 0 ? {} : { bots }),
        },
      });
    }
    case 'join': {
      const target = rest[0];
      if (target === undefined) return usage('/table join ID|CODE');
      // Table ids are ten hexadecimal digits; join codes six letters and digits.
      return request({
        type: 'table.join',
        data: /^[0-9a-f]{10}$/.test(target) ? { id: target } : { code: target },
      });
    }
    case 'start':
      return request({ type: 'table.start', data: {} });
    case 'leave':
      return request({ type: 'table.leave', data: {} });
    default:
      return usage(usageLine);
  }
};

/** `/analyze`: a word of digits 1–7 is a position, any other word a match id (then a ply). */
const analyzeRequest = (args: readonly string[]): TextInput => {
  const [first, second] = args;
  const usageLine = '/analyze [MATCH [PLY] | POSITION]';
  if (first === undefined) return request({ type: 'analysis.get', data: {} });
  if (/^[1-7]+$/.test(first) && second === undefined) {
    return request({ type: 'analysis.get', data: { position: first } });
  }
  if (second !== undefined && !/^\d{1,2}$/.test(second))
    return usage(`${usageLine}: PLY is a number of moves`);
  return request({
    type: 'analysis.get',
    data: { match: first, ...(second === undefined ? {} : { ply: Number(second) }) },
  });
};

/** `key=value` words of `/challenge`, `/private`, `/queue`: who starts, clocks, other game options. */
interface MatchWords {
  game?: string;
  options: Record<string, unknown>;
  clock: { moveMs?: number; gameMs?: number };
  problem?: string;
}

const readMatchWords = (words: readonly string[], defaultGame = 'connect4'): MatchWords => {
  const result: MatchWords = { options: {}, clock: {} };
  for (const word of words) {
    const eq = word.indexOf('=');
    if (eq === -1) {
      if (result.game !== undefined) return { ...result, problem: `"${word}": only one game` };
      result.game = word.toLowerCase();
      continue;
    }
    const key = word.slice(0, eq).toLowerCase();
    const value = word.slice(eq + 1);
    if (key === 'time' || key === 'move') {
      const ms = parseDuration(value);
      if (ms === undefined) return { ...result, problem: `"${value}" is not a duration (30s, 5m, 1h)` };
      result.clock[key === 'time' ? 'gameMs' : 'moveMs'] = ms;
    } else if (key === 'first') {
      const first = FIRST[value.toLowerCase() as keyof typeof FIRST];
      if (first === undefined) return { ...result, problem: 'first= takes me, them or random' };
      result.options.firstSeat = first;
    } else {
      result.options[word.slice(0, eq)] = value;
    }
  }
  // Typed words are strings: give each option the type its game declares (the server checks it).
  const specs = findGame(result.game ?? defaultGame)?.options ?? {};
  for (const [name, value] of Object.entries(result.options)) {
    if (typeof value !== 'string') continue;
    const spec = specs[name];
    if (spec?.type === 'integer' && /^-?\d+$/.test(value)) result.options[name] = Number(value);
    if (spec?.type === 'boolean' && (value === 'true' || value === 'false'))
      result.options[name] = value === 'true';
    if (spec?.type === 'choice') {
      const same = spec.values.find((v) => String(v) === value);
      if (same !== undefined) result.options[name] = same;
    }
  }
  return result;
};

const words = (text: string): string[] => text.split(/\s+/).filter((w) => w !== '');

/** A game command line (`rest` is what follows the command word), as a request. */
export const parseGameCommand = (name: string, rest: string): TextInput | undefined => {
  const args = words(rest);
  const [first, ...others] = args;
  switch (name) {
    case 'players':
      return request({ type: 'player.list', data: {} });
    case 'challenge': {
      if (first === undefined)
        return usage('/challenge NAME [GAME] [first=me|them|random] [time=5m] [move=30s]');
      const parsed = readMatchWords(others);
      if (parsed.problem !== undefined) return usage(`/challenge NAME [GAME] [...]: ${parsed.problem}`);
      return request({
        type: 'challenge.send',
        data: {
          to: first,
          ...(parsed.game === undefined ? {} : { game: parsed.game }),
          ...(Object.keys(parsed.options).length === 0 ? {} : { options: parsed.options }),
          ...(Object.keys(parsed.clock).length === 0 ? {} : { clock: parsed.clock }),
        },
      });
    }
    case 'private':
    case 'queue': {
      const parsed = readMatchWords(args);
      if (parsed.problem !== undefined) return usage(`/${name} [GAME] [...]: ${parsed.problem}`);
      const clock = Object.keys(parsed.clock).length === 0 ? {} : { clock: parsed.clock };
      const game = parsed.game === undefined ? {} : { game: parsed.game };
      if (name === 'queue') {
        if (Object.keys(parsed.options).length > 0) {
          return usage(
            '/queue [GAME] [time=5m] [move=30s]: who starts is drawn; for options use /challenge or /private',
          );
        }
        return request({ type: 'queue.join', data: { ...game, ...clock } });
      }
      const options = Object.keys(parsed.options).length === 0 ? {} : { options: parsed.options };
      return request({ type: 'match.create', data: { ...game, ...options, ...clock } });
    }
    case 'computer':
      return computerRequest(args);
    case 'accept':
      return request({ type: 'challenge.accept', data: first === undefined ? {} : { from: first } });
    case 'decline': {
      const reason = rest
        .trim()
        .slice((first ?? '').length)
        .trim();
      return request({
        type: 'challenge.decline',
        data: { ...(first === undefined ? {} : { from: first }), ...(reason === '' ? {} : { reason }) },
      });
    }
    case 'cancel':
      return request({ type: 'challenge.cancel', data: first === undefined ? {} : { to: first } });
    case 'unqueue':
      return request({ type: 'queue.leave', data: {} });
    case 'tables':
      return request({ type: 'table.list', data: first === undefined ? {} : { game: first } });
    case 'table':
      return tableRequest(args);
    case 'code':
      return first === undefined
        ? usage('/code CODE')
        : request({ type: 'match.join', data: { code: first } });
    case 'play':
      return first === undefined ? usage('/play N') : request({ type: 'match.move', data: { text: first } });
    case 'resign':
      return request({ type: 'match.resign', data: {} });
    case 'rematch':
      return request({ type: 'match.rematch', data: {} });
    case 'board':
      return request({ type: 'match.get', data: first === undefined ? {} : { match: first } });
    case 'matches':
      return request({ type: 'match.list', data: {} });
    case 'watch':
      return first === undefined
        ? usage('/watch MATCH')
        : request({ type: 'match.watch', data: { match: first } });
    case 'unwatch':
      return first === undefined
        ? usage('/unwatch MATCH')
        : request({ type: 'match.unwatch', data: { match: first } });
    case 'history':
      return request({ type: 'record.list', data: first === undefined ? {} : { player: first } });
    case 'replay':
      return first === undefined
        ? usage('/replay MATCH')
        : request({ type: 'record.get', data: { id: first } });
    case 'analyze':
      return analyzeRequest(args);
    default:
      return undefined;
  }
};
