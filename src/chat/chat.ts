import { type ClientMessage, LOBBY, parseRoomName, type ServerData, UserState } from '../protocol/index.ts';
import { type Rejection, reject, type ServerContext, type Session, sendToAll } from '../server/index.ts';
import { compareText } from './compare-text.ts';
import { type Room, RoomDirectory } from './room-directory.ts';

/** Chat limits (from the server configuration). */
export interface ChatOptions {
  readonly maxChatChars: number;
  readonly maxTopicChars: number;
  readonly maxRoomsPerSession: number;
  readonly userStateDigestMs: number;
}

// Control characters would let a message forge extra lines or colours in text clients.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f\u0080-\u009f]/g;

/** Chat text with control characters replaced by spaces, or why it cannot be sent. */
const cleanText = (text: string, maxChars: number): string | Rejection => {
  // Code points, not UTF-16 units; only counted when the cheap bound says it may be too long.
  if (text.length > maxChars && [...text].length > maxChars) {
    return reject('CHAT_TOO_LONG', `A message may be at most ${maxChars} characters.`);
  }
  const clean = text.replace(CONTROL_CHARACTERS, ' ');
  return clean.trim() === '' ? reject('CHAT_EMPTY', 'The message is empty.') : clean;
};

function* othersIn(room: Room, except: Session): Generator<Session> {
  for (const member of room.members) if (member !== except) yield member;
}

const membersOf = (room: Room): ServerData<'room.joined'>['members'] =>
  [...room.members]
    .filter((m) => m.nick !== null)
    .map((m) => ({ nick: m.nick as string, state: m.state }))
    .sort((a, b) => compareText(a.nick, b.nick));

/**
 * Lobby and room chat, private messages, topics and user lists (C1–C4). Every named session is
 * in the lobby; other rooms are created by joining them.
 */
/**
 * What other areas may do with chat rooms: games put the players and spectators of a match in the
 * match's room, so that its chat is ordinary room chat on every client.
 */
export interface ChatRooms {
  /**
   * Puts `session` in the closed room `name` (created if new), as `room.join` would but without
   * the room limit. A closed room is not listed and nobody joins it with `room.join`.
   */
  enter(session: Session, name: string): void;
  /** Takes `session` out of room `name` as `room.leave` would; nothing if it is not there. */
  leave(session: Session, name: string): void;
  /** Makes every room whose name starts with `prefix` closed, even before it exists. */
  reserve(prefix: string): void;
}

