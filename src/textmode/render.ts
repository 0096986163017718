import type { ServerMessage } from '../protocol/index.ts';
import { renderGameLines } from './render-games.ts';

/** How parts of a line are decorated: identity for `nc`, colours in the terminal client. */
export interface TextStyle {
  readonly nick: (text: string) => string;
  readonly room: (text: string) => string;
  readonly notice: (text: string) => string;
  readonly error: (text: string) => string;
  readonly private: (text: string) => string;
  /** Decorates a game board (colours, the last move); absent: the plain board. */
  readonly board?: (game: string, view: unknown, plain: string) => string;
}

const same = (text: string): string => text;

/** No decoration: what text mode on TCP sends. */
export const plainStyle: TextStyle = { nick: same, room: same, notice: same, error: same, private: same };

/** What rendering needs to know about the session. */
export interface RenderContext {
  readonly nick: string | null;
  /** Lines about other rooms get a `[#room]` prefix. */
  readonly currentRoom: string;
  /** The players of the matches the session follows, by match id (boards name them). */
  readonly matchPlayers?: ReadonlyMap<string, readonly string[]>;
  /** For a `user.state`: the user was away until now (it says "back" rather than "free"). */
  readonly returning?: boolean;
}

const LEFT_HOW = { left: 'left', quit: 'quit', lost: 'lost the connection' } as const;

/**
 * Turns one server message into the lines a human reads (`<alice> hello`, `* bob joined`,
 * `[private] alice: hi`). Returns no lines for messages a human need not see.
 */
