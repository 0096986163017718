import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Connect4, connect4 } from '../../src/games/index.ts';
import {
  all,
  ok,
  player,
  playMoves,
  refusal,
  startMatch,
  statesReach,
  textPlayer,
} from '../helpers/games.ts';
import { connectWsPeer, joinAs, type RawPeer } from '../helpers/raw-clients.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

// Whole Connect Four games (issue 4: E2, F1, F2) between a human in text mode over TCP and a
// program speaking JSON over WebSocket: a win, a draw on a full board, a resignation.

/** The Connect Four state after `position` (columns played, seat 0 first). */
const stateAfter = (position: string) => {
  const state = Connect4.parsePosition(position, 0);
  if (!state.ok) throw new Error(state.error.message);
  return state.value;
};
/** Whether the board of `position`, as text mode draws it, is among the lines received. */
const showsBoard = (peer: RawPeer, position: string): boolean => {
  const board = Connect4.renderBoard(connect4.view(stateAfter(position), 0)).split('\n');
  return peer.received.some((_, i) => board.every((line, j) => peer.received[i + j] === line));
};

/**
 * A draw: 42 moves that fill the board without four in a row (found by a search with the rules of
 * src/games; checked again below).
 */
const DRAW = '115144215266122753713574753453474673636622';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ maxConnectionsPerAddress: 200 });
});
afterAll(() => server.close());

/** `human` (text) challenges `bot` (JSON) with the first move, `bot` accepts: the match id. */
const startTextMatch = async (human: RawPeer, humanNick: string, bot: RawPeer, botNick: string) => {
  human.line(`/challenge ${botNick} connect4 first=me`);
  expect(await human.nextLine(`You challenged ${botNick}`)).toContain('you move first');
  const received = await bot.nextMessage('challenge.received');
  expect(received.data.challenge).toMatchObject({
    from: humanNick,
    to: botNick,
    code: null,
    game: 'connect4',
    options: { firstSeat: 0, position: '' },
    timeControl: { moveMs: null, gameMs: null },
  });
  const started = await ok(bot, 'challenge.accept', { from: humanNick.toUpperCase() });
  const id = started.data.match.id;
  expect(started.data).toMatchObject({
    match: { game: 'connect4', players: [humanNick, botNick], seat: 1, room: `match-${id}`, private: false },
    version: 0,
    clock: { deadlineAt: null },
  });
  expect(started.data.view).toEqual(connect4.view(stateAfter(''), 1));
  const line = await human.nextLine(`Match ${id} started`);
  expect(line).toContain(`${humanNick} vs ${botNick}`);
  expect(line).toContain('You are seat 0');
  expect(showsBoard(human, '')).toBe(true);
  return id;
};

/**
 * Plays `position` from the start: the human (text, seat 0) the odd moves, the bot (JSON, seat 1)
 * the even ones, each waiting to see the other's move. Checks every update the bot gets.
 */
const playOut = async (
  human: RawPeer,
  humanNick: string,
  bot: RawPeer,
  botNick: string,
  position: string,
) => {
  for (let i = 0; i < position.length; i++) {
    const column = Number(position[i]);
    const version = i + 1;
    const expected = {
      version,
      seat: i % 2,
      by: i % 2 === 0 ? humanNick : botNick,
      move: { column },
      text: String(column),
      view: connect4.view(stateAfter(position.slice(0, version)), 1),
    };
    if (i % 2 === 0) {
      human.line(`/play ${column}`);
      await human.nextLine(`You play ${column}`);
      const update = await bot.nextMessage('match.update');
      expect(update.data).toMatchObject(expected);
    } else {
      const update = await ok(bot, 'match.move', { move: { column }, version: version - 1 });
      expect(update.data).toMatchObject(expected);
      await human.nextLine(`${botNick} plays ${column}`);
    }
  }
};

/** Both sides saw every move of `match`, in order: versions 1, 2, 3, … and one line per move. */
const expectEveryMoveSeen = (human: RawPeer, bot: RawPeer, match: string, position: string) => {
  const updates = all(bot, 'match.update').filter((m) => m.data.match === match);
  expect(updates.map((m) => m.data.version)).toEqual([...position].map((_, i) => i + 1));
  expect(updates.map((m) => m.data.text).join('')).toBe(position);
  const moveLines = human.received.filter((l) => /^\* (You play|\S+ plays) [1-7]$/.test(l));
  expect(moveLines.map((l) => l.slice(-1)).join('')).toBe(position);
  expect(moveLines.filter((l) => l.startsWith('* You play')).length).toBe(Math.ceil(position.length / 2));
  for (let n = 1; n <= position.length; n++) expect(showsBoard(human, position.slice(0, n))).toBe(true);
};

