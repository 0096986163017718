import { BANG_COMMANDS } from './bang-commands.ts';
import { GAME_COMMANDS } from './game-commands.ts';

/** One slash command of text mode (and of the terminal client, which mirrors it). */
export interface TextCommand {
  readonly name: string;
  readonly aliases: readonly string[];
  /** Arguments as shown in help, e.g. `NAME TEXT`. */
  readonly usage: string;
  readonly help: string;
}

/** The commands, in the order `/help` lists them. */
export const TEXT_COMMANDS: readonly TextCommand[] = [
  {
    name: 'nick',
    aliases: ['pseudo'],
    usage: 'NAME',
    help: 'take or change your nickname (/pseudo alone asks for it)',
  },
  {
    name: 'list',
    aliases: ['who'],
    usage: '[ROOM]',
    help: 'connected users and their state (or a room’s members)',
  },
  { name: 'msg', aliases: ['tell'], usage: 'NAME TEXT', help: 'private message (also: msg NAME TEXT)' },
  {
    name: 'join',
    aliases: [],
    usage: 'ROOM',
    help: 'join a room (created if new); it becomes your current room',
  },
  { name: 'leave', aliases: ['part'], usage: '[ROOM]', help: 'leave a room (default: the current one)' },
  { name: 'rooms', aliases: [], usage: '', help: 'rooms with their member counts and topics' },
  { name: 'topic', aliases: [], usage: 'TEXT', help: 'set the topic of the current room' },
  { name: 'games', aliases: [], usage: '', help: 'the games this server offers, with their options' },
  ...GAME_COMMANDS,
  {
    name: 'register',
    aliases: [],
    usage: 'PASSWORD',
    help: 'protect your nickname with a password (8 to 128 characters)',
  },
  { name: 'login', aliases: ['identify'], usage: 'NAME PASSWORD', help: 'take your registered nickname' },
  { name: 'oper', aliases: [], usage: 'SECRET', help: 'become an operator (then see the ! commands below)' },
  { name: 'quit', aliases: ['exit'], usage: '[MESSAGE]', help: 'leave the server' },
  { name: 'help', aliases: [], usage: '', help: 'this list' },
];

/** Finds a command by name or alias (without the slash, any case). */
export const findCommand = (word: string): TextCommand | undefined => {
  const lower = word.toLowerCase();
  return TEXT_COMMANDS.find((c) => c.name === lower || c.aliases.includes(lower));
};

/** The `/help` text, one line per command. */
export const helpLines = (): string[] => {
  const rows = TEXT_COMMANDS.map((c) => ({
    left: `/${c.name}${c.usage ? ` ${c.usage}` : ''}`,
    right: `${c.help}${c.aliases.length ? ` (alias ${c.aliases.map((a) => `/${a}`).join(', ')})` : ''}`,
  }));
  const width = Math.max(...rows.map((r) => r.left.length), ...BANG_COMMANDS.map((c) => c.usage.length)) + 2;
  return [
    'Commands:',
    ...rows.map((r) => `  ${r.left.padEnd(width)}${r.right}`),
    ...BANG_COMMANDS.map((c) => `  ${c.usage.padEnd(width)}${c.help}`),
    'Any other line is a message to your current room; start it with // to send a line beginning with /.',
  ];
};
