import { describe, expect, it } from 'vitest';
import { type LineContext, parseTextLine } from './parse-line.ts';

const inLobby: LineContext = { currentRoom: 'lobby', awaitingNick: false };
const inGames: LineContext = { currentRoom: 'games', awaitingNick: false };

describe('parseTextLine', () => {
  it.each([
    ['/nick alice', inLobby, { type: 'nick.set', data: { nick: 'alice' } }],
    ['/pseudo bob', inLobby, { type: 'nick.set', data: { nick: 'bob' } }],
    ['/NICK Carol', inLobby, { type: 'nick.set', data: { nick: 'Carol' } }],
    ['/list', inLobby, { type: 'user.list', data: {} }],
    ['/who games', inLobby, { type: 'user.list', data: { room: 'games' } }],
    ['/msg bob hi there', inLobby, { type: 'chat.tell', data: { to: 'bob', text: 'hi there' } }],
    ['msg bob hi', inLobby, { type: 'chat.tell', data: { to: 'bob', text: 'hi' } }],
    ['/tell bob  spaced  out', inLobby, { type: 'chat.tell', data: { to: 'bob', text: 'spaced  out' } }],
    ['/join #games', inLobby, { type: 'room.join', data: { room: '#games' } }],
    ['/leave', inGames, { type: 'room.leave', data: { room: 'games' } }],
    ['/leave other', inGames, { type: 'room.leave', data: { room: 'other' } }],
    ['/rooms', inLobby, { type: 'room.list', data: {} }],
    [
      '/topic Four in a row',
      inGames,
      { type: 'room.topic', data: { room: 'games', topic: 'Four in a row' } },
    ],
    ['/quit', inLobby, { type: 'quit', data: {} }],
    ['/quit see you', inLobby, { type: 'quit', data: { message: 'see you' } }],
    ['hello world', inGames, { type: 'chat.say', data: { room: 'games', text: 'hello world' } }],
    ['  indented', inLobby, { type: 'chat.say', data: { room: 'lobby', text: '  indented' } }],
    ['//slash', inLobby, { type: 'chat.say', data: { room: 'lobby', text: '/slash' } }],
    ['messages are fun', inLobby, { type: 'chat.say', data: { room: 'lobby', text: 'messages are fun' } }],
    ['PONG', inLobby, { type: 'pong', data: {} }],
    ['PING', inLobby, { type: 'ping', data: {} }],
    ['pong', inLobby, { type: 'chat.say', data: { room: 'lobby', text: 'pong' } }],
    ['!reconnect abc123', inLobby, { type: 'session.resume', data: { token: 'abc123' } }],
  ] as const)('reads %j as a request', (line, context, request) => {
    expect(parseTextLine(line, context)).toEqual({ kind: 'request', request });
  });

  it.each([
    ['/nick', 'TEXT_USAGE'],
    ['/msg bob', 'TEXT_USAGE'],
    ['msg', 'TEXT_USAGE'],
    ['/join', 'TEXT_USAGE'],
    ['/dance', 'TEXT_UNKNOWN_COMMAND'],
  ])('answers %j with %s', (line, code) => {
    expect(parseTextLine(line, inLobby)).toMatchObject({ kind: 'error', code });
  });

  it('asks for the name after a bare /pseudo, and takes the next line as the name', () => {
    expect(parseTextLine('/pseudo', inLobby)).toEqual({ kind: 'ask-nick' });
    expect(parseTextLine('  dave ', { ...inLobby, awaitingNick: true })).toEqual({
      kind: 'request',
      request: { type: 'nick.set', data: { nick: 'dave' } },
    });
    expect(parseTextLine('', { ...inLobby, awaitingNick: true })).toEqual({ kind: 'ask-nick' });
  });

  it('ignores blank lines and answers /help locally', () => {
    expect(parseTextLine('   ', inLobby)).toEqual({ kind: 'nothing' });
    expect(parseTextLine('/help', inLobby)).toEqual({ kind: 'help' });
  });
});
