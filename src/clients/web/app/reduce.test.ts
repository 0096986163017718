import { describe, expect, it } from 'vitest';
import type { ServerMessage } from '../../../protocol/index.ts';
import { type AppState, type Challenge, initialState, MAX_LINES } from './model.ts';
import { applyMessage, closeTab, replayAt, selectTab } from './reduce.ts';

const fold = (messages: ServerMessage[], state: AppState = initialState): AppState =>
  messages.reduce((s, m) => applyMessage(s, m, 1_000), state);

const msg = (type: string, data: unknown): ServerMessage => ({ type, data }) as ServerMessage;

const challenge = (from: string, to: string | null, id = `c-${from}`): Challenge => ({
  id,
  from,
  to,
  code: to === null ? 'ABC234' : null,
  game: 'connect4',
  options: {},
  timeControl: { moveMs: null, gameMs: null },
  expiresAt: 9e12,
});

const matchInfo = (seat: number | null) => ({
  id: 'm1',
  game: 'connect4',
  options: {},
  players: ['amy', 'ben'],
  seat,
  room: 'match-m1',
  timeControl: { moveMs: null, gameMs: null },
  private: false,
  startedAt: 1,
});
const clock = { remainingMs: [null, null], deadlineAt: null };

const joined = (room: string, members: string[]) =>
  msg('room.joined', { room, topic: '', members: members.map((nick) => ({ nick, state: 'free' })) });

