import type { Seat } from '../games/index.ts';
import type { ServerData } from '../protocol/index.ts';
import type { TimeControl } from '../store/index.ts';

/** The clocks of one match (F2): a limit per move, a budget per player for the game, or both. */
export class MatchClock {
  readonly control: TimeControl;
  /** Game time left per seat at the start of the current turn; null without a game limit. */
  readonly #remaining: (number | null)[];
  #turnStartedAt: number;

  constructor(control: TimeControl, seats: number, now: number) {
    this.control = control;
    this.#remaining = Array.from({ length: seats }, () => control.gameMs);
    this.#turnStartedAt = now;
  }

  /** When `seat`, to move since the turn started, loses on time; null when no limit applies. */
  deadline(seat: Seat | null): number | null {
    if (seat === null) return null;
    const limits = [this.control.moveMs, this.#remaining[seat] ?? null].filter((ms) => ms !== null);
    return limits.length === 0 ? null : this.#turnStartedAt + Math.min(...limits);
  }

  /** Charges the time since the turn started to `seat`, and starts the next turn at `now`. */
  charge(seat: Seat, now: number): void {
    const left = this.#remaining[seat];
    if (left !== null && left !== undefined)
      this.#remaining[seat] = Math.max(0, left - (now - this.#turnStartedAt));
    this.#turnStartedAt = now;
  }

  /** The clocks for the protocol, with `toMove`'s deadline (null once the match is over). */
  state(toMove: Seat | null): ServerData<'match.started'>['clock'] {
    return { remainingMs: [...this.#remaining], deadlineAt: this.deadline(toMove) };
  }
}

/** The time control asked for in a request, with `null` for each limit not given. */
export const timeControlOf = (clock: { moveMs?: number; gameMs?: number } | undefined): TimeControl => ({
  moveMs: clock?.moveMs ?? null,
  gameMs: clock?.gameMs ?? null,
});