export const registerChat = (server: ServerContext, options: ChatOptions): ChatRooms => {
  const rooms = new RoomDirectory();
  server.metrics.gauge('parlor_rooms', 'Chat rooms, the lobby included.', () => rooms.size);

  /** The room a request names, if the session is in it. */
  const memberRoom = (session: Session, name: string): Room | Rejection => {
    const parsed = parseRoomName(name);
    if (!parsed.ok) return reject('ROOM_INVALID_NAME', `"${name.slice(0, 64)}" is not a room name.`);
    const room = rooms.get(parsed.value);
    if (room === undefined || !room.members.has(session)) {
      return reject('ROOM_NOT_MEMBER', `You are not in #${parsed.value}; /join it first.`);
    }
    return room;
  };
  const isRoom = (value: Room | Rejection): value is Room => 'members' in value;

  const enter = (session: Session, room: Room): void => {
    sendToAll(othersIn(room, session), {
      type: 'room.member_joined',
      data: { room: room.name, nick: session.nick as string },
    });
  };

  // Playing/free changes go to everyone in one digest per interval: two players starting a match
  // would otherwise cost a message to every connected user each, and matches start and end often.
  const changedStates = new Set<Session>();
  let digestTimer: NodeJS.Timeout | undefined;
  const sendStateDigest = (): void => {
    digestTimer = undefined;
    const users = [...changedStates]
      .filter((s) => !s.ended && s.nick !== null)
      .map((s) => ({ nick: s.nick as string, state: s.state }));
    changedStates.clear();
    if (users.length === 0) return;
    // Players in a match are not shown the lobby's comings and goings (at a thousand matches that
    // would be most of the server's output); they ask again (user.list) when their match ends.
    const lobby = [...server.namedSessions()].filter((s) => s.state !== UserState.PLAYING);
    sendToAll(lobby, { type: 'user.states', data: { users } });
  };

  const reservedPrefixes: string[] = [];
  const isReserved = (name: string): boolean => reservedPrefixes.some((prefix) => name.startsWith(prefix));

  /** Tells everyone who shares a room with `session` its new state (away, back, playing). */
  const announceState = (session: Session): void => {
    sendToAll(rooms.neighboursOf(session), {
      type: 'user.state',
      data: { nick: session.nick as string, state: session.state },
    });
  };

  server.hooks({
    named(session, previous) {
      if (previous === null) {
        const lobby = rooms.join(session, LOBBY);
        session.send({
          type: 'room.joined',
          data: { room: LOBBY, topic: lobby.topic, members: membersOf(lobby) },
        });
        enter(session, lobby);
      } else {
        sendToAll(rooms.neighboursOf(session), {
          type: 'user.renamed',
          data: { from: previous, to: session.nick as string },
        });
      }
    },
    away: announceState,
    back: announceState,
    stateChanged(session) {
      changedStates.add(session);
      if (digestTimer === undefined) {
        digestTimer = setTimeout(sendStateDigest, options.userStateDigestMs);
        digestTimer.unref();
      }
    },
    resumed(session) {
      for (const room of rooms.roomsOf(session)) {
        session.send({
          type: 'room.joined',
          data: { room: room.name, topic: room.topic, members: membersOf(room) },
        });
      }
    },
    closed(session, reason) {
      for (const room of rooms.leaveAll(session)) {
        sendToAll(room.members, {
          type: 'room.member_left',
          data: { room: room.name, nick: session.nick as string, reason },
        });
      }
    },
  });

  server.handle('chat.say', (session, request) => {
    const room = memberRoom(session, request.data.room ?? LOBBY);
    if (!isRoom(room)) return room;
    const text = cleanText(request.data.text, options.maxChatChars);
    if (typeof text !== 'string') return text;
    const data = { room: room.name, from: session.nick as string, text, at: server.now() };
    sendToAll(othersIn(room, session), { type: 'chat.message', data });
    server.reply(session, request, 'chat.message', data);
    return undefined;
  });

  server.handle('chat.tell', (session, request) => {
    const target = server.byNick(request.data.to);
    if (target === undefined)
      return reject('USER_NOT_FOUND', `Nobody called "${request.data.to.slice(0, 64)}" is connected.`);
    const text = cleanText(request.data.text, options.maxChatChars);
    if (typeof text !== 'string') return text;
    const data = { from: session.nick as string, to: target.nick as string, text, at: server.now() };
    if (target !== session) target.send({ type: 'chat.private', data });
    server.reply(session, request, 'chat.private', data);
    return undefined;
  });

  server.handle('room.join', (session, request) => {
    const parsed = parseRoomName(request.data.room);
    if (!parsed.ok)
      return reject(
        'ROOM_INVALID_NAME',
        `"${request.data.room.slice(0, 64)}" is not a room name: use 1 to 24 of A-Z a-z 0-9 _ -.`,
      );
    const already = rooms.isMember(session, parsed.value);
    if (!already && (rooms.get(parsed.value)?.closed === true || isReserved(parsed.value))) {
      return reject('ROOM_CLOSED', `#${parsed.value} is a match room: /watch the match to join it.`);
    }
    if (!already && rooms.roomsOf(session).length >= options.maxRoomsPerSession) {
      return reject(
        'ROOM_TOO_MANY',
        `You may be in at most ${options.maxRoomsPerSession} rooms; /leave one first.`,
      );
    }
    const room = rooms.join(session, parsed.value);
    server.reply(session, request, 'room.joined', {
      room: room.name,
      topic: room.topic,
      members: membersOf(room),
    });
    // Joining a room one is already in only makes it current again (text mode); nobody is told.
    if (!already) enter(session, room);
    return undefined;
  });

  const leave = (session: Session, room: Room, request?: ClientMessage): void => {
    rooms.leave(session, room);
    if (request === undefined) session.send({ type: 'room.left', data: { room: room.name } });
    else server.reply(session, request, 'room.left', { room: room.name });
    sendToAll(room.members, {
      type: 'room.member_left',
      data: { room: room.name, nick: session.nick as string, reason: 'left' },
    });
  };

  server.handle('room.leave', (session, request) => {
    const room = memberRoom(session, request.data.room);
    if (!isRoom(room)) return room;
    if (room.name === LOBBY)
      return reject('ROOM_LOBBY_PERMANENT', 'Everyone stays in the lobby; /quit to leave the server.');
    leave(session, room, request);
    return undefined;
  });

  server.handle('room.topic', (session, request) => {
    const room = memberRoom(session, request.data.room);
    if (!isRoom(room)) return room;
    const topic = request.data.topic.replace(CONTROL_CHARACTERS, ' ').trim();
    if ([...topic].length > options.maxTopicChars) {
      return reject('ROOM_TOPIC_TOO_LONG', `A topic may be at most ${options.maxTopicChars} characters.`);
    }
    room.topic = topic;
    const data = { room: room.name, topic, by: session.nick as string };
    sendToAll(othersIn(room, session), { type: 'room.topic', data });
    server.reply(session, request, 'room.topic', data);
    return undefined;
  });

  server.handle('room.list', (session, request) => {
    const listing = rooms
      .list()
      .filter((r) => !r.closed && !isReserved(r.name))
      .map((r) => ({ name: r.name, members: r.members.size, topic: r.topic }));
    server.reply(session, request, 'room.listing', { rooms: listing });
    return undefined;
  });

  server.handle('user.list', (session, request) => {
    if (request.data.room === undefined) {
      const users = [...server.namedSessions()]
        .map((s) => ({ nick: s.nick as string, state: s.state }))
        .sort((a, b) => compareText(a.nick, b.nick));
      server.reply(session, request, 'user.listing', { users });
      return undefined;
    }
    const parsed = parseRoomName(request.data.room);
    if (!parsed.ok)
      return reject('ROOM_INVALID_NAME', `"${request.data.room.slice(0, 64)}" is not a room name.`);
    const room = rooms.get(parsed.value);
    if (room === undefined) return reject('ROOM_NOT_FOUND', `There is no room #${parsed.value}.`);
    server.reply(session, request, 'user.listing', { users: membersOf(room) });
    return undefined;
  });

  return {
    enter(session, name) {
      if (rooms.isMember(session, name)) return;
      const room = rooms.join(session, name);
      room.closed = true;
      session.send({
        type: 'room.joined',
        data: { room: room.name, topic: room.topic, members: membersOf(room) },
      });
      enter(session, room);
    },
    leave(session, name) {
      const room = rooms.get(name);
      if (room?.members.has(session)) leave(session, room);
    },
    reserve(prefix) {
      reservedPrefixes.push(prefix);
    },
  };
};
