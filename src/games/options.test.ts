import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PROPERTY_SEED } from './contract.ts';
import { GameErrorCode } from './game-error.ts';
import { defaultOptions, type OptionsOf, type OptionsSchema, parseOptions } from './options.ts';

const schema = {
  firstSeat: { type: 'choice', values: [0, 1, 'random'], default: 'random', help: 'Who moves first.' },
  rounds: { type: 'integer', min: 1, max: 9, default: 3, help: 'Rounds to play.' },
  hints: { type: 'boolean', default: false, help: 'Show hints.' },
  start: { type: 'string', maxLength: 4, pattern: '^[1-7]*$', default: '', help: 'Start position.' },
} as const satisfies OptionsSchema;

describe('parseOptions', () => {
  it('fills in every default for nothing, null or an empty object', () => {
    const defaults: OptionsOf<typeof schema> = { firstSeat: 'random', rounds: 3, hints: false, start: '' };
    expect(defaultOptions(schema)).toEqual(defaults);
    for (const raw of [undefined, null, {}])
      expect(parseOptions(schema, raw)).toEqual({ ok: true, value: defaults });
  });

  it('keeps the values given and defaults the others', () => {
    expect(parseOptions(schema, { firstSeat: 1, hints: true, start: '44' })).toEqual({
      ok: true,
      value: { firstSeat: 1, rounds: 3, hints: true, start: '44' },
    });
  });

  it('reports every problem at once, unknown names included', () => {
    expect(
      parseOptions(schema, { firstSeat: 2, rounds: 1.5, hints: 'yes', start: '48', colour: 'red' }),
    ).toEqual({
      ok: false,
      error: {
        code: GameErrorCode.GAME_BAD_OPTIONS,
        message: [
          'unknown option "colour"',
          'option firstSeat must be one of 0, 1, "random" (got 2)',
          'option rounds must be an integer from 1 to 9 (got 1.5)',
          'option hints must be true or false (got "yes")',
          'option start must match /^[1-7]*$/ (got "48")',
        ].join('; '),
      },
    });
    expect(parseOptions(schema, { start: '12345' })).toMatchObject({
      ok: false,
      error: { message: 'option start must be at most 4 characters (got "12345")' },
    });
  });

  it('refuses options that are not an object', () => {
    for (const raw of [3, 'random', [1], true]) {
      expect(parseOptions(schema, raw)).toEqual({
        ok: false,
        error: { code: GameErrorCode.GAME_BAD_OPTIONS, message: 'options must be a JSON object' },
      });
    }
  });

  it('never throws, and whatever it accepts passes again unchanged (property)', () => {
    fc.assert(
      fc.property(fc.anything(), (raw) => {
        const parsed = parseOptions(schema, raw);
        if (parsed.ok) expect(parseOptions(schema, parsed.value)).toEqual(parsed);
        else expect(parsed.error.code).toBe(GameErrorCode.GAME_BAD_OPTIONS);
      }),
      { seed: PROPERTY_SEED, numRuns: 500 },
    );
  });
});
