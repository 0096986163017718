import { describe, expect, it } from 'vitest';
import { defineGameContract } from './contract.ts';
import { describeGame, findGame, games, listGames } from './registry.ts';

describe('games registry', () => {
  it('lists the games the server offers, by id, in registry order', () => {
    expect([...games.keys()]).toEqual(['connect4', 'tic-tac-toe']);
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

  it('adds the tick rate to the description of a real-time game', () => {
    const info = describeGame({
      ...findGame('connect4')!,
      kind: 'realtime',
      tickRateHz: 60,
    } as never);
    expect(info).toMatchObject({ kind: 'realtime', tickRateHz: 60 });
  });
});

// Every registered game keeps the contract of game.ts: a new game gets this suite by registering.
for (const game of games.values()) defineGameContract(game);
