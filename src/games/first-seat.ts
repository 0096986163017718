import type { Seat } from './game.ts';
import type { ChoiceOption } from './options.ts';
import { nextInt, type Seed, seedRng } from './rng.ts';

/** The `firstSeat` option of two-seat games: seat 0, seat 1, or drawn from the game seed. */
export const firstSeatOption = (help: string) =>
  ({ type: 'choice', values: [0, 1, 'random'], default: 'random', help }) as const satisfies ChoiceOption;

/** The seat that moves first: the one asked for, or one drawn from `seed` for `'random'`. */
export const pickFirstSeat = (choice: 0 | 1 | 'random', seed: Seed): Seat =>
  choice === 'random' ? nextInt(seedRng(seed), 2)[0] : choice;