describe('whole games, text mode over TCP against JSON over WebSocket', () => {
  it('plays to four in a row: both sides see every move, the text side the boards and the result', async () => {
    const ann = await textPlayer(server, 'ann');
    const bot = await joinAs(await connectWsPeer(server.wsUrl), 'bot1');
    const match = await startTextMatch(ann, 'ann', bot, 'bot1');

    // A move out of turn from the text side is refused and changes nothing.
    await playOut(ann, 'ann', bot, 'bot1', '4');
    ann.line('/play 3');
    expect(await ann.nextLine('! GAME_NOT_YOUR_TURN')).toBeTruthy();
    expect((await ok(bot, 'match.get', {})).data).toMatchObject({ version: 1, moves: [{ column: 4 }] });

    const win = '4545454';
    // The first move is played already; replay the rest through the same loop.
    for (let i = 1; i < win.length; i++) {
      const column = Number(win[i]);
      if (i % 2 === 0) {
        ann.line(`/play ${column}`);
        await ann.nextLine(`You play ${column}`);
        expect((await bot.nextMessage('match.update')).data).toMatchObject({ version: i + 1, by: 'ann' });
      } else {
        expect((await ok(bot, 'match.move', { text: String(column), version: i })).data.version).toBe(i + 1);
        await ann.nextLine(`bot1 plays ${column}`);
      }
    }
    const ended = await bot.nextMessage('match.ended');
    expect(ended.data).toMatchObject({
      match,
      game: 'connect4',
      result: { winner: 'ann', seat: 0, reason: 'four-in-a-row' },
      record: match,
    });
    expect(ended.data.view).toEqual(connect4.view(stateAfter(win), 1));
    expect(await ann.nextLine(`Match ${match} is over`)).toContain('You win');
    expect(await ann.nextLine('/replay')).toContain(match);
    expectEveryMoveSeen(ann, bot, match, win);

    // The board is final: the match is over for both.
    expect(await refusal(bot, 'match.move', { move: { column: 1 } })).toBe('GAME_OVER');
    ann.line('/play 1');
    await ann.nextLine('! GAME_OVER');
    const state = await ok(bot, 'match.get', {});
    expect(state.data).toMatchObject({ version: 7, result: { winner: 'ann', reason: 'four-in-a-row' } });
  });

  it('plays 42 moves to a full board without four in a row: a draw', async () => {
    // The sequence is a draw by the rules themselves: it fills the board and no earlier move won
    // (parsePosition refuses any move after the end of the game).
    expect(DRAW).toHaveLength(42);
    const final = stateAfter(DRAW);
    expect(final.outcome).toEqual({ winner: null, reason: 'board-full' });
    for (let n = 0; n < 42; n++) expect(stateAfter(DRAW.slice(0, n)).outcome).toBeUndefined();

    const cat = await textPlayer(server, 'cat');
    const bot = await joinAs(await connectWsPeer(server.wsUrl), 'bot2');
    const match = await startTextMatch(cat, 'cat', bot, 'bot2');
    await playOut(cat, 'cat', bot, 'bot2', DRAW);
    const ended = await bot.nextMessage('match.ended');
    expect(ended.data).toMatchObject({ match, result: { winner: null, seat: null, reason: 'board-full' } });
    expect(ended.data.view).toEqual(connect4.view(final, 1));
    expect(await cat.nextLine(`Match ${match} is over`)).toContain('Draw (board full)');
    expectEveryMoveSeen(cat, bot, match, DRAW);
    const rows = (ended.data.view as ReturnType<typeof connect4.view>).rows;
    expect(rows.flat().every((seat) => seat !== null)).toBe(true);
  });

  it('ends on a resignation from the text side; the JSON side accepted with /accept from text', async () => {
    const dot = await textPlayer(server, 'dot');
    const bot = await joinAs(await connectWsPeer(server.wsUrl), 'bot3');
    // This time the JSON player challenges and moves first; the human accepts in text mode.
    const sent = await ok(bot, 'challenge.send', { to: 'dot', options: { firstSeat: 0 } });
    expect(sent.data.challenge).toMatchObject({ from: 'bot3', to: 'dot', game: 'connect4' });
    expect(await dot.nextLine('bot3 challenges you to Connect Four')).toContain('bot3 moves first');
    dot.line('/accept bot3');
    const started = await bot.nextMessage('match.started');
    const match = started.data.match.id;
    expect(started.data.match).toMatchObject({ players: ['bot3', 'dot'], seat: 0 });
    expect(await dot.nextLine(`Match ${match} started`)).toContain('You are seat 1');

    expect((await ok(bot, 'match.move', { move: { column: 4 }, version: 0 })).data.version).toBe(1);
    await dot.nextLine('bot3 plays 4');
    dot.line('/play 3');
    await dot.nextLine('You play 3');
    expect((await bot.nextMessage('match.update')).data).toMatchObject({ version: 2, by: 'dot', seat: 1 });
    dot.line('/resign');
    const ended = await bot.nextMessage('match.ended');
    expect(ended.data).toMatchObject({ match, result: { winner: 'bot3', seat: 0, reason: 'resign' } });
    expect(await dot.nextLine(`Match ${match} is over`)).toContain('bot3 wins by resignation');
    expect(all(bot, 'match.update').map((m) => m.data.version)).toEqual([1, 2]);

    // A resignation from the JSON side is answered with match.ended carrying the request id.
    dot.line('/challenge bot3 first=them');
    await bot.nextMessage('challenge.received', (m) => m.data.challenge.from === 'dot');
    const second = (await ok(bot, 'challenge.accept', {})).data.match.id;
    await dot.nextLine(`Match ${second} started`);
    const resigned = await ok(bot, 'match.resign', {});
    expect(resigned.data).toMatchObject({
      match: second,
      result: { winner: 'dot', seat: 0, reason: 'resign' },
    });
    expect(await dot.nextLine(`Match ${second} is over`)).toContain('You win by resignation');
  });

  it('hosts the other turn-based game the same way: tic-tac-toe to a win, with /board', async () => {
    const eve = await textPlayer(server, 'eve');
    const bot = await joinAs(await connectWsPeer(server.wsUrl), 'bot4');
    eve.line('/challenge bot4 tic-tac-toe first=me');
    expect(await eve.nextLine('You challenged bot4')).toContain('Tic-tac-toe');
    expect((await bot.nextMessage('challenge.received')).data.challenge.game).toBe('tic-tac-toe');
    const started = await ok(bot, 'challenge.accept', {});
    const match = started.data.match.id;
    expect(started.data.match).toMatchObject({ game: 'tic-tac-toe', players: ['eve', 'bot4'], seat: 1 });
    await eve.nextLine(`Match ${match} started`);
    // eve takes column a (a1, a2, a3); bot4 plays b1 and b2 (JSON and text forms).
    eve.line('/play a1');
    expect((await bot.nextMessage('match.update')).data).toMatchObject({ version: 1, text: 'a1' });
    expect(await refusal(bot, 'match.move', { move: { row: 1, column: 1 } })).toBe('GAME_ILLEGAL_MOVE');
    expect(await refusal(bot, 'match.move', { move: { column: 4 } })).toBe('GAME_BAD_MOVE');
    await ok(bot, 'match.move', { move: { row: 1, column: 2 }, version: 1 });
    await eve.nextLine('bot4 plays b1');
    eve.line('/play 4');
    await eve.nextLine('! GAME_BAD_MOVE');
    eve.line('/play A2');
    expect((await bot.nextMessage('match.update')).data).toMatchObject({
      version: 3,
      move: { row: 2, column: 1 },
    });
    await ok(bot, 'match.move', { text: 'b2', version: 3 });
    await eve.nextLine('bot4 plays b2');
    eve.line('/board');
    expect(await eve.nextLine(`Match ${match}:`)).toContain('4 moves');
    eve.line('/play a3');
    const ended = await bot.nextMessage('match.ended');
    expect(ended.data).toMatchObject({ match, game: 'tic-tac-toe', result: { winner: 'eve', seat: 0 } });
    expect(await eve.nextLine(`Match ${match} is over`)).toContain('You win');
    expect(
      all(bot, 'match.update')
        .filter((m) => m.data.match === match)
        .map((m) => m.data.version),
    ).toEqual([1, 2, 3, 4, 5]);
  });
});

