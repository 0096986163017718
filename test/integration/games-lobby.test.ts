import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  all,
  lastSeqOf,
  ok,
  player,
  type Reply,
  refusal,
  resumeOn,
  startMatch,
  statesReach,
  textPlayer,
} from '../helpers/games.ts';
import { connectTcpPeer, connectWsPeer, joinAs } from '../helpers/raw-clients.ts';
import { dropConnections } from '../helpers/reconnect.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

// The lobby around games (issue 4: E1–E4): free players, challenges and their refusals, the
// matchmaking queue, private matches with join codes.

/** The join-code alphabet: letters and digits without 0/O and 1/I/L. */
const JOIN_CODE = /^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{6}$/;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ maxConnectionsPerAddress: 200 });
});
afterAll(() => server.close());

const nicksIn = (listing: Reply<'player.list'>): string[] => listing.data.players.map((p) => p.nick);

describe('challenges (E2)', () => {
  it('a decline carries its reason to the challenger; the text side sees both ends', async () => {
    const gil = await player(server, 'gil');
    const hal = await textPlayer(server, 'hal');
    const sent = await ok(gil, 'challenge.send', { to: 'HAL', options: { firstSeat: 1 } });
    expect(sent.data.challenge).toMatchObject({ from: 'gil', to: 'hal', game: 'connect4', code: null });
    expect(sent.data.challenge.expiresAt).toBeGreaterThan(Date.now());
    expect(await hal.nextLine('gil challenges you to Connect Four')).toContain('/decline gil');
    hal.line('/decline gil not now, thanks');
    const declined = await gil.nextMessage('challenge.declined');
    expect(declined.data).toMatchObject({
      challenge: { id: sent.data.challenge.id },
      reason: 'not now, thanks',
    });
    await hal.nextLine('You declined the challenge of gil');
    hal.line('/accept gil');
    await hal.nextLine('! CHALLENGE_NOT_FOUND');

    // And the other way round: a JSON decline, seen in text mode.
    hal.line('/challenge gil');
    await gil.nextMessage('challenge.received');
    const answer = await ok(gil, 'challenge.decline', { from: 'hal', reason: 'busy' });
    expect(answer.data).toMatchObject({ challenge: { from: 'hal', to: 'gil' }, reason: 'busy' });
    expect(await hal.nextLine('gil declined your challenge')).toContain(': busy');
  });

  it('a cancelled challenge is gone for both; there is nothing left to accept', async () => {
    const ida = await player(server, 'ida');
    const jon = await player(server, 'jon', 'tcp');
    const sent = await ok(ida, 'challenge.send', { to: 'jon' });
    await jon.nextMessage('challenge.received');
    const cancelled = await ok(ida, 'challenge.cancel', { to: 'jon' });
    expect(cancelled.data).toMatchObject({ challenge: { id: sent.data.challenge.id }, reason: 'cancelled' });
    expect((await jon.nextMessage('challenge.cancelled')).data).toMatchObject({
      challenge: { id: sent.data.challenge.id, from: 'ida' },
      reason: 'cancelled',
    });
    expect(await refusal(jon, 'challenge.accept', {})).toBe('CHALLENGE_NOT_FOUND');
    expect(await refusal(jon, 'challenge.decline', { from: 'ida' })).toBe('CHALLENGE_NOT_FOUND');
    expect(await refusal(ida, 'challenge.cancel', {})).toBe('CHALLENGE_NOT_FOUND');
    // A new challenge may follow (the old one no longer counts as pending).
    await ok(ida, 'challenge.send', { to: 'jon' });
    await ok(ida, 'challenge.cancel', {});
  });

  it('challenge.cancel without a name withdraws every open challenge and private match of yours', async () => {
    const ike = await player(server, 'ike');
    const jo = await player(server, 'jo');
    const ky = await player(server, 'ky', 'tcp');
    const toJo = await ok(ike, 'challenge.send', { to: 'jo' });
    const toKy = await ok(ike, 'challenge.send', { to: 'ky' });
    const created = await ok(ike, 'match.create', {});
    const code = created.data.challenge.code as string;
    const cancel = await ok(ike, 'challenge.cancel', {});
    // One challenge.cancelled each; the last one is the reply.
    const cancelled = all(ike, 'challenge.cancelled');
    expect(cancelled.map((m) => m.data.challenge.id)).toEqual([
      toJo.data.challenge.id,
      toKy.data.challenge.id,
      created.data.challenge.id,
    ]);
    expect(cancelled.at(-1)?.re).toBe(cancel.re);
    expect(cancelled.every((m) => m.data.reason === 'cancelled')).toBe(true);
    await jo.nextMessage('challenge.cancelled');
    await ky.nextMessage('challenge.cancelled');
    expect(await refusal(jo, 'challenge.accept', {})).toBe('CHALLENGE_NOT_FOUND');
    expect(await refusal(ky, 'challenge.accept', {})).toBe('CHALLENGE_NOT_FOUND');
    expect(await refusal(jo, 'match.join', { code })).toBe('JOIN_CODE_INVALID');
    expect(await refusal(ike, 'challenge.cancel', {})).toBe('CHALLENGE_NOT_FOUND');
  });

  it('an unanswered challenge expires: challenge.expired to both, then nothing to accept', async () => {
    const quick = await startTestServer({ challengeTimeoutMs: 1000 });
    try {
      const kim = await joinAs(await connectWsPeer(quick.wsUrl), 'kim');
      const lea = await joinAs(await connectTcpPeer(quick.tcpPort), 'lea');
      const sent = await ok(kim, 'challenge.send', { to: 'lea' });
      const { id, expiresAt } = sent.data.challenge;
      expect(expiresAt - Date.now()).toBeLessThanOrEqual(1000);
      await lea.nextMessage('challenge.received');
      const [toKim, toLea] = await Promise.all([
        kim.nextMessage('challenge.expired', undefined, 5000),
        lea.nextMessage('challenge.expired', undefined, 5000),
      ]);
      expect(toKim.data.challenge.id).toBe(id);
      expect(toLea.data.challenge.id).toBe(id);
      expect(Date.now()).toBeGreaterThanOrEqual(expiresAt - 50);
      expect(await refusal(lea, 'challenge.accept', { from: 'kim' })).toBe('CHALLENGE_NOT_FOUND');
      expect(await refusal(kim, 'challenge.cancel', { to: 'lea' })).toBe('CHALLENGE_NOT_FOUND');
      // An expired challenge is not pending any more.
      await ok(kim, 'challenge.send', { to: 'lea' });
    } finally {
      await quick.close();
    }
  });

  it('refuses yourself, unknown players and games, bad options, a second challenge, busy players', async () => {
    const max = await player(server, 'max');
    const ned = await player(server, 'ned');
    const oli = await player(server, 'oli', 'tcp');
    expect(await refusal(max, 'challenge.send', { to: 'MAX' })).toBe('CHALLENGE_SELF');
    expect(await refusal(max, 'challenge.send', { to: 'nobody' })).toBe('USER_NOT_FOUND');
    expect(await refusal(max, 'challenge.send', { to: 'ned', game: 'chess' })).toBe('GAME_UNKNOWN');
    for (const options of [
      { firstSeat: 2 },
      { firstSeat: 'left' },
      { colour: 'red' },
      { position: '1111111' }, // a column holds six stones
      { position: '1212121' }, // a finished game
    ]) {
      expect(await refusal(max, 'challenge.send', { to: 'ned', options })).toBe('GAME_BAD_OPTIONS');
    }
    // None of the refused challenges reached ned or is pending.
    expect(await refusal(ned, 'challenge.accept', {})).toBe('CHALLENGE_NOT_FOUND');
    await ok(max, 'challenge.send', { to: 'ned', options: { position: '44' } });
    expect(await refusal(max, 'challenge.send', { to: 'Ned' })).toBe('CHALLENGE_PENDING');
    await ned.nextMessage('challenge.received');
    expect(await refusal(oli, 'challenge.accept', {})).toBe('CHALLENGE_NOT_FOUND');
    expect(await refusal(ned, 'challenge.accept', { from: 'oli' })).toBe('CHALLENGE_NOT_FOUND');
    const started = await ok(ned, 'challenge.accept', { from: 'max' });
    expect(started.data.version).toBe(0);
    expect(started.data.view).toMatchObject({ moves: '44' });
    // Now max and ned play: nobody may challenge them, and they may not challenge anyone.
    expect(await refusal(oli, 'challenge.send', { to: 'max' })).toBe('PLAYER_BUSY');
    expect(await refusal(oli, 'challenge.send', { to: 'ned' })).toBe('PLAYER_BUSY');
    expect(await refusal(ned, 'challenge.send', { to: 'oli' })).toBe('PLAYER_BUSY');
    expect(await refusal(max, 'queue.join', {})).toBe('PLAYER_BUSY');
    expect(await refusal(max, 'match.create', {})).toBe('PLAYER_BUSY');
    await ok(max, 'match.resign', {});
    // Free again.
    await ok(oli, 'challenge.send', { to: 'max' });
  });

  it('a challenge to someone who starts another match is withdrawn (busy)', async () => {
    const pia = await player(server, 'pia');
    const quy = await player(server, 'quy');
    const rex = await player(server, 'rex');
    const sent = await ok(pia, 'challenge.send', { to: 'quy' });
    await quy.nextMessage('challenge.received');
    await startMatch(rex, quy, 'quy');
    const dropped = await pia.nextMessage('challenge.cancelled');
    expect(dropped.data).toMatchObject({ challenge: { id: sent.data.challenge.id }, reason: 'busy' });
  });
});

