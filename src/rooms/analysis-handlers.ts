import { type SolverThread, SolverThreadError } from '../analysis/index.ts';
import { Connect4Solver } from '../games/index.ts';
import type { ServerData } from '../protocol/index.ts';
import { type Rejection, reject, type Session } from '../server/index.ts';
import type { MatchStore } from '../store/index.ts';
import type { MatchHost } from './match-host.ts';

/** What analysis needs from the configuration. */
export interface AnalysisOptions {
  readonly analysisTimeMs: number;
}

/** A position to analyse, from the request or from a match. */
interface Target {
  readonly position: string;
  readonly match?: string;
}

const columnsOf = (moves: readonly unknown[]): string =>
  moves.map((move) => String((move as { column?: unknown }).column ?? '')).join('');

/**
 * The position a match stands at after `ply` moves (all by default). A finished match without
 * `ply` is analysed before its last move: where the game was decided.
 */
const matchPosition = (
  game: string,
  options: Readonly<Record<string, unknown>>,
  moves: readonly unknown[],
  ply: number | undefined,
  over: boolean,
): string | Rejection => {
  if (game !== 'connect4') return reject('ANALYSIS_UNSUPPORTED', 'Analysis exists for Connect Four only.');
  if (ply !== undefined && ply > moves.length) {
    return reject('ANALYSIS_BAD_POSITION', `The match has only ${moves.length} moves.`);
  }
  const count = ply ?? (over && moves.length > 0 ? moves.length - 1 : moves.length);
  return String(options.position ?? '') + columnsOf(moves.slice(0, count));
};

/** The score of the position: exact when the best lower bound reaches every upper bound. */
const summarise = (
  columns: ServerData<'analysis.result'>['columns'],
): Pick<ServerData<'analysis.result'>, 'score' | 'best' | 'complete'> => {
  const lower = Math.max(...columns.map((c) => c.lower));
  const upper = Math.max(...columns.map((c) => c.upper));
  const exact = columns.length > 0 && lower === upper;
  return {
    score: columns.length === 0 ? 0 : exact ? lower : null,
    best: exact ? columns.filter((c) => c.lower === lower && c.upper === lower).map((c) => c.column) : [],
    complete: columns.every((c) => c.lower === c.upper),
  };
};

/**
 * `analysis.get` (G3): the score of every playable column of a Connect Four position, computed by
 * the solver thread within `analysisTimeMs`, one at a time (a connection's requests are handled in
 * order anyway), at most `analysisQueueLimit` waiting.
 */
export const registerAnalysisHandlers = (
  host: MatchHost,
  store: MatchStore,
  thread: SolverThread,
  options: AnalysisOptions,
): void => {
  const { server } = host;

  const targetOf = async (
    session: Session,
    data: { match?: string; ply?: number },
  ): Promise<Target | Rejection> => {
    const entry = host.players.of(session);
    if (data.match === undefined) {
      const match =
        entry.match ?? (entry.watching.size === 1 ? [...entry.watching][0] : undefined) ?? entry.last;
      if (match === undefined || match === null) {
        return reject('MATCH_NOT_FOUND', 'You neither play nor watch a match; give a position or a match.');
      }
      const position = matchPosition(match.game.id, match.options, match.moves, data.ply, match.end !== null);
      return typeof position === 'string' ? { position, match: match.id } : position;
    }
    const live = host.live.get(data.match);
    if (live !== undefined && (!live.private || live.seatOf(session) !== null)) {
      const position = matchPosition(live.game.id, live.options, live.moves, data.ply, false);
      return typeof position === 'string' ? { position, match: live.id } : position;
    }
    await host.flush();
    const record = await store.getMatch(data.match);
    if (record === undefined) {
      return reject('MATCH_NOT_FOUND', `There is no match "${data.match.slice(0, 32)}".`);
    }
    const position = matchPosition(record.game, record.options, record.moves, data.ply, true);
    return typeof position === 'string' ? { position, match: record.id } : position;
  };

  server.handle('analysis.get', async (session, request) => {
    const { position, match, ply } = request.data;
    const target: Target | Rejection =
      position !== undefined
        ? { position }
        : await targetOf(session, {
            ...(match === undefined ? {} : { match }),
            ...(ply === undefined ? {} : { ply }),
          });
    if ('code' in target) return target;
    const parsed = Connect4Solver.parseSolverPosition(target.position);
    if (!parsed.ok) {
      return reject('ANALYSIS_BAD_POSITION', `"${target.position}": ${parsed.error.message}`);
    }
    try {
      const analysis = await thread.analyze(target.position, options.analysisTimeMs);
      const columns = analysis.columns.map((c) => ({ column: c.column, lower: c.lower, upper: c.upper }));
      server.reply(session, request, 'analysis.result', {
        position: target.position,
        ...(target.match === undefined ? {} : { match: target.match }),
        columns,
        ...summarise(columns),
        explored: analysis.explored,
      });
      return undefined;
    } catch (error) {
      if (error instanceof SolverThreadError) return reject('ANALYSIS_BUSY', error.message);
      throw error;
    }
  });
};
