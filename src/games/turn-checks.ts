import type { Seat } from './game.ts';
import { type GameError, GameErrorCode, gameError } from './game-error.ts';

/**
 * The first checks of every two-seat turn-based `play`, in the contract's order: a real seat, the
 * game not over, that seat's turn. Undefined when the move may go on to its own legality check.
 */
export const checkTwoSeatTurn = (
  gameName: string,
  seat: Seat,
  over: boolean,
  toMove: Seat | null,
): GameError | undefined => {
  if (seat !== 0 && seat !== 1)
    return gameError(GameErrorCode.GAME_BAD_SEAT, `${gameName} has seats 0 and 1, not ${String(seat)}`);
  if (over) return gameError(GameErrorCode.GAME_OVER, 'the game is over');
  if (toMove !== seat) return gameError(GameErrorCode.GAME_NOT_YOUR_TURN, `it is seat ${toMove}'s turn`);
  return undefined;
};
