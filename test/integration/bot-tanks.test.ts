import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wsLink } from '../../src/clients/node/index.ts';
import { ParlorClient } from '../../src/clients/sdk/index.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { runCli, spawnCli } from '../helpers/spawn-cli.ts';

//
// `parlor bot --game tanks` (H4): tank bots as processes of their own, over the public protocol.
//

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe('tank bots as separate processes', () => {
  it('two bot processes sit at a table by code and by queue, play a whole match, and exit 0', async () => {
    const person = await ParlorClient.connect(wsLink(server.wsUrl), { nick: 'organiser' });
    const table = (
      await person.request('table.create', {
        options: { seats: 3, map: 'maze', durationSeconds: 10 },
      })
    ).data.table;
    const port = String(server.tcpPort);
    const byCode = spawnCli([
      'bot',
      '--game',
      'tanks',
      '--table',
      table.code as string,
      '--games',
      '1',
      '--port',
      port,
      '--nick',
      'tankbot1',
    ]);
    await person.waitFor('table.updated', (m) => m.data.table.players.includes('tankbot1'));
    // The second finds the only public table with a free seat: it fills it, and the match starts.
    const byQueue = spawnCli([
      'bot',
      '--game',
      'tanks',
      '--queue',
      '--games',
      '1',
      '--port',
      port,
      '--nick',
      'tankbot2',
    ]);
    const started = await person.waitFor('match.started', () => true, 10_000);
    expect(started.data.match.players).toEqual(['organiser', 'tankbot1', 'tankbot2']);

    // The bots drive: their tanks leave their spawn points.
    const first = await person.waitFor('match.snapshot');
    const startRows = (first.data.data as { tanks: number[][] }).tanks;
    const watchedClient = await ParlorClient.connect(wsLink(server.wsUrl), { nick: 'onlooker' });
    const watched = await watchedClient.request('match.watch', { match: started.data.match.id });
    const later = await watchedClient.waitFor(
      'match.snapshot',
      (m) => m.data.tick > watched.data.version + 120,
    );
    // The onlooker never acknowledges: every snapshot it gets is whole.
    expect(later.data.base).toBeNull();
    const rows = later.data.data as { tanks: number[][] };
    expect(
      rows.tanks
        .slice(1)
        .some((row, i) => row[0] !== startRows[i + 1]?.[0] || row[1] !== startRows[i + 1]?.[1]),
    ).toBe(true);

    for (const bot of [byCode, byQueue]) {
      expect(await bot.exited).toBe(0);
      expect(bot.stdout).toContain('tank arena');
      expect(bot.stdout).toMatch(/match [0-9a-f]{10} over: /);
      expect(bot.stdout).toContain('summary: 1 game, ');
      expect(bot.stderr).toBe('');
    }
    person.close();
    watchedClient.close();
  }, 30_000);

  it('refuses Connect Four flags with --game tanks, in one line', async () => {
    const { code, stderr } = await runCli(['bot', '--game', 'tanks', '--challenge', 'someone']);
    expect(code).toBe(1);
    expect(stderr).toBe(
      'parlor bot: --challenge is for Connect Four, not --game tanks (see: parlor bot --help)\n',
    );
  });
});
