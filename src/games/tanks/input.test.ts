import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PROPERTY_SEED } from '../contract.ts';
import { GameErrorCode } from '../game-error.ts';
import { makeInput, parseInput, type TankInput } from './input.ts';

const params = { seed: PROPERTY_SEED, numRuns: 300 };
const axis = fc.constantFrom(-1 as const, 0 as const, 1 as const);
// fast-check builds records without a prototype: copy them into plain objects like parseInput's.
const inputs = fc
  .record({ throttle: axis, turn: axis, aim: fc.integer({ min: 0, max: 4095 }), fire: fc.boolean() })
  .map((input): TankInput => ({ ...input }));

describe('tank input codec', () => {
  it('reads the four fields of a well-formed input', () => {
    expect(parseInput({ throttle: 1, turn: -1, aim: 1024, fire: true })).toEqual({
      ok: true,
      value: { throttle: 1, turn: -1, aim: 1024, fire: true },
    });
  });

  it('gives back every input from its JSON text', () => {
    fc.assert(
      fc.property(inputs, (input: TankInput) => {
        expect(parseInput(JSON.parse(JSON.stringify(makeInput(input))))).toStrictEqual({
          ok: true,
          value: input,
        });
      }),
      params,
    );
  });

  it('reads -0 as 0', () => {
    const parsed = parseInput({ throttle: -0, turn: -0, aim: -0, fire: false });
    expect(parsed.ok && Object.is(parsed.value.throttle, 0) && Object.is(parsed.value.aim, 0)).toBe(true);
  });

  const GARBAGE: readonly (readonly [string, unknown])[] = [
    ['null', null],
    ['a number', 3],
    ['a string', '{"throttle":1}'],
    ['an array', [1, 0, 0, true]],
    ['an empty object', {}],
    ['a missing field', { throttle: 1, turn: 0, aim: 0 }],
    ['an extra field', { throttle: 1, turn: 0, aim: 0, fire: false, boost: true }],
    ['a throttle of 2', { throttle: 2, turn: 0, aim: 0, fire: false }],
    ['a fractional turn', { throttle: 0, turn: 0.5, aim: 0, fire: false }],
    ['a string throttle', { throttle: '1', turn: 0, aim: 0, fire: false }],
    ['a NaN aim', { throttle: 0, turn: 0, aim: Number.NaN, fire: false }],
    ['an infinite aim', { throttle: 0, turn: 0, aim: Number.POSITIVE_INFINITY, fire: false }],
    ['an aim of 4096', { throttle: 0, turn: 0, aim: 4096, fire: false }],
    ['a negative aim', { throttle: 0, turn: 0, aim: -1, fire: false }],
    ['a fractional aim', { throttle: 0, turn: 0, aim: 12.5, fire: false }],
    ['a numeric fire', { throttle: 0, turn: 0, aim: 0, fire: 1 }],
    ['a null fire', { throttle: 0, turn: 0, aim: 0, fire: null }],
  ];

  it.each(GARBAGE)('refuses %s with GAME_BAD_INPUT', (_, raw) => {
    const parsed = parseInput(raw);
    expect(parsed.ok ? 'ok' : parsed.error.code).toBe(GameErrorCode.GAME_BAD_INPUT);
  });

  it('answers any JSON with an input or GAME_BAD_INPUT, never a throw', () => {
    fc.assert(
      fc.property(fc.anything(), (raw) => {
        const parsed = parseInput(raw);
        if (!parsed.ok) expect(parsed.error.code).toBe(GameErrorCode.GAME_BAD_INPUT);
        else expect(parseInput(makeInput(parsed.value))).toStrictEqual(parsed);
      }),
      params,
    );
  });
});
