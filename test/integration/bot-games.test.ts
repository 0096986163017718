import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClientData } from '../../src/protocol/index.ts';
import { playScripted } from '../helpers/connect4-opponent.ts';
import { all, ok, player } from '../helpers/games.ts';
import type { RawPeer } from '../helpers/raw-clients.ts';
import { dropConnections } from '../helpers/reconnect.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { type CliProcess, spawnCli } from '../helpers/spawn-cli.ts';

//
// `parlor bot` (issue 5, G2) as a process against a real server, each opponent a scripted JSON
// client over TCP that plays the leftmost free column. dist/ is built once for the whole suite by
// test/global-setup.ts. The bot needs about a second to start (Node, then its thinking thread).
//

let server: TestServer;
const bots: CliProcess[] = [];
const servers: TestServer[] = [];
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  for (const bot of bots) if (bot.child.exitCode === null) bot.child.kill('SIGKILL');
  for (const s of [server, ...servers]) await s.close();
});

const START_MS = 10_000;

/** Starts `parlor bot ARGS` against `on` (default: the shared server) and waits until it is connected. */
const startBot = async (args: string[], on: TestServer = server): Promise<CliProcess> => {
  const bot = spawnCli(['bot', '--host', '127.0.0.1', '--port', String(on.tcpPort), ...args]);
  bots.push(bot);
  await bot.waitFor('connected to', 'stdout', START_MS);
  return bot;
};

/** `human` challenges `nick` (a bot that accepts) and gets the match.started. */
const challengeBot = async (
  human: RawPeer,
  nick: string,
  challenge: Omit<ClientData<'challenge.send'>, 'to'> = {},
) => {
  await ok(human, 'challenge.send', { to: nick, ...challenge });
  return human.nextMessage('match.started', undefined, START_MS);
};

const lastLine = (text: string): string | undefined => text.trim().split('\n').at(-1);

describe('parlor bot --accept-challenges', () => {
  it('accepts a challenge, plays a whole game with legal moves and wins with perfect play, then exits 0', async () => {
    const bot = await startBot([
      '--accept-challenges',
      '--level',
      'perfect',
      '--games',
      '1',
      '--nick',
      'perfbot',
    ]);
    expect(bot.stdout).toContain('connected to 127.0.0.1:');
    expect(bot.stdout).toContain('as perfbot (level perfect, accepting challenges, 1 game)');
    const human = await player(server, 'lefty', 'tcp');
    // The bot, who accepts, takes seat 1; it moves first.
    const started = await challengeBot(human, 'perfbot', { options: { firstSeat: 1 } });
    const { ended, views } = await playScripted(human, started);
    expect(ended.data.result).toEqual({ winner: 'perfbot', seat: 1, reason: 'four-in-a-row' });
    // Each position follows the last by one legal move (the server checked them; nothing was refused).
    for (let i = 1; i < views.length; i++) {
      const [before, after] = [views[i - 1]!, views[i]!];
      expect(after.moves.slice(0, -1)).toBe(before.moves);
      expect(before.legalColumns).toContain(Number(after.moves.at(-1)));
    }
    // Against the leftmost column every time, perfect play wins with its fourth stone.
    expect(ended.data.view).toMatchObject({ moves: '4141414' });
    expect(await bot.exited).toBe(0);
    expect(bot.stdout).toMatch(/^game 1 started: match \w+ against lefty \(seat 1, perfbot to move\)$/m);
    expect(bot.stdout).toMatch(
      /^game 1 ended: win against lefty \(four-in-a-row, 7 moves\); wins 1, losses 0, draws 0$/m,
    );
    expect(lastLine(bot.stdout)).toBe('summary: 1 game, wins 1, losses 0, draws 0');
    expect(bot.stderr).toBe('');
    human.end();
  });

  it('thinks within the match clock (2 s per move, the challenger first) and never loses on time', async () => {
    const bot = await startBot([
      '--accept-challenges',
      '--level',
      'perfect',
      '--games',
      '1',
      '--nick',
      'clockbot',
    ]);
    const human = await player(server, 'hasty', 'tcp');
    const started = await challengeBot(human, 'clockbot', {
      options: { firstSeat: 0 },
      clock: { moveMs: 2000 },
    });
    expect(started.data.clock.deadlineAt).not.toBeNull();
    // Without a clock, the perfect level searches for seconds on its third move (past the book).
    const { ended } = await playScripted(human, started);
    expect(ended.data.result).toEqual({ winner: 'clockbot', seat: 1, reason: 'four-in-a-row' });
    expect(await bot.exited).toBe(0);
    expect(lastLine(bot.stdout)).toBe('summary: 1 game, wins 1, losses 0, draws 0');
    human.end();
  });

  it('declines a challenge to another game, with a reason', async () => {
    const bot = await startBot(['--accept-challenges', '--level', 'easy', '--nick', 'picky']);
    const human = await player(server, 'tictac', 'tcp');
    await ok(human, 'challenge.send', { to: 'picky', game: 'tic-tac-toe' });
    const declined = await human.nextMessage('challenge.declined', undefined, START_MS);
    expect(declined.data.reason).toBe('I only play Connect Four (connect4)');
    await bot.waitFor("declined tictac's challenge: I only play Connect Four (connect4)");
    // Ctrl-C (SIGINT): the summary, then exit code 0.
    bot.child.kill('SIGINT');
    expect(await bot.exited).toBe(0);
    expect(lastLine(bot.stdout)).toBe('summary: 0 games, wins 0, losses 0, draws 0');
    human.end();
  });
});