describe('the end of a match, in order', () => {
  it('the winning mover gets its match.update, then match.ended, then the user.state free of the players', async () => {
    const win = await player(server, 'win');
    const los = await player(server, 'los', 'tcp');
    const { id } = await startMatch(win, los, 'los', { options: { firstSeat: 0 } });
    await playMoves(win, los, '454545');
    const update = await ok(win, 'match.move', { move: { column: 4 }, version: 6 });
    expect(update.data).toMatchObject({ match: id, version: 7, by: 'win' });
    // (No request in between: waiting for its answer would skip a digest that came first.)
    await statesReach(win, { win: 'free', los: 'free' });
    await statesReach(los, { win: 'free', los: 'free' });
    const seqOf = (m: { seq?: number } | undefined): number => m?.seq ?? Number.NaN;
    const freedIn = (peer: RawPeer, nick: string) =>
      all(peer, 'user.states').filter((m) => m.data.users.some((u) => u.nick === nick && u.state === 'free'));
    const ended = all(win, 'match.ended');
    expect(ended.map((m) => m.data.result)).toEqual([{ winner: 'win', seat: 0, reason: 'four-in-a-row' }]);
    const freed = freedIn(win, 'los');
    expect(freed).toHaveLength(1);
    expect(seqOf(update)).toBeLessThan(seqOf(ended[0]));
    expect(seqOf(ended[0])).toBeLessThan(seqOf(freed[0]));

    // The other player likewise: the move, the end, then the mover free again.
    const seen = all(los, 'match.update').find((m) => m.data.version === 7);
    const endedToo = all(los, 'match.ended');
    const freedToo = freedIn(los, 'win');
    expect(endedToo).toHaveLength(1);
    expect(freedToo).toHaveLength(1);
    expect(seqOf(seen)).toBeLessThan(seqOf(endedToo[0]));
    expect(seqOf(endedToo[0])).toBeLessThan(seqOf(freedToo[0]));
  });
});
