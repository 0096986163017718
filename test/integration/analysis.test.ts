import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok, player, playMoves, refusal, startMatch, textPlayer } from '../helpers/games.ts';
import type { RawPeer } from '../helpers/raw-clients.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

// Analysis (issue 5, G3): `analysis.get` scores every playable column of a Connect Four position
// on the solver thread, from a position, the match one plays, or a finished match's record.

describe('analysis.get (G3)', () => {
  let server: TestServer;
  let ana: RawPeer;
  beforeAll(async () => {
    server = await startTestServer({ analysisTimeMs: 400 });
    ana = await player(server, 'ana');
    // The first request starts the solver thread (and its 64 MiB table): allow it time once.
    ana.json({ type: 'analysis.get', id: 'warm', data: { position: '' } });
    await ana.next((t) => t.includes('"re":"warm"'), 'the first analysis', 20_000);
  });
  afterAll(() => server.close());

  it('scores each column of a position: exact scores, the best columns, Pons’ convention', async () => {
    // "4455": the player to move wins with their 4th stone by playing 3 or 6 (score 18).
    // (The other columns are not all proven exactly in the 400 ms the test server gives.)
    const result = await ok(ana, 'analysis.get', { position: '4455' });
    expect(result.data).toMatchObject({ position: '4455', score: 18, best: [3, 6] });
    expect(result.data.columns.map((c) => c.column)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(result.data.columns.filter((c) => c.lower === 18 && c.upper === 18).map((c) => c.column)).toEqual([
      3, 6,
    ]);
    for (const c of result.data.columns) expect(c.upper).toBeLessThanOrEqual(18);
    // The empty board comes from the opening book: the centre wins (score 1), the edges lose.
    const empty = await ok(ana, 'analysis.get', { position: '' });
    expect(empty.data.columns.map((c) => c.lower)).toEqual([-2, -1, 0, 1, 0, -1, -2]);
    expect(empty.data).toMatchObject({ score: 1, best: [4], complete: true });
  });

  it('lists only playable columns, and answers a full board as a draw', async () => {
    const result = await ok(ana, 'analysis.get', { position: '2252576253462244111563365343671351441' });
    expect(result.data.columns.map((c) => c.column)).toEqual([6, 7]);
    expect(result.data.score).toBe(-1);
  });

  it('answers with proven bounds what it cannot solve in time', async () => {
    // Five stones: beyond the book, minutes of search; the server gives 400 ms.
    const started = Date.now();
    const result = await ok(ana, 'analysis.get', { position: '44444' });
    expect(Date.now() - started).toBeLessThan(2500);
    expect(result.data.complete).toBe(false);
    for (const c of result.data.columns) expect(c.lower).toBeLessThanOrEqual(c.upper);
    expect(result.data.columns.some((c) => c.lower < c.upper)).toBe(true);
    expect(result.data.explored).toBeGreaterThan(0);
  });

  it('refuses a position that is not one', async () => {
    for (const position of ['8', '1111111', '1212121', 'x']) {
      expect(await refusal(ana, 'analysis.get', { position })).toBe('ANALYSIS_BAD_POSITION');
    }
  });

  it('analyses the match one plays, a finished match before its losing move, any ply, not tic-tac-toe', async () => {
    const ida = await player(server, 'ida');
    const jon = await player(server, 'jon', 'tcp');
    const { id } = await startMatch(ida, jon, 'jon', { options: { firstSeat: 0 } });
    await playMoves(ida, jon, '4455');
    const live = await ok(jon, 'analysis.get', {});
    expect(live.data).toMatchObject({ position: '4455', match: id, score: 18, best: [3, 6] });
    // ida plays 3 (two open ends), jon blocks 6, ida wins with 2.
    await playMoves(ida, jon, '36', 4);
    expect((await ok(ida, 'analysis.get', {})).data).toMatchObject({ position: '445536', best: [2] });
    await playMoves(ida, jon, '2', 6);
    await ida.nextMessage('match.ended');
    // Over: the position before the winning move, where ida wins at once ((43 − 6) / 2 = 18).
    const over = await ok(jon, 'analysis.get', {});
    expect(over.data).toMatchObject({ position: '445536', match: id, score: 18, best: [2] });
    // Any ply of the record, by its id, from anyone.
    const early = await ok(ana, 'analysis.get', { match: id, ply: 2 });
    expect(early.data).toMatchObject({ position: '44', match: id, complete: true });
    expect(await refusal(ana, 'analysis.get', { match: id, ply: 8 })).toBe('ANALYSIS_BAD_POSITION');
    expect(await refusal(ana, 'analysis.get', { match: 'nosuchmatch' })).toBe('MATCH_NOT_FOUND');
    expect(await refusal(ana, 'analysis.get', {})).toBe('MATCH_NOT_FOUND');

    const tic = await startMatch(ida, jon, 'jon', { game: 'tic-tac-toe' });
    expect(await refusal(ida, 'analysis.get', {})).toBe('ANALYSIS_UNSUPPORTED');
    await ok(ida, 'match.resign', {});
    expect(tic.id).not.toBe(id);
  });

  it('in text mode: /analyze POSITION prints a row of columns and scores, and the best move', async () => {
    const tess = await textPlayer(server, 'tess');
    tess.line('/analyze 4455');
    await tess.nextLine('Analysis of position "4455" (4 stones), for the player to move:');
    expect(await tess.nextLine('  column')).toMatch(/column\s+1\s+2\s+3\s+4\s+5\s+6\s+7/);
    const scores = (await tess.nextLine('  score')).trim().split(/\s+/);
    expect(scores).toHaveLength(8);
    expect([scores[3], scores[6]]).toEqual(['+18', '+18']);
    await tess.nextLine('Best: column 3, 6: a win with their 2 more moves.');
    tess.line('/analyze 1111111');
    await tess.nextLine('"1111111"');
  });
});
