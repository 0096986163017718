import { describe, expect, it } from 'vitest';
import type { Tanks } from '../../../games/index.ts';
import { bulletsAt, explosionsAt, radians, tanksAt } from './tank-interpolation.ts';

const U = 256;
const snapshot = (t: number, fields: Partial<Tanks.TanksSnapshot>): Tanks.TanksSnapshot => ({
  t,
  ends: 1000,
  map: 'arena',
  tanks: [],
  bullets: [],
  scores: [],
  events: [],
  end: null,
  ...fields,
});
const tank = (xPx: number, yPx: number, heading = 0, health = 100): Tanks.TankRow => [
  xPx * U,
  yPx * U,
  heading,
  heading,
  0,
  health,
  0,
  0,
];

describe('drawing between two snapshots', () => {
  it('moves tanks linearly and turns them the short way round', () => {
    const a = snapshot(30, { tanks: [tank(100, 50, 4090)] });
    const b = snapshot(33, { tanks: [tank(106, 53, 14)] });
    const [drawn] = tanksAt(a, b, 31.5);
    expect(drawn).toMatchObject({ x: 103, y: 51.5, alive: true });
    // 4090 to 14 is 20 steps clockwise through 0, not 4076 back.
    expect(drawn!.heading).toBeCloseTo(radians(4100), 6);
  });

  it('does not slide a tank that died or came back: it changes at the next snapshot', () => {
    const a = snapshot(30, { tanks: [tank(100, 50), tank(300, 300, 0, 0)] });
    const b = snapshot(33, { tanks: [tank(100, 50, 0, 0), tank(40, 40)] });
    const between = tanksAt(a, b, 32);
    expect(between.map((t) => [t.x, t.alive])).toEqual([
      [100, true],
      [300, false],
    ]);
    const at = tanksAt(a, b, 33);
    expect(at.map((t) => [t.x, t.alive])).toEqual([
      [100, false],
      [40, true],
    ]);
  });

  it('holds the last snapshot when no later one has come', () => {
    const a = snapshot(30, { tanks: [tank(100, 50)] });
    expect(tanksAt(a, undefined, 40)[0]).toMatchObject({ x: 100, y: 50 });
  });

  it('flies bullets on their straight line, takes a bounce once it has happened, hides vanished ones', () => {
    // Bullet 1 flies east 6 px a tick and bounces at tick 32; bullet 2 is gone by b; bullet 3 is fired at 31.
    const a = snapshot(30, {
      bullets: [
        [1, 0, 100 * U, 50 * U, 28, 6 * U, 0],
        [2, 1, 10 * U, 10 * U, 20, 0, 6 * U],
      ],
    });
    const b = snapshot(33, {
      bullets: [
        [1, 0, 118 * U, 50 * U, 32, -6 * U, 0],
        [3, 1, 200 * U, 200 * U, 31, 0, -6 * U],
      ],
    });
    expect(bulletsAt(a, b, 30.5)).toEqual([{ id: 1, owner: 0, x: 115, y: 50 }]);
    expect(bulletsAt(a, b, 31)).toEqual([
      { id: 1, owner: 0, x: 118, y: 50 },
      { id: 3, owner: 1, x: 200, y: 200 },
    ]);
    expect(bulletsAt(a, b, 32.5)).toEqual([
      { id: 1, owner: 0, x: 115, y: 50 },
      { id: 3, owner: 1, x: 200, y: 191 },
    ]);
  });

  it('shows each explosion for half a second from its tick', () => {
    const events: Tanks.EventRow[] = [
      [30, 0, 1, 0, 100 * U, 60 * U],
      [40, 1, 0, 1, 10 * U, 20 * U],
    ];
    expect(explosionsAt(events, 29)).toEqual([]);
    expect(explosionsAt(events, 45)).toEqual([
      { x: 100, y: 60, kind: 'hit', age: 0.5 },
      { x: 10, y: 20, kind: 'kill', age: 5 / 30 },
    ]);
    expect(explosionsAt(events, 61)).toEqual([{ x: 10, y: 20, kind: 'kill', age: 21 / 30 }]);
  });
});
