import { stripVTControlCharacters } from 'node:util';
import pc from 'picocolors';
import { describe, expect, it } from 'vitest';
import { Connect4, connect4 } from '../../games/index.ts';
import { colourBoard, isConnect4View, lastDropped } from './board-style.ts';
import { terminalStyle, wantsColour } from './style.ts';

const colors = pc.createColors(true);
const board = colourBoard(colors);
const ESC = '\u001b[';
const RED = `${ESC}31m`;
const YELLOW = `${ESC}33m`;
const INVERSE = `${ESC}7m`;
const UNDERLINE = `${ESC}4m`;

/** The view of the game reached by playing `moves` (position notation) from the empty board. */
const viewAfter = (moves: string, firstSeat = 0, viewer: 0 | 1 | 'spectator' = 'spectator') => {
  const state = Connect4.parsePosition(moves, firstSeat);
  if (!state.ok) throw new Error(state.error.message);
  return connect4.view(state.value, viewer);
};

/** Each board row (top first) split into its seven cells as printed. */
const cells = (text: string): string[][] =>
  text
    .split('\n')
    .slice(0, 6)
    .map((row) =>
      row.slice(row.indexOf('|') + 1 + `${ESC}39m`.length, row.lastIndexOf(`${ESC}34m`)).split(' '),
    );

describe('the colour board of Connect Four', () => {
  it('is the plain board and status once the escape codes are taken out', () => {
    for (const [moves, firstSeat] of [
      ['', 0],
      ['4453', 0],
      ['4453', 1],
      ['1212121', 0],
      ['44444455', 1],
    ] as const) {
      for (const names of [undefined, ['alice', 'bob']]) {
        const view = viewAfter(moves, firstSeat, 0);
        const plain = connect4.renderText(view, names);
        const coloured = board('connect4', view, plain);
        expect(stripVTControlCharacters(coloured)).toBe(plain);
        if (moves !== '') expect(coloured).not.toBe(plain);
      }
    }
  });

  it('draws the first player’s discs red and the second’s yellow, whoever sits first', () => {
    for (const firstSeat of [0, 1]) {
      const view = viewAfter('4453', firstSeat);
      const rows = cells(board('connect4', view, connect4.renderText(view)));
      // Bottom row: . . O X X . . — first player X in columns 4 and 5, second player O in 3 and 4 above.
      expect(rows[5]![3]).toContain(`${RED}X`);
      expect(rows[5]![4]).toContain(`${RED}X`);
      expect(rows[4]![3]).toContain(`${YELLOW}O`);
      expect(rows[5]![0]).toBe('.');
    }
  });

  it('shows the last stone dropped in inverse video, and its column number in bold', () => {
    const view = viewAfter('4453');
    expect(lastDropped(view)).toEqual({ row: 5, column: 2 });
    const text = board('connect4', view, connect4.renderText(view));
    const rows = cells(text);
    expect(rows[5]![2]).toContain(INVERSE);
    expect(rows.flat().filter((cell) => cell.includes(INVERSE))).toHaveLength(1);
    expect(text.split('\n')[7]).toBe(` 1 2 ${ESC}1m3${ESC}22m 4 5 6 7`);
    // A stone on top of others: the top stone of the column is the last one.
    expect(lastDropped(viewAfter('44'))).toEqual({ row: 4, column: 3 });
    expect(lastDropped(viewAfter(''))).toBeUndefined();
  });

  it('highlights the winning four once won, the last stone also underlined, and keeps the result', () => {
    const view = viewAfter('1212121');
    const plain = connect4.renderText(view, ['alice', 'bob']);
    const text = board('connect4', view, plain);
    const rows = cells(text);
    const highlighted = rows.flatMap((row, r) =>
      row.flatMap((cell, c) => (cell.includes(INVERSE) ? [`${r}:${c}`] : [])),
    );
    expect(highlighted).toEqual(['2:0', '3:0', '4:0', '5:0']);
    expect(rows[2]![0]).toContain(UNDERLINE);
    expect(rows[3]![0]).not.toContain(UNDERLINE);
    const status = text.split('\n')[8]!;
    expect(stripVTControlCharacters(status)).toBe('alice (X) wins with four in a row.');
    expect(status).toContain(`${RED}X`);
  });

  it('keeps the status line, its marks in the discs’ colours and "your move" in bold', () => {
    const view = viewAfter('4', 0, 1);
    const status = board('connect4', view, connect4.renderText(view)).split('\n')[8]!;
    expect(stripVTControlCharacters(status)).toBe('O (seat 1) to move, your move (columns 1 2 3 4 5 6 7).');
    expect(status).toContain(`${YELLOW}O`);
    expect(status).toContain(`${ESC}1m, your move`);
  });

  it('leaves other games, odd views and text that is not the board alone', () => {
    const view = viewAfter('4453');
    expect(board('tic-tac-toe', view, 'plain')).toBe('plain');
    expect(board('connect4', { rows: 'nope' }, 'plain')).toBe('plain');
    expect(board('connect4', null, 'plain')).toBe('plain');
    expect(board('connect4', view, 'something else')).toBe('something else');
    expect(isConnect4View(view)).toBe(true);
    expect(isConnect4View({ ...view, rows: [[1, 2]] })).toBe(false);
  });
});

describe('terminalStyle boards', () => {
  it('draws boards in colour only when colours are on', () => {
    const view = viewAfter('4453');
    const plain = connect4.renderText(view);
    expect(terminalStyle(true).board?.('connect4', view, plain)).toContain(RED);
    expect(terminalStyle(false).board).toBeUndefined();
  });
});

describe('wantsColour', () => {
  const tty = { isTTY: true } as NodeJS.WriteStream;
  const pipe = { isTTY: false } as NodeJS.WriteStream;

  it('colours a terminal, not a pipe, and not a dumb terminal', () => {
    expect(wantsColour(tty, {})).toBe(true);
    expect(wantsColour(pipe, {})).toBe(false);
    expect(wantsColour(tty, { TERM: 'dumb' })).toBe(false);
  });

  it('follows NO_COLOR and FORCE_COLOR', () => {
    expect(wantsColour(tty, { NO_COLOR: '1' })).toBe(false);
    expect(wantsColour(tty, { NO_COLOR: '' })).toBe(true);
    expect(wantsColour(pipe, { FORCE_COLOR: '1' })).toBe(true);
    expect(wantsColour(pipe, { FORCE_COLOR: '' })).toBe(true);
    expect(wantsColour(tty, { FORCE_COLOR: '0' })).toBe(false);
    expect(wantsColour(tty, { FORCE_COLOR: 'false' })).toBe(false);
    expect(wantsColour(pipe, { FORCE_COLOR: '1', NO_COLOR: '1' })).toBe(false);
  });
});
