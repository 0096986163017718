import type { Seat } from '../game.ts';
import { nextInt, type RngState, seedRng } from '../rng.ts';
import { type Arena, arenaOf } from './arena.ts';
import { NEW_BOT_MEMORY, type TankBotMemory, type TankBotOptions, tankBot } from './bot.ts';
import { UNITS_PER_PIXEL } from './constants.ts';
import type { Axis, TankInput } from './input.ts';
import { snapshotOf } from './snapshot.ts';
import { advance } from './step.ts';
import { createState, type Tank, type TanksState } from './world.ts';

// Helpers for the tank tests: small arenas, states placed by hand, input logs and bot matches.

/** Pixels to units. */
export const px = (pixels: number): number => pixels * UNITS_PER_PIXEL;

/**
 * A closed 12 × 10 room of 32 px cells with spawn points in its four corners (centres at x 48 or
 * 336 px, y 48, 80, 240 or 272 px). Inner faces of the walls: x 32 and 352 px, y 32 and 288 px.
 */
export const ROOM = `
############
#S........S#
#S........S#
#..........#
#..........#
#..........#
#..........#
#S........S#
#S........S#
############
`;

/** An arena from a drawing (throws if it does not parse). */
export const testArena = (grid: string, bounces = 0, cellSize = 32): Arena =>
  arenaOf({ id: 'test', name: 'Test', cellSize, bounces, grid });

/** A started match on `arena` whose tanks are then changed as given (x, y in pixels). */
export function placed(
  arena: Arena,
  tanks: readonly (Partial<Tank> & { readonly xPx: number; readonly yPx: number })[],
  match: { readonly durationTicks?: number; readonly scoreLimit?: number; readonly seed?: number } = {},
): TanksState {
  const start = createState(
    {
      arena,
      seats: tanks.length,
      durationTicks: match.durationTicks ?? 3600,
      scoreLimit: match.scoreLimit ?? 0,
    },
    match.seed ?? 1,
  );
  return {
    ...start,
    tanks: start.tanks.map((tank, seat) => {
      const { xPx, yPx, ...rest } = tanks[seat]!;
      return { ...tank, heading: 0, turret: 0, ...rest, x: px(xPx), y: px(yPx) };
    }),
  };
}

/** An input with defaults: idle throttle and turn, aim east, no fire. */
export const input = (fields: Partial<TankInput> = {}): TankInput => ({
  throttle: 0,
  turn: 0,
  aim: 0,
  fire: false,
  ...fields,
});

/** `state` after `ticks` ticks of the same inputs (by seat). */
export function run(
  state: TanksState,
  ticks: number,
  inputs: ReadonlyMap<Seat, TankInput> = new Map(),
): TanksState {
  let s = state;
  for (let i = 0; i < ticks; i++) s = advance(s, inputs);
  return s;
}

/** Every state from `state` on, one per tick, while `until` is false (at most `max` ticks). */
export function trace(
  state: TanksState,
  inputs: ReadonlyMap<Seat, TankInput>,
  max: number,
  until: (s: TanksState) => boolean = () => false,
): TanksState[] {
  const states = [state];
  for (let i = 0; i < max && !until(states.at(-1)!); i++) states.push(advance(states.at(-1)!, inputs));
  return states;
}

/**
 * A random input log: each seat holds an input for 1 … 40 ticks, then picks another; about one
 * input in eight is none at all (the seat idles).
 */
export function randomInputLog(seats: number, ticks: number, seed: number): Map<Seat, TankInput>[] {
  let rng: RngState = seedRng(seed);
  const draw = (bound: number): number => {
    const [value, next] = nextInt(rng, bound);
    rng = next;
    return value;
  };
  const held: (TankInput | undefined)[] = new Array(seats).fill(undefined);
  const until = new Array<number>(seats).fill(0);
  const log: Map<Seat, TankInput>[] = [];
  for (let tick = 0; tick < ticks; tick++) {
    const inputs = new Map<Seat, TankInput>();
    for (let seat = 0; seat < seats; seat++) {
      if (tick >= until[seat]!) {
        until[seat] = tick + 1 + draw(40);
        held[seat] =
          draw(8) === 0
            ? undefined
            : {
                throttle: (draw(3) - 1) as Axis,
                turn: (draw(3) - 1) as Axis,
                aim: draw(4096),
                fire: draw(2) === 0,
              };
      }
      const current = held[seat];
      if (current !== undefined) inputs.set(seat, current);
    }
    log.push(inputs);
  }
  return log;
}

/** The bots of some seats, with their memories and generators, deciding from the snapshot of `state`. */
export class BotTable {
  readonly #memory: TankBotMemory[];
  readonly #rng: RngState[];
  readonly #options: TankBotOptions;
  constructor(seats: number, seed: number, options: TankBotOptions = {}) {
    this.#memory = Array.from({ length: seats }, () => NEW_BOT_MEMORY);
    this.#rng = Array.from({ length: seats }, (_, seat) => seedRng(seed * 31 + seat));
    this.#options = options;
  }

  /** The inputs of `seats` (each bot's decision) for the next tick of `state`. */
  decide(state: TanksState, seats: readonly Seat[]): Map<Seat, TankInput> {
    const snapshot = snapshotOf(state);
    const inputs = new Map<Seat, TankInput>();
    for (const seat of seats) {
      const decision = tankBot(
        snapshot,
        state.arena,
        seat,
        this.#memory[seat]!,
        this.#rng[seat]!,
        this.#options,
      );
      this.#memory[seat] = decision.memory;
      this.#rng[seat] = decision.rng;
      inputs.set(seat, decision.input);
    }
    return inputs;
  }
}

/** Recursively freezes the objects of a state not frozen yet, so a mutation anywhere throws. */
export function freeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) freeze(child);
  }
  return value;
}