describe('parlor bot while it thinks', () => {
  it('keeps answering the server during a search of seconds (it thinks in a thread of its own)', async () => {
    // A connection silent for 1 s is closed: a search in the client's own thread would be.
    const impatient = await startTestServer({ pingIntervalMs: 500, pingMissLimit: 1 });
    servers.push(impatient);
    const args = ['--accept-challenges', '--level', 'perfect', '--games', '1', '--nick', 'deepbot'];
    const bot = await startBot(args, impatient);
    // Over WebSocket, whose pings the human's socket answers by itself.
    const human = await player(impatient, 'patient');
    // The human moves first: just past the opening book, the perfect bot searches for seconds.
    const started = await challengeBot(human, 'deepbot', { options: { firstSeat: 0 } });
    const { ended } = await playScripted(human, started, undefined, { timeoutMs: 60_000 });
    expect(ended.data.result).toEqual({ winner: 'deepbot', seat: 1, reason: 'four-in-a-row' });
    expect(all(human, 'match.player_away')).toEqual([]);
    expect(await bot.exited).toBe(0);
    expect(bot.stdout).not.toContain('connection lost');
    human.end();
  });
});

describe('parlor bot --challenge', () => {
  it('challenges the player again after each game until --games are played', async () => {
    const alice = await player(server, 'alice', 'tcp');
    const bot = await startBot([
      '--challenge',
      'alice',
      '--games',
      '2',
      '--level',
      'hard',
      '--nick',
      'chbot',
    ]);
    for (let game = 1; game <= 2; game++) {
      const received = await alice.nextMessage('challenge.received', undefined, START_MS);
      expect(received.data.challenge).toMatchObject({ from: 'chbot', to: 'alice', game: 'connect4' });
      const started = await ok(alice, 'challenge.accept', {});
      const { ended } = await playScripted(alice, started);
      expect(ended.data.result.reason).not.toBe('time');
    }
    expect(await bot.exited).toBe(0);
    expect(bot.stdout).toMatch(/^game 2 ended: /m);
    expect(lastLine(bot.stdout)).toMatch(/^summary: 2 games, wins \d, losses \d, draws \d$/);
    alice.end();
  });

  it('gives up with exit code 1 when the player declines', async () => {
    const bob = await player(server, 'bob', 'tcp');
    const bot = await startBot(['--challenge', 'bob', '--nick', 'pest']);
    await bob.nextMessage('challenge.received', undefined, START_MS);
    await ok(bob, 'challenge.decline', { reason: 'not now' });
    expect(await bot.exited).toBe(1);
    expect(bot.stderr).toBe('parlor bot: bob declined the challenge: not now\n');
    expect(lastLine(bot.stdout)).toBe('summary: 0 games, wins 0, losses 0, draws 0');
    bob.end();
  });
});

