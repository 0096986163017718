import { afterEach, describe, expect, it } from 'vitest';
import type { ServerMessage } from '../../src/protocol/index.ts';
import {
  all,
  lastSeqOf,
  move,
  ok,
  player,
  playMoves,
  resumeOn,
  resumeOverflowed,
  startMatch,
  textPlayer,
} from '../helpers/games.ts';
import { connectTcpPeer, connectWsPeer, joinAs } from '../helpers/raw-clients.ts';
import { dropConnections } from '../helpers/reconnect.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

// Time in matches (issue 4: F2): a move time limit, abandonment after the resume grace period,
// a player who comes back in time keeping the seat; and matches cut short by a shutdown.

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** The challenge option that gives the first move to the challenger (seat 0). */
const SEAT_0 = { options: { firstSeat: 0 } };

describe('clocks (F2)', () => {
  it('a player who does not move within the move limit loses on time: match.ended to both', async () => {
    server = await startTestServer();
    const ann = await connectTcpPeer(server.tcpPort);
    ann.line('/nick ann');
    await ann.nextLine('Welcome, ann');
    const bob = await joinAs(await connectWsPeer(server.wsUrl), 'bob');
    ann.line('/challenge bob first=me move=1s');
    expect(await ann.nextLine('You challenged bob')).toContain('1s per move');
    const received = await bob.nextMessage('challenge.received');
    expect(received.data.challenge.timeControl).toEqual({ moveMs: 1000, gameMs: null });
    const started = await ok(bob, 'challenge.accept', {});
    const { id, startedAt } = started.data.match;
    expect(started.data.match.timeControl).toEqual({ moveMs: 1000, gameMs: null });
    expect(started.data.clock.deadlineAt).toBe(startedAt + 1000);
    await ann.nextLine(`Match ${id} started`);

    // ann moves in time; then bob's second runs out.
    ann.line('/play 4');
    const update = await bob.nextMessage('match.update');
    expect(update.data.clock.deadlineAt).toBeGreaterThanOrEqual(startedAt + 1000);
    const ended = await bob.nextMessage('match.ended', undefined, 5000);
    expect(ended.data).toMatchObject({ match: id, result: { winner: 'ann', seat: 0, reason: 'time' } });
    expect(Date.now()).toBeGreaterThanOrEqual((update.data.clock.deadlineAt as number) - 5);
    expect(await ann.nextLine(`Match ${id} is over`, 5000)).toContain('You win on time');
    expect(all(bob, 'match.ended')).toHaveLength(1);
    const state = await ok(bob, 'match.get', {});
    expect(state.data).toMatchObject({ version: 1, result: { reason: 'time' }, clock: { deadlineAt: null } });
    const record = await ok(bob, 'record.get', { id });
    expect(record.data.record).toMatchObject({ winner: 'ann', reason: 'time', moves: [{ column: 4 }] });
  });

  it('a game time budget runs out for the player to move, with no move at all', async () => {
    server = await startTestServer();
    const cy = await joinAs(await connectTcpPeer(server.tcpPort), 'cy');
    const di = await joinAs(await connectWsPeer(server.wsUrl), 'di');
    const { second: started } = await startMatch(cy, di, 'di', { ...SEAT_0, clock: { gameMs: 1000 } });
    expect(started.data.clock).toEqual({
      remainingMs: [1000, 1000],
      deadlineAt: started.data.match.startedAt + 1000,
    });
    const [forCy, forDi] = await Promise.all([
      cy.nextMessage('match.ended', undefined, 5000),
      di.nextMessage('match.ended', undefined, 5000),
    ]);
    expect(forCy.data.result).toEqual({ winner: 'di', seat: 1, reason: 'time' });
    expect(forDi.data.result).toEqual(forCy.data.result);
  });
});

