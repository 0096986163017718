import { connect4 } from './connect4/index.ts';
import type { AnyGameDefinition, SeatRange } from './game.ts';
import type { OptionsSchema } from './options.ts';
import { tanks } from './tanks/index.ts';
import { ticTacToe } from './tic-tac-toe/index.ts';

/**
 * Every game the server offers, in the order `game.list` shows them. Adding a game is one import
 * and one entry here (docs/adding-a-game.md); nothing else outside the game's folder changes.
 */
const definitions: readonly AnyGameDefinition[] = [connect4, ticTacToe, tanks];

/** The games by id. */
export const games: ReadonlyMap<string, AnyGameDefinition> = new Map(
  definitions.map((game) => [game.id, game]),
);

/** The game with this id, or `undefined` (ids come from clients: look them up, never trust them). */
export const findGame = (id: string): AnyGameDefinition | undefined => games.get(id);

/** What a client learns about one game before playing it: plain JSON for a `game.list` reply. */
export interface GameInfo {
  readonly id: string;
  readonly name: string;
  readonly kind: AnyGameDefinition['kind'];
  readonly seats: SeatRange;
  readonly options: OptionsSchema;
  /** Real-time games only: steps per second. */
  readonly tickRateHz?: number;
}

/** The description of one game. */
export function describeGame(game: AnyGameDefinition): GameInfo {
  const info = { id: game.id, name: game.name, kind: game.kind, seats: game.seats, options: game.options };
  return game.kind === 'realtime' ? { ...info, tickRateHz: game.tickRateHz } : info;
}

/** The description of every game, in registry order. */
export const listGames = (): GameInfo[] => [...games.values()].map(describeGame);
