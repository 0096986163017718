import { randomInt } from 'node:crypto';
import type { SolverThread } from '../../analysis/index.ts';
import { Connect4Solver } from '../../games/index.ts';

/** What to think about: a Connect Four position where it is the bot's turn. */
export interface ThinkRequest {
  /** The columns played from the empty board, `"4453"` (the view's `moves`). */
  readonly moves: string;
  /** When to give up searching and play the heuristic's move, on the `now` clock; undefined: no limit. */
  readonly stopAt: number | undefined;
}

/** The move chosen. */
export interface Thought {
  /** The column to play, 1 to 7 (the wire's numbering). */
  readonly column: number;
  /** True when the search finished (a proven best move, before any mistake of the level). */
  readonly exact: boolean;
  /** True when the level chose to err on this move. */
  readonly mistake: boolean;
  /** Time spent, in ms. */
  readonly thinkMs: number;
}

/** Something that picks moves (`threadThinker`; tests may fake one). Requests are answered in order. */
export interface Thinker {
  think(request: ThinkRequest): Promise<Thought>;
  /** Frees what it holds (the worker); `think` must not be called afterwards. */
  close(): Promise<void>;
}

/**
 * A thinker on the solver thread of src/analysis (the one the server's computer player uses): one
 * solver and the opening book for the bot's whole life, never reset, so what it learnt on one move
 * speeds up the next ones; and a search of minutes never stops the client from answering the
 * server's pings (in this thread it would: the server would drop the bot, and after the resume
 * grace period end its match by abandonment).
 */
export function threadThinker(
  thread: SolverThread,
  level: Connect4Solver.PlayerLevel,
  now: () => number = Date.now,
): Thinker {
  return {
    think: async ({ moves, stopAt }) => {
      const startedAt = now();
      const choice = await thread.chooseMove({
        position: moves,
        level,
        seed: randomInt(2 ** 31),
        budgetMs: stopAt === undefined ? Number.POSITIVE_INFINITY : Math.max(0, stopAt - startedAt),
      });
      return {
        column: choice.column + 1,
        exact: choice.exact,
        mistake: choice.mistake,
        thinkMs: now() - startedAt,
      };
    },
    close: () => thread.close(),
  };
}

/**
 * A move at once, without a search (threat counting): what the bot plays when its thinker
 * failed. Undefined if the position is not playable.
 */
export function quickColumn(moves: string): number | undefined {
  const position = Connect4Solver.parseSolverPosition(moves);
  if (!position.ok || position.value.plies >= Connect4Solver.CELLS) return undefined;
  return Connect4Solver.heuristicColumn(position.value) + 1;
}
