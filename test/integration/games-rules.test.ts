import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Connect4, connect4 } from '../../src/games/index.ts';
import {
  all,
  move,
  ok,
  player,
  playMoves,
  refusal,
  rejection,
  startMatch,
  textPlayer,
} from '../helpers/games.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

// The room is the only authority (issue 4: F1, E5, E6): every illegal action gets its error and
// changes nothing; spectators see everything and move nothing; a rematch swaps who starts.

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ maxConnectionsPerAddress: 200 });
});
afterAll(() => server.close());

/** A sentence: a capital letter first, a full stop last. */
const SENTENCE = /^[A-Z].*\.$/s;

describe('illegal actions (F1: the room validates every move)', () => {
  it('refuses each with its code and leaves version and moves as they were', async () => {
    const red = await player(server, 'red');
    const yel = await player(server, 'yel', 'tcp');
    const spy = await player(server, 'spy');
    const { id } = await startMatch(red, yel, 'yel', { options: { firstSeat: 0 } });
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

  it('game errors read as sentences: a capital letter first, a full stop last (JSON and text mode)', async () => {
    const ria = await player(server, 'ria');
    const sol = await player(server, 'sol', 'tcp');
    const { id } = await startMatch(ria, sol, 'sol', { options: { firstSeat: 0 } });
    const errors = [
      await rejection(sol, 'match.move', { move: { column: 4 } }),
      await rejection(ria, 'match.move', { move: { column: 8 } }),
      await rejection(ria, 'match.move', { text: 'x' }),
      await rejection(ria, 'match.move', { move: { column: 4 }, text: '4' }),
    ];
    await playMoves(ria, sol, '111111');
    errors.push(await rejection(ria, 'match.move', { move: { column: 1 } }));
    await ok(sol, 'match.resign', {});
    errors.push(await rejection(ria, 'match.move', { move: { column: 2 }, match: id }));
    expect(errors.map((e) => e.code)).toEqual([
      'GAME_NOT_YOUR_TURN',
      'GAME_BAD_MOVE',
      'GAME_BAD_MOVE',
      'GAME_BAD_MOVE',
      'GAME_ILLEGAL_MOVE',
      'GAME_OVER',
    ]);
    expect(errors.filter((e) => !SENTENCE.test(e.message))).toEqual([]);

    // The same sentences in text mode, after the code.
    const tam = await textPlayer(server, 'tam');
    const uli = await player(server, 'uli');
    tam.line('/challenge uli first=them');
    await uli.nextMessage('challenge.received');
    await ok(uli, 'challenge.accept', {});
    tam.line('/play 4');
    expect(await tam.nextLine('! GAME_NOT_YOUR_TURN')).toMatch(/^! GAME_NOT_YOUR_TURN: [A-Z].*\.$/);
    await ok(uli, 'match.move', { move: { column: 4 }, version: 0 });
    tam.line('/play 9');
    expect(await tam.nextLine('! GAME_BAD_MOVE')).toMatch(/^! GAME_BAD_MOVE: [A-Z].*\.$/);
    await ok(uli, 'match.resign', {});
  });

  it('refusals of game options and unknown games read as sentences too', async () => {
    const via = await player(server, 'via');
    await player(server, 'wyn');
    const errors = [
      await rejection(via, 'challenge.send', { to: 'wyn', options: { firstSeat: 2 } }),
      await rejection(via, 'challenge.send', { to: 'wyn', options: { position: '1111111' } }),
      await rejection(via, 'challenge.send', { to: 'wyn', options: { position: '1212121' } }),
      await rejection(via, 'match.create', { options: { colour: 'red' } }),
      await rejection(via, 'challenge.send', { to: 'wyn', game: 'chess' }),
    ];
    expect(errors.map((e) => e.code)).toEqual([
      'GAME_BAD_OPTIONS',
      'GAME_BAD_OPTIONS',
      'GAME_BAD_OPTIONS',
      'GAME_BAD_OPTIONS',
      'GAME_UNKNOWN',
    ]);
    expect(errors.filter((e) => !SENTENCE.test(e.message))).toEqual([]);
  });
});

describe('spectators (E5)', () => {
  it('watch: the full state, then every update, the match chat and the end; never a move', async () => {
    const one = await player(server, 'one');
    const two = await player(server, 'two', 'tcp');
    const fan = await player(server, 'fan');
    const { id } = await startMatch(one, two, 'two', { options: { firstSeat: 0 } });
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

  it('a match room is closed: room.join is refused to outsiders, room.list leaves it out, match.watch enters it', async () => {
    const ada = await player(server, 'ada');
    const ben = await player(server, 'ben', 'tcp');
    const out = await player(server, 'out');
    const { id } = await startMatch(ada, ben, 'ben');
    const room = `match-${id}`;
    for (const peer of [ada, ben]) expect(all(peer, 'room.joined').map((m) => m.data.room)).toContain(room);
    for (const name of [room, `#${room}`, room.toUpperCase()]) {
      expect(await refusal(out, 'room.join', { room: name })).toBe('ROOM_CLOSED');
    }
    expect(await refusal(out, 'chat.say', { room, text: 'let me in' })).toBe('ROOM_NOT_MEMBER');
    // Match room names are reserved even where no match is: nobody makes one with room.join.
    expect(await refusal(out, 'room.join', { room: 'match-nosuchmatch' })).toBe('ROOM_CLOSED');
    // An open room for comparison: it is listed, no match room is (other tests' matches neither).
    await ok(ada, 'room.join', { room: 'tearoom' });
    const listed = (await ok(out, 'room.list', {})).data.rooms.map((r) => r.name);
    expect(listed).toContain('tearoom');
    expect(listed.filter((name) => name.startsWith('match-'))).toEqual([]);

    // A spectator is put in it: room.joined, and the members see it arrive.
    await ok(out, 'match.watch', { match: id });
    const joined = all(out, 'room.joined').find((m) => m.data.room === room);
    expect(joined?.data.members.map((m) => m.nick).sort()).toEqual(['ada', 'ben', 'out']);
    await ben.nextMessage('room.member_joined', (m) => m.data.room === room && m.data.nick === 'out');
    const members = await ok(ada, 'user.list', { room });
    expect(members.data.users.map((u) => u.nick).sort()).toEqual(['ada', 'ben', 'out']);
    // Still closed to others, and still not listed.
    const late = await player(server, 'late');
    expect(await refusal(late, 'room.join', { room })).toBe('ROOM_CLOSED');
    const again = (await ok(late, 'room.list', {})).data.rooms.map((r) => r.name);
    expect(again).not.toContain(room);
    await ok(ben, 'match.resign', {});
  });

  it('when a watched match ends, spectators get match.ended then room.left; the players stay in the room', async () => {
    const kay = await player(server, 'kay');
    const lux = await player(server, 'lux', 'tcp');
    const vic = await player(server, 'vic');
    const wen = await player(server, 'wen', 'tcp');
    const { id } = await startMatch(kay, lux, 'lux', { options: { firstSeat: 0 } });
    const room = `match-${id}`;
    await ok(vic, 'match.watch', { match: id });
    await ok(wen, 'match.watch', { match: id });
    await move(kay, lux, 4, 0);
    await ok(lux, 'match.resign', {});

    for (const fan of [vic, wen]) {
      const ended = await fan.nextMessage('match.ended');
      expect(ended.data).toMatchObject({ match: id, result: { winner: 'kay', seat: 0, reason: 'resign' } });
      const left = await fan.nextMessage('room.left', (m) => m.data.room === room);
      expect(left.seq as number).toBeGreaterThan(ended.seq as number);
      // No longer a member, nor a spectator; and the room stays closed.
      expect(await refusal(fan, 'chat.say', { room, text: 'gg' })).toBe('ROOM_NOT_MEMBER');
      expect(await refusal(fan, 'match.unwatch', { match: id })).toBe('MATCH_NOT_FOUND');
      expect(await refusal(fan, 'room.join', { room })).toBe('ROOM_CLOSED');
    }
    for (const peer of [kay, lux]) {
      await peer.nextMessage('room.member_left', (m) => m.data.room === room && m.data.nick === 'wen');
      expect(all(peer, 'room.left').map((m) => m.data.room)).not.toContain(room);
    }
    const members = await ok(kay, 'user.list', { room });
    expect(members.data.users.map((u) => u.nick).sort()).toEqual(['kay', 'lux']);

    // The players still talk in the match room after the end.
    const said = await ok(kay, 'chat.say', { room, text: 'good game' });
    expect(said.data.room).toBe(room);
    const heard = await lux.nextMessage('chat.message', (m) => m.data.room === room);
    expect(heard.data).toMatchObject({ from: 'kay', text: 'good game' });
    await ok(lux, 'chat.say', { room, text: 'thanks' });
    expect((await kay.nextMessage('chat.message', (m) => m.data.room === room)).data.text).toBe('thanks');
    for (const fan of [vic, wen]) {
      expect(all(fan, 'chat.message').filter((m) => m.data.room === room)).toEqual([]);
    }
  });
});

describe('rematch (E6)', () => {
  it('when both offer, a new match starts in which the other player moves first', async () => {
    const ray = await player(server, 'ray');
    const sue = await player(server, 'sue', 'tcp');
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
  it('after a match from an odd-length position, the rematch gives the first move to the other player', async () => {
    const tom = await player(server, 'tom');
    const una = await player(server, 'una', 'tcp');
    const options = { position: '4', firstSeat: 0 };
    const { id, first, second } = await startMatch(tom, una, 'una', { options });
    // Seat 0 played the stone of the position: seat 1 (una) makes the first move of the match.
    const firstMover = (first.data.view as ReturnType<typeof connect4.view>).toMove as number;
    expect(firstMover).toBe(1);
    expect(second.data.view).toMatchObject({ toMove: 1, moves: '4' });
    await move(una, tom, 3, 0);
    await ok(una, 'match.resign', {});
    await tom.nextMessage('match.ended');

    await ok(tom, 'match.rematch', {});
    await ok(una, 'match.rematch', { match: id });
    const [forTom, forUna] = await Promise.all([
      tom.nextMessage('match.started', (m) => m.data.match.id !== id),
      una.nextMessage('match.started', (m) => m.data.match.id !== id),
    ]);
    const rematch = forTom.data.match.id;
    expect(forTom.data.match).toMatchObject({ players: ['tom', 'una'], seat: 0 });
    expect(forTom.data.match.options).toMatchObject({ position: '4' });
    // tom did not move first the first time: now tom is to move, from the same position.
    const tomSeat = forTom.data.match.seat as number;
    expect(tomSeat).toBe(1 - firstMover);
    expect(forTom.data.view).toMatchObject({ toMove: tomSeat, moves: '4' });
    expect(forUna.data.view).toMatchObject({ toMove: tomSeat, moves: '4' });
    expect(await refusal(una, 'match.move', { move: { column: 4 } })).toBe('GAME_NOT_YOUR_TURN');
    const update = await ok(tom, 'match.move', { move: { column: 4 }, version: 0 });
    expect(update.data).toMatchObject({ match: rematch, version: 1, seat: tomSeat });
    await ok(una, 'match.resign', {});
  });
});
