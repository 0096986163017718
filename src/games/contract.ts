import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AnyGameDefinition, GameDefinition, Json, Seat } from './game.ts';
import { GameErrorCode } from './game-error.ts';
import { defaultOptions, type OptionValues, parseOptions } from './options.ts';

// The behaviour the game contract (game.ts) promises, as one suite run against every registered
// game (registry.test.ts): random games from a seeded fast-check, checked move by move. A game's
// own tests add its rules (known positions, move counts); this suite checks it keeps the contract.

/** The fast-check seed of every games property test; a failure prints it with the failing path. */
export const PROPERTY_SEED = 0x6a3e5;

/** Tuning for one game's contract suite. */
export interface GameContractOptions {
  /** Random games per property. @default 150 */
  readonly numRuns?: number;
  /** A game still running after this many moves fails the "every game ends" rule. @default 10000 */
  readonly maxPlies?: number;
}

type TurnBased = GameDefinition<unknown, unknown, unknown, OptionValues>;

interface Playout {
  readonly states: readonly unknown[];
  /** `moves[i]` was played by `seats[i]` in `states[i]`, giving `states[i + 1]`. */
  readonly moves: readonly unknown[];
  readonly seats: readonly Seat[];
  /** Deep copies of `states`, each taken before the state was given to any function of the game. */
  readonly copies: readonly unknown[];
}

/** A random game: the moves are picked by `choices` (cycled), from default options and `seed`. */
function playout(game: TurnBased, seed: number, choices: readonly number[], maxPlies: number): Playout {
  const created = game.create(defaultOptions(game.options), seed);
  if (!created.ok) throw new Error(`${game.id}: default options refused: ${created.error.message}`);
  const states = [created.value];
  const copies = [structuredClone(created.value)];
  const moves: unknown[] = [];
  const seats: Seat[] = [];
  let state = created.value;
  for (let ply = 0; game.outcome(state) === undefined; ply++) {
    if (ply >= maxPlies) throw new Error(`${game.id}: no outcome after ${maxPlies} moves`);
    const legal = game.legalMoves(state);
    const seat = game.toMove(state);
    if (legal.length === 0 || seat === null) throw new Error(`${game.id}: no move, yet no outcome`);
    const move = legal[(choices.length === 0 ? ply : choices[ply % choices.length]!) % legal.length];
    const next = game.play(state, seat, move);
    if (!next.ok) throw new Error(`${game.id}: legal move refused: ${next.error.code} ${next.error.message}`);
    moves.push(move);
    seats.push(seat);
    state = next.value;
    states.push(state);
    copies.push(structuredClone(state));
  }
  return { states, moves, seats, copies };
}

/** The error code of a refused `play`, or `'ok'`. */
const code = (result: { ok: true } | { ok: false; error: { code: string } }): string =>
  result.ok ? 'ok' : result.error.code;

const jsonRoundTrip = (value: unknown): Json => JSON.parse(JSON.stringify(value)) as Json;

/**
 * Defines the contract suite for one game: the checks every game passes, then those of turn-based
 * games. (Real-time games get their own checks with the first real-time game.)
 */
