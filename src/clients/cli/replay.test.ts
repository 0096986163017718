import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { plainStyle } from '../../textmode/index.ts';
import { type MatchRecord, parseReplayCommand, Replay, type ReplayCommand, stepReplay } from './replay.ts';
import { terminalStyle } from './style.ts';

/** A finished Connect Four record: `columns` played in turn, alice (seat 0) first unless told. */
const record = (columns: string, extra: Partial<MatchRecord> = {}): MatchRecord => ({
  id: 'm1',
  game: 'connect4',
  options: { firstSeat: 0, position: '' },
  seed: 42,
  players: ['alice', 'bob'],
  moves: [...columns].map((c) => ({ column: Number(c) })),
  moveTimes: [...columns].map((_, i) => 1000 + i),
  winner: 'alice',
  seat: 0,
  reason: 'four-in-a-row',
  timeControl: { moveMs: null, gameMs: null },
  startedAt: 1000,
  endedAt: 2000,
  ...extra,
});

const open = (r: MatchRecord): Replay => {
  const replay = Replay.of(r);
  if (replay === undefined) throw new Error('no replay');
  return replay;
};

describe('parseReplayCommand', () => {
  it('reads Enter, n, p, s, e, a number, q and slash commands', () => {
    const kinds = [
      '',
      'n',
      ' N ',
      'next',
      'p',
      'prev',
      's',
      'e',
      'end',
      'q',
      'quit',
      '/help',
      '12',
      'hello',
    ].map((line) => parseReplayCommand(line));
    expect(kinds).toEqual<ReplayCommand[]>([
      { kind: 'next' },
      { kind: 'next' },
      { kind: 'next' },
      { kind: 'next' },
      { kind: 'previous' },
      { kind: 'previous' },
      { kind: 'start' },
      { kind: 'end' },
      { kind: 'end' },
      { kind: 'leave' },
      { kind: 'leave' },
      { kind: 'command', line: '/help' },
      { kind: 'goto', move: 12 },
      { kind: 'unknown' },
    ]);
  });
});

describe('stepReplay', () => {
  it('moves one step, to either end or to a move, never out of 0…total', () => {
    expect(stepReplay(0, 7, { kind: 'next' })).toBe(1);
    expect(stepReplay(7, 7, { kind: 'next' })).toBe(7);
    expect(stepReplay(3, 7, { kind: 'previous' })).toBe(2);
    expect(stepReplay(0, 7, { kind: 'previous' })).toBe(0);
    expect(stepReplay(3, 7, { kind: 'end' })).toBe(7);
    expect(stepReplay(3, 7, { kind: 'start' })).toBe(0);
    expect(stepReplay(3, 7, { kind: 'goto', move: 5 })).toBe(5);
    expect(stepReplay(3, 7, { kind: 'goto', move: 99 })).toBe(7);
    expect(stepReplay(3, 7, { kind: 'leave' })).toBe(3);
    expect(stepReplay(0, 0, { kind: 'next' })).toBe(0);
  });
});

describe('Replay', () => {
  it('starts at move 0 with the empty board, then shows each move, its player and the board', () => {
    const replay = open(record('1212121'));
    expect(replay.total).toBe(7);
    const intro = replay.intro(plainStyle);
    expect(intro[0]).toBe('* Replay of match m1: alice vs bob, Connect Four, 7 moves.');
    expect(intro).toContain('Move 0/7: the start position.');
    expect(intro).toContain('|. . . . . . .|');
    expect(replay.prompt).toBe('replay 0/7> ');

    const first = replay.handle('', plainStyle);
    expect(first.done).toBe(false);
    expect(first.lines[0]).toBe('Move 1/7: alice plays 1');
    expect(first.lines[6]).toBe('|X . . . . . .|');
    expect(first.lines).toContain('bob (O) to move (columns 1 2 3 4 5 6 7).');
    expect(replay.handle('n', plainStyle).lines[0]).toBe('Move 2/7: bob plays 2');
    expect(replay.prompt).toBe('replay 2/7> ');
    expect(replay.handle('p', plainStyle).lines[0]).toBe('Move 1/7: alice plays 1');
  });

  it('ends with the result and says so when stepping past either end', () => {
    const replay = open(record('1212121'));
    expect(replay.handle('p', plainStyle).lines).toEqual(['* This is the start (move 0/7); q to leave.']);
    const end = replay.handle('e', plainStyle).lines;
    expect(end[0]).toBe('Move 7/7: alice plays 1');
    expect(end).toContain('alice (X) wins with four in a row.');
    expect(end.at(-1)).toBe('* Result: alice won (four in a row).');
    expect(replay.handle('n', plainStyle).lines).toEqual(['* This is the last move (move 7/7); q to leave.']);
    expect(replay.handle('3', plainStyle).lines[0]).toBe('Move 3/7: alice plays 1');
    expect(replay.handle('s', plainStyle).lines[0]).toBe('Move 0/7: the start position.');
  });

  it('says how it ended for a resignation too, and a draw as a draw', () => {
    const resigned = open(record('44', { winner: 'alice', seat: 0, reason: 'resign' }));
    expect(resigned.handle('e', plainStyle).lines.at(-1)).toBe('* Result: alice won (resign).');
    const drawn = open(record('', { winner: null, seat: null, reason: 'agreement' }));
    expect(drawn.total).toBe(0);
    expect(drawn.intro(plainStyle)).toContain('* Result: Draw (agreement).');
  });

  it('replays with the record’s options and seed: who moved first', () => {
    const replay = open(record('45', { options: { firstSeat: 1, position: '' }, winner: 'bob', seat: 1 }));
    expect(replay.handle('n', plainStyle).lines[0]).toBe('Move 1/2: bob plays 4');
    const second = replay.handle('n', plainStyle).lines;
    expect(second[0]).toBe('Move 2/2: alice plays 5');
    expect(second).toContain('|. . . X O . .|');
  });

  it('leaves on q, or on a slash command which it hands back', () => {
    const replay = open(record('1212121'));
    expect(replay.handle('q', plainStyle)).toEqual({
      lines: ['* You left the replay of match m1.'],
      done: true,
    });
    expect(open(record('12')).handle('/history', plainStyle)).toEqual({
      lines: ['* You left the replay of match m1.'],
      done: true,
      line: '/history',
    });
    const hint = open(record('12')).handle('hello', plainStyle);
    expect(hint.done).toBe(false);
    expect(hint.lines[0]).toMatch(/^\* In a replay: Enter or n: next move, p: previous, e: end/);
  });

  it('draws the boards with the style: in colour in a colour terminal', () => {
    const replay = open(record('1212121'));
    const lines = replay.handle('e', terminalStyle(true)).lines;
    expect(lines.join('\n')).toContain('\u001b[31mX');
    expect(stripVTControlCharacters(lines[0]!)).toBe('Move 7/7: alice plays 1');
  });

  it('cannot replay a game it does not know; stops before a move that cannot be played', () => {
    expect(Replay.of(record('12', { game: 'chess' }))).toBeUndefined();
    const broken = open(record('1', { moves: [{ column: 1 }, { column: 9 }, { column: 2 }] }));
    expect(broken.total).toBe(1);
    expect(broken.intro(plainStyle)).toContain(
      '! The record is damaged: move 2 of the record cannot be replayed; the replay stops before it.',
    );
    expect(broken.handle('e', plainStyle).lines.some((l) => l.startsWith('* Result'))).toBe(false);
  });
});
