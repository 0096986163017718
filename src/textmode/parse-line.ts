import { parseBangLine } from './bang-commands.ts';
import { findCommand } from './commands.ts';
import { parseGameCommand } from './game-commands.ts';
import type { TextInput, TextRequest } from './text-input.ts';

/** What the parser needs to know about the session. */
export interface LineContext {
  /** Room that plain lines and `/leave`, `/topic` without a room refer to. */
  readonly currentRoom: string;
  /** True right after a bare `/pseudo`: the next line is the nickname. */
  readonly awaitingNick: boolean;
}

const request = (r: TextRequest): TextInput => ({ kind: 'request', request: r });
const usage = (text: string): TextInput => ({ kind: 'error', code: 'TEXT_USAGE', message: `Usage: ${text}` });

/** Splits off the first word: `"a b c"` → `["a", "b c"]`. */
const firstWord = (text: string): [string, string] => {
  const trimmed = text.trim();
  const space = trimmed.search(/\s/);
  return space === -1 ? [trimmed, ''] : [trimmed.slice(0, space), trimmed.slice(space + 1).trim()];
};

/**
 * Turns one line of text mode into a protocol request (or a local action). Pure: the same line in
 * the same context always means the same thing.
 */
export const parseTextLine = (line: string, context: LineContext): TextInput => {
  if (context.awaitingNick) {
    const nick = line.trim();
    return nick === '' ? { kind: 'ask-nick' } : request({ type: 'nick.set', data: { nick } });
  }
  if (line.trim() === '') return { kind: 'nothing' };
  // Heartbeat words only in capitals, as the server sends them: "pong" is an ordinary chat line.
  if (line.trim() === 'PONG') return request({ type: 'pong', data: {} });
  if (line.trim() === 'PING') return request({ type: 'ping', data: {} });
  if (line.trimStart().startsWith('!')) {
    const bang = parseBangLine(line);
    if (bang !== undefined) return bang;
  }
  if (line.startsWith('//'))
    return request({ type: 'chat.say', data: { room: context.currentRoom, text: line.slice(1) } });

  // The seed protocol's private message: `msg NAME TEXT` without a slash.
  const [head, rest] = firstWord(line);
  if (!line.startsWith('/') && head.toLowerCase() !== 'msg') {
    return request({ type: 'chat.say', data: { room: context.currentRoom, text: line } });
  }
  const word = line.startsWith('/') ? head.slice(1) : head;
  const command = findCommand(word);
  if (command === undefined) {
    return {
      kind: 'error',
      code: 'TEXT_UNKNOWN_COMMAND',
      message: `Unknown command /${word}. Type /help for the list.`,
    };
  }
  const game = parseGameCommand(command.name, rest);
  if (game !== undefined) return game;
  switch (command.name) {
    case 'nick':
      if (rest === '') return word.toLowerCase() === 'pseudo' ? { kind: 'ask-nick' } : usage('/nick NAME');
      return request({ type: 'nick.set', data: { nick: rest } });
    case 'list':
      return request({ type: 'user.list', data: rest === '' ? {} : { room: rest } });
    case 'msg': {
      const [to, text] = firstWord(rest);
      if (to === '' || text === '') return usage('/msg NAME TEXT');
      return request({ type: 'chat.tell', data: { to, text } });
    }
    case 'join':
      return rest === '' ? usage('/join ROOM') : request({ type: 'room.join', data: { room: rest } });
    case 'leave':
      return request({ type: 'room.leave', data: { room: rest === '' ? context.currentRoom : rest } });
    case 'games':
      return request({ type: 'game.list', data: {} });
    case 'rooms':
      return request({ type: 'room.list', data: {} });
    case 'topic':
      return request({ type: 'room.topic', data: { room: context.currentRoom, topic: rest } });
    case 'register':
      return rest === ''
        ? usage('/register PASSWORD')
        : request({ type: 'account.register', data: { password: rest } });
    case 'login': {
      const [nick, password] = firstWord(rest);
      if (nick === '' || password === '') return usage('/login NAME PASSWORD');
      return request({ type: 'account.login', data: { nick, password } });
    }
    case 'oper':
      return rest === '' ? usage('/oper SECRET') : request({ type: 'oper.login', data: { secret: rest } });
    case 'quit':
      return request({ type: 'quit', data: rest === '' ? {} : { message: rest } });
    default:
      return { kind: 'help' };
  }
};
