import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Connect4, connect4 } from '../../src/games/index.ts';
import {
  type ClientData,
  type ErrorCode,
  parseServerFrame,
  replyTypes,
  type ServerMessage,
  type ServerMessageOf,
} from '../../src/protocol/index.ts';
import { connectTcpPeer, connectWsPeer, joinAs, type RawPeer } from '../helpers/raw-clients.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

// The room is the only authority (issue 4: F1, E5, E6): every illegal action gets its error and
// changes nothing; spectators see everything and move nothing; a rematch swaps who starts.

type Request = keyof typeof replyTypes;
type Reply<K extends Request> = ServerMessageOf<(typeof replyTypes)[K]>;

let lastId = 0;
/** Sends a request and waits for its answer (reply or error); unread messages before it are skipped. */
const call = async <K extends Request>(
  peer: RawPeer,
  type: K,
  data: ClientData<K>,
): Promise<ServerMessage> => {
  const id = `q${++lastId}`;
  peer.json({ type, id, data });
  const text = await peer.next((t) => t.startsWith('{') && JSON.parse(t).re === id, `the answer to ${type}`);
  const parsed = parseServerFrame(text);
  if (!parsed.ok) throw new Error(`Server sent a frame that breaks the protocol schema: ${text}`);
  return parsed.value;
};
const ok = async <K extends Request>(peer: RawPeer, type: K, data: ClientData<K>): Promise<Reply<K>> => {
  const answer = await call(peer, type, data);
  if (answer.type !== replyTypes[type]) throw new Error(`${type} was answered ${JSON.stringify(answer)}`);
  return answer as Reply<K>;
};
const refusal = async <K extends Request>(
  peer: RawPeer,
  type: K,
  data: ClientData<K>,
): Promise<ErrorCode> => {
  const answer = await call(peer, type, data);
  if (answer.type !== 'error') throw new Error(`${type} was not refused: ${JSON.stringify(answer)}`);
  return answer.data.code;
};
/** Every message of `type` a peer received so far, read or not. */
const all = <T extends ServerMessage['type']>(peer: RawPeer, type: T) =>
  peer.received
    .filter((t) => t.startsWith('{'))
    .map((t) => JSON.parse(t) as ServerMessage)
    .filter((m): m is Extract<ServerMessage, { type: T }> => m.type === type);

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ maxConnectionsPerAddress: 200 });
});
afterAll(() => server.close());

const player = async (nick: string, over: 'ws' | 'tcp' = 'ws'): Promise<RawPeer> =>
  joinAs(over === 'ws' ? await connectWsPeer(server.wsUrl) : await connectTcpPeer(server.tcpPort), nick);

/** `from` challenges `to` (options as given), who accepts: the match.started each received. */
const startMatch = async (
  from: RawPeer,
  to: RawPeer,
  toNick: string,
  options: Record<string, unknown> = {},
) => {
  await ok(from, 'challenge.send', { to: toNick, options });
  await to.nextMessage('challenge.received');
  const second = await ok(to, 'challenge.accept', {});
  const first = await from.nextMessage('match.started', (m) => m.data.match.id === second.data.match.id);
  return { id: second.data.match.id, first, second };
};

/** `mover` plays `column` at `version`; `other` waits to see it. */
const move = async (mover: RawPeer, other: RawPeer, column: number, version: number) => {
  const update = await ok(mover, 'match.move', { move: { column }, version });
  expect(update.data.version).toBe(version + 1);
  await other.nextMessage('match.update', (m) => m.data.version === version + 1);
  return update;
};