export function defineGameContract(game: AnyGameDefinition, options: GameContractOptions = {}): void {
  const numRuns = options.numRuns ?? 150;
  const maxPlies = options.maxPlies ?? 10_000;
  const params = { seed: PROPERTY_SEED, numRuns };
  const games = fc.record({ seed: fc.integer(), choices: fc.array(fc.nat(), { maxLength: 60 }) });

  describe(`${game.id} keeps the game contract`, () => {
    it('has a stable id, a name, a seat range and defaults its own option specs accept', () => {
      expect(game.id).toMatch(/^[a-z][a-z0-9-]*$/);
      expect(game.name.trim()).not.toBe('');
      expect(Number.isInteger(game.seats.min) && game.seats.min >= 1).toBe(true);
      expect(game.seats.max).toBeGreaterThanOrEqual(game.seats.min);
      expect(parseOptions(game.options, {})).toEqual({ ok: true, value: defaultOptions(game.options) });
      expect(jsonRoundTrip(game.options)).toStrictEqual(game.options);
    });

    it('creates a game from the default options with any seed, with a seat count in its range', () => {
      fc.assert(
        fc.property(fc.integer(), (seed) => {
          const created = game.create(defaultOptions(game.options), seed);
          expect(created.ok).toBe(true);
          if (!created.ok) return;
          const seats = game.seatCount(created.value);
          expect(seats).toBeGreaterThanOrEqual(game.seats.min);
          expect(seats).toBeLessThanOrEqual(game.seats.max);
          expect(game.outcome(created.value)).toBeUndefined();
        }),
        params,
      );
    });

    it('answers any options with a game or GAME_BAD_OPTIONS, never a throw', () => {
      fc.assert(
        fc.property(fc.anything(), fc.integer(), (raw, seed) => {
          const parsed = parseOptions(game.options, raw);
          if (!parsed.ok) expect(parsed.error.code).toBe(GameErrorCode.GAME_BAD_OPTIONS);
          else {
            const created = game.create(parsed.value, seed);
            if (!created.ok) expect(created.error.code).toBe(GameErrorCode.GAME_BAD_OPTIONS);
          }
        }),
        params,
      );
    });

    if (game.kind !== 'turn-based') return;
    const turnBased: TurnBased = game;

    it('plays random games to an outcome, with toMove and legalMoves agreeing with it all along', () => {
      fc.assert(
        fc.property(games, ({ seed, choices }) => {
          const { states } = playout(turnBased, seed, choices, maxPlies);
          // One expect per game, not per move: vitest's expect costs more than the rules.
          const disagreements = states.flatMap((state, ply) => {
            const over = turnBased.outcome(state) !== undefined;
            const legal = turnBased.legalMoves(state);
            const ok =
              (turnBased.toMove(state) === null) === over &&
              (legal.length === 0) === over &&
              legal.every((move) => turnBased.isLegal(state, move));
            return ok ? [] : [ply];
          });
          expect(disagreements).toEqual([]);
          const outcome = turnBased.outcome(states.at(-1))!;
          const seats = turnBased.seatCount(states[0]);
          if (outcome.winner !== null) expect(outcome.winner >= 0 && outcome.winner < seats).toBe(true);
          expect(outcome.reason).toMatch(/^[a-z][a-z-]*$/);
          expect(jsonRoundTrip(outcome)).toStrictEqual(outcome);
        }),
        params,
      );
    });

    it('refuses every move once the game is over with GAME_OVER', () => {
      fc.assert(
        fc.property(games, ({ seed, choices }) => {
          const { states, moves } = playout(turnBased, seed, choices, maxPlies);
          const end = states.at(-1);
          const seats = Array.from({ length: turnBased.seatCount(end) }, (_, seat) => seat);
          const answers = moves.flatMap((move) => [
            turnBased.isLegal(end, move),
            ...seats.map((seat) => code(turnBased.play(end, seat, move))),
          ]);
          const expected = moves.flatMap(() => [false, ...seats.map(() => GameErrorCode.GAME_OVER)]);
          expect(answers).toEqual(expected);
        }),
        params,
      );
    });

    it('refuses a move from another seat (GAME_NOT_YOUR_TURN), from no seat (GAME_BAD_SEAT), or illegal here (GAME_ILLEGAL_MOVE)', () => {
      fc.assert(
        fc.property(games, ({ seed, choices }) => {
          const { states, moves } = playout(turnBased, seed, choices, maxPlies);
          const seen = new Map(moves.map((m) => [JSON.stringify(turnBased.makeMove(m)), m]));
          const answers: unknown[] = [];
          const expected: unknown[] = [];
          const check = (answer: unknown, wanted: unknown) => {
            answers.push(answer);
            expected.push(wanted);
          };
          for (const state of states.slice(0, -1)) {
            const toMove = turnBased.toMove(state)!;
            const legal = turnBased.legalMoves(state);
            const seats = turnBased.seatCount(state);
            for (let seat = 0; seat < seats; seat++) {
              if (seat !== toMove) {
                check(code(turnBased.play(state, seat, legal[0])), GameErrorCode.GAME_NOT_YOUR_TURN);
              }
            }
            for (const seat of [-1, seats, 0.5, Number.NaN]) {
              check(code(turnBased.play(state, seat, legal[0])), GameErrorCode.GAME_BAD_SEAT);
            }
            const legalKeys = new Set(legal.map((m) => JSON.stringify(turnBased.makeMove(m))));
            for (const [key, move] of seen) {
              if (legalKeys.has(key)) continue;
              check(turnBased.isLegal(state, move), false);
              check(code(turnBased.play(state, toMove, move)), GameErrorCode.GAME_ILLEGAL_MOVE);
            }
          }
          expect(answers).toEqual(expected);
        }),
        params,
      );
    });

    it('gives back every legal move from its JSON form and from its text form', () => {
      fc.assert(
        fc.property(games, ({ seed, choices }) => {
          const { states } = playout(turnBased, seed, choices, maxPlies);
          const moves = states.flatMap((state) => turnBased.legalMoves(state));
          const fromJson = moves.map((move) => turnBased.parseMove(jsonRoundTrip(turnBased.makeMove(move))));
          const fromText = moves.map((move) => turnBased.parseMoveText(turnBased.makeMoveText(move)));
          const expected = moves.map((value) => ({ ok: true, value }));
          expect(fromJson).toStrictEqual(expected);
          expect(fromText).toStrictEqual(expected);
        }),
        params,
      );
    });

    it('answers any JSON or text as a move with a move or GAME_BAD_MOVE, never a throw', () => {
      fc.assert(
        fc.property(fc.anything(), fc.string(), (raw, text) => {
          for (const parsed of [turnBased.parseMove(raw), turnBased.parseMoveText(text)]) {
            if (!parsed.ok) expect(parsed.error.code).toBe(GameErrorCode.GAME_BAD_MOVE);
            else
              expect(turnBased.parseMove(jsonRoundTrip(turnBased.makeMove(parsed.value)))).toStrictEqual(
                parsed,
              );
          }
        }),
        params,
      );
    });

    it('shows every seat and spectators a JSON view, and draws it as text', () => {
      fc.assert(
        fc.property(games, ({ seed, choices }) => {
          const { states } = playout(turnBased, seed, choices, maxPlies);
          for (const state of [states[0], states[Math.floor(states.length / 2)], states.at(-1)]) {
            const viewers = [
              ...Array.from({ length: turnBased.seatCount(state) }, (_, seat) => seat),
              'spectator' as const,
            ];
            for (const viewer of viewers) {
              const view = turnBased.view(state, viewer);
              expect(jsonRoundTrip(view)).toStrictEqual(view);
              expect(turnBased.renderText(view)).toEqual(expect.any(String));
            }
          }
        }),
        { ...params, numRuns: Math.ceil(numRuns / 3) },
      );
    });

    it('never changes a state it was given, and replays a game exactly from its seed and moves', () => {
      fc.assert(
        fc.property(games, ({ seed, choices }) => {
          const { states, moves, seats, copies } = playout(turnBased, seed, choices, maxPlies);
          states.forEach((state, i) => {
            if (i < moves.length) turnBased.play(state, seats[i]!, moves[i]);
            turnBased.view(state, 'spectator');
          });
          expect(states).toStrictEqual(copies);
          expect(playout(turnBased, seed, choices, maxPlies).states).toStrictEqual(copies);
        }),
        { ...params, numRuns: Math.ceil(numRuns / 3) },
      );
    });
  });
}
