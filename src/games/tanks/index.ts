/**
 * The tank arena (H1): 2 to 8 tanks on an ASCII-art map drive, aim, shoot (bouncing bullets on
 * some maps), die and respawn until the timer or a score limit ends the match; and a bot brain
 * (H4) that plays from snapshots. Pure, fixed-step, integer physics. Must not import anything
 * outside src/games/.
 */

import type { RealtimeGameDefinition } from '../game.ts';
import { GameErrorCode, gameError } from '../game-error.ts';
import type { OptionsOf, OptionsSchema } from '../options.ts';
import { err, ok } from '../result.ts';
import { type RngState, seedRng } from '../rng.ts';
import { NEW_BOT_MEMORY as START_MEMORY, type TankBotMemory, tankBot } from './bot.ts';
import { TICK_RATE_HZ } from './constants.ts';
import { makeInput, parseInput, type TankInput } from './input.ts';
import { MAP_SOURCES, MAPS } from './maps.ts';
import { renderText as renderScoreboard, snapshotOf, type TanksSnapshot } from './snapshot.ts';
import { advance } from './step.ts';
import { createState, type TanksState } from './world.ts';

export {
  type Arena,
  circleHitsWall,
  isInWall,
  isWallCell,
  MAP_LIMITS,
  type MapSource,
  type Point,
  parseArena,
  tankHitsWall,
} from './arena.ts';
export {
  NEW_BOT_MEMORY,
  type TankBotDecision,
  type TankBotMemory,
  type TankBotOptions,
  tankBot,
} from './bot.ts';
export { MUZZLE_UNITS, TANK_RULES, TICK_RATE_HZ, UNITS_PER_PIXEL } from './constants.ts';
export { type Axis, makeInput, parseInput, type TankInput } from './input.ts';
export { MAP_IDS, MAP_SOURCES, MAPS } from './maps.ts';
export { predictStep, predictTank } from './predict.ts';
export {
  type BulletRow,
  EventKind,
  type EventRow,
  formatTicks,
  parseSnapshot,
  renderArena,
  renderText,
  type ScoreRow,
  type SnapshotEnd,
  snapshotOf,
  type TankRow,
  type TanksSnapshot,
  ticksLeft,
} from './snapshot.ts';
export { advance } from './step.ts';
export { ANGLE_STEPS, angleDiff, angleOf, cos, sin, TRIG_ONE } from './trig.ts';
export {
  type Bullet,
  createState,
  type MatchSetup,
  type Tank,
  type TankEvent,
  type TankEventKind,
  type TanksEndReason,
  type TanksOutcome,
  type TanksState,
} from './world.ts';

const tanksOptions = {
  seats: { type: 'integer', min: 2, max: 8, default: 2, help: 'Players, one tank each.' },
  map: {
    type: 'choice',
    values: MAP_SOURCES.map((source) => source.id),
    default: MAP_SOURCES[0]!.id,
    help: 'The arena to fight in.',
  },
  durationSeconds: {
    type: 'integer',
    min: 10,
    max: 1800,
    default: 180,
    help: 'Length of the match in seconds; most kills at the end wins.',
  },
  scoreLimit: {
    type: 'integer',
    min: 0,
    max: 100,
    default: 0,
    help: 'Kills that win the match at once; 0 for no limit.',
  },
} as const satisfies OptionsSchema;

/** The options of a tank match. */
export type TanksOptions = OptionsOf<typeof tanksOptions>;

/**
 * The tank arena as a `RealtimeGameDefinition`: 2 to 8 seats, 60 ticks a second, inputs
 * `{"throttle": -1|0|1, "turn": -1|0|1, "aim": 0-4095, "fire": bool}` (input.ts), the same
 * snapshot for every viewer (snapshot.ts), outcome reasons `time-up` and `score-limit` with the
 * kills of each seat as `scores`.
 * @example
 * const created = tanks.create({ seats: 2, map: 'arena', durationSeconds: 180, scoreLimit: 0 }, seed);
 * const next = created.ok && tanks.advance(created.value, new Map([[0, input]]), 1000 / 60);
 */
export const tanks: RealtimeGameDefinition<TanksState, TankInput, TanksSnapshot, TanksOptions> = {
  kind: 'realtime',
  id: 'tanks',
  name: 'Tank arena',
  seats: { min: 2, max: 8 },
  options: tanksOptions,
  tickRateHz: TICK_RATE_HZ,

  create(options, seed) {
    const arena = MAPS.get(options.map);
    if (arena === undefined) return err(gameError(GameErrorCode.GAME_BAD_OPTIONS, `no map ${options.map}`));
    const { seats, durationSeconds, scoreLimit } = options;
    if (!Number.isInteger(seats) || seats < 2 || seats > Math.min(8, arena.spawns.length)) {
      return err(gameError(GameErrorCode.GAME_BAD_OPTIONS, 'option seats must be an integer from 2 to 8'));
    }
    if (
      !Number.isInteger(durationSeconds) ||
      durationSeconds < 1 ||
      !Number.isInteger(scoreLimit) ||
      scoreLimit < 0
    ) {
      return err(gameError(GameErrorCode.GAME_BAD_OPTIONS, 'durationSeconds and scoreLimit must be counts'));
    }
    return ok(createState({ arena, seats, durationTicks: durationSeconds * TICK_RATE_HZ, scoreLimit }, seed));
  },

  seatCount: (state) => state.tanks.length,
  outcome: (state) => state.outcome ?? undefined,
  // The step is fixed (the contract passes 1000 / tickRateHz): all game time is counted in ticks.
  advance: (state, inputs) => advance(state, inputs),
  parseInput,
  makeInput,
  snapshot: snapshotOf,
  renderText: renderScoreboard,
  bot: {
    start: (_seat, seed) => ({ memory: START_MEMORY, rng: seedRng(seed) }),
    decide(snapshot, seat, state) {
      const { memory, rng } = state as { memory: TankBotMemory; rng: RngState };
      const arena = MAPS.get(snapshot.map);
      if (arena === undefined) return { input: { throttle: 0, turn: 0, aim: 0, fire: false }, memory: state };
      const decision = tankBot(snapshot, arena, seat, memory, rng);
      return { input: decision.input, memory: { memory: decision.memory, rng: decision.rng } };
    },
  },
};