describe('free players (E1)', () => {
  it('lists free players only: someone in a match is not listed, and user.state tells', async () => {
    const sam = await player(server, 'sam');
    const tia = await player(server, 'tia');
    const uma = await player(server, 'uma', 'tcp');
    const before = await ok(sam, 'player.list', {});
    expect(nicksIn(before)).toEqual(expect.arrayContaining(['tia', 'uma']));
    expect(nicksIn(before)).not.toContain('sam');
    expect(before.data.players.every((p) => p.rating === null)).toBe(true);
    const sorted = [...nicksIn(before)].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()));
    expect(nicksIn(before)).toEqual(sorted);

    await startMatch(tia, uma, 'uma');
    await statesReach(sam, { tia: 'playing', uma: 'playing' });
    const during = await ok(sam, 'player.list', {});
    expect(nicksIn(during)).not.toContain('tia');
    expect(nicksIn(during)).not.toContain('uma');
    const users = await ok(sam, 'user.list', {});
    expect(users.data.users).toContainEqual({ nick: 'tia', state: 'playing' });

    await ok(uma, 'match.resign', {});
    await statesReach(sam, { tia: 'free', uma: 'free' });
    expect(nicksIn(await ok(sam, 'player.list', {}))).toEqual(expect.arrayContaining(['tia', 'uma']));
  });
});

