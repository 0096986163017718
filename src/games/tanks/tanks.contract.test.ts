import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defineGameContract, PROPERTY_SEED } from '../contract.ts';
import type { Json, RealtimeGameDefinition, Seat } from '../game.ts';
import { GameErrorCode } from '../game-error.ts';
import type { OptionValues } from '../options.ts';
import { tanks } from './index.ts';
import type { TankInput } from './input.ts';

// The checks of contract.ts every game passes. contract.ts has no real-time branch yet (it stops
// after the common checks for a real-time game), so the real-time rules of game.ts are checked
// below by `defineRealtimeChecks`, written for any `RealtimeGameDefinition` so that it can move
// into contract.ts as that branch.
defineGameContract(tanks);

interface RealtimeChecks<Input, Options extends OptionValues> {
  /** Options for a short match, so that random matches reach their outcome quickly. */
  readonly options: Options;
  /** Valid inputs. */
  readonly inputs: fc.Arbitrary<Input>;
  /** A match still running after this many ticks fails. */
  readonly maxTicks: number;
  readonly numRuns?: number;
}

const jsonRoundTrip = (value: unknown): Json => JSON.parse(JSON.stringify(value)) as Json;

function defineRealtimeChecks<State, Input, Snapshot, Options extends OptionValues>(
  game: RealtimeGameDefinition<State, Input, Snapshot, Options>,
  checks: RealtimeChecks<Input, Options>,
): void {
  const params = { seed: PROPERTY_SEED, numRuns: checks.numRuns ?? 10 };
  const dtMs = 1000 / game.tickRateHz;
  // A match: a seed, and per tick which seats send which of a few inputs (absent: idle).
  const matches = fc.record({
    seed: fc.integer(),
    palette: fc.array(checks.inputs, { minLength: 1, maxLength: 8 }),
    picks: fc.array(fc.nat(), { minLength: 1, maxLength: 50 }),
  });

  /** Plays to the outcome; keeps every state and a deep copy of every 50th, taken before use. */
  function play(seed: number, palette: readonly Input[], picks: readonly number[]) {
    const created = game.create(checks.options, seed);
    if (!created.ok) throw new Error(created.error.message);
    const seats = game.seatCount(created.value);
    const states = [created.value];
    const copies = new Map<number, State>([[0, structuredClone(created.value)]]);
    const log: Map<Seat, Input>[] = [];
    for (let tick = 0; game.outcome(states.at(-1)!) === undefined; tick++) {
      if (tick >= checks.maxTicks) throw new Error(`${game.id}: no outcome after ${checks.maxTicks} ticks`);
      const inputs = new Map<Seat, Input>();
      for (let seat = 0; seat < seats; seat++) {
        const pick = picks[(Math.floor(tick / 20) * seats + seat) % picks.length]!;
        if (pick % (palette.length + 1) < palette.length)
          inputs.set(seat, palette[pick % (palette.length + 1)]!);
      }
      log.push(inputs);
      const next = game.advance(states.at(-1)!, inputs, dtMs);
      if ((tick + 1) % 50 === 0) copies.set(tick + 1, structuredClone(next));
      states.push(next);
    }
    return { states, copies, log, seats };
  }

  describe(`${game.id} keeps the real-time contract`, () => {
    it('steps a whole number of times a second', () => {
      expect(Number.isInteger(game.tickRateHz) && game.tickRateHz > 0).toBe(true);
    });

    it('gives back every input from its JSON form, and answers any JSON with an input or GAME_BAD_INPUT', () => {
      fc.assert(
        fc.property(checks.inputs, fc.anything(), (input, raw) => {
          expect(game.parseInput(jsonRoundTrip(game.makeInput(input)))).toStrictEqual({
            ok: true,
            value: input,
          });
          const parsed = game.parseInput(raw);
          if (!parsed.ok) expect(parsed.error.code).toBe(GameErrorCode.GAME_BAD_INPUT);
          else expect(game.parseInput(jsonRoundTrip(game.makeInput(parsed.value)))).toStrictEqual(parsed);
        }),
        { ...params, numRuns: 200 },
      );
    });

    it('plays random inputs to an outcome without throwing, then stays put', () => {
      fc.assert(
        fc.property(matches, ({ seed, palette, picks }) => {
          const { states, log, seats } = play(seed, palette, picks);
          const end = states.at(-1)!;
          const outcome = game.outcome(end)!;
          expect(states.every((state) => game.seatCount(state) === seats)).toBe(true);
          expect(states.slice(0, -1).every((state) => game.outcome(state) === undefined)).toBe(true);
          if (outcome.winner !== null) expect(outcome.winner >= 0 && outcome.winner < seats).toBe(true);
          expect(outcome.reason).toMatch(/^[a-z][a-z-]*$/);
          expect(outcome.scores === undefined || outcome.scores.length === seats).toBe(true);
          expect(jsonRoundTrip(outcome)).toStrictEqual(outcome);
          expect(log.slice(-5).every((inputs) => game.advance(end, inputs, dtMs) === end)).toBe(true);
        }),
        params,
      );
    });

    it('shows every seat and spectators a JSON snapshot', () => {
      fc.assert(
        fc.property(matches, ({ seed, palette, picks }) => {
          const { states, seats } = play(seed, palette, picks);
          for (const state of [states[0]!, states[Math.floor(states.length / 2)]!, states.at(-1)!]) {
            for (const viewer of [
              ...Array.from({ length: seats }, (_, seat) => seat),
              'spectator' as const,
            ]) {
              const snapshot = game.snapshot(state, viewer);
              expect(jsonRoundTrip(snapshot)).toStrictEqual(snapshot);
            }
          }
        }),
        { ...params, numRuns: Math.ceil(params.numRuns / 2) },
      );
    });

    it('never changes a state it was given, and replays a match exactly from its seed and inputs', () => {
      fc.assert(
        fc.property(matches, ({ seed, palette, picks }) => {
          const { states, copies, log } = play(seed, palette, picks);
          for (const [tick, copy] of copies) expect(states[tick]).toStrictEqual(copy);
          let replayed: State = states[0] as State;
          for (const inputs of log) replayed = game.advance(replayed, inputs, dtMs);
          expect(replayed).toStrictEqual(states.at(-1));
        }),
        { ...params, numRuns: Math.ceil(params.numRuns / 2) },
      );
    });
  });
}

const axis = fc.constantFrom(-1 as const, 0 as const, 1 as const);
defineRealtimeChecks(tanks, {
  options: { seats: 4, map: 'maze', durationSeconds: 30, scoreLimit: 3 },
  inputs: fc
    .record({ throttle: axis, turn: axis, aim: fc.integer({ min: 0, max: 4095 }), fire: fc.boolean() })
    .map((input): TankInput => ({ ...input })),
  maxTicks: 30 * 60,
});
