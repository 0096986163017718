import { findGame } from '../../games/index.ts';
import { type Rejection, reject } from '../../server/index.ts';
import { normaliseJoinCode } from '../join-code.ts';
import { rejectGameError } from '../match-host.ts';
import type { RealtimeGame, RealtimeMatch } from './realtime-match.ts';
import type { TableHost } from './table-host.ts';

/** The game of `table.create` without a game. */
const DEFAULT_REALTIME_GAME = 'tanks';

const realtimeGame = (id: string | undefined): RealtimeGame | Rejection => {
  const game = findGame(id ?? DEFAULT_REALTIME_GAME);
  if (game === undefined) return reject('GAME_UNKNOWN', `There is no game "${String(id).slice(0, 32)}".`);
  if (game.kind !== 'realtime') {
    return reject('GAME_UNKNOWN', `${game.name} is turn-based: challenge someone or queue for it instead.`);
  }
  return game;
};

const isMatch = (value: RealtimeMatch | Rejection): value is RealtimeMatch => 'seats' in value;

/** Tables of real-time games (H3) and the inputs of their matches (H2). */
export const registerTableHandlers = (tables: TableHost, server: TableHost['server']): void => {
  server.handle('table.create', (session, request) => {
    const game = realtimeGame(request.data.game);
    if ('code' in game) return game;
    const table = tables.create(session, {
      game,
      options: request.data.options,
      private: request.data.private ?? false,
      bots: request.data.bots ?? 0,
    });
    if ('code' in table && 'message' in table) return table;
    server.reply(session, request, 'table.joined', { table: table.info(true) });
    tables.startIfFull(table);
    return undefined;
  });

  server.handle('table.list', (session, request) => {
    const wanted = request.data.game;
    const listed = [...tables.tables.values()]
      .filter((t) => !t.private && (wanted === undefined || t.game.id === wanted))
      .sort((a, b) => Number(a.match !== null) - Number(b.match !== null));
    server.reply(session, request, 'table.listing', { tables: listed.map((t) => t.info(false)) });
    return undefined;
  });

  server.handle('table.join', (session, request) => {
    const { id, code } = request.data;
    if ((id === undefined) === (code === undefined)) {
      return reject('TABLE_NOT_FOUND', 'Name the table either by `id` or by `code`.');
    }
    const table = tables.find(id, code === undefined ? undefined : normaliseJoinCode(code));
    if (table === undefined) return reject('TABLE_NOT_FOUND', 'No table waits with that id or code.');
    const refused = tables.join(session, table);
    if (refused !== undefined) return refused;
    server.reply(session, request, 'table.joined', { table: table.info(true) });
    tables.startIfFull(table);
    return undefined;
  });

  server.handle('table.leave', (session, request) => {
    const table = tables.leave(session);
    if (table === undefined) return reject('TABLE_NOT_IN', 'You are not at a table.');
    server.reply(session, request, 'table.left', { table: table.id });
    return undefined;
  });

  server.handle('table.start', (session, request) => {
    const table = tables.tableOf(session);
    if (table === null) return reject('TABLE_NOT_IN', 'You are not at a table.');
    if (table.host !== session)
      return reject('TABLE_NOT_HOST', `Only ${table.host?.nick} may start this table.`);
    if (table.match !== null) return reject('TABLE_BUSY', 'The table is playing a match already.');
    const started = tables.start(table, { session, request });
    return 'code' in started && 'message' in started ? started : undefined;
  });

  server.handle('match.input', (session, request) => {
    const match = tables.playedBy(session, request.data.match);
    if (!isMatch(match)) return match;
    if (match.outcome !== null) return reject('GAME_OVER', `Match ${match.id} is over.`);
    const input = match.game.parseInput(request.data.input);
    if (!input.ok) return rejectGameError(input.error);
    const seat = match.seatOf(session) as number;
    if (match.accept(seat, request.data.seq, input.value) === 'bad-seq') {
      return reject(
        'MATCH_BAD_SEQUENCE',
        `Input seq ${request.data.seq} refused: after ${match.lastSeq[seat]} comes a number up to 3600 more.`,
      );
    }
    if (request.data.ack !== undefined) match.acknowledge(session, request.data.ack);
    return undefined;
  });

  server.handle('match.ack', (session, request) =>
    tables.acknowledge(session, request.data.match, request.data.tick),
  );
};
