import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok, playMoves, refusal, startMatch, textPlayer } from '../helpers/games.ts';
import { connectTcpPeer, connectWsPeer, joinAs, type RawPeer } from '../helpers/raw-clients.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

// Finished matches are stored and can be replayed (issue 4: F3), also after a restart (D3).

/** Seat 0 wins in column 4 while seat 1 plays column 5: seven moves. */
const WIN = '4545454';

/**
 * `first` (JSON) challenges `second` (JSON) with the first move and plays `position` out with
 * them; both see the end. The match id.
 */
const playMatch = async (first: RawPeer, second: RawPeer, secondNick: string, position: string) => {
  const { id } = await startMatch(first, second, secondNick, { options: { firstSeat: 0 } });
  await playMoves(first, second, position);
  await Promise.all([first.nextMessage('match.ended'), second.nextMessage('match.ended')]);
  return id;
};

/** What record.get must give for a match played with `playMatch`. */
const expectedRecord = (id: string, players: string[], position: string) => ({
  id,
  game: 'connect4',
  options: { firstSeat: 0, position: '' },
  players,
  moves: [...position].map((c) => ({ column: Number(c) })),
  winner: players[0],
  seat: 0,
  reason: 'four-in-a-row',
  timeControl: { moveMs: null, gameMs: null },
});

describe('match records (F3)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ maxConnectionsPerAddress: 200 });
  });
  afterAll(() => server.close());

  it('record.list (own, and anyone’s in any case) and record.get return a finished match with its moves', async () => {
    const kai = await joinAs(await connectWsPeer(server.wsUrl), 'Kai');
    const lou = await joinAs(await connectTcpPeer(server.tcpPort), 'lou');
    const other = await joinAs(await connectWsPeer(server.wsUrl), 'mo');
    const startedAt = Date.now();
    const id = await playMatch(kai, lou, 'lou', WIN);

    const own = await ok(kai, 'record.list', {});
    expect(own.data.records).toHaveLength(1);
    const summary = own.data.records[0];
    expect(summary).toMatchObject({
      id,
      game: 'connect4',
      players: ['Kai', 'lou'],
      winner: 'Kai',
      reason: 'four-in-a-row',
      moves: 7,
    });
    expect(summary?.startedAt).toBeGreaterThanOrEqual(startedAt - 5);
    expect(summary?.endedAt).toBeGreaterThanOrEqual(summary?.startedAt as number);
    expect((await ok(lou, 'record.list', {})).data.records.map((r) => r.id)).toEqual([id]);
    for (const player of ['kai', 'KAI', 'Lou']) {
      const listing = await ok(other, 'record.list', { player });
      expect(listing.data.records.map((r) => r.id)).toEqual([id]);
    }
    expect((await ok(other, 'record.list', {})).data.records).toEqual([]);
    expect((await ok(other, 'record.list', { player: 'nobody' })).data.records).toEqual([]);

    const got = await ok(other, 'record.get', { id });
    expect(got.data.record).toMatchObject(expectedRecord(id, ['Kai', 'lou'], WIN));
    expect(got.data.record.moveTimes).toHaveLength(7);
    expect(got.data.record.moveTimes).toEqual([...got.data.record.moveTimes].sort((a, b) => a - b));
    expect(got.data.record.endedAt).toBe(got.data.record.moveTimes[6]);
    expect(await refusal(other, 'record.get', { id: 'nosuchmatch' })).toBe('RECORD_NOT_FOUND');

    // A second match: the newest comes first, and `limit` and `before` page through them.
    const second = await playMatch(lou, kai, 'Kai', WIN);
    const both = await ok(other, 'record.list', { player: 'kai' });
    expect(both.data.records.map((r) => r.id)).toEqual([second, id]);
    const page = await ok(other, 'record.list', { player: 'kai', limit: 1 });
    expect(page.data.records.map((r) => r.id)).toEqual([second]);
    const last = page.data.records[0] as { endedAt: number; id: string };
    const next = await ok(other, 'record.list', {
      player: 'kai',
      before: { endedAt: last.endedAt, id: last.id },
    });
    expect(next.data.records.map((r) => r.id)).toEqual([id]);
  });

  it('text mode: /history lists the finished matches and /replay prints one move by move', async () => {
    const nia = await textPlayer(server, 'nia');
    const oz = await joinAs(await connectWsPeer(server.wsUrl), 'oz');
    nia.line('/history');
    await nia.nextLine('No finished match yet');
    nia.line('/challenge oz first=me');
    await oz.nextMessage('challenge.received');
    const id = (await ok(oz, 'challenge.accept', {})).data.match.id;
    await nia.nextLine(`Match ${id} started`);
    for (let i = 0; i < WIN.length; i++) {
      if (i % 2 === 0) {
        nia.line(`/play ${WIN[i]}`);
        await oz.nextMessage('match.update', (m) => m.data.version === i + 1);
      } else {
        await ok(oz, 'match.move', { text: WIN[i] as string, version: i });
        await nia.nextLine(`oz plays ${WIN[i]}`);
      }
    }
    await nia.nextLine(`Match ${id} is over`);

    nia.line('/history');
    expect(await nia.nextLine('Finished matches (1)')).toContain('/replay');
    const row = await nia.nextLine(id);
    expect(row).toContain('nia vs oz');
    expect(row).toContain('nia won (four in a row), 7 moves');
    nia.line('/history OZ');
    await nia.nextLine('Finished matches (1)');
    expect(await nia.nextLine(id)).toContain('nia won');

    nia.line(`/replay ${id}`);
    expect(await nia.nextLine(`Match ${id}`)).toContain('nia vs oz, Connect Four');
    await nia.nextLine('nia won (four in a row)');
    expect(await nia.nextLine('Moves:')).toBe('Moves: 1.4 2.5 3.4 4.5 5.4 6.5 7.4');
    // The final board follows: column 4 full of seat 0's stones up to row 4.
    await nia.nextLine('|. . . X O . .|');
    nia.line('/replay nosuchmatch');
    await nia.nextLine('! RECORD_NOT_FOUND');
  });
});

