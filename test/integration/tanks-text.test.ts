import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectTcpPeer } from '../helpers/raw-clients.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

// The tank arena from text mode (nc): tables, the start, the scoreboard and the result (issue 7).

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const textUser = async (nick: string) => {
  const peer = await connectTcpPeer(server.tcpPort);
  peer.line(`/nick ${nick}`);
  await peer.nextLine(`Welcome, ${nick}`);
  return peer;
};

describe('the tank arena in text mode', () => {
  it('opens a table, lets another user join it by code, starts when full, shows the score and the result', async () => {
    const ted = await textUser('ted');
    const una = await textUser('una');
    ted.line('/table new seats=3 bots=1 durationSeconds=10 map=ricochet');
    const joined = await ted.nextLine('You are at table');
    expect(joined).toContain('Tank arena, ted + 1 bot (2/3 seats)');
    const code = /Join code ([A-Z2-9]{6})/.exec(joined)?.[1] as string;
    una.line('/tables');
    await una.nextLine('Tank arena  ted + 1 bot (2/3 seats)  waiting  host ted');
    una.line(`/table join ${code.toLowerCase()}`);
    // Full with una: the match starts by itself, with the scoreboard.
    for (const peer of [ted, una]) {
      await peer.nextLine('started: ted vs una vs bot1, Tank arena');
      await peer.nextLine('Tank arena (ricochet), 0:10 left');
      await peer.nextLine('kills 0  deaths 0  health');
    }
    una.line('/board');
    await una.next(
      (line) => /Tank arena \(ricochet\), 0:(10|0\d) left/.test(line),
      'the scoreboard of /board',
    );
    una.line('/table start');
    await una.nextLine('TABLE_NOT_HOST');
    const over = await ted.nextLine('is over.', 15_000);
    expect(over).toMatch(/wins|Draw/);
    await ted.nextLine('time up');
    await ted.nextLine('The table is waiting again');
    ted.end();
    una.end();
  }, 25_000);
});
