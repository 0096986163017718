/**
 * Why a game refused something. Games reject with these codes and never throw on bad input; a
 * host turns them into protocol errors. Prefixed by area, like every error code of Parlor.
 */
export const GameErrorCode = {
  /** The options are missing, of the wrong type, out of range, or inconsistent. */
  GAME_BAD_OPTIONS: 'GAME_BAD_OPTIONS',
  /** The seat is not a seat of this game. */
  GAME_BAD_SEAT: 'GAME_BAD_SEAT',
  /** The move does not parse: wrong shape, wrong type, unknown notation. */
  GAME_BAD_MOVE: 'GAME_BAD_MOVE',
  /** The move is well formed but not legal in this position (a full column, a taken cell). */
  GAME_ILLEGAL_MOVE: 'GAME_ILLEGAL_MOVE',
  /** The seat that played is not the seat to move. */
  GAME_NOT_YOUR_TURN: 'GAME_NOT_YOUR_TURN',
  /** The game has ended: no move is accepted any more. */
  GAME_OVER: 'GAME_OVER',
  /** A real-time input does not parse. */
  GAME_BAD_INPUT: 'GAME_BAD_INPUT',
  /** A position written in a game's notation is malformed or unreachable. */
  GAME_BAD_POSITION: 'GAME_BAD_POSITION',
} as const;
export type GameErrorCode = (typeof GameErrorCode)[keyof typeof GameErrorCode];

/** A refusal: a stable code for programs and a sentence for people. */
export interface GameError {
  readonly code: GameErrorCode;
  readonly message: string;
}

/** Builds a `GameError`. */
export const gameError = (code: GameErrorCode, message: string): GameError => ({ code, message });
