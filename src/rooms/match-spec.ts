import { findGame, parseOptions } from '../games/index.ts';
import { type Rejection, reject } from '../server/index.ts';
import type { TurnBasedGame } from './match.ts';
import { timeControlOf } from './match-clock.ts';
import { type MatchSpec, sentence } from './match-host.ts';

/** The game of `/challenge NAME` without a game. */
export const DEFAULT_GAME = 'connect4';

/** A turn-based game by id (from a client: looked up, never trusted). */
export const turnBasedGame = (id: string | undefined): TurnBasedGame | Rejection => {
  const game = findGame(id ?? DEFAULT_GAME);
  if (game === undefined) {
    return reject('GAME_UNKNOWN', `There is no game "${String(id).slice(0, 32)}"; /games lists them.`);
  }
  if (game.kind !== 'turn-based') {
    return reject(
      'GAME_UNKNOWN',
      `${game.name} is a real-time game: it is played at a table (table.create, /table), not by challenge.`,
    );
  }
  return game;
};

/** What a request asks to play: a known game, options its specs accept and that make a game, limits. */
export const matchSpecOf = (
  data: {
    game?: string | undefined;
    options?: Record<string, unknown> | undefined;
    clock?: { moveMs?: number; gameMs?: number } | undefined;
  },
  isPrivate: boolean,
): MatchSpec | Rejection => {
  const game = turnBasedGame(data.game);
  if ('code' in game) return game;
  const options = parseOptions(game.options, data.options);
  if (!options.ok) return reject('GAME_BAD_OPTIONS', sentence(`${game.name}: ${options.error.message}`));
  const trial = game.create(options.value, 0);
  if (!trial.ok) return reject('GAME_BAD_OPTIONS', sentence(`${game.name}: ${trial.error.message}`));
  return { game, options: options.value, timeControl: timeControlOf(data.clock), private: isPrivate };
};

/** Whether a value is a rejection rather than what was asked for. */
export const isRejection = (value: object): value is Rejection => 'code' in value && 'message' in value;
