import { describe, expect, it } from 'vitest';
import { type LineContext, parseTextLine } from './parse-line.ts';

const lobby: LineContext = { currentRoom: 'lobby', awaitingNick: false };
const read = (line: string) => parseTextLine(line, lobby);

describe('game commands of text mode', () => {
  it.each([
    ['/players', { type: 'player.list', data: {} }],
    ['/challenge bob', { type: 'challenge.send', data: { to: 'bob' } }],
    ['/challenge bob tic-tac-toe', { type: 'challenge.send', data: { to: 'bob', game: 'tic-tac-toe' } }],
    [
      '/challenge bob connect4 first=me time=5m move=30s',
      {
        type: 'challenge.send',
        data: {
          to: 'bob',
          game: 'connect4',
          options: { firstSeat: 0 },
          clock: { gameMs: 300_000, moveMs: 30_000 },
        },
      },
    ],
    ['/challenge bob first=them', { type: 'challenge.send', data: { to: 'bob', options: { firstSeat: 1 } } }],
    [
      '/challenge bob first=random position=44',
      { type: 'challenge.send', data: { to: 'bob', options: { firstSeat: 'random', position: '44' } } },
    ],
    [
      '/challenge bob connect4 firstSeat=1',
      { type: 'challenge.send', data: { to: 'bob', game: 'connect4', options: { firstSeat: 1 } } },
    ],
    ['/accept', { type: 'challenge.accept', data: {} }],
    ['/accept alice', { type: 'challenge.accept', data: { from: 'alice' } }],
    ['/decline', { type: 'challenge.decline', data: {} }],
    [
      '/decline alice not now, sorry',
      { type: 'challenge.decline', data: { from: 'alice', reason: 'not now, sorry' } },
    ],
    ['/cancel', { type: 'challenge.cancel', data: {} }],
    ['/cancel bob', { type: 'challenge.cancel', data: { to: 'bob' } }],
    ['/queue', { type: 'queue.join', data: {} }],
    [
      '/queue connect4 move=1m',
      { type: 'queue.join', data: { game: 'connect4', clock: { moveMs: 60_000 } } },
    ],
    ['/unqueue', { type: 'queue.leave', data: {} }],
    ['/private', { type: 'match.create', data: {} }],
    [
      '/create connect4 first=me',
      { type: 'match.create', data: { game: 'connect4', options: { firstSeat: 0 } } },
    ],
    ['/code abc234', { type: 'match.join', data: { code: 'abc234' } }],
    ['/joincode ABC234', { type: 'match.join', data: { code: 'ABC234' } }],
    ['/play 4', { type: 'match.move', data: { text: '4' } }],
    ['/move 7', { type: 'match.move', data: { text: '7' } }],
    ['/resign', { type: 'match.resign', data: {} }],
    ['/rematch', { type: 'match.rematch', data: {} }],
    ['/board', { type: 'match.get', data: {} }],
    ['/board 0a1b2c3d4e', { type: 'match.get', data: { match: '0a1b2c3d4e' } }],
    ['/matches', { type: 'match.list', data: {} }],
    ['/watch 0a1b2c3d4e', { type: 'match.watch', data: { match: '0a1b2c3d4e' } }],
    ['/unwatch 0a1b2c3d4e', { type: 'match.unwatch', data: { match: '0a1b2c3d4e' } }],
    ['/history', { type: 'record.list', data: {} }],
    ['/history Alice', { type: 'record.list', data: { player: 'Alice' } }],
    ['/replay 0a1b2c3d4e', { type: 'record.get', data: { id: '0a1b2c3d4e' } }],
  ] as const)('reads %j as a request', (line, request) => {
    expect(read(line)).toEqual({ kind: 'request', request });
  });

  it.each([
    ['/challenge', '/challenge NAME'],
    ['/challenge bob time=soon', '"soon" is not a duration'],
    ['/challenge bob first=whoever', 'first= takes me, them or random'],
    ['/challenge bob connect4 tictactoe', 'only one game'],
    ['/queue move=x', '"x" is not a duration'],
    ['/queue first=me', 'who starts is drawn'],
    ['/code', '/code CODE'],
    ['/play', '/play N'],
    ['/watch', '/watch MATCH'],
    ['/unwatch', '/unwatch MATCH'],
    ['/replay', '/replay MATCH'],
  ])('answers %j with its usage', (line, fragment) => {
    const input = read(line);
    expect(input.kind).toBe('error');
    expect(input.kind === 'error' && input.code).toBe('TEXT_USAGE');
    expect(input.kind === 'error' && input.message).toContain(fragment);
  });
});
