import type { MatchResult } from './match-tracker.ts';

/** A finished game, from the bot's side. */
export type GameOutcome = 'win' | 'loss' | 'draw';

/** The outcome for the player at `seat`: no winner (a full board, an aborted match) is a draw. */
export const outcomeFor = (result: MatchResult, seat: number): GameOutcome =>
  result.seat === null ? 'draw' : result.seat === seat ? 'win' : 'loss';

/** The games a bot has played: each match counted once, however many times its end is heard of. */
export class Scoreboard {
  readonly #counted = new Set<string>();
  wins = 0;
  losses = 0;
  draws = 0;

  /** Games counted so far. */
  get played(): number {
    return this.#counted.size;
  }

  /** Counts the end of match `id`; false if it was already counted. */
  record(id: string, outcome: GameOutcome): boolean {
    if (this.#counted.has(id)) return false;
    this.#counted.add(id);
    if (outcome === 'win') this.wins++;
    else if (outcome === 'loss') this.losses++;
    else this.draws++;
    return true;
  }

  /** `wins 3, losses 1, draws 0`. */
  tally(): string {
    return `wins ${this.wins}, losses ${this.losses}, draws ${this.draws}`;
  }

  /** The last line a bot prints: `summary: 4 games, wins 3, losses 1, draws 0`. */
  summary(): string {
    return `summary: ${this.played} game${this.played === 1 ? '' : 's'}, ${this.tally()}`;
  }
}