describe('the browser client state', () => {
  it('opens a tab per room, counts unread lines outside the open tab, and clears them when opened', () => {
    let s = fold([msg('nick.accepted', { nick: 'amy', previous: null }), joined('lobby', ['amy', 'ben'])]);
    expect(s.me).toBe('amy');
    expect(s.tabs).toEqual(['room:lobby']);
    expect(s.active).toBe('room:lobby');
    s = fold([joined('attic', ['amy'])], s);
    expect(s.active).toBe('room:lobby');
    s = fold(
      [
        msg('chat.message', { room: 'attic', from: 'ben', text: 'one', at: 5 }),
        msg('chat.message', { room: 'attic', from: 'ben', text: 'two', at: 6 }),
        msg('room.member_joined', { room: 'attic', nick: 'cy' }),
        msg('chat.message', { room: 'lobby', from: 'ben', text: 'seen', at: 7 }),
      ],
      s,
    );
    // Notices (joins) are lines but not unread; the open tab's lines are read.
    expect(s.conversations['room:attic']?.unread).toBe(2);
    expect(s.conversations['room:attic']?.lines.map((l) => l.text)).toEqual(['one', 'two', 'cy joined']);
    expect(s.conversations['room:lobby']?.unread).toBe(0);
    expect(s.rooms.attic?.members).toEqual({ amy: 'free', cy: 'free' });
    s = selectTab(s, 'room:attic');
    expect(s.conversations['room:attic']?.unread).toBe(0);
    s = fold([msg('room.left', { room: 'attic' })], s);
    expect(s.tabs).toEqual(['room:lobby']);
    expect(s.active).toBe('room:lobby');
  });

  it('keeps a private conversation per person, whoever wrote first', () => {
    const s = fold([
      msg('nick.accepted', { nick: 'amy', previous: null }),
      msg('chat.private', { from: 'amy', to: 'ben', text: 'hi', at: 1 }),
      msg('chat.private', { from: 'ben', to: 'amy', text: 'hello', at: 2 }),
    ]);
    expect(s.tabs).toEqual(['pm:ben']);
    expect(s.conversations['pm:ben']?.lines.map((l) => [l.from, l.text])).toEqual([
      ['amy', 'hi'],
      ['ben', 'hello'],
    ]);
  });

  it('keeps at most MAX_LINES lines per conversation', () => {
    const lines = Array.from({ length: MAX_LINES + 5 }, (_, i) =>
      msg('chat.message', { room: 'lobby', from: 'ben', text: `l${i}`, at: i }),
    );
    const s = fold([joined('lobby', ['amy']), ...lines]);
    const kept = s.conversations['room:lobby']?.lines ?? [];
    expect(kept).toHaveLength(MAX_LINES);
    expect(kept.at(-1)?.text).toBe(`l${MAX_LINES + 4}`);
  });

  it('follows users: joins add them, quits remove them, state changes reach rooms and the list', () => {
    let s = fold([
      joined('lobby', ['amy']),
      msg('user.listing', { users: [{ nick: 'amy', state: 'free' }] }),
      msg('room.member_joined', { room: 'lobby', nick: 'ben' }),
    ]);
    expect(s.users).toEqual({ amy: 'free', ben: 'free' });
    s = fold([msg('user.states', { users: [{ nick: 'ben', state: 'playing' }] })], s);
    expect(s.users.ben).toBe('playing');
    expect(s.rooms.lobby?.members.ben).toBe('playing');
    s = fold([msg('user.renamed', { from: 'ben', to: 'benji' })], s);
    expect(s.users).toEqual({ amy: 'free', benji: 'playing' });
    s = fold([msg('room.member_left', { room: 'lobby', nick: 'benji', reason: 'quit' })], s);
    expect(s.users).toEqual({ amy: 'free' });
  });

  it('tracks challenges until answered, and clears them and the queue when the match starts', () => {
    let s = fold([
      msg('nick.accepted', { nick: 'amy', previous: null }),
      msg('challenge.received', { challenge: challenge('ben', 'amy') }),
      msg('challenge.sent', { challenge: challenge('amy', 'cy') }),
      msg('queue.joined', { game: 'connect4', waiting: 1 }),
    ]);
    expect(s.incoming).toHaveLength(1);
    s = fold([msg('challenge.declined', { challenge: challenge('amy', 'cy'), reason: 'busy now' })], s);
    expect(s.outgoing).toEqual([]);
    expect(s.toasts.at(-1)?.text).toBe('cy declined your challenge: busy now');
    s = fold(
      [
        msg('match.started', {
          match: { ...matchInfo(0), players: ['amy', 'ben'] },
          version: 0,
          view: {},
          clock,
        }),
      ],
      s,
    );
    expect(s.incoming).toEqual([]);
    expect(s.queue).toBeNull();
    expect(s.myMatch).toBe('m1');
    expect(s.active).toBe('match:m1');
  });

  it('follows a match: moves, the result, a rematch offer; a watched match opens its tab', () => {
    let s = fold([msg('match.started', { match: matchInfo(0), version: 0, view: { n: 0 }, clock })]);
    s = fold(
      [
        msg('match.update', {
          match: 'm1',
          game: 'connect4',
          version: 1,
          seat: 0,
          by: 'amy',
          move: { column: 4 },
          text: '4',
          view: { n: 1 },
          clock,
        }),
      ],
      s,
    );
    expect(s.matches.m1).toMatchObject({ version: 1, view: { n: 1 }, lastMove: { by: 'amy', text: '4' } });
    s = fold(
      [
        msg('match.ended', {
          match: 'm1',
          game: 'connect4',
          result: { winner: 'amy', seat: 0, reason: 'four-in-a-row' },
          view: { n: 7 },
          record: 'm1',
        }),
        msg('match.rematch_offered', { match: 'm1', by: 'ben' }),
      ],
      s,
    );
    expect(s.matches.m1).toMatchObject({ record: 'm1', rematchOfferedBy: 'ben', view: { n: 7 } });

    let watcher = selectTab(fold([joined('lobby', ['cy'])]), 'watch');
    const state = {
      match: matchInfo(null),
      version: 3,
      view: {},
      moves: [],
      spectators: 1,
      away: ['ben'],
      clock,
      result: null,
    };
    watcher = fold([msg('match.state', state)], watcher);
    expect(watcher.active).toBe('match:m1');
    expect(watcher.matches.m1?.away).toEqual(['ben']);
    // A later refresh of the same match does not steal the focus.
    watcher = fold([msg('match.state', state)], selectTab(watcher, 'room:lobby'));
    expect(watcher.active).toBe('room:lobby');
    watcher = fold([msg('match.unwatched', { match: 'm1' })], watcher);
    expect(watcher.tabs).toEqual(['room:lobby']);
  });

  it('steps a replay within the record, and closes tabs back to the lobby', () => {
    const record = { moves: [1, 2, 3] } as never;
    let s: AppState = { ...initialState, replay: { record, ply: 0 } };
    s = replayAt(s, 10);
    expect(s.replay?.ply).toBe(3);
    s = replayAt(s, -1);
    expect(s.replay?.ply).toBe(0);
    const open = { ...initialState, tabs: ['room:lobby', 'pm:ben'], active: 'pm:ben' };
    expect(closeTab(open, 'pm:ben')).toMatchObject({ tabs: ['room:lobby'], active: 'room:lobby' });
  });

  it('keeps the table the user sits at (its own tab) and the public tables listed', () => {
    const table = {
      id: 't1',
      game: 'tanks',
      options: { map: 'arena', seats: 4 },
      host: 'amy',
      players: ['amy'],
      bots: 1,
      seats: 4,
      private: false,
      code: 'TANK42',
      state: 'waiting',
      match: null,
    };
    let s = fold([joined('lobby', ['amy']), msg('table.listing', { tables: [{ ...table, code: null }] })]);
    expect(s.tables).toHaveLength(1);
    s = fold([msg('table.joined', { table })], s);
    expect(s.table).toEqual(table);
    expect(s.tabs).toEqual(['room:lobby', 'table']);
    expect(s.active).toBe('table');
    // A table's tab is no conversation.
    expect(s.conversations.table).toBeUndefined();
    const updated = { ...table, players: ['amy', 'ben'] };
    s = fold([msg('table.updated', { table: updated })], s);
    expect(s.table?.players).toEqual(['amy', 'ben']);
    expect(fold([msg('table.left', { table: 'other' })], s).table).toEqual(updated);
    s = fold([msg('table.left', { table: 't1' })], s);
    expect(s.table).toBeNull();
    expect(s.tabs).toEqual(['room:lobby']);
    expect(s.active).toBe('room:lobby');
  });
});
