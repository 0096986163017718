import type { Session } from '../server/index.ts';
import type { TimeControl } from '../store/index.ts';
import type { TurnBasedGame } from './match.ts';

/** One player waiting for an opponent. */
export interface Waiting {
  readonly session: Session;
  readonly game: TurnBasedGame;
  readonly timeControl: TimeControl;
}

/** Players are paired only with others who asked for the same game and the same time limits. */
export const queueKey = (game: TurnBasedGame, control: TimeControl): string =>
  `${game.id}/${control.moveMs ?? '-'}/${control.gameMs ?? '-'}`;

/**
 * The matchmaking queues (E3), one per game and time control, first come first served. (Ratings
 * do not exist yet; when they do, pairing looks for the nearest rating instead of the oldest.)
 */
export class Matchmaking {
  readonly #queues = new Map<string, Waiting[]>();

  /** Players waiting, all queues together. */
  get size(): number {
    let n = 0;
    for (const queue of this.#queues.values()) n += queue.length;
    return n;
  }

  /** How many wait in the queue `key`. */
  waiting(key: string): number {
    return this.#queues.get(key)?.length ?? 0;
  }

  /** Takes the longest-waiting player of queue `key`, if any. */
  takeFirst(key: string): Waiting | undefined {
    const queue = this.#queues.get(key);
    const first = queue?.shift();
    if (queue?.length === 0) this.#queues.delete(key);
    return first;
  }

  add(key: string, waiting: Waiting): void {
    const queue = this.#queues.get(key);
    if (queue === undefined) this.#queues.set(key, [waiting]);
    else queue.push(waiting);
  }

  /** Takes `session` out of queue `key`; the game id of that queue, or undefined if it was not there. */
  remove(key: string, session: Session): string | undefined {
    const queue = this.#queues.get(key);
    const index = queue?.findIndex((w) => w.session === session) ?? -1;
    if (queue === undefined || index === -1) return undefined;
    const [gone] = queue.splice(index, 1);
    if (queue.length === 0) this.#queues.delete(key);
    return gone?.game.id;
  }
}
