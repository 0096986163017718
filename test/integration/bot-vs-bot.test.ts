import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { type CliProcess, spawnCli } from '../helpers/spawn-cli.ts';

//
// Two `parlor bot` processes meet in the matchmaking queue: `hard` against `easy`, GAMES games.
//
// How many games, and what to require: over 150 games played in-process with the same levels
// (mistake rates 0.06 and 0.45, one solver each), `hard` failed to win 11 times (9 losses, 2
// draws): p ≈ 0.073 per game, about 2 s per game on this machine. Requiring more than half, at
// least 9 wins of 16, fails only with 8 or more non-wins: P ≈ C(16,8) p^8 (1-p)^8 ≈ 6e-6 (2e-4
// even at p = 0.12, the top of the estimate's 95% interval). "At least 15 of 16" would fail one
// run in three. The queue draws who moves first in each game.
//

const GAMES = 16;
const MIN_HARD_WINS = 9;

let server: TestServer;
const bots: CliProcess[] = [];
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  for (const bot of bots) if (bot.child.exitCode === null) bot.child.kill('SIGKILL');
  await server.close();
});

const queueBot = (level: string): CliProcess => {
  const args = ['--host', '127.0.0.1', '--port', String(server.tcpPort), '--nick', `q-${level}`];
  const bot = spawnCli(['bot', '--queue', '--level', level, '--games', String(GAMES), ...args]);
  bots.push(bot);
  return bot;
};

/** The counts of a bot's summary line. */
const summaryOf = (stdout: string) => {
  const match = /^summary: (\d+) games, wins (\d+), losses (\d+), draws (\d+)$/m.exec(stdout);
  if (match === null) throw new Error(`No summary line in: ${stdout}`);
  const [games, wins, losses, draws] = match.slice(1).map(Number) as [number, number, number, number];
  return { games, wins, losses, draws };
};

describe('parlor bot --queue, hard against easy', () => {
  it(`the hard bot wins a clear majority of ${GAMES} games`, { timeout: 120_000 }, async () => {
    const hard = queueBot('hard');
    const easy = queueBot('easy');
    expect(await hard.exited).toBe(0);
    expect(await easy.exited).toBe(0);
    const h = summaryOf(hard.stdout);
    const e = summaryOf(easy.stdout);
    expect(h.games).toBe(GAMES);
    // Both saw the same games, from either side.
    expect(e).toEqual({ games: GAMES, wins: h.losses, losses: h.wins, draws: h.draws });
    expect(h.wins).toBeGreaterThanOrEqual(MIN_HARD_WINS);
    // One start and one end line per game, numbered.
    for (const stdout of [hard.stdout, easy.stdout]) {
      expect(stdout.match(/^game \d+ started: /gm)).toHaveLength(GAMES);
      expect(stdout.match(/^game \d+ ended: (win|loss|draw) against q-\w+ \(/gm)).toHaveLength(GAMES);
    }
    expect(hard.stdout).toMatch(new RegExp(`^game ${GAMES} ended: `, 'm'));
  });
});