export const renderTextLines = (
  message: ServerMessage,
  context: RenderContext,
  style: TextStyle = plainStyle,
): string[] => {
  const inRoom = (room: string, line: string): string =>
    room === context.currentRoom ? line : `${style.room(`[#${room}]`)} ${line}`;
  const notice = (text: string): string => style.notice(`* ${text}`);
  const game = renderGameLines(message, context, style);
  if (game !== undefined) return game;
  switch (message.type) {
    case 'welcome':
    case 'pong':
      return [];
    case 'ping':
      return ['PING'];
    case 'error':
      return [style.error(`! ${message.data.code}: ${message.data.message}`)];
    case 'nick.accepted': {
      const { nick, previous } = message.data;
      return previous === null
        ? [notice(`Welcome, ${style.nick(nick)}! Type /help for commands.`)]
        : [notice(`You are now known as ${style.nick(nick)}`)];
    }
    case 'user.state': {
      const { nick, state } = message.data;
      if (state === 'away') return [notice(`${style.nick(nick)} is away (connection lost; may come back)`)];
      if (context.returning === true) return [notice(`${style.nick(nick)} is back`)];
      return [notice(`${style.nick(nick)} is ${state === 'free' ? 'free' : 'playing a match'}`)];
    }
    case 'user.states': {
      const who = (state: string): string =>
        message.data.users
          .filter((u) => u.state === state)
          .map((u) => style.nick(u.nick))
          .join(', ');
      const parts = [
        who('playing') === '' ? '' : `Now playing: ${who('playing')}`,
        who('free') === '' ? '' : `Free again: ${who('free')}`,
      ].filter((part) => part !== '');
      return parts.length === 0 ? [] : [notice(parts.join('. '))];
    }
    case 'session.resumed': {
      const { nick, missed, overflow, token } = message.data;
      const what = overflow
        ? 'too much was missed to replay; here is where things stand'
        : `${missed} missed ${missed === 1 ? 'message' : 'messages'} above`;
      return [
        notice(`Reconnected${nick === null ? '' : ` as ${style.nick(nick)}`} (${what}).`),
        notice(`To resume again later, type: !reconnect ${token}`),
      ];
    }
    case 'user.renamed':
      return [notice(`${style.nick(message.data.from)} is now known as ${style.nick(message.data.to)}`)];
    case 'room.joined': {
      const { room, topic, members } = message.data;
      const names = members.map((m) => m.nick).join(', ');
      const lines = [notice(`You joined ${style.room(`#${room}`)} (${members.length} here: ${names})`)];
      if (topic !== '') lines.push(notice(`Topic of ${style.room(`#${room}`)}: ${topic}`));
      return lines;
    }
    case 'room.left':
      return [notice(`You left ${style.room(`#${message.data.room}`)}`)];
    case 'room.member_joined':
      return [inRoom(message.data.room, notice(`${style.nick(message.data.nick)} joined`))];
    case 'room.member_left':
      return [
        inRoom(
          message.data.room,
          notice(`${style.nick(message.data.nick)} ${LEFT_HOW[message.data.reason]}`),
        ),
      ];
    case 'room.topic':
      return [
        inRoom(
          message.data.room,
          notice(`${style.nick(message.data.by)} set the topic: ${message.data.topic}`),
        ),
      ];
    case 'room.listing':
      return [
        `Rooms (${message.data.rooms.length}):`,
        ...message.data.rooms.map(
          (r) =>
            `  ${style.room(`#${r.name}`)}  ${r.members} ${r.members === 1 ? 'member' : 'members'}${r.topic ? `  ${r.topic}` : ''}`,
        ),
      ];
    case 'game.listing':
      return [
        `Games (${message.data.games.length}):`,
        ...message.data.games.map((g) => {
          const players = g.seats.min === g.seats.max ? `${g.seats.min}` : `${g.seats.min}-${g.seats.max}`;
          const options = Object.keys(g.options).join(', ');
          return `  ${g.id}  ${g.name}, ${players} players${options ? `; options: ${options}` : ''}`;
        }),
      ];
    case 'user.listing':
      return [
        `Users (${message.data.users.length}):`,
        ...message.data.users.map((u) => `  ${style.nick(u.nick)}  ${u.state}`),
      ];
    case 'chat.message':
      return [inRoom(message.data.room, `<${style.nick(message.data.from)}> ${message.data.text}`)];
    case 'chat.private':
      return message.data.from === context.nick
        ? [style.private(`[private to ${message.data.to}] ${message.data.text}`)]
        : [style.private(`[private] ${message.data.from}: ${message.data.text}`)];
    case 'account.registered':
      return [
        notice(
          `${style.nick(message.data.nick)} is now registered: nobody else can take it. Next time: /login ${message.data.nick} PASSWORD`,
        ),
      ];
    case 'account.logged_in':
      return [notice(`Logged in as ${style.nick(message.data.nick)}. Type /help for commands.`)];
    case 'oper.granted':
      return [
        notice('You are now an operator: !list, !suspend, !ban, !forgive, !kick, !shutdown (see /help).'),
      ];
    case 'oper.users':
      return [
        `Users (${message.data.users.length}):`,
        ...message.data.users.map((u) => {
          const flags = [
            u.operator ? 'operator' : '',
            u.account ? 'registered' : '',
            u.suspendedUntil !== null ? 'suspended' : '',
          ]
            .filter((f) => f !== '')
            .join(',');
          const where = u.address === null ? 'away' : `${u.address} ${u.transport}/${u.mode}`;
          return `  ${style.nick(u.nick)}  ${where}  idle ${formatDuration(u.idleMs)}  ${u.state}${flags ? `  [${flags}]` : ''}`;
        }),
      ];
    case 'oper.done':
      return [notice(message.data.summary)];
    case 'moderation.suspended': {
      const { until, by, reason } = message.data;
      const end =
        until === null
          ? 'until an operator lifts it'
          : `until ${new Date(until).toISOString().replace('T', ' ').slice(0, 19)} UTC`;
      return [
        style.error(
          `* You are suspended by ${by} ${end}${reason ? ` (${reason})` : ''}: you may read, not send.`,
        ),
      ];
    }
    case 'moderation.forgiven':
      return [notice(`${message.data.by} lifted your suspension: you may talk again.`)];
    case 'bye':
      return [notice(`Bye: ${message.data.message}`)];
    default:
      // Game messages were rendered above (render-games.ts).
      return [];
  }
};

/** `42s`, `5m 3s`, `2h 10m`: a readable duration. */
export const formatDuration = (ms: number): string => {
  const seconds = Math.floor(ms / 1000);
  if (seconds < 60) return `${seconds}s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m ${seconds % 60}s`;
  return `${Math.floor(seconds / 3600)}h ${Math.floor((seconds % 3600) / 60)}m`;
};
