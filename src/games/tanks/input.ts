import type { Json } from '../game.ts';
import { type GameError, GameErrorCode, gameError } from '../game-error.ts';
import { err, ok, type Result } from '../result.ts';
import { ANGLE_STEPS } from './trig.ts';

/** -1, 0 or 1: backward/none/forward for the throttle, counter-clockwise/none/clockwise for turning. */
export type Axis = -1 | 0 | 1;

/**
 * What a player holds down during a tick. JSON `{"throttle": 1, "turn": 0, "aim": 1024, "fire": true}`.
 * The aim is the absolute direction (not relative to the hull) the turret should point to, in
 * angle steps 0 … 4095 (0 = east, 1024 = south: clockwise on screen); the turret turns toward it
 * at its own rate. An angle rather than a target point, so that an input means the same thing
 * wherever the tank has moved to by the time the server applies it.
 */
export interface TankInput {
  /** 1 drives forward, -1 backward (brakes first), 0 lets the tank coast to a stop. */
  readonly throttle: Axis;
  /** 1 turns the hull clockwise on screen, -1 counter-clockwise. */
  readonly turn: Axis;
  /** Direction for the turret, 0 … 4095. */
  readonly aim: number;
  /** Fire as soon as the gun is ready. */
  readonly fire: boolean;
}

const SHAPE =
  'a tank input is {"throttle": -1|0|1, "turn": -1|0|1, "aim": integer 0-4095, "fire": true|false} and nothing else';

/** -1, 0 or 1 as an `Axis` (-0 becomes 0), or `undefined`. */
const axisOf = (value: unknown): Axis | undefined =>
  value === 1 ? 1 : value === -1 ? -1 : value === 0 ? 0 : undefined;

/** An input from its JSON form (untrusted): exactly the four fields, in range, or `GAME_BAD_INPUT`. */
export function parseInput(raw: unknown): Result<TankInput, GameError> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return err(gameError(GameErrorCode.GAME_BAD_INPUT, SHAPE));
  }
  const { throttle, turn, aim, fire, ...rest } = raw as Record<string, unknown>;
  const throttleAxis = axisOf(throttle);
  const turnAxis = axisOf(turn);
  if (
    throttleAxis === undefined ||
    turnAxis === undefined ||
    !Number.isInteger(aim) ||
    (aim as number) < 0 ||
    (aim as number) >= ANGLE_STEPS ||
    typeof fire !== 'boolean' ||
    Object.keys(rest).length > 0
  ) {
    return err(gameError(GameErrorCode.GAME_BAD_INPUT, SHAPE));
  }
  return ok({ throttle: throttleAxis, turn: turnAxis, aim: (aim as number) + 0, fire });
}

/** The JSON form of an input. */
export const makeInput = (input: TankInput): Json => ({
  throttle: input.throttle,
  turn: input.turn,
  aim: input.aim,
  fire: input.fire,
});