describe('abandonment and resume (F2, B2)', () => {
  it('a player whose connection drops loses by abandonment once the grace period is over', async () => {
    server = await startTestServer({ resumeGraceMs: 300 });
    const eve = await joinAs(await connectTcpPeer(server.tcpPort), 'eve');
    const fay = await joinAs(await connectWsPeer(server.wsUrl), 'fay');
    const { id } = await startMatch(eve, fay, 'fay', SEAT_0);
    await ok(eve, 'match.move', { move: { column: 4 } });
    await fay.nextMessage('match.update');

    const droppedAt = Date.now();
    eve.socket.destroy();
    const away = await fay.nextMessage('match.player_away');
    expect(away.data).toEqual({ match: id, nick: 'eve', graceMs: 300 });
    const ended = await fay.nextMessage('match.ended', undefined, 5000);
    expect(ended.data).toMatchObject({ match: id, result: { winner: 'fay', seat: 1, reason: 'abandon' } });
    expect(Date.now() - droppedAt).toBeGreaterThanOrEqual(290);
    // Away is told at once; playing and free come in the digests.
    expect(
      all(fay, 'user.state')
        .filter((m) => m.data.nick === 'eve')
        .map((m) => m.data.state),
    ).toEqual(['away']);
    const record = await ok(fay, 'record.get', { id });
    expect(record.data.record).toMatchObject({ winner: 'fay', reason: 'abandon', moves: [{ column: 4 }] });
    // fay is free again.
    expect((await ok(fay, 'queue.join', {})).data.waiting).toBe(1);
  });

  it('a player who quits mid-match loses by abandonment at once', async () => {
    server = await startTestServer({ resumeGraceMs: 60_000 });
    const gus = await joinAs(await connectTcpPeer(server.tcpPort), 'gus');
    const hal = await joinAs(await connectWsPeer(server.wsUrl), 'hal');
    const { id } = await startMatch(gus, hal, 'hal', SEAT_0);
    gus.json({ type: 'quit', data: { message: 'bye' } });
    const ended = await hal.nextMessage('match.ended');
    expect(ended.data).toMatchObject({ match: id, result: { winner: 'hal', reason: 'abandon' } });
    expect(all(hal, 'match.player_away')).toEqual([]);
  });

  it('a player who resumes within the grace period keeps the seat, and the game goes on to its end', async () => {
    server = await startTestServer({ resumeGraceMs: 5000 });
    const ivy = await joinAs(await connectTcpPeer(server.tcpPort), 'ivy');
    const jay = await joinAs(await connectWsPeer(server.wsUrl), 'jay');
    const welcome = all(ivy, 'welcome')[0];
    const token = welcome?.data.resumeToken as string;
    expect(token).toBeTruthy();
    const { id } = await startMatch(ivy, jay, 'jay', SEAT_0);
    await ok(ivy, 'match.move', { move: { column: 4 }, version: 0 });
    await jay.nextMessage('match.update', (m) => m.data.version === 1);
    const lastSeq = lastSeqOf(ivy);

    ivy.socket.destroy();
    expect((await jay.nextMessage('match.player_away')).data).toEqual({
      match: id,
      nick: 'ivy',
      graceMs: 5000,
    });
    expect((await ok(jay, 'match.get', {})).data.away).toEqual(['ivy']);
    // jay moves while ivy is away: ivy gets the move on resuming.
    await ok(jay, 'match.move', { move: { column: 5 }, version: 1 });

    const back = await resumeOn(server, token, lastSeq, 'tcp');
    const missed = await back.nextMessage('match.update');
    expect(missed.data).toMatchObject({ match: id, version: 2, by: 'jay', move: { column: 5 } });
    const resumed = await back.nextMessage('session.resumed');
    expect(resumed.data).toMatchObject({ nick: 'ivy', overflow: false });
    expect(resumed.data.missed).toBeGreaterThanOrEqual(1);
    expect((await jay.nextMessage('match.player_back')).data).toEqual({ match: id, nick: 'ivy' });
    const state = await ok(back, 'match.get', {});
    expect(state.data).toMatchObject({ match: { id, seat: 0 }, version: 2, away: [], result: null });

    // The seat is still ivy's: the game goes on to four in a row in column 4.
    await playMoves(back, jay, '45454', 2);
    const [forIvy, forJay] = await Promise.all([
      back.nextMessage('match.ended'),
      jay.nextMessage('match.ended'),
    ]);
    expect(forIvy.data).toMatchObject({
      match: id,
      result: { winner: 'ivy', seat: 0, reason: 'four-in-a-row' },
    });
    expect(forJay.data.result).toEqual(forIvy.data.result);
    expect(all(jay, 'match.update').map((m) => m.data.version)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('a player who missed too much to replay gets the full match state on resuming, and plays on', async () => {
    server = await startTestServer({ resumeGraceMs: 5000, replayLimit: 3 });
    const kit = await joinAs(await connectTcpPeer(server.tcpPort), 'kit');
    const lee = await joinAs(await connectWsPeer(server.wsUrl), 'lee');
    const token = all(kit, 'welcome')[0]?.data.resumeToken as string;
    const { id } = await startMatch(kit, lee, 'lee', SEAT_0);
    await ok(kit, 'match.move', { move: { column: 1 }, version: 0 });
    await lee.nextMessage('match.update');
    const lastSeq = lastSeqOf(kit);
    kit.socket.destroy();
    await lee.nextMessage('match.player_away');
    await ok(lee, 'match.move', { move: { column: 2 }, version: 1 });
    for (let i = 0; i < 4; i++)
      await ok(lee, 'chat.say', { room: `match-${id}`, text: `while you were away ${i}` });

    const { back, state } = await resumeOverflowed(server, 'kit', token, lastSeq);
    expect(state.data).toMatchObject({
      match: { id, seat: 0 },
      version: 2,
      moves: [{ column: 1 }, { column: 2 }],
      away: [],
      result: null,
    });
    await lee.nextMessage('match.player_back');
    expect((await ok(back, 'match.move', { move: { column: 1 }, version: 2 })).data.version).toBe(3);
    await ok(back, 'match.resign', {});
    expect((await lee.nextMessage('match.ended')).data.result).toMatchObject({
      winner: 'lee',
      reason: 'resign',
    });
  });

  it('a player who missed too much, and whose match ended meanwhile, gets its final match.state on resuming', async () => {
    server = await startTestServer({ resumeGraceMs: 5000, replayLimit: 5 });
    const mia = await player(server, 'mia', 'tcp');
    const ned = await player(server, 'ned');
    const token = all(mia, 'welcome')[0]?.data.resumeToken as string;
    const { id } = await startMatch(mia, ned, 'ned', SEAT_0);
    await move(mia, ned, 4, 0);
    const lastSeq = lastSeqOf(mia);
    expect(dropConnections(server, 'mia')).toBe(1);
    await ned.nextMessage('match.player_away');
    // The opponent resigns while mia is away, then talks more than the replay limit holds.
    expect((await ok(ned, 'match.resign', {})).data.result).toEqual({
      winner: 'mia',
      seat: 0,
      reason: 'resign',
    });
    for (let i = 0; i < 6; i++) await ok(ned, 'chat.say', { text: `while you were away ${i}` });

    const { back, state } = await resumeOverflowed(server, 'mia', token, lastSeq);
    expect(state.data).toMatchObject({
      match: { id, seat: 0 },
      version: 1,
      moves: [{ column: 4 }],
      result: { winner: 'mia', seat: 0, reason: 'resign' },
      clock: { deadlineAt: null },
    });
    expect(state.data.result).not.toBeNull();
    // mia is free again.
    expect((await ok(back, 'queue.join', {})).data.waiting).toBe(1);
  });
});

describe('shutdown', () => {
  it('matches in progress end aborted, with no winner, for both players before SERVER_SHUTTING_DOWN', async () => {
    server = await startTestServer();
    const ora = await player(server, 'ora', 'tcp');
    const pim = await player(server, 'pim');
    const { id } = await startMatch(ora, pim, 'pim', SEAT_0);
    await move(ora, pim, 4, 0);
    // A second match with a player in text mode, who reads the same in lines.
    const tex = await textPlayer(server, 'tex');
    const uno = await player(server, 'uno');
    tex.line('/challenge uno');
    await uno.nextMessage('challenge.received');
    const { id: other } = (await ok(uno, 'challenge.accept', {})).data.match;
    await tex.nextLine(`Match ${other} started`);
    const stopping = server;
    server = undefined;
    await stopping.close();

    for (const peer of [ora, pim]) {
      await peer.nextMessage('error', (m) => m.data.code === 'SERVER_SHUTTING_DOWN');
      await peer.waitClosed();
      const received = peer.received.map((t) => JSON.parse(t) as ServerMessage);
      const ended = received.filter((m) => m.type === 'match.ended');
      expect(ended.map((m) => m.data)).toEqual([
        expect.objectContaining({ match: id, result: { winner: null, seat: null, reason: 'aborted' } }),
      ]);
      const endedAt = received.findIndex((m) => m.type === 'match.ended');
      const shutdownAt = received.findIndex(
        (m) => m.type === 'error' && m.data.code === 'SERVER_SHUTTING_DOWN',
      );
      expect(endedAt).toBeLessThan(shutdownAt);
    }
    await tex.waitClosed();
    const endedLine = tex.received.indexOf(`* Match ${other} is over. Draw (aborted).`);
    const shutdownLine = tex.received.findIndex((l) => l.startsWith('! SERVER_SHUTTING_DOWN'));
    expect(endedLine).toBeGreaterThan(-1);
    expect(endedLine).toBeLessThan(shutdownLine);
    const forUno = all(uno, 'match.ended');
    expect(forUno.map((m) => m.data.result)).toEqual([{ winner: null, seat: null, reason: 'aborted' }]);
  });
});
