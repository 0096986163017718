import { randomBytes } from 'node:crypto';
import type { OptionValues } from '../games/index.ts';
import type { ServerData } from '../protocol/index.ts';
import type { Session } from '../server/index.ts';
import type { TimeControl } from '../store/index.ts';
import { newJoinCode } from './join-code.ts';
import type { TurnBasedGame } from './match.ts';

/** An open challenge (E2) or a private match waiting for someone with its code (E4). */
export interface Challenge {
  readonly id: string;
  readonly from: Session;
  /** The challenged player; null for a private match, which anyone with the code may join. */
  readonly to: Session | null;
  readonly code: string | null;
  readonly game: TurnBasedGame;
  readonly options: OptionValues;
  readonly timeControl: TimeControl;
  readonly expiresAt: number;
  /** Names at creation (the protocol form must not change if someone renames). */
  readonly fromNick: string;
  readonly toNick: string | null;
  timer?: NodeJS.Timeout;
}

/** What a new challenge is made of. */
export type NewChallenge = Omit<Challenge, 'id' | 'code' | 'fromNick' | 'toNick' | 'timer'> & {
  readonly withCode: boolean;
};

/** The protocol form of a challenge. */
export const describeChallenge = (c: Challenge): ServerData<'challenge.sent'>['challenge'] => ({
  id: c.id,
  from: c.fromNick,
  to: c.toNick,
  code: c.code,
  game: c.game.id,
  options: { ...c.options },
  timeControl: c.timeControl,
  expiresAt: c.expiresAt,
});

/**
 * The open challenges and private matches, findable by id, join code, challenger and challenged.
 * Expiry timers are set by the caller; `remove` clears them.
 */
export class ChallengeBook {
  readonly #byId = new Map<string, Challenge>();
  readonly #byCode = new Map<string, Challenge>();

  get size(): number {
    return this.#byId.size;
  }

  add(spec: NewChallenge): Challenge {
    const { withCode, ...rest } = spec;
    const challenge: Challenge = {
      ...rest,
      id: `c${randomBytes(6).toString('hex')}`,
      code: withCode ? newJoinCode((code) => this.#byCode.has(code)) : null,
      fromNick: spec.from.nick as string,
      toNick: spec.to?.nick ?? null,
    };
    this.#byId.set(challenge.id, challenge);
    if (challenge.code !== null) this.#byCode.set(challenge.code, challenge);
    return challenge;
  }

  /** Forgets a challenge (answered, cancelled, expired); false if it was already gone. */
  remove(challenge: Challenge): boolean {
    clearTimeout(challenge.timer);
    if (challenge.code !== null) this.#byCode.delete(challenge.code);
    return this.#byId.delete(challenge.id);
  }

  byCode(code: string): Challenge | undefined {
    return this.#byCode.get(code);
  }

  /** Challenges sent by `session` (private matches included), oldest first. */
  from(session: Session): Challenge[] {
    return [...this.#byId.values()].filter((c) => c.from === session);
  }

  /** Challenges sent to `session`, oldest first. */
  to(session: Session): Challenge[] {
    return [...this.#byId.values()].filter((c) => c.to === session);
  }

  /** Every challenge `session` is part of, either way. */
  involving(session: Session): Challenge[] {
    return [...this.#byId.values()].filter((c) => c.from === session || c.to === session);
  }
}
