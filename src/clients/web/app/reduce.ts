import type { ServerMessage, ServerMessageOf, UserState } from '../../../protocol/index.ts';
import {
  type AppState,
  type Challenge,
  type ConnectionStatus,
  type Conversation,
  type Line,
  MAX_LINES,
  type MatchState,
  matchKey,
  privateKey,
  type RoomState,
  roomKey,
  TABLE_TAB,
} from './model.ts';

//
// Pure state transitions of the browser client: a server message, or a local action, gives the
// next `AppState`. No DOM, no clock (the caller passes `now`), so it is tested in Node.
//

/** The state after one server message arrived at time `now`. */
export function applyMessage(state: AppState, message: ServerMessage, now: number): AppState {
  switch (message.type) {
    case 'nick.accepted':
    case 'account.logged_in':
    case 'session.resumed':
      return { ...state, me: message.data.nick };
    case 'room.joined':
      return roomJoined(state, message);
    case 'room.left':
      return roomLeft(state, message.data.room);
    case 'room.member_joined': {
      const { room, nick } = message.data;
      const userState = state.users[nick] ?? 'free';
      const next = withMember(
        { ...state, users: { ...state.users, [nick]: userState } },
        room,
        nick,
        userState,
      );
      return addNotice(next, roomKey(room), `${nick} joined`, now);
    }
    case 'room.member_left': {
      const { room, nick, reason } = message.data;
      let next = withoutMember(state, room, nick);
      if (reason !== 'left') {
        // Gone from the server, not just from the room.
        const { [nick]: _gone, ...users } = next.users;
        next = { ...next, users };
      }
      const why = reason === 'left' ? 'left' : reason === 'quit' ? 'quit' : 'lost the connection';
      return addNotice(next, roomKey(room), `${nick} ${why}`, now);
    }
    case 'room.topic': {
      const { room, topic, by } = message.data;
      const current = state.rooms[room];
      const next = current === undefined ? state : setRoom(state, room, { ...current, topic });
      return addNotice(next, roomKey(room), `${by} set the topic: ${topic}`, now);
    }
    case 'chat.message': {
      const { room, from, text, at } = message.data;
      return addLine(state, roomKey(room), { from, text, at });
    }
    case 'chat.private': {
      const { from, to, text, at } = message.data;
      const other = from === state.me ? to : from;
      return addLine(openTab(state, privateKey(other), false), privateKey(other), { from, text, at });
    }
    case 'user.listing':
      return { ...state, users: Object.fromEntries(message.data.users.map((u) => [u.nick, u.state])) };
    case 'user.state':
      return withUserState(state, message.data.nick, message.data.state);
    case 'user.states':
      return message.data.users.reduce((s, u) => withUserState(s, u.nick, u.state), state);
    case 'user.renamed':
      return renamed(state, message.data.from, message.data.to, now);
    case 'game.listing':
      return { ...state, games: message.data.games };
    case 'challenge.received':
      return { ...state, incoming: upsert(state.incoming, message.data.challenge) };
    case 'challenge.sent':
      return { ...state, outgoing: upsert(state.outgoing, message.data.challenge) };
    case 'challenge.declined': {
      const { challenge, reason } = message.data;
      const because = reason === '' ? '' : `: ${reason}`;
      return toast(dropChallenge(state, challenge), `${challenge.to} declined your challenge${because}`);
    }
    case 'challenge.cancelled': {
      const { challenge, reason } = message.data;
      const mine = challenge.from === state.me;
      const text = mine
        ? challenge.to === null
          ? 'Your private match was closed'
          : `Your challenge to ${challenge.to} was withdrawn (${reason})`
        : `${challenge.from} withdrew the challenge (${reason})`;
      return toast(dropChallenge(state, challenge), text);
    }
    case 'challenge.expired': {
      const { challenge } = message.data;
      const who = challenge.from === state.me ? (challenge.to ?? 'the private match') : challenge.from;
      return toast(dropChallenge(state, challenge), `The challenge with ${who} expired`);
    }
    case 'match.created':
      return { ...state, privateMatch: message.data.challenge };
    case 'queue.joined':
      return { ...state, queue: { game: message.data.game, waiting: message.data.waiting } };
    case 'queue.left':
      return { ...state, queue: null };
    case 'table.joined':
      return openTab({ ...state, table: message.data.table }, TABLE_TAB, true);
    case 'table.updated':
      return { ...state, table: message.data.table };
    case 'table.left':
      return state.table?.id === message.data.table ? closeTab({ ...state, table: null }, TABLE_TAB) : state;
    case 'table.listing':
      return { ...state, tables: message.data.tables };
    case 'match.started':
      return matchStarted(state, message, now);
    case 'match.update':
      return updateMatch(state, message.data.match, (match) => ({
        ...match,
        version: message.data.version,
        view: message.data.view,
        clock: message.data.clock,
        clockAt: now,
        lastMove: { seat: message.data.seat, by: message.data.by, text: message.data.text },
        rematchOfferedBy: null,
      }));
    case 'match.state': {
      const { match, version, view, clock, result, away } = message.data;
      const known = state.matches[match.id];
      const entry: MatchState = {
        info: match,
        version,
        view,
        clock,
        clockAt: now,
        result,
        record: known?.record ?? null,
        lastMove: known?.lastMove ?? null,
        away,
        rematchOfferedBy: known?.rematchOfferedBy ?? null,
      };
      const next = { ...state, matches: { ...state.matches, [match.id]: entry } };
      // A match newly shown (watched, or found again after a page reload) opens; a refresh does not.
      const fresh = !state.tabs.includes(matchKey(match.id));
      return openTab(match.seat === null ? next : { ...next, myMatch: match.id }, matchKey(match.id), fresh);
    }
    case 'match.ended': {
      const { match, result, view, record } = message.data;
      const next = updateMatch(state, match, (m) => ({ ...m, result, view, record }));
      const info = state.matches[match]?.info;
      return info === undefined ? next : addNotice(next, roomKey(info.room), describeResult(result), now);
    }
    case 'match.player_away': {
      const { match, nick, graceMs } = message.data;
      const next = updateMatch(state, match, (m) => ({
        ...m,
        away: [...m.away.filter((n) => n !== nick), nick],
      }));
      const seconds = Math.round(graceMs / 1000);
      return toast(next, `${nick} lost the connection; they have ${seconds} s to come back`);
    }
    case 'match.player_back': {
      const { match, nick } = message.data;
      return updateMatch(state, match, (m) => ({ ...m, away: m.away.filter((n) => n !== nick) }));
    }
    case 'match.rematch_offered':
      return updateMatch(state, message.data.match, (m) => ({ ...m, rematchOfferedBy: message.data.by }));
    case 'match.unwatched':
      return closeTab(state, matchKey(message.data.match));
    case 'match.listing':
      return { ...state, live: message.data.matches };
    case 'record.listing':
      return { ...state, records: message.data.records };
    case 'record.match':
      return { ...state, replay: { record: message.data.record, ply: 0 }, active: 'history' };
    case 'analysis.result':
      return { ...state, analyses: { ...state.analyses, [message.data.position]: message.data } };
    case 'oper.granted':
      return toast({ ...state, operator: true }, 'You are an operator now');
    case 'oper.users':
      return { ...state, operUsers: message.data.users };
    case 'oper.done':
      return toast(state, message.data.summary);
    case 'moderation.suspended': {
      const { by, reason } = message.data;
      const until = message.data.until === null ? 'until forgiven' : `until ${clockTime(message.data.until)}`;
      return toast(state, `You are muted by ${by} ${until}${reason === '' ? '' : `: ${reason}`}`, 'error');
    }
    case 'moderation.forgiven':
      return toast(state, `${message.data.by} lifted your suspension`);
    case 'error':
      // Errors that answer a request are shown by whoever sent it; these are the others.
      return message.re === undefined ? toast(state, message.data.message, 'error') : state;
    case 'bye':
      return setConnection(state, 'closed', message.data.message);
    default:
      return state;
  }
}