describe('the matchmaking queue (E3)', () => {
  it('pairs two players at once, the one who waited first in seat 0', async () => {
    const va = await player(server, 'va');
    const wu = await player(server, 'wu', 'tcp');
    expect((await ok(va, 'queue.join', {})).data).toEqual({ game: 'connect4', waiting: 1 });
    expect(await refusal(va, 'queue.join', {})).toBe('QUEUE_ALREADY');
    expect(await refusal(va, 'queue.join', { game: 'connect4' })).toBe('QUEUE_ALREADY');
    expect((await ok(wu, 'queue.join', { game: 'connect4' })).data).toEqual({ game: 'connect4', waiting: 2 });
    const [forVa, forWu] = await Promise.all([
      va.nextMessage('match.started'),
      wu.nextMessage('match.started'),
    ]);
    expect(forVa.data.match).toMatchObject({ id: forWu.data.match.id, players: ['va', 'wu'], seat: 0 });
    expect(forWu.data.match.seat).toBe(1);
    // Once paired, nobody waits any more.
    expect(await refusal(va, 'queue.leave', {})).toBe('QUEUE_NOT_IN');
    expect(await refusal(wu, 'queue.join', {})).toBe('PLAYER_BUSY');
    await ok(va, 'match.resign', {});
  });

  it('pairs only players who asked for the same game and time limits, first come first served', async () => {
    const q1 = await player(server, 'q1');
    const q2 = await player(server, 'q2');
    const q3 = await player(server, 'q3');
    const q4 = await player(server, 'q4');
    const clock = { moveMs: 60_000 };
    expect((await ok(q1, 'queue.join', { clock })).data.waiting).toBe(1);
    expect((await ok(q2, 'queue.join', {})).data.waiting).toBe(1);
    expect(await refusal(q3, 'queue.join', { game: 'chess' })).toBe('GAME_UNKNOWN');
    expect((await ok(q3, 'queue.join', {})).data.waiting).toBe(2);
    const q3Match = await q3.nextMessage('match.started');
    expect(q3Match.data.match).toMatchObject({ players: ['q2', 'q3'], timeControl: { moveMs: null } });
    expect((await ok(q4, 'queue.join', { clock })).data.waiting).toBe(2);
    const q4Match = await q4.nextMessage('match.started');
    expect(q4Match.data.match).toMatchObject({ players: ['q1', 'q4'], timeControl: { moveMs: 60_000 } });
    await ok(q1, 'match.resign', {});
    await ok(q2, 'match.resign', {});
  });

  it('queue.leave takes a player out; leaving twice is QUEUE_NOT_IN', async () => {
    const xo = await player(server, 'xo');
    const yu = await player(server, 'yu');
    await ok(xo, 'queue.join', {});
    expect((await ok(xo, 'queue.leave', {})).data).toEqual({ game: 'connect4' });
    expect(await refusal(xo, 'queue.leave', {})).toBe('QUEUE_NOT_IN');
    // Nobody waits: the next player waits alone.
    expect((await ok(yu, 'queue.join', {})).data.waiting).toBe(1);
    await ok(yu, 'queue.leave', {});
  });

  it('a queued player who accepts a challenge leaves the queue (queue.left) and is not paired later', async () => {
    const qa = await player(server, 'qa');
    const qb = await player(server, 'qb', 'tcp');
    const qc = await player(server, 'qc');
    const qd = await player(server, 'qd');
    const clock = { moveMs: 30_000 };
    expect((await ok(qa, 'queue.join', {})).data.waiting).toBe(1);
    // The challenger waits too, in another queue (other time limits): both sit down.
    expect((await ok(qb, 'queue.join', { clock })).data.waiting).toBe(1);
    const { id } = await startMatch(qb, qa, 'qa');
    for (const peer of [qa, qb]) {
      expect(all(peer, 'queue.left').map((m) => m.data)).toEqual([{ game: 'connect4' }]);
      expect(await refusal(peer, 'queue.leave', {})).toBe('QUEUE_NOT_IN');
    }
    // Nobody is left in either queue: a third player waits alone, and so does a fourth.
    expect((await ok(qc, 'queue.join', {})).data.waiting).toBe(1);
    expect((await ok(qd, 'queue.join', { clock })).data.waiting).toBe(1);
    await ok(qa, 'match.resign', {});
    await ok(qc, 'match.list', {}); // everything sent to qc before this answer has arrived
    expect(all(qc, 'match.started')).toEqual([]);
    expect(all(qd, 'match.started')).toEqual([]);
    expect(all(qa, 'match.started').map((m) => m.data.match.id)).toEqual([id]);
    await ok(qc, 'queue.leave', {});
    await ok(qd, 'queue.leave', {});
  });

  it('a player whose connection drops leaves the queue', async () => {
    const zed = await joinAs(await connectTcpPeer(server.tcpPort), 'zed');
    const ava = await player(server, 'ava');
    await ok(zed, 'queue.join', {});
    zed.socket.destroy();
    await ava.nextMessage('user.state', (m) => m.data.nick === 'zed' && m.data.state === 'away');
    expect((await ok(ava, 'queue.join', {})).data.waiting).toBe(1);
    await ok(ava, 'queue.leave', {});
  });
});

