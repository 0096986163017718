import { describe, expect, it } from 'vitest';
import { TextView } from './text-view.ts';

describe('TextView', () => {
  it('follows the current room through joins and leaves, and prefixes lines of other rooms', () => {
    const view = new TextView();
    view.output({ type: 'nick.accepted', data: { nick: 'alice', previous: null } });
    expect(view.output({ type: 'room.joined', data: { room: 'games', topic: 'c4', members: [] } })).toEqual([
      '* You joined #games (0 here: )',
      '* Topic of #games: c4',
    ]);
    expect(view.currentRoom).toBe('games');
    expect(
      view.output({ type: 'chat.message', data: { room: 'lobby', from: 'bob', text: 'hi', at: 0 } }),
    ).toEqual(['[#lobby] <bob> hi']);
    expect(
      view.output({ type: 'chat.message', data: { room: 'games', from: 'bob', text: 'gg', at: 0 } }),
    ).toEqual(['<bob> gg']);
    view.output({ type: 'room.left', data: { room: 'games' } });
    expect(view.currentRoom).toBe('lobby');
  });

  it('shows private messages from the reader’s side', () => {
    const view = new TextView();
    view.output({ type: 'nick.accepted', data: { nick: 'alice', previous: null } });
    expect(
      view.output({ type: 'chat.private', data: { from: 'bob', to: 'alice', text: 'psst', at: 0 } }),
    ).toEqual(['[private] bob: psst']);
    expect(
      view.output({ type: 'chat.private', data: { from: 'alice', to: 'bob', text: 'yes?', at: 0 } }),
    ).toEqual(['[private to bob] yes?']);
  });

  it('shows errors with their code and a member who lost the connection', () => {
    const view = new TextView();
    expect(
      view.output({ type: 'error', data: { code: 'NICK_TAKEN', message: 'taken', fatal: false } }),
    ).toEqual(['! NICK_TAKEN: taken']);
    expect(
      view.output({ type: 'room.member_left', data: { room: 'lobby', nick: 'bob', reason: 'lost' } }),
    ).toEqual(['* bob lost the connection']);
  });

  it('lists every command in its help', () => {
    const help = new TextView().help().join('\n');
    for (const command of [
      '/nick',
      '/list',
      '/msg',
      '/join',
      '/leave',
      '/rooms',
      '/topic',
      '/quit',
      '/help',
    ]) {
      expect(help).toContain(command);
    }
  });
});