// ── Local actions ────────────────────────────────────────────────────────────────────────────

/** Opens tab `key` (a conversation, a match or a page), clearing its unread count. */
export function selectTab(state: AppState, key: string): AppState {
  const conversation = state.conversations[key];
  const conversations =
    conversation === undefined || conversation.unread === 0
      ? state.conversations
      : { ...state.conversations, [key]: { ...conversation, unread: 0 } };
  return { ...state, active: key, conversations };
}

/** Adds tab `key` (once), and opens it if `focus`. */
export function openTab(state: AppState, key: string, focus: boolean): AppState {
  const tabs = state.tabs.includes(key) ? state.tabs : [...state.tabs, key];
  const conversations =
    key.startsWith('match:') || key === TABLE_TAB || state.conversations[key] !== undefined
      ? state.conversations
      : { ...state.conversations, [key]: { key, lines: [], unread: 0 } };
  const next = { ...state, tabs, conversations };
  return focus ? selectTab(next, key) : next;
}

/** Removes tab `key`; if it was open, the lobby opens. */
export function closeTab(state: AppState, key: string): AppState {
  const tabs = state.tabs.filter((tab) => tab !== key);
  return { ...state, tabs, active: state.active === key ? roomKey('lobby') : state.active };
}

export function setConnection(state: AppState, status: ConnectionStatus, detail = ''): AppState {
  return { ...state, connection: { status, detail } };
}

