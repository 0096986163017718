import { Connect4Solver } from '../../games/index.ts';

/** The clock of a turn as the server sent it (`match.started`, `match.update`, `match.state`). */
export interface TurnClock {
  /** The match's limits. */
  readonly timeControl: { readonly moveMs: number | null; readonly gameMs: number | null };
  /** Game time left per seat at the start of the turn, and when the seat to move loses (server time). */
  readonly clock: { readonly remainingMs: readonly (number | null)[]; readonly deadlineAt: number | null };
  /** The bot's seat (the seat to move). */
  readonly seat: number;
  /** Stones on the board. */
  readonly moves: number;
  /** When the message arrived, on the bot's clock. */
  readonly receivedAt: number;
}

/** Share of the time left for this move that the bot may think: the rest covers the network. */
export const MOVE_SHARE = 0.5;
/** Time always kept in hand for sending the move, in ms. */
export const SAFETY_MS = 250;

/**
 * When to stop thinking (on the bot's clock, like `now`), or undefined when the match has no time
 * limit (think as long as the level allows).
 *
 * The time left for the move is the smaller of two estimates: the turn's allowance (`moveMs`, or
 * the game time left if smaller) counted from when the message arrived, and the server's
 * `deadlineAt` against our clock. The first ignores clock skew but not a turn that began before
 * the message (a `match.state` fetched mid-turn); the second the reverse; a fast local clock
 * only makes the bot hurry. The bot thinks at most half of it, less `SAFETY_MS`, and with a game
 * clock at most an even share of its game time over the moves it may still have to play.
 */
export function thinkingDeadline(turn: TurnClock, now: number): number | undefined {
  const remaining = turn.clock.remainingMs[turn.seat] ?? null;
  const allowance = Math.min(turn.timeControl.moveMs ?? Infinity, remaining ?? Infinity);
  const left = Math.min(
    allowance - (now - turn.receivedAt),
    turn.clock.deadlineAt === null ? Infinity : turn.clock.deadlineAt - now,
  );
  if (left === Infinity) return undefined;
  const movesToGo = Math.max(2, Math.ceil((Connect4Solver.CELLS - turn.moves) / 2));
  const share = remaining === null ? Infinity : remaining / movesToGo;
  return now + Math.max(0, Math.min(left * MOVE_SHARE, left - SAFETY_MS, share));
}