describe('private matches with join codes (E4)', () => {
  it('creates a code, joins it in any case once, and keeps the match out of match.list and watching', async () => {
    const bea = await textPlayer(server, 'bea');
    const cal = await player(server, 'cal');
    const dan = await player(server, 'dan', 'tcp');
    bea.line('/private first=me');
    const codeLine = await bea.nextLine('Join code:');
    const code = /Join code: (\S+)\./.exec(codeLine)?.[1] as string;
    expect(code).toMatch(/^[A-Z0-9]{6}$/);
    expect(code).toMatch(JOIN_CODE);
    bea.line('/private');
    await bea.nextLine('! CHALLENGE_PENDING');
    bea.line(`/code ${code}`);
    await bea.nextLine('! CHALLENGE_SELF');

    expect(await refusal(cal, 'match.join', { code: 'NOPE42' })).toBe('JOIN_CODE_INVALID');
    const started = await ok(cal, 'match.join', { code: code.toLowerCase() });
    const match = started.data.match.id;
    expect(started.data.match).toMatchObject({ players: ['bea', 'cal'], seat: 1, private: true });
    expect(await bea.nextLine(`Match ${match} started`)).toContain('You are seat 0');
    expect(await refusal(dan, 'match.join', { code })).toBe('JOIN_CODE_INVALID');

    // A public match for comparison: it is listed, the private one is not.
    const eli = await player(server, 'eli');
    const fox = await player(server, 'fox');
    const { id: open } = await startMatch(eli, fox, 'fox');
    const listed = (await ok(dan, 'match.list', {})).data.matches.map((m) => m.id);
    expect(listed).toContain(open);
    expect(listed).not.toContain(match);
    expect(await refusal(dan, 'match.watch', { match })).toBe('MATCH_WATCH_DENIED');
    expect(await refusal(dan, 'match.get', { match })).toBe('MATCH_NOT_FOUND');
    // The players themselves see it.
    expect((await ok(cal, 'match.get', { match })).data.match.private).toBe(true);
  });

  it('match.create answers a code of the documented alphabet; a cancelled code is invalid', async () => {
    const gus = await player(server, 'gus');
    const hex = await player(server, 'hex', 'tcp');
    const codes = new Set<string>();
    for (let i = 0; i < 5; i++) {
      const created = await ok(gus, 'match.create', { options: { firstSeat: 'random' } });
      expect(created.data.challenge).toMatchObject({ from: 'gus', to: null, game: 'connect4' });
      const code = created.data.challenge.code as string;
      expect(code).toMatch(JOIN_CODE);
      codes.add(code);
      const cancelled = await ok(gus, 'challenge.cancel', {});
      expect(cancelled.data).toMatchObject({ challenge: { code }, reason: 'cancelled' });
      expect(await refusal(hex, 'match.join', { code })).toBe('JOIN_CODE_INVALID');
    }
    expect(codes.size).toBe(5);
    expect(await refusal(gus, 'match.create', { game: 'chess' })).toBe('GAME_UNKNOWN');
    expect(await refusal(gus, 'match.create', { options: { position: 'abc' } })).toBe('GAME_BAD_OPTIONS');
  });
});