export function toast(state: AppState, text: string, tone: 'info' | 'error' = 'info'): AppState {
  const id = state.serial + 1;
  // A few at a time: older ones make way.
  return { ...state, serial: id, toasts: [...state.toasts.slice(-3), { id, text, tone }] };
}

export function dismissToast(state: AppState, id: number): AppState {
  return { ...state, toasts: state.toasts.filter((t) => t.id !== id) };
}

/** Moves the replay viewer to `ply` (clamped to the record). */
export function replayAt(state: AppState, ply: number): AppState {
  if (state.replay === null) return state;
  const last = state.replay.record.moves.length;
  return { ...state, replay: { ...state.replay, ply: Math.max(0, Math.min(last, ply)) } };
}

/** A one-line result, `alice won (four-in-a-row)`. */
export function describeResult(result: { winner: string | null; reason: string }): string {
  const reason = result.reason.replaceAll('-', ' ');
  return result.winner === null ? `Draw (${reason})` : `${result.winner} won (${reason})`;
}

// ── Helpers ──────────────────────────────────────────────────────────────────────────────────

function roomJoined(state: AppState, message: ServerMessageOf<'room.joined'>): AppState {
  const { room, topic, members } = message.data;
  const next = setRoom(state, room, {
    topic,
    members: Object.fromEntries(members.map((m) => [m.nick, m.state])),
  });
  // A match's chat shows inside its match: no tab of its own.
  const key = roomKey(room);
  if (room.startsWith('match-')) {
    return next.conversations[key] === undefined
      ? { ...next, conversations: { ...next.conversations, [key]: { key, lines: [], unread: 0 } } }
      : next;
  }
  return openTab(next, key, state.tabs.length === 0 || state.active === key);
}

function roomLeft(state: AppState, room: string): AppState {
  const { [room]: _left, ...rooms } = state.rooms;
  return closeTab({ ...state, rooms }, roomKey(room));
}

function setRoom(state: AppState, room: string, value: RoomState): AppState {
  return { ...state, rooms: { ...state.rooms, [room]: value } };
}

function withMember(state: AppState, room: string, nick: string, userState: UserState): AppState {
  const current = state.rooms[room];
  if (current === undefined) return state;
  return setRoom(state, room, { ...current, members: { ...current.members, [nick]: userState } });
}

