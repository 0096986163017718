import { describe, expect, it } from 'vitest';
import { defineGameContract } from './contract.ts';
import type { RealtimeGameDefinition } from './game.ts';
import { GameErrorCode, gameError } from './game-error.ts';
import type { OptionsOf, OptionsSchema } from './options.ts';
import { describeGame, findGame, games, listGames } from './registry.ts';
import { err, ok } from './result.ts';

// A real-time game reduced to a clock, to show the real-time contract is implementable as it
// stands (the tank arena comes later): each tick, every seat that pushes scores a point.
const tickerOptions = {
  seats: { type: 'integer', min: 1, max: 8, default: 2, help: 'Players.' },
  ticks: { type: 'integer', min: 1, max: 3600, default: 60, help: 'Length of the match, in ticks.' },
} as const satisfies OptionsSchema;
interface TickerState {
  readonly tick: number;
  readonly ticks: number;
  readonly scores: readonly number[];
}
const ticker: RealtimeGameDefinition<
  TickerState,
  { push: boolean },
  TickerState,
  OptionsOf<typeof tickerOptions>
> = {
  kind: 'realtime',
  id: 'ticker',
  name: 'Ticker',
  seats: { min: 1, max: 8 },
  options: tickerOptions,
  tickRateHz: 60,
  create: (options) =>
    ok({ tick: 0, ticks: options.ticks, scores: new Array<number>(options.seats).fill(0) }),
  seatCount: (state) => state.scores.length,
  outcome: (state) =>
    state.tick < state.ticks ? undefined : { winner: null, reason: 'time-up', scores: state.scores },
  advance(state, inputs) {
    if (state.tick >= state.ticks) return state;
    const scores = state.scores.map((score, seat) => score + (inputs.get(seat)?.push ? 1 : 0));
    return { ...state, tick: state.tick + 1, scores };
  },
  parseInput: (raw) =>
    typeof raw === 'object' && raw !== null && typeof (raw as { push?: unknown }).push === 'boolean'
      ? ok({ push: (raw as { push: boolean }).push })
      : err(gameError(GameErrorCode.GAME_BAD_INPUT, 'an input is {"push": true | false}')),
  makeInput: (input) => ({ push: input.push }),
  snapshot: (state) => state,
};

describe('the real-time contract', () => {
  it('advances by fixed steps with the latest input of each seat, then stops at the outcome', () => {
    const created = ticker.create({ seats: 3, ticks: 2 }, 0);
    if (!created.ok) throw new Error(created.error.message);
    const dtMs = 1000 / ticker.tickRateHz;
    const inputs = new Map([
      [0, { push: true }],
      [2, { push: false }],
    ]);
    const end = ticker.advance(ticker.advance(created.value, inputs, dtMs), inputs, dtMs);
    expect(ticker.outcome(end)).toEqual({ winner: null, reason: 'time-up', scores: [2, 0, 0] });
    expect(ticker.advance(end, inputs, dtMs)).toBe(end);
    expect(ticker.parseInput(ticker.makeInput({ push: true }))).toEqual({ ok: true, value: { push: true } });
  });
});

defineGameContract(ticker);

describe('games registry', () => {
  it('lists the games the server offers, by id, in registry order', () => {
    expect([...games.keys()]).toEqual(['connect4', 'tic-tac-toe', 'tanks']);
    expect(findGame('connect4')?.name).toBe('Connect Four');
    expect(findGame('chess')).toBeUndefined();
    expect(findGame('__proto__')).toBeUndefined();
  });

  it('describes each game as plain JSON for game.list: id, name, kind, seats and option specs', () => {
    const list = listGames();
    expect(JSON.parse(JSON.stringify(list))).toStrictEqual(list);
    expect(list[0]).toEqual({
      id: 'connect4',
      name: 'Connect Four',
      kind: 'turn-based',
      seats: { min: 2, max: 2 },
      options: {
        firstSeat: {
          type: 'choice',
          values: [0, 1, 'random'],
          default: 'random',
          help: 'Which seat moves first; "random" draws it from the game seed.',
        },
        position: {
          type: 'string',
          maxLength: 42,
          pattern: '^[1-7]*$',
          default: '',
          help: 'Columns already played from the empty board, e.g. "4453" (analysis, puzzles).',
        },
      },
    });
    expect(list.map((info) => info.id)).toEqual([...games.keys()]);
  });

  it('describes a real-time game too, with its tick rate', () => {
    expect(describeGame(ticker)).toEqual({
      id: 'ticker',
      name: 'Ticker',
      kind: 'realtime',
      seats: { min: 1, max: 8 },
      options: tickerOptions,
      tickRateHz: 60,
    });
  });
});

// Every registered game keeps the contract of game.ts: a new game gets this suite by registering.
for (const game of games.values()) defineGameContract(game);
