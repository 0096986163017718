import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PROPERTY_SEED } from '../contract.ts';
import type { Json } from '../game.ts';
import { GameErrorCode } from '../game-error.ts';
import { BotTable, input, placed, px, ROOM, testArena, trace } from './fixtures.ts';
import { MAPS } from './maps.ts';
import { parseSnapshot, renderArena, renderText, snapshotOf, type TanksSnapshot } from './snapshot.ts';
import { advance } from './step.ts';
import { createState } from './world.ts';

const room = testArena(ROOM);

describe('tank snapshots', () => {
  it('write tanks, bullets, scores and events as rows of integers (format in snapshot.ts)', () => {
    const start = placed(
      room,
      [
        { xPx: 100, yPx: 160, heading: 0, turret: 0 },
        { xPx: 250, yPx: 160, heading: 2048, turret: 1024, health: 50 },
      ],
      { durationTicks: 600 },
    );
    const [, fired] = trace(start, new Map([[0, input({ fire: true })]]), 1);
    const snapshot = snapshotOf(fired!);
    expect(snapshot).toEqual({
      t: 1,
      ends: 600,
      map: 'test',
      tanks: [
        [px(100), px(160), 0, 0, 0, 100, 0, 31],
        [px(250), px(160), 2048, 1024, 0, 50, 0, 0],
      ],
      bullets: [[0, 0, px(118), px(160), 0, px(6), 0]],
      scores: [
        [0, 0],
        [0, 0],
      ],
      events: [],
      end: null,
    });
    const hit = trace(fired!, new Map(), 40, (s) => s.events.length > 0).at(-1)!;
    const [event] = snapshotOf(hit).events;
    expect(event).toEqual([hit.tick, 0, 1, 0, hit.events[0]!.x, px(160)]);
  });

  it('are the same JSON for every viewer, and parse back', () => {
    const state = createState({ arena: MAPS.get('arena')!, seats: 3, durationTicks: 600, scoreLimit: 0 }, 4);
    const views = [0, 1, 2, 'spectator' as const].map((viewer) => snapshotOf(state, viewer));
    for (const view of views) expect(view).toStrictEqual(views[0]);
    const json: Json = views[0]!;
    expect(parseSnapshot(JSON.parse(JSON.stringify(json)))).toStrictEqual({ ok: true, value: views[0] });
  });

  it('stay small: 8 tanks in a busy bot match take under 1 kB on average, 1.6 kB at most', () => {
    let state = createState(
      { arena: MAPS.get('ricochet')!, seats: 8, durationTicks: 1200, scoreLimit: 0 },
      9,
    );
    const bots = new BotTable(8, 9);
    const sizes: number[] = [];
    while (state.outcome === null) {
      state = advance(state, bots.decide(state, [0, 1, 2, 3, 4, 5, 6, 7]));
      if (state.tick % 3 === 0) sizes.push(JSON.stringify(snapshotOf(state)).length);
    }
    expect(sizes.reduce((a, b) => a + b) / sizes.length).toBeLessThan(1000);
    expect(Math.max(...sizes)).toBeLessThan(1600);
  });

  it('refuse anything that is not a snapshot with GAME_BAD_POSITION, never a throw', () => {
    const good: TanksSnapshot = snapshotOf(
      placed(room, [
        { xPx: 60, yPx: 60 },
        { xPx: 200, yPx: 200 },
      ]),
    );
    const broken: unknown[] = [
      null,
      [],
      'snapshot',
      { ...good, t: -1 },
      { ...good, map: 3 },
      { ...good, tanks: [] },
      { ...good, tanks: [[1, 2, 3]] },
      { ...good, bullets: [[1, 2, 3, 4, 5, 6, 7.5]] },
      { ...good, scores: [[0, 0]] },
      { ...good, events: [[0, 0, 0, 0, 0]] },
      { ...good, end: { winner: 5, reason: 'time-up', scores: [0, 0] } },
    ];
    expect(
      broken.map((raw) => {
        const parsed = parseSnapshot(raw);
        return parsed.ok || parsed.error.code;
      }),
    ).toEqual(broken.map(() => GameErrorCode.GAME_BAD_POSITION));
    fc.assert(
      fc.property(fc.anything(), (raw) => {
        const parsed = parseSnapshot(raw);
        expect(parsed.ok || parsed.error.code === GameErrorCode.GAME_BAD_POSITION).toBe(true);
      }),
      { seed: PROPERTY_SEED, numRuns: 200 },
    );
  });
});

describe('tank text pictures', () => {
  const state = placed(
    room,
    [
      { xPx: 60, yPx: 60 },
      { xPx: 200, yPx: 100, health: 0, respawnAt: 130 },
    ],
    { durationTicks: 3600 },
  );

  it('show the scoreboard with names, health and respawn time, and the time left', () => {
    const scored = { ...state, tick: 10, kills: [2, 0], deaths: [0, 2] };
    expect(renderText(snapshotOf(scored), ['alice', 'bob'])).toBe(
      [
        'Tank arena (test), 1:00 left',
        '  alice  kills 2  deaths 0  health 100',
        '  bob    kills 0  deaths 2  destroyed, back in 2 s',
      ].join('\n'),
    );
    expect(renderText(snapshotOf(scored)).split('\n')[1]).toBe('  seat 0  kills 2  deaths 0  health 100');
  });

  it('say who won, or that it is a draw', () => {
    const won = { ...state, outcome: { winner: 0, reason: 'time-up' as const, scores: [3, 1] } };
    expect(renderText(snapshotOf(won), ['alice', 'bob']).split('\n')[0]).toBe(
      'Tank arena (test), time up: alice wins with 3 kills',
    );
    const draw = { ...state, outcome: { winner: null, reason: 'score-limit' as const, scores: [5, 5] } };
    expect(renderText(snapshotOf(draw)).split('\n')[0]).toBe(
      'Tank arena (test), score limit reached: a draw at 5 kills',
    );
  });

  it('draw the arena with living tanks by seat number and bullets', () => {
    const aimed = { ...state, tanks: state.tanks.with(0, { ...state.tanks[0]!, turret: 1024 }) };
    const fired = advance(aimed, new Map([[0, input({ fire: true, aim: 1024 })]]));
    expect(renderArena(snapshotOf(fired), room)).toBe(
      [
        '############',
        '#0........S#',
        '#*........S#',
        '#..........#',
        '#..........#',
        '#..........#',
        '#..........#',
        '#S........S#',
        '#S........S#',
        '############',
      ]
        .join('\n')
        .replace(/S/g, '.'),
    );
  });
});
