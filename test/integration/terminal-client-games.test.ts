import { stripVTControlCharacters } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CliProcess } from '../helpers/cli-process.ts';
import { connectTcpPeer, connectWsPeer, joinAs, type RawPeer } from '../helpers/raw-clients.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

// `parlor play` with games (G1, F3): the board in colour, and a finished match replayed move by move.

const ESC = '\u001b[';

let server: TestServer;
const children: CliProcess[] = [];
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  for (const cli of children) if (cli.exitCode === undefined) cli.child.kill('SIGKILL');
  await server.close();
});

const playAs = (nick: string, env: Record<string, string>): CliProcess => {
  const cli = new CliProcess(['--host', '127.0.0.1', '--port', String(server.tcpPort), '--nick', nick], env);
  children.push(cli);
  return cli;
};

/** Two raw peers play a Connect Four match to its end (alice wins on column 1); returns the record id. */
const finishedMatch = async (alice: RawPeer, bob: RawPeer): Promise<string> => {
  alice.json({
    type: 'challenge.send',
    id: 'c',
    data: { to: 'bob', game: 'connect4', options: { firstSeat: 0 } },
  });
  await bob.nextMessage('challenge.received');
  bob.json({ type: 'challenge.accept', id: 'a', data: {} });
  await alice.nextMessage('match.started');
  await bob.nextMessage('match.started');
  for (const [i, column] of [1, 2, 1, 2, 1, 2, 1].entries()) {
    const mover = i % 2 === 0 ? alice : bob;
    mover.json({ type: 'match.move', id: `m${i}`, data: { move: { column } } });
    if (i < 6) await (i % 2 === 0 ? bob : alice).nextMessage('match.update', (m) => m.data.version === i + 1);
  }
  const ended = await bob.nextMessage('match.ended');
  expect(ended.data.result).toMatchObject({ winner: 'alice', reason: 'four-in-a-row' });
  return ended.data.record;
};

describe('parlor play with games', () => {
  it('draws the board in colour when colours are forced: red and yellow discs, the last move in inverse', async () => {
    const dan = await joinAs(await connectWsPeer(server.wsUrl), 'dan');
    const cli = playAs('carol', { FORCE_COLOR: '1' });
    await cli.line('Welcome');
    cli.type('/challenge dan connect4 first=me');
    await dan.nextMessage('challenge.received', (m) => m.data.challenge.from === 'carol');
    dan.json({ type: 'challenge.accept', id: 'a', data: {} });
    await cli.line('started');
    cli.type('/play 4');
    const mine = await cli.lines('You play 4', 8);
    const bottom = mine[6]!;
    expect(stripVTControlCharacters(bottom)).toBe('|. . . X . . .|');
    expect(bottom).toContain(`${ESC}7m${ESC}1m${ESC}31mX`);
    expect(stripVTControlCharacters(mine[8]!)).toBe(' 1 2 3 4 5 6 7');

    await dan.nextMessage('match.update', (m) => m.data.version === 1);
    dan.json({ type: 'match.move', id: 'm', data: { move: { column: 4 } } });
    const theirs = await cli.lines('plays 4', 8);
    expect(stripVTControlCharacters(theirs[0]!)).toBe('* dan plays 4');
    expect(stripVTControlCharacters(theirs[5]!)).toBe('|. . . O . . .|');
    expect(theirs[5]).toContain(`${ESC}7m${ESC}1m${ESC}33mO`);
    // The X below is no longer the last move: red, not inverse.
    expect(theirs[6]).toContain(`${ESC}34m|${ESC}39m. . . ${ESC}1m${ESC}31mX`);
    cli.type('/quit');
    expect(await cli.exited()).toBe(0);
    dan.end();
  });

  it('replays a finished match move by move after /replay ID, to the result, then leaves on a command', async () => {
    const alice = await joinAs(await connectTcpPeer(server.tcpPort), 'alice');
    const bob = await joinAs(await connectWsPeer(server.wsUrl), 'bob');
    const id = await finishedMatch(alice, bob);

    const cli = playAs('erin', { NO_COLOR: '1' });
    await cli.line('Welcome, erin!');
    cli.type(`/replay ${id}`);
    expect(await cli.line('Replay of match')).toBe(
      `* Replay of match ${id}: alice vs bob, Connect Four, 7 moves.`,
    );
    const start = await cli.lines('Move 0/7', 7);
    expect(start[0]).toBe('Move 0/7: the start position.');
    expect(start[6]).toBe('|. . . . . . .|');

    cli.type('n');
    const first = await cli.lines('Move 1/7', 6);
    expect(first[0]).toBe('Move 1/7: alice plays 1');
    expect(first[6]).toBe('|X . . . . . .|');
    cli.type('');
    expect(await cli.line('Move 2/7')).toBe('Move 2/7: bob plays 2');
    cli.type('p');
    expect(await cli.line('Move 1/7')).toBe('Move 1/7: alice plays 1');
    for (let k = 2; k <= 7; k++) {
      cli.type('n');
      await cli.line(`Move ${k}/7`);
    }
    expect(await cli.line('wins with four in a row')).toMatch(/^alice \(X\)|^X \(seat 0\)/);
    expect(await cli.line('Result')).toBe('* Result: alice won (four in a row).');
    cli.type('n');
    expect(await cli.line('last move')).toBe('* This is the last move (move 7/7); q to leave.');

    cli.type('/history alice');
    expect(await cli.line('You left the replay')).toBe(`* You left the replay of match ${id}.`);
    expect(await cli.line(id)).toContain('alice vs bob');
    // Out of the replay, n is a chat line again.
    cli.type('n');
    await alice.nextMessage('chat.message', (m) => m.data.from === 'erin' && m.data.text === 'n');
    cli.type('/quit');
    expect(await cli.exited()).toBe(0);
    expect(cli.stdout).not.toContain(ESC);
    alice.end();
    bob.end();
  });
});
