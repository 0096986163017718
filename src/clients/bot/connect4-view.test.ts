import { describe, expect, it } from 'vitest';
import { readConnect4View } from './connect4-view.ts';

// A view as the server sends it (docs/protocol.md, "Sample game": Bob's view after "443").
const sample = {
  viewer: 1,
  rows: [],
  moves: '443',
  firstSeat: 0,
  toMove: 1,
  legalColumns: [1, 2, 3, 4, 5, 6, 7],
  outcome: null,
  winningCells: [],
};

describe('readConnect4View', () => {
  it('reads the moves, the seat to move and the legal columns of a Connect Four view', () => {
    expect(readConnect4View(sample)).toEqual({
      moves: '443',
      toMove: 1,
      legalColumns: [1, 2, 3, 4, 5, 6, 7],
    });
  });

  it('reads a finished game: nobody to move, no legal column', () => {
    expect(readConnect4View({ ...sample, moves: '4433562', toMove: null, legalColumns: [] })).toEqual({
      moves: '4433562',
      toMove: null,
      legalColumns: [],
    });
  });

  it.each([
    ['not an object', 'board'],
    ['null', null],
    ['moves that are not columns', { ...sample, moves: '48' }],
    ['a tic-tac-toe view (no moves string)', { viewer: 0, cells: [], toMove: 0 }],
    ['a seat that is not an integer', { ...sample, toMove: 'x' }],
    ['a column out of range', { ...sample, legalColumns: [0, 8] }],
  ])('refuses %s', (_name, view) => {
    expect(readConnect4View(view)).toBeUndefined();
  });
});