describe('parlor bot after a dropped connection', () => {
  it('resumes its session, sees the move it missed, and finishes the game', async () => {
    const bot = await startBot([
      '--accept-challenges',
      '--level',
      'perfect',
      '--games',
      '1',
      '--nick',
      'dropbot',
    ]);
    const human = await player(server, 'cutter', 'tcp');
    const started = await challengeBot(human, 'dropbot', { options: { firstSeat: 1 } });
    let dropped = 0;
    const { ended } = await playScripted(human, started, undefined, {
      // Right after the bot's first move, its connection dies; the human answers while it is away.
      onUpdate: async (update) => {
        if (update.data.version !== 1) return;
        dropped = dropConnections(server, 'dropbot');
        await human.nextMessage('match.player_away');
      },
    });
    expect(dropped).toBe(1);
    expect(ended.data.result).toEqual({ winner: 'dropbot', seat: 1, reason: 'four-in-a-row' });
    expect(all(human, 'match.player_back')).toHaveLength(1);
    expect(await bot.exited).toBe(0);
    expect(bot.stdout).toMatch(/^connection lost \(.+\); reconnecting in \d+\.\d s \(attempt 1\)$/m);
    expect(bot.stdout).toMatch(/^reconnected \(\d+ missed messages?\)$/m);
    expect(lastLine(bot.stdout)).toBe('summary: 1 game, wins 1, losses 0, draws 0');
    human.end();
  });

  it('plays on from the match.state the server sends when it missed too much to replay', async () => {
    const small = await startTestServer({ replayLimit: 3 });
    servers.push(small);
    const bot = await startBot(
      ['--accept-challenges', '--level', 'perfect', '--games', '1', '--nick', 'ovbot'],
      small,
    );
    const human = await player(small, 'chatty', 'tcp');
    const started = await challengeBot(human, 'ovbot', { options: { firstSeat: 1 } });
    const room = started.data.match.room;
    const { ended } = await playScripted(human, started, undefined, {
      onUpdate: async (update) => {
        if (update.data.version !== 1) return;
        dropConnections(small, 'ovbot');
        await human.nextMessage('match.player_away');
        // More than the server keeps for the bot, sent at once (the bot comes back after 125 ms
        // at the earliest): its resume overflows.
        for (let i = 0; i < 4; i++) {
          human.json({ type: 'chat.say', id: `chat-${i}`, data: { room, text: `are you there? ${i}` } });
        }
        await human.nextMessage('chat.message', (m) => m.data.text === 'are you there? 3');
      },
    });
    expect(ended.data.result).toEqual({ winner: 'ovbot', seat: 1, reason: 'four-in-a-row' });
    expect(await bot.exited).toBe(0);
    expect(bot.stdout).toMatch(
      /^reconnected \(too much was missed to replay: the server sends a fresh state\)$/m,
    );
    human.end();
  });

  it('counts a game lost with its session (no grace period) and plays its next game', async () => {
    const strict = await startTestServer({ resumeGraceMs: 0 });
    servers.push(strict);
    const bot = await startBot(
      ['--accept-challenges', '--level', 'hard', '--games', '2', '--nick', 'lostbot'],
      strict,
    );
    const human = await player(strict, 'keeper', 'tcp');
    const first = await challengeBot(human, 'lostbot', { options: { firstSeat: 1 } });
    await human.nextMessage(
      'match.update',
      (m) => m.data.match === first.data.match.id && m.data.version === 1,
    );
    dropConnections(strict, 'lostbot');
    const abandoned = await human.nextMessage('match.ended');
    expect(abandoned.data.result).toEqual({ winner: 'keeper', seat: 0, reason: 'abandon' });
    await bot.waitFor('game 1 ended: loss against keeper (abandon', 'stdout', START_MS);
    // The bot took its nickname back on a new session and takes challenges again.
    const second = await challengeBot(human, 'lostbot', { options: { firstSeat: 1 } });
    const { ended } = await playScripted(human, second);
    expect(ended.data.result.winner).toBe('lostbot');
    expect(await bot.exited).toBe(0);
    expect(lastLine(bot.stdout)).toBe('summary: 2 games, wins 1, losses 1, draws 0');
    human.end();
  });
});
