import type { GameDefinition, Seat } from './game.ts';
import { type OptionValues, parseOptions } from './options.ts';
import { findGame } from './registry.ts';

type TurnBased = GameDefinition<unknown, unknown, unknown, OptionValues>;

/** One move of a replayed game: who played it and how it is written. */
export interface ReplayedMove {
  readonly seat: Seat;
  readonly text: string;
}

/** Every position of a finished turn-based game, rebuilt with the game's own rules (F3). */
export interface ReplayedGame {
  readonly game: TurnBased;
  /** `views[k]` is the spectator's view after `k` moves; `views[0]` the start. */
  readonly views: readonly unknown[];
  readonly moves: readonly ReplayedMove[];
  /** The number (from 1) of a stored move that could not be replayed: the positions stop before it. */
  readonly brokenAt?: number;
}

/**
 * Replays the moves of a stored match (options, seed and moves as JSON, untrusted): every position
 * from the start to the last move. `undefined` when the game is unknown here, not turn-based, or
 * its start cannot be created from the options.
 */
export function replayGame(
  gameId: string,
  options: unknown,
  seed: number,
  moves: readonly unknown[],
): ReplayedGame | undefined {
  const found = findGame(gameId);
  if (found === undefined || found.kind !== 'turn-based') return undefined;
  const game: TurnBased = found;
  const parsed = parseOptions(game.options, options);
  const created = game.create(parsed.ok ? parsed.value : (options as OptionValues), seed);
  if (!created.ok) return undefined;
  let state = created.value;
  const views = [game.view(state, 'spectator')];
  const played: ReplayedMove[] = [];
  for (const [i, raw] of moves.entries()) {
    const move = game.parseMove(raw);
    const seat = game.toMove(state);
    const next = move.ok && seat !== null ? game.play(state, seat, move.value) : undefined;
    if (!move.ok || seat === null || next === undefined || !next.ok) {
      return { game, views, moves: played, brokenAt: i + 1 };
    }
    state = next.value;
    played.push({ seat, text: game.makeMoveText(move.value) });
    views.push(game.view(state, 'spectator'));
  }
  return { game, views, moves: played };
}
