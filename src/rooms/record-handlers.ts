import { reject } from '../server/index.ts';
import type { MatchRecord, MatchStore } from '../store/index.ts';
import type { MatchHost } from './match-host.ts';

const winnerOf = (record: MatchRecord): string | null =>
  record.winner === null ? null : (record.players[record.winner] ?? null);

/** Finished matches (F3): a player's list, and one match with its moves to replay. */
export const registerRecordHandlers = (host: MatchHost, store: MatchStore): void => {
  const { server } = host;

  server.handle('record.list', async (session, request) => {
    await host.flush();
    const { player, limit, before } = request.data;
    const records = await store.listMatches({
      player: player ?? (session.nick as string),
      limit: limit ?? 10,
      ...(before === undefined ? {} : { before }),
    });
    server.reply(session, request, 'record.listing', {
      records: records.map((r) => ({
        id: r.id,
        game: r.game,
        players: [...r.players],
        winner: winnerOf(r),
        reason: r.reason,
        moves: r.moves.length,
        startedAt: r.startedAt,
        endedAt: r.endedAt,
      })),
    });
    return undefined;
  });

  server.handle('record.get', async (session, request) => {
    await host.flush();
    const record = await store.getMatch(request.data.id);
    if (record === undefined)
      return reject('RECORD_NOT_FOUND', `No finished match "${request.data.id.slice(0, 32)}".`);
    server.reply(session, request, 'record.match', {
      record: {
        id: record.id,
        game: record.game,
        options: { ...record.options },
        seed: record.seed,
        players: [...record.players],
        moves: [...record.moves],
        moveTimes: [...record.moveTimes],
        winner: winnerOf(record),
        seat: record.winner,
        reason: record.reason,
        timeControl: record.timeControl,
        startedAt: record.startedAt,
        endedAt: record.endedAt,
      },
    });
    return undefined;
  });
};
