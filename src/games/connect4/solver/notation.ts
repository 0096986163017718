import { type GameError, GameErrorCode, gameError } from '../../game-error.ts';
import { err, ok, type Result } from '../../result.ts';
import { parsePosition } from '../notation.ts';
import type { SolverPosition } from './position.ts';

//
// Positions in the notation of Pons' benchmark sets and of Parlor (../notation.ts): the columns
// played from the empty board, 1–7, "4453". The solver takes the same strings, with one more
// refusal: a game that is already won (the last move made four in a row) has no score to find.
// A full board (42 moves, nobody won) is accepted: a draw, score 0.
//

/**
 * The solver position reached by `text`, or `GAME_BAD_POSITION` naming the first bad move: a
 * character that is not 1–7, a move into a full column, a move after four in a row, or a game
 * that ends with four in a row.
 * @example
 * parseSolverPosition('4453'); // ok
 * parseSolverPosition('4x');   // error: move 2 ("x") is not a column 1-7
 */
export function parseSolverPosition(text: string): Result<SolverPosition, GameError> {
  const parsed = parsePosition(text);
  if (!parsed.ok) return parsed;
  const state = parsed.value;
  if (state.outcome?.reason === 'four-in-a-row') {
    return err(
      gameError(
        GameErrorCode.GAME_BAD_POSITION,
        `move ${text.length} makes four in a row: the game is over, there is nothing to solve`,
      ),
    );
  }
  return ok(state.board);
}
