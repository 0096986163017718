import { SolverThread } from '../analysis/index.ts';
import type { ChatRooms } from '../chat/index.ts';
import type { ServerContext, Session } from '../server/index.ts';
import type { MatchStore } from '../store/index.ts';
import { type AnalysisOptions, registerAnalysisHandlers } from './analysis-handlers.ts';
import { registerComputerHandlers } from './computer-handlers.ts';
import type { ComputerOptions } from './computer-player.ts';
import { registerGameCatalog } from './game-catalog.ts';
import { leaveLobby, registerLobbyHandlers } from './lobby-handlers.ts';
import { MATCH_ROOM_PREFIX } from './match.ts';
import { registerMatchHandlers } from './match-handlers.ts';
import { MatchHost, type RoomsOptions } from './match-host.ts';
import { registerTableHandlers } from './realtime/table-handlers.ts';
import { type RealtimeOptions, TableHost } from './realtime/table-host.ts';
import { registerRecordHandlers } from './record-handlers.ts';

/** The solver thread's settings. */
export interface SolverOptions {
  /** Analyses waiting for the solver thread at most (the computer's moves always wait). */
  readonly analysisQueueLimit: number;
  /** The shipped opening book file, if any. */
  readonly openingBookPath?: string | undefined;
}

/** What the composition root keeps of the games area. */
export interface Rooms {
  /** Waits for the match records still being written (call before closing the store). */
  flush(): Promise<void>;
}

/**
 * Plugs the games area into the server: the catalog, the lobby (challenges, queue, join codes),
 * match rooms (moves, clocks, spectators, rematch), records, analysis and the computer opponent
 * (both on the solver thread), and what happens to a player's
 * matches when their connection drops, comes back or ends.
 */
export const registerRooms = (
  server: ServerContext,
  chat: ChatRooms,
  store: MatchStore,
  options: RoomsOptions & AnalysisOptions & ComputerOptions & SolverOptions & RealtimeOptions,
): Rooms => {
  const host = new MatchHost(server, chat, store, options);
  const tables = new TableHost(host, options);
  // Match rooms are entered through the match (players, spectators), never with room.join.
  chat.reserve(MATCH_ROOM_PREFIX);
  registerGameCatalog(server);
  registerLobbyHandlers(host);
  registerMatchHandlers(host, tables);
  registerTableHandlers(tables, server);
  registerRecordHandlers(host, store);
  // One solver thread for analyses and the computer's moves (its table and book loaded once).
  const solverThread = new SolverThread({ bookPath: options.openingBookPath }, options.analysisQueueLimit);
  registerAnalysisHandlers(host, store, solverThread, options);
  registerComputerHandlers(host, solverThread, options);

  /** Tells the other players and the spectators of `session`'s live match something about it. */
  const tellOthers = (session: Session, type: 'match.player_away' | 'match.player_back'): void => {
    const match = host.players.of(session).match;
    if (match === null) return;
    const nick = match.nicks[match.seatOf(session) as number] as string;
    for (const other of match.audience()) {
      if (other === session) continue;
      if (type === 'match.player_away') {
        other.send({ type, data: { match: match.id, nick, graceMs: options.resumeGraceMs } });
      } else other.send({ type, data: { match: match.id, nick } });
    }
  };

  server.hooks({
    away(session) {
      leaveLobby(host, session, false);
      tellOthers(session, 'match.player_away');
      tables.away(session);
    },
    back(session) {
      tellOthers(session, 'match.player_back');
      tables.back(session);
    },
    resumed(session) {
      // Too much was missed to replay: the fresh state of every match the session takes part in.
      // (or of the one that ended while it was away).
      const entry = host.players.of(session);
      const ended = entry.last !== null && entry.last.endedAt >= session.droppedAt ? entry.last : null;
      const played = entry.match ?? ended;
      if (played !== null) session.send(host.stateFor(played, session));
      for (const match of entry.watching) session.send(host.stateFor(match, session));
      tables.resumed(session);
    },
    serverClosing() {
      tables.abortAll();
      host.abortAll();
      void solverThread.close();
    },
    closed(session) {
      leaveLobby(host, session, true);
      tables.closed(session);
      const entry = host.players.of(session);
      for (const match of [...entry.watching]) {
        match.spectators.delete(session);
        entry.watching.delete(match);
      }
      const match = entry.match;
      if (match === null) return;
      // A player who is gone for good loses by abandonment (at shutdown, matches were aborted first).
      host.end(match, { winner: match.opponentOf(match.seatOf(session) as number), reason: 'abandon' });
    },
  });

  return { flush: () => host.flush() };
};