describe('match records after a restart (F3, D3)', () => {
  it('a match played before the server stops is there, moves and all, when it starts again', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'parlor-games-'));
    try {
      const first = await startTestServer({ store: 'configured', dataDir });
      let id: string;
      let live: string;
      try {
        expect(first.running.store.kind).toBe('sqlite');
        const pat = await joinAs(await connectWsPeer(first.wsUrl), 'pat');
        const quinn = await joinAs(await connectTcpPeer(first.tcpPort), 'quinn');
        id = await playMatch(pat, quinn, 'quinn', WIN);
        // A second match is still being played when the server stops: it ends, aborted, and is kept.
        live = (await startMatch(pat, quinn, 'quinn', { options: { firstSeat: 0 } })).id;
        await ok(pat, 'match.move', { move: { column: 3 }, version: 0 });
      } finally {
        await first.close();
      }

      const second = await startTestServer({ store: 'configured', dataDir });
      try {
        const reader = await joinAs(await connectWsPeer(second.wsUrl), 'reader');
        const got = await ok(reader, 'record.get', { id });
        expect(got.data.record).toMatchObject(expectedRecord(id, ['pat', 'quinn'], WIN));
        expect(got.data.record.moveTimes).toHaveLength(7);
        const aborted = await ok(reader, 'record.get', { id: live });
        expect(aborted.data.record).toMatchObject({
          id: live,
          players: ['pat', 'quinn'],
          moves: [{ column: 3 }],
          winner: null,
          seat: null,
          reason: 'aborted',
        });
        const listing = await ok(reader, 'record.list', { player: 'PAT' });
        expect(listing.data.records.map((r) => r.id)).toEqual([live, id]);
        const text = await textPlayer(second, 'quinn');
        text.line('/history');
        expect(await text.nextLine(live)).toContain('draw (aborted)');
        expect(await text.nextLine(id)).toContain('pat vs quinn');
        text.line(`/replay ${id}`);
        expect(await text.nextLine('Moves:')).toBe('Moves: 1.4 2.5 3.4 4.5 5.4 6.5 7.4');
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