function withoutMember(state: AppState, room: string, nick: string): AppState {
  const current = state.rooms[room];
  if (current === undefined) return state;
  const { [nick]: _gone, ...members } = current.members;
  return setRoom(state, room, { ...current, members });
}

function withUserState(state: AppState, nick: string, userState: UserState): AppState {
  const rooms: Record<string, RoomState> = {};
  for (const [name, room] of Object.entries(state.rooms)) {
    rooms[name] =
      room.members[nick] === undefined ? room : { ...room, members: { ...room.members, [nick]: userState } };
  }
  return { ...state, rooms, users: { ...state.users, [nick]: userState } };
}

function renamed(state: AppState, from: string, to: string, now: number): AppState {
  let next: AppState = state;
  for (const [name, room] of Object.entries(state.rooms)) {
    const userState = room.members[from];
    if (userState === undefined) continue;
    next = withMember(withoutMember(next, name, from), name, to, userState);
    next = addNotice(next, roomKey(name), `${from} is now known as ${to}`, now);
  }
  const { [from]: userState, ...users } = next.users;
  return { ...next, users: userState === undefined ? users : { ...users, [to]: userState } };
}

function addLine(state: AppState, key: string, line: Omit<Line, 'n'>): AppState {
  const conversation: Conversation = state.conversations[key] ?? { key, lines: [], unread: 0 };
  const n = state.serial + 1;
  const lines = [...conversation.lines.slice(-(MAX_LINES - 1)), { ...line, n }];
  const unread = line.from !== null && state.active !== key ? conversation.unread + 1 : conversation.unread;
  return {
    ...state,
    serial: n,
    conversations: { ...state.conversations, [key]: { key, lines, unread } },
  };
}

function addNotice(state: AppState, key: string, text: string, now: number): AppState {
  return state.conversations[key] === undefined ? state : addLine(state, key, { from: null, text, at: now });
}

function upsert(list: readonly Challenge[], challenge: Challenge): readonly Challenge[] {
  return [...list.filter((c) => c.id !== challenge.id), challenge];
}

function dropChallenge(state: AppState, challenge: Challenge): AppState {
  const keep = (c: Challenge): boolean => c.id !== challenge.id;
  return {
    ...state,
    incoming: state.incoming.filter(keep),
    outgoing: state.outgoing.filter(keep),
    privateMatch: state.privateMatch?.id === challenge.id ? null : state.privateMatch,
  };
}

function matchStarted(state: AppState, message: ServerMessageOf<'match.started'>, now: number): AppState {
  const { match, version, view, clock } = message.data;
  const entry: MatchState = {
    info: match,
    version,
    view,
    clock,
    clockAt: now,
    result: null,
    record: null,
    lastMove: null,
    away: [],
    rematchOfferedBy: null,
  };
  const players = new Set(match.players);
  const involved = (c: Challenge): boolean => players.has(c.from) || (c.to !== null && players.has(c.to));
  const playing = match.seat !== null;
  const next: AppState = {
    ...state,
    matches: { ...state.matches, [match.id]: entry },
    myMatch: playing ? match.id : state.myMatch,
    queue: playing ? null : state.queue,
    privateMatch: playing ? null : state.privateMatch,
    incoming: playing ? state.incoming.filter((c) => !involved(c)) : state.incoming,
    outgoing: playing ? state.outgoing.filter((c) => !involved(c)) : state.outgoing,
  };
  // The previous match of a rematch makes way for the new one.
  const previous = playing ? state.myMatch : null;
  const cleared = previous !== null && previous !== match.id ? closeTab(next, matchKey(previous)) : next;
  const started = addNotice(
    cleared,
    roomKey(match.room),
    `${match.players.join(' vs ')}: the match begins`,
    now,
  );
  return openTab(started, matchKey(match.id), true);
}

function updateMatch(state: AppState, id: string, change: (match: MatchState) => MatchState): AppState {
  const match = state.matches[id];
  return match === undefined ? state : { ...state, matches: { ...state.matches, [id]: change(match) } };
}

function clockTime(at: number): string {
  return new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}
