import { type Rejection, reject, type Session } from '../server/index.ts';
import type { Match } from './match.ts';
import { type MatchHost, type MatchSpec, rejectGameError } from './match-host.ts';
import type { TableHost } from './realtime/table-host.ts';

/** The match a request names, or the one the session plays; a rejection when there is none. */
const playedMatch = (host: MatchHost, session: Session, id: string | undefined): Match | Rejection => {
  const entry = host.players.of(session);
  if (id === undefined) {
    if (entry.match !== null) return entry.match;
    if (entry.last !== null) return entry.last;
    return reject('MATCH_NOT_FOUND', 'You are not playing a match.');
  }
  const match = host.live.get(id) ?? (entry.last?.id === id ? entry.last : undefined);
  if (match === undefined) return reject('MATCH_NOT_FOUND', `There is no live match "${id.slice(0, 32)}".`);
  if (match.seatOf(session) === null)
    return reject('MATCH_NOT_PLAYER', 'Only the players of this match may do that.');
  return match;
};

const isMatch = (value: Match | Rejection): value is Match => 'players' in value;

const over = (match: Match): Rejection =>
  reject('GAME_OVER', `Match ${match.id} is over (${match.end?.reason ?? 'ended'}); /rematch to play again.`);

/** Refuses a turn-based request naming a real-time match. */
const wrongKind = (tables: TableHost, id: string | undefined): Rejection | undefined =>
  id !== undefined && tables.live.has(id)
    ? reject('MATCH_WRONG_KIND', `Match ${id.slice(0, 32)} is real-time: it is played with match.input.`)
    : undefined;

/**
 * Playing (moves, resignation, rematch) and watching matches (F1, F2, E5, E6); watching and listing
 * cover the real-time matches of `tables` too.
 */
