import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listGames } from '../../src/games/index.ts';
import { connectTcpPeer, connectWsPeer, joinAs } from '../helpers/raw-clients.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe('game.list (F1)', () => {
  it('lists every registered game with its seats and options', async () => {
    const peer = await joinAs(await connectWsPeer(server.wsUrl), 'gamer');
    peer.json({ type: 'game.list', id: 1 });
    const listing = await peer.nextMessage('game.listing');
    expect(listing.re).toBe(1);
    expect(listing.data.games.map((g) => g.id)).toEqual(listGames().map((g) => g.id));
    const connect4 = listing.data.games.find((g) => g.id === 'connect4');
    expect(connect4).toMatchObject({ name: 'Connect Four', kind: 'turn-based', seats: { min: 2, max: 2 } });
    expect(connect4?.options.firstSeat).toMatchObject({
      type: 'choice',
      values: [0, 1, 'random'],
      default: 'random',
    });
    peer.end();
  });

  it('answers /games in text mode with one line per game', async () => {
    const human = await connectTcpPeer(server.tcpPort);
    human.line('/nick player');
    await human.nextLine('Welcome, player');
    human.line('/games');
    await human.nextLine('Games (');
    expect(await human.nextLine('connect4')).toBe(
      '  connect4  Connect Four, 2 players; options: firstSeat, position',
    );
    human.end();
  });
});
