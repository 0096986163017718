import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerMessage } from '../../src/protocol/index.ts';
import { type MessageOf, ok, player, refusal, textPlayer } from '../helpers/games.ts';
import type { RawPeer } from '../helpers/raw-clients.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

// Playing the computer (issue 5, G2): `computer.play` starts a match at once against a seat the
// server plays itself with the solver at the chosen level; records, spectators and clocks treat
// it as any player.

interface C4View {
  readonly moves: string;
  readonly toMove: number | null;
  readonly legalColumns: readonly number[];
}

/**
 * Plays `peer`'s side (seat `seat`) by always taking the leftmost legal column, until the match
 * ends; the `match.ended` message. Each move waits for the computer's answer (a `match.update`).
 */
const playLeftmost = async (peer: RawPeer, seat: number, from: { view: unknown; version: number }) => {
  let view = from.view as C4View;
  let version = from.version;
  for (;;) {
    if (view.toMove === seat) {
      const reply = await ok(peer, 'match.move', {
        move: { column: view.legalColumns[0] as number },
        version,
      });
      version = reply.data.version;
      view = reply.data.view as C4View;
    }
    const text = await peer.next(
      (t) => {
        if (!t.startsWith('{')) return false;
        const m = JSON.parse(t) as ServerMessage;
        return m.type === 'match.ended' || (m.type === 'match.update' && m.data.version > version);
      },
      'the computer’s move or the end',
      10_000,
    );
    const next = JSON.parse(text) as ServerMessage;
    if (next.type === 'match.ended') return next as MessageOf<'match.ended'>;
    const update = next as MessageOf<'match.update'>;
    version = update.data.version;
    view = update.data.view as C4View;
  }
};

describe('computer.play (G2)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ computerMoveMs: 300 });
  });
  afterAll(() => server.close());

  it('starts a match at once, and the hard computer beats a naive player; the record names it', async () => {
    const nan = await player(server, 'nan', 'tcp');
    const started = await ok(nan, 'computer.play', { level: 'hard', options: { firstSeat: 0 } });
    expect(started.data.match.players).toEqual(['nan', 'computer:hard']);
    const ended = await playLeftmost(nan, 0, started.data);
    expect(ended.data.result).toMatchObject({ winner: 'computer:hard', reason: 'four-in-a-row' });
    const record = await ok(nan, 'record.get', { id: ended.data.record });
    expect(record.data.record.players).toEqual(['nan', 'computer:hard']);
    // The user is free again; the computer is never listed among the users or free players.
    const users = await ok(nan, 'user.list', {});
    expect(users.data.users.map((u) => u.nick)).toEqual(['nan']);
    expect((await ok(nan, 'player.list', {})).data.players.map((p) => p.nick)).not.toContain('computer:hard');
  });

  it('moves first when it has the first seat, and plays every level legally to the end', async () => {
    for (const level of ['easy', 'medium', 'perfect'] as const) {
      const kim = await player(server, `kim-${level}`);
      const started = await ok(kim, 'computer.play', { level, options: { firstSeat: 1 } });
      expect(started.data.view).toMatchObject({ toMove: 1 });
      const first = await kim.nextMessage('match.update', undefined, 10_000);
      expect(first.data).toMatchObject({ version: 1, by: `computer:${level}`, seat: 1 });
      const ended = await playLeftmost(kim, 0, first.data);
      expect(ended.data.result.reason).toMatch(/four-in-a-row|draw/);
    }
  });

  it('refuses while you play, another game, and an unknown level', async () => {
    const lea = await player(server, 'lea');
    expect(await refusal(lea, 'computer.play', { game: 'tic-tac-toe' })).toBe('GAME_UNKNOWN');
    expect(await refusal(lea, 'computer.play', { level: 'godlike' as 'easy' })).toBe('PROTO_BAD_MESSAGE');
    await ok(lea, 'computer.play', { level: 'easy' });
    expect(await refusal(lea, 'computer.play', {})).toBe('PLAYER_BUSY');
    await ok(lea, 'match.resign', {});
  });

  it('in text mode: /computer LEVEL first=me, then /play, and the computer answers', async () => {
    const tom = await textPlayer(server, 'tom');
    tom.line('/computer easy first=me');
    await tom.nextLine('started: tom vs computer:easy');
    tom.line('/play 4');
    await tom.nextLine('You play 4');
    await tom.nextLine('computer:easy plays', 10_000);
    tom.line('/resign');
    await tom.nextLine('computer:easy wins by resignation');
  });
});
