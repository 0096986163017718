import { describe, expect, it } from 'vitest';
import { outcomeFor, Scoreboard } from './scoreboard.ts';

describe('outcomeFor', () => {
  it('is a win for the winning seat, a loss for the other, a draw without a winner', () => {
    const won = { winner: 'alice', seat: 0, reason: 'four-in-a-row' };
    expect(outcomeFor(won, 0)).toBe('win');
    expect(outcomeFor(won, 1)).toBe('loss');
    expect(outcomeFor({ winner: null, seat: null, reason: 'board-full' }, 1)).toBe('draw');
    expect(outcomeFor({ winner: null, seat: null, reason: 'aborted' }, 0)).toBe('draw');
  });
});

describe('Scoreboard', () => {
  it('counts each match once and sums it up in one line', () => {
    const score = new Scoreboard();
    expect(score.summary()).toBe('summary: 0 games, wins 0, losses 0, draws 0');
    expect(score.record('m1', 'win')).toBe(true);
    expect(score.record('m1', 'win')).toBe(false);
    expect(score.summary()).toBe('summary: 1 game, wins 1, losses 0, draws 0');
    score.record('m2', 'loss');
    score.record('m3', 'draw');
    expect(score.played).toBe(3);
    expect(score.tally()).toBe('wins 1, losses 1, draws 1');
  });
});