describe('text mode in the lobby', () => {
  it('/queue with game options is a usage error, and nothing is queued', async () => {
    const tex = await textPlayer(server, 'tex');
    tex.line('/queue first=me');
    expect(await tex.nextLine('! TEXT_USAGE')).toContain('/queue [GAME]');
    tex.line('/unqueue');
    await tex.nextLine('! QUEUE_NOT_IN');
  });

  /**
   * A digest line with only ari and bo in its list: players of earlier tests whose state changed
   * within the same digest interval share the line.
   */
  const aboutAriAndBo = (line: string): string =>
    line.replace(
      /^(\* (?:Now playing|Free again): )(.*)$/,
      (_, head: string, names: string) =>
        `${head}${names
          .split(', ')
          .filter((n) => n === 'ari' || n === 'bo')
          .join(', ')}`,
    );

  it('shows a user starting a match as playing, one back from away as back, one whose match ended as free', async () => {
    const obs = await textPlayer(server, 'obs');
    const ari = await player(server, 'ari', 'tcp');
    const bo = await player(server, 'bo');
    const token = all(ari, 'welcome')[0]?.data.resumeToken as string;
    await startMatch(ari, bo, 'bo');
    await obs.next((t) => aboutAriAndBo(t) === '* Now playing: ari, bo', 'ari and bo playing');

    const lastSeq = lastSeqOf(ari);
    expect(dropConnections(server, 'ari')).toBe(1);
    await obs.nextLine('* ari is away');
    const back = await resumeOn(server, token, lastSeq);
    await back.nextMessage('session.resumed');
    await obs.nextLine('* ari is back');

    await ok(bo, 'match.resign', {});
    await obs.next((t) => aboutAriAndBo(t) === '* Free again: ari, bo', 'ari and bo free');
    expect(
      obs.received
        .map(aboutAriAndBo)
        .filter((l) => /^\* ((ari|bo) is |Now playing: \S|Free again: \S)/.test(l)),
    ).toEqual([
      '* Now playing: ari, bo',
      '* ari is away (connection lost; may come back)',
      '* ari is back',
      '* Free again: ari, bo',
    ]);
  });
});