export const registerMatchHandlers = (host: MatchHost, tables: TableHost): void => {
  const { server } = host;

  server.handle('match.move', (session, request) => {
    const refused = wrongKind(tables, request.data.match);
    if (refused !== undefined) return refused;
    const match = playedMatch(host, session, request.data.match);
    if (!isMatch(match)) return match;
    if (match.end !== null) return over(match);
    const { move, text, version } = request.data;
    if (version !== undefined && version !== match.version) {
      return reject(
        'MATCH_STALE_VERSION',
        `The move was meant for version ${version}, but the match is at version ${match.version}.`,
      );
    }
    if ((move === undefined) === (text === undefined)) {
      return reject('GAME_BAD_MOVE', 'Send the move either as `move` (JSON) or as `text` (notation).');
    }
    const parsed = text === undefined ? match.game.parseMove(move) : match.game.parseMoveText(text);
    if (!parsed.ok) return rejectGameError(parsed.error);
    return host.play(match, match.seatOf(session) as number, parsed.value, { session, request });
  });

  server.handle('match.resign', (session, request) => {
    const refused = wrongKind(tables, request.data.match);
    if (refused !== undefined) return refused;
    const match = playedMatch(host, session, request.data.match);
    if (!isMatch(match)) return match;
    if (match.end !== null) return over(match);
    const seat = match.seatOf(session) as number;
    host.end(match, { winner: match.opponentOf(seat), reason: 'resign' }, { session, request });
    return undefined;
  });

  server.handle('match.rematch', (session, request) => {
    const match = playedMatch(host, session, request.data.match);
    if (!isMatch(match)) return match;
    if (match.end === null) return reject('REMATCH_UNAVAILABLE', 'The match is still being played.');
    const others = match.players.filter((p) => p !== session);
    const gone = others.find((p) => p.ended || p.peer === null || host.players.of(p).match !== null);
    if (gone !== undefined)
      return reject('REMATCH_UNAVAILABLE', `${gone.nick} is not available for a rematch.`);
    if (!host.isFree(session)) return reject('PLAYER_BUSY', 'You are in another match.');
    match.rematchOffers.add(match.seatOf(session) as number);
    const data = { match: match.id, by: session.nick as string };
    server.reply(session, request, 'match.rematch_offered', data);
    for (const other of others) other.send({ type: 'match.rematch_offered', data });
    if (match.rematchOffers.size < match.players.length) return undefined;
    match.rematchOffers.clear();
    const rematch = rematchOf(match);
    const started = host.start(rematch.spec, rematch.players);
    return 'code' in started ? started : undefined;
  });

  server.handle('match.watch', (session, request) => {
    const realtime = tables.live.get(request.data.match);
    if (realtime !== undefined) {
      if (realtime.private) return reject('MATCH_WATCH_DENIED', 'Private matches cannot be watched.');
      if (realtime.seatOf(session) !== null) return reject('MATCH_WATCH_DENIED', 'You play in this match.');
      tables.watch(session, realtime);
      server.reply(session, request, 'match.state', tables.stateFor(realtime, session).data);
      return undefined;
    }
    const match = host.live.get(request.data.match);
    if (match === undefined)
      return reject('MATCH_NOT_FOUND', `There is no live match "${request.data.match.slice(0, 32)}".`);
    if (match.private) return reject('MATCH_WATCH_DENIED', 'Private matches cannot be watched.');
    if (match.seatOf(session) !== null) return reject('MATCH_WATCH_DENIED', 'You play in this match.');
    host.watch(session, match);
    server.reply(session, request, 'match.state', host.stateFor(match, session).data);
    return undefined;
  });

  server.handle('match.unwatch', (session, request) => {
    const realtime = tables.watchedBy(session).find((m) => m.id === request.data.match);
    if (realtime !== undefined) {
      tables.unwatch(session, realtime);
      server.reply(session, request, 'match.unwatched', { match: realtime.id });
      return undefined;
    }
    const match = [...host.players.of(session).watching].find((m) => m.id === request.data.match);
    if (match === undefined)
      return reject('MATCH_NOT_FOUND', `You are not watching "${request.data.match.slice(0, 32)}".`);
    host.unwatch(session, match);
    server.reply(session, request, 'match.unwatched', { match: match.id });
    return undefined;
  });

  server.handle('match.get', (session, request) => {
    const entry = host.players.of(session);
    const id = request.data.match;
    const realtime =
      id === undefined
        ? (tables.tableOf(session)?.match ?? tables.watchedBy(session)[0])
        : tables.live.get(id);
    if (realtime != null && (!realtime.private || realtime.seatOf(session) !== null)) {
      server.reply(session, request, 'match.state', tables.stateFor(realtime, session).data);
      return undefined;
    }
    let match: Match | undefined;
    if (request.data.match !== undefined) {
      const id = request.data.match;
      match = host.live.get(id) ?? (entry.last?.id === id ? entry.last : undefined);
      if (match?.private === true && match.seatOf(session) === null) match = undefined;
    } else {
      match =
        entry.match ??
        (entry.watching.size === 1 ? [...entry.watching][0] : undefined) ??
        entry.last ??
        undefined;
    }
    if (match === undefined) {
      return reject(
        'MATCH_NOT_FOUND',
        request.data.match === undefined
          ? 'You neither play nor watch a match; name one (/matches lists them).'
          : `There is no live match "${request.data.match.slice(0, 32)}".`,
      );
    }
    server.reply(session, request, 'match.state', host.stateFor(match, session).data);
    return undefined;
  });

  server.handle('match.list', (session, request) => {
    const matches = [...host.live.values()]
      .filter((m) => !m.private)
      .map((m) => ({
        id: m.id,
        game: m.game.id,
        players: [...m.nicks],
        spectators: m.spectators.size,
        moves: m.moves.length,
        startedAt: m.startedAt,
      }));
    for (const m of tables.live.values()) {
      if (m.private) continue;
      const summary = { id: m.id, game: m.game.id, players: [...m.nicks], spectators: m.spectators.size };
      matches.push({ ...summary, moves: m.log.length, startedAt: m.startedAt });
    }
    server.reply(session, request, 'match.listing', { matches });
    return undefined;
  });
};

/**
 * A rematch (E6): same game, options and clocks, and the other player moves first. With a
 * `firstSeat` option, the value that gives the first move to the other seat (tried, not guessed: a
 * starting `position` may shift whose turn it is); without one, the players swap seats.
 */
const rematchOf = (match: Match): { spec: MatchSpec; players: readonly Session[] } => {
  const base = { game: match.game, timeControl: match.timeControl, private: match.private };
  const other = match.firstMover === null ? null : match.opponentOf(match.firstMover);
  if ('firstSeat' in match.game.options && other !== null) {
    for (const firstSeat of [0, 1]) {
      const options = { ...match.options, firstSeat };
      const trial = match.game.create(options, match.seed);
      if (trial.ok && match.game.toMove(trial.value) === other) {
        return { spec: { ...base, options }, players: match.players };
      }
    }
  }
  return { spec: { ...base, options: match.options }, players: [...match.players].reverse() };
};