describe('illegal actions (F1: the room validates every move)', () => {
  it('refuses each with its code and leaves version and moves as they were', async () => {
    const red = await player('red');
    const yel = await player('yel', 'tcp');
    const spy = await player('spy');
    const { id } = await startMatch(red, yel, 'yel', { firstSeat: 0 });
    /** The state both players see now: nothing moved unless a move was accepted. */
    const expectState = async (version: number, position: string) => {
      for (const peer of [red, yel]) {
        const state = await ok(peer, 'match.get', {});
        expect(state.data).toMatchObject({ version, result: null });
        expect(state.data.moves).toEqual([...position].map((c) => ({ column: Number(c) })));
        expect(state.data.view).toMatchObject({ moves: position });
      }
    };

    expect(await refusal(yel, 'match.move', { move: { column: 4 } })).toBe('GAME_NOT_YOUR_TURN');
    expect(await refusal(yel, 'match.move', { text: '4', version: 0 })).toBe('GAME_NOT_YOUR_TURN');
    expect(await refusal(yel, 'match.move', { move: { column: 4 }, match: id })).toBe('GAME_NOT_YOUR_TURN');
    await expectState(0, '');

    for (const data of [
      {},
      { move: { column: 4 }, text: '4' },
      { move: { column: 8 } },
      { move: { column: 0 } },
      { move: { column: '4' } },
      { move: { col: 4 } },
      { move: { column: 4, extra: true } },
      { move: 4 },
      { move: null },
      { text: 'x' },
      { text: '8' },
      { text: '' },
    ]) {
      expect(await refusal(red, 'match.move', data)).toBe('GAME_BAD_MOVE');
    }
    expect(await refusal(red, 'match.move', { move: { column: 4 }, version: 1 })).toBe('MATCH_STALE_VERSION');
    await expectState(0, '');

    // Fill column 1 (no four: the stones alternate), then it takes no more.
    for (let v = 0; v < 6; v++) await move(v % 2 === 0 ? red : yel, v % 2 === 0 ? yel : red, 1, v);
    expect(await refusal(red, 'match.move', { move: { column: 1 } })).toBe('GAME_ILLEGAL_MOVE');
    expect(await refusal(red, 'match.move', { text: '1', version: 6 })).toBe('GAME_ILLEGAL_MOVE');
    expect(await refusal(red, 'match.move', { move: { column: 2 }, version: 5 })).toBe('MATCH_STALE_VERSION');
    expect(await refusal(red, 'match.move', { move: { column: 2 }, version: 0 })).toBe('MATCH_STALE_VERSION');
    await expectState(6, '111111');

    // Someone who does not play: nothing to move in, or not a player of the match named.
    expect(await refusal(spy, 'match.move', { move: { column: 2 } })).toBe('MATCH_NOT_FOUND');
    expect(await refusal(spy, 'match.move', { move: { column: 2 }, match: id })).toBe('MATCH_NOT_PLAYER');
    expect(await refusal(spy, 'match.resign', { match: id })).toBe('MATCH_NOT_PLAYER');
    expect(await refusal(spy, 'match.move', { move: { column: 2 }, match: 'nosuchmatch' })).toBe(
      'MATCH_NOT_FOUND',
    );
    await ok(spy, 'match.watch', { match: id });
    expect(await refusal(spy, 'match.move', { move: { column: 2 } })).toBe('MATCH_NOT_FOUND');
    expect(await refusal(spy, 'match.move', { move: { column: 2 }, match: id })).toBe('MATCH_NOT_PLAYER');
    expect(await refusal(red, 'match.watch', { match: id })).toBe('MATCH_WATCH_DENIED');
    expect(await refusal(red, 'match.rematch', {})).toBe('REMATCH_UNAVAILABLE');
    await expectState(6, '111111');

    // A legal move still goes through after all that, as text.
    expect((await ok(red, 'match.move', { text: ' 2 ', version: 6 })).data).toMatchObject({
      version: 7,
      seat: 0,
    });
    await yel.nextMessage('match.update', (m) => m.data.version === 7);
    const ended = await ok(yel, 'match.resign', {});
    expect(ended.data.result).toEqual({ winner: 'red', seat: 0, reason: 'resign' });
    await red.nextMessage('match.ended');

    // After the end: GAME_OVER for moves and resignations, and the final state stays.
    expect(await refusal(red, 'match.move', { move: { column: 3 } })).toBe('GAME_OVER');
    expect(await refusal(yel, 'match.move', { move: { column: 3 }, version: 7 })).toBe('GAME_OVER');
    expect(await refusal(yel, 'match.move', { move: { column: 3 }, match: id })).toBe('GAME_OVER');
    expect(await refusal(red, 'match.resign', {})).toBe('GAME_OVER');
    const after = await ok(red, 'match.get', {});
    expect(after.data).toMatchObject({ version: 7, result: { winner: 'red', reason: 'resign' } });
    expect(after.data.moves).toHaveLength(7);
    // Each side saw each accepted move once.
    for (const peer of [red, yel]) {
      expect(all(peer, 'match.update').map((m) => m.data.version)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    }
  });
});

describe('spectators (E5)', () => {
  it('watch: the full state, then every update, the match chat and the end; never a move', async () => {
    const one = await player('one');
    const two = await player('two', 'tcp');
    const fan = await player('fan');
    const { id } = await startMatch(one, two, 'two', { firstSeat: 0 });
    await move(one, two, 4, 0);

    const listing = await ok(fan, 'match.list', {});
    expect(listing.data.matches).toContainEqual(
      expect.objectContaining({ id, game: 'connect4', players: ['one', 'two'], spectators: 0, moves: 1 }),
    );
    expect(await refusal(fan, 'match.watch', { match: 'nosuchmatch' })).toBe('MATCH_NOT_FOUND');
    const watched = await ok(fan, 'match.watch', { match: id });
    expect(watched.data).toMatchObject({
      match: { id, players: ['one', 'two'], seat: null, room: `match-${id}` },
      version: 1,
      moves: [{ column: 4 }],
      spectators: 1,
      away: [],
      result: null,
    });
    const position = Connect4.parsePosition('4', 0);
    if (!position.ok) throw new Error('bad position');
    expect(watched.data.view).toEqual(connect4.view(position.value, 'spectator'));
    expect(all(fan, 'room.joined').map((m) => m.data.room)).toContain(`match-${id}`);
    await one.nextMessage(
      'room.member_joined',
      (m) => m.data.nick === 'fan' && m.data.room === `match-${id}`,
    );

    await move(two, one, 3, 1);
    const update = await fan.nextMessage('match.update');
    expect(update.data).toMatchObject({ match: id, version: 2, by: 'two', move: { column: 3 } });
    expect(update.data.view).toMatchObject({ viewer: 'spectator', moves: '43' });

    // The match room is ordinary chat, both ways.
    await ok(one, 'chat.say', { room: `match-${id}`, text: 'good luck' });
    expect((await fan.nextMessage('chat.message')).data).toMatchObject({ room: `match-${id}`, from: 'one' });
    await ok(fan, 'chat.say', { room: `match-${id}`, text: 'nice move' });
    for (const peer of [one, two]) {
      const said = await peer.nextMessage('chat.message', (m) => m.data.from === 'fan');
      expect(said.data).toMatchObject({ room: `match-${id}`, text: 'nice move' });
    }

    expect(await refusal(fan, 'match.move', { move: { column: 5 }, match: id })).toBe('MATCH_NOT_PLAYER');
    expect(await refusal(fan, 'match.move', { move: { column: 5 } })).toBe('MATCH_NOT_FOUND');
    expect((await ok(fan, 'match.get', {})).data).toMatchObject({ version: 2, match: { seat: null } });
    expect((await ok(one, 'match.get', {})).data.spectators).toBe(1);

    // Unwatching: no more updates.
    expect((await ok(fan, 'match.unwatch', { match: id })).data).toEqual({ match: id });
    expect(await refusal(fan, 'match.unwatch', { match: id })).toBe('MATCH_NOT_FOUND');
    await move(one, two, 5, 2);
    await ok(fan, 'match.list', {}); // everything sent to fan before this answer has arrived
    expect(all(fan, 'match.update').map((m) => m.data.version)).toEqual([2]);
    expect((await ok(one, 'match.get', {})).data.spectators).toBe(0);

    // Watching again gives the fresh state; the end reaches the spectator too.
    const again = await ok(fan, 'match.watch', { match: id });
    expect(again.data).toMatchObject({ version: 3, spectators: 1 });
    expect(again.data.moves).toEqual([{ column: 4 }, { column: 3 }, { column: 5 }]);
    await move(two, one, 6, 3);
    expect((await fan.nextMessage('match.update')).data.version).toBe(4);
    await ok(two, 'match.resign', {});
    const ended = await fan.nextMessage('match.ended');
    expect(ended.data).toMatchObject({ match: id, result: { winner: 'one', reason: 'resign' } });
    expect(all(fan, 'match.update').map((m) => m.data.version)).toEqual([2, 4]);
  });
});

describe('rematch (E6)', () => {
  it('when both offer, a new match starts in which the other player moves first', async () => {
    const ray = await player('ray');
    const sue = await player('sue', 'tcp');
    const { id, first } = await startMatch(ray, sue, 'sue'); // who moves first is drawn
    const starter = first.data.view as ReturnType<typeof connect4.view>;
    const firstSeat = starter.toMove as number;
    expect([0, 1]).toContain(firstSeat);
    expect(await refusal(ray, 'match.rematch', {})).toBe('REMATCH_UNAVAILABLE');
    await ok(ray, 'match.resign', {});
    await sue.nextMessage('match.ended');

    const offer = await ok(ray, 'match.rematch', {});
    expect(offer.data).toEqual({ match: id, by: 'ray' });
    expect((await sue.nextMessage('match.rematch_offered')).data).toEqual({ match: id, by: 'ray' });
    const accept = await ok(sue, 'match.rematch', { match: id });
    expect(accept.data).toEqual({ match: id, by: 'sue' });
    await ray.nextMessage('match.rematch_offered', (m) => m.data.by === 'sue');
    const [forRay, forSue] = await Promise.all([
      ray.nextMessage('match.started'),
      sue.nextMessage('match.started'),
    ]);
    const rematch = forRay.data.match.id;
    expect(rematch).not.toBe(id);
    expect(forSue.data.match.id).toBe(rematch);
    expect(forRay.data.match).toMatchObject({ players: ['ray', 'sue'], seat: 0, private: false });
    expect(forSue.data.match.seat).toBe(1);
    expect(forRay.data.view).toMatchObject({ toMove: 1 - firstSeat, moves: '' });

    // The other seat moves first now.
    const [mover, waiter] = firstSeat === 0 ? [sue, ray] : [ray, sue];
    expect(await refusal(waiter, 'match.move', { move: { column: 4 } })).toBe('GAME_NOT_YOUR_TURN');
    const update = await ok(mover, 'match.move', { move: { column: 4 }, version: 0 });
    expect(update.data).toMatchObject({ match: rematch, version: 1, seat: 1 - firstSeat });
    await ok(waiter, 'match.resign', {});
  });
});
