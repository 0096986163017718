import { describe, expect, it } from 'vitest';
import type { ServerData } from '../../protocol/index.ts';
import { MatchTracker } from './match-tracker.ts';

const view = (moves: string, toMove: number | null) => ({
  viewer: 1,
  rows: [],
  moves,
  firstSeat: 0,
  toMove,
  legalColumns: toMove === null ? [] : [1, 2, 3, 4, 5, 6, 7],
  outcome: null,
  winningCells: [],
});
const clock = { remainingMs: [null, null], deadlineAt: null };
const info = (id: string) => ({
  id,
  game: 'connect4',
  options: { firstSeat: 0, position: '' },
  players: ['alice', 'bot'],
  seat: 1,
  room: `match-${id}`,
  timeControl: { moveMs: null, gameMs: null },
  private: false,
  startedAt: 0,
});
const started = (id: string): ServerData<'match.started'> => ({
  match: info(id),
  version: 0,
  view: view('', 0),
  clock,
});
const update = (id: string, version: number, moves: string): ServerData<'match.update'> => ({
  match: id,
  game: 'connect4',
  version,
  seat: (version - 1) % 2,
  by: version % 2 === 1 ? 'alice' : 'bot',
  move: { column: Number(moves.at(-1)) },
  text: moves.at(-1) ?? '',
  view: view(moves, version % 2),
  clock,
});
const state = (
  id: string,
  version: number,
  moves: string,
  result: ServerData<'match.state'>['result'] = null,
) => ({
  match: info(id),
  version,
  view: view(moves, result === null ? version % 2 : null),
  moves: [],
  spectators: 0,
  away: [],
  clock,
  result,
});

describe('MatchTracker', () => {
  it('follows a match from its start: whose turn, which position, which version', () => {
    const tracker = new MatchTracker();
    expect(tracker.started(started('m1'), 5)).toBe(true);
    expect(tracker.playing).toBe(true);
    expect(tracker.turn()).toBeUndefined();
    expect(tracker.update(update('m1', 1, '4'), 9)).toBe(true);
    expect(tracker.turn()).toMatchObject({
      match: 'm1',
      version: 1,
      moves: '4',
      clock: { seat: 1, moves: 1, receivedAt: 9 },
    });
  });

  it('ignores repeats and old positions (a replayed update, a late state)', () => {
    const tracker = new MatchTracker();
    tracker.started(started('m1'), 0);
    expect(tracker.started(started('m1'), 0)).toBe(false);
    tracker.update(update('m1', 1, '4'), 0);
    tracker.update(update('m1', 2, '44'), 0);
    expect(tracker.update(update('m1', 1, '4'), 0)).toBe(false);
    expect(tracker.state(state('m1', 1, '4'), 0)).toBe('ignored');
    expect(tracker.match?.version).toBe(2);
    expect(tracker.update(update('other', 3, '443'), 0)).toBe(false);
  });

  it('takes a fresh state of its match, and a live match whose start it missed', () => {
    const tracker = new MatchTracker();
    expect(tracker.state(state('m1', 3, '443'), 0)).toBe('new');
    expect(tracker.turn()).toMatchObject({ version: 3, moves: '443' });
    expect(tracker.state(state('m1', 3, '443'), 0)).toBe('updated');
    // A finished match it never knew of is not its business.
    expect(tracker.state(state('m2', 5, '44333', { winner: 'x', seat: 0, reason: 'resign' }), 0)).toBe(
      'ignored',
    );
  });

  it('learns the end from match.ended or from a state with a result, once', () => {
    const tracker = new MatchTracker();
    tracker.started(started('m1'), 0);
    const result = { winner: 'bot', seat: 1, reason: 'resign' };
    expect(tracker.ended('m1', result)?.result).toEqual(result);
    expect(tracker.ended('m1', result)).toBeUndefined();
    expect(tracker.playing).toBe(false);
    expect(tracker.turn()).toBeUndefined();

    const other = new MatchTracker();
    other.started(started('m2'), 0);
    expect(other.state(state('m2', 1, '4', result), 0)).toBe('updated');
    expect(other.match?.result).toEqual(result);
    expect(other.ended('m2', result)).toBeUndefined();
  });
});
