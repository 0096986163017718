import { type GameError, GameErrorCode, gameError } from './game-error.ts';
import { err, ok, type Result } from './result.ts';

/** The value of one game option. */
export type OptionValue = string | number | boolean;

/** Option values by name, as `create` receives them once checked. */
export type OptionValues = { readonly [name: string]: OptionValue };

interface OptionHelp {
  /** One sentence for people choosing the option. */
  readonly help: string;
}

/** One value out of a fixed list (numbers, strings or both: `[0, 1, 'random']`). */
export interface ChoiceOption extends OptionHelp {
  readonly type: 'choice';
  readonly values: readonly OptionValue[];
  readonly default: OptionValue;
}

/** An integer in `[min, max]`. */
export interface IntegerOption extends OptionHelp {
  readonly type: 'integer';
  readonly min: number;
  readonly max: number;
  readonly default: number;
}

/** `true` or `false`. */
export interface BooleanOption extends OptionHelp {
  readonly type: 'boolean';
  readonly default: boolean;
}

/** A string of at most `maxLength` characters, matching `pattern` (a regular expression source) if given. */
export interface StringOption extends OptionHelp {
  readonly type: 'string';
  readonly maxLength: number;
  readonly pattern?: string;
  readonly default: string;
}

/** One option: its type, default, allowed values and help. Plain data, sent as is in `game.list`. */
export type OptionSpec = ChoiceOption | IntegerOption | BooleanOption | StringOption;

/**
 * The options of a game by name. Write it `as const satisfies OptionsSchema` and derive the
 * options type from it with `OptionsOf`, so the schema stays the single source of truth.
 * @example
 * const schema = {
 *   firstSeat: { type: 'choice', values: [0, 1, 'random'], default: 'random', help: 'Who moves first.' },
 * } as const satisfies OptionsSchema;
 * type Options = OptionsOf<typeof schema>; // { readonly firstSeat: 0 | 1 | 'random' }
 */
export type OptionsSchema = { readonly [name: string]: OptionSpec };

type ValueOf<Spec> = Spec extends { readonly type: 'choice'; readonly values: readonly (infer V)[] }
  ? V
  : Spec extends { readonly type: 'integer' }
    ? number
    : Spec extends { readonly type: 'boolean' }
      ? boolean
      : Spec extends { readonly type: 'string' }
        ? string
        : never;

/** The options type a schema describes. */
export type OptionsOf<Schema extends OptionsSchema> = {
  readonly [Name in keyof Schema]: ValueOf<Schema[Name]>;
};

/** The default of every option of a schema. */
export function defaultOptions<Schema extends OptionsSchema>(schema: Schema): OptionsOf<Schema> {
  return Object.fromEntries(
    Object.entries(schema).map(([name, spec]) => [name, spec.default]),
  ) as OptionsOf<Schema>;
}

/** A short description of an untrusted value for an error message (never throws). */
function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object' && value !== null) return 'an object';
  return String(value);
}

/** Why `value` does not fit `spec`, or `undefined` when it does. */
function checkOption(spec: OptionSpec, value: unknown): string | undefined {
  switch (spec.type) {
    case 'choice':
      return spec.values.includes(value as OptionValue)
        ? undefined
        : `must be one of ${spec.values.map(show).join(', ')}`;
    case 'integer':
      return Number.isInteger(value) && (value as number) >= spec.min && (value as number) <= spec.max
        ? undefined
        : `must be an integer from ${spec.min} to ${spec.max}`;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'must be true or false';
    case 'string':
      if (typeof value !== 'string') return 'must be a string';
      if (value.length > spec.maxLength) return `must be at most ${spec.maxLength} characters`;
      if (spec.pattern !== undefined && !new RegExp(spec.pattern, 'u').test(value)) {
        return `must match /${spec.pattern}/`;
      }
      return undefined;
  }
}

/**
 * Checks untrusted options (JSON from a client) against a schema and fills in the defaults.
 * `undefined` and `null` mean "all defaults". Unknown names are refused, so a typo is not silently
 * ignored. Every problem is reported at once, in one `GAME_BAD_OPTIONS` error.
 */
export function parseOptions<Schema extends OptionsSchema>(
  schema: Schema,
  raw: unknown,
): Result<OptionsOf<Schema>, GameError> {
  if (raw === undefined || raw === null) return ok(defaultOptions(schema));
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    return err(gameError(GameErrorCode.GAME_BAD_OPTIONS, 'options must be a JSON object'));
  }
  const given = raw as Record<string, unknown>;
  const problems: string[] = [];
  const values: Record<string, OptionValue> = {};
  for (const name of Object.keys(given)) {
    if (!Object.hasOwn(schema, name)) problems.push(`unknown option ${show(name)}`);
  }
  for (const [name, spec] of Object.entries(schema)) {
    const value = Object.hasOwn(given, name) ? given[name] : spec.default;
    const problem = checkOption(spec, value);
    if (problem === undefined) values[name] = value as OptionValue;
    else problems.push(`option ${name} ${problem} (got ${show(value)})`);
  }
  if (problems.length > 0) return err(gameError(GameErrorCode.GAME_BAD_OPTIONS, problems.join('; ')));
  return ok(values as OptionsOf<Schema>);
}
