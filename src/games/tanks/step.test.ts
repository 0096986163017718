import { describe, expect, it } from 'vitest';
import { tankHitsWall } from './arena.ts';
import { MUZZLE_UNITS, TANK_RULES } from './constants.ts';
import { input, placed, px, ROOM, run, testArena, trace } from './fixtures.ts';
import { nextSpeed } from './movement.ts';
import { advance } from './step.ts';
import { bulletX, bulletY, type TanksState } from './world.ts';

// Hand-placed cases in ROOM (fixtures.ts): a closed room of 32 px cells whose inner wall faces
// are x = 32 and 352 px, y = 32 and 288 px. Tanks have a 14 px radius, bullets 3 px.

const R = TANK_RULES.tankRadiusUnits;
const room = testArena(ROOM);
const bouncyRoom = testArena(ROOM, 2);
const EAST = 0;
const SOUTH = 1024;
const WEST = 2048;
const hold = (seat: number, fields: Parameters<typeof input>[0]) => new Map([[seat, input(fields)]]);
const distance = (s: TanksState, a: number, b: number) =>
  Math.hypot(s.tanks[a]!.x - s.tanks[b]!.x, s.tanks[a]!.y - s.tanks[b]!.y);

describe('tank driving', () => {
  it('accelerates to top speed, brakes into reverse, and coasts to a stop', () => {
    const speeds = (start: number, throttle: number, ticks: number) => {
      const out = [start];
      for (let i = 0; i < ticks; i++) out.push(nextSpeed(out.at(-1)!, throttle));
      return out;
    };
    expect(speeds(0, 1, 17)).toEqual([...Array.from({ length: 17 }, (_, i) => 32 * i), 512]);
    expect(speeds(512, -1, 9).slice(0, 10)).toEqual([512, 448, 384, 320, 256, 192, 128, 64, 0, -32]);
    expect(speeds(0, -1, 20).at(-1)).toBe(-TANK_RULES.maxReverseSpeedUnitsPerTick);
    expect(speeds(512, 0, 13).at(-1)).toBe(0);
    expect(speeds(-320, 0, 8).at(-1)).toBe(0);
  });

  it('moves along its heading by its speed each tick', () => {
    const start = placed(room, [
      { xPx: 100, yPx: 160, heading: EAST },
      { xPx: 300, yPx: 60 },
    ]);
    const after = run(start, 20, hold(0, { throttle: 1 }));
    // 32 + 64 + … + 512 over 16 ticks, then 4 ticks at 512.
    expect(after.tanks[0]!.x - start.tanks[0]!.x).toBe((32 * 16 * 17) / 2 + 4 * 512);
    expect(after.tanks[0]!.y).toBe(start.tanks[0]!.y);
    expect(after.tanks[0]!.speed).toBe(TANK_RULES.maxSpeedUnitsPerTick);
  });

  it('turns the hull at its rate and the turret toward the aim at its own rate, independently', () => {
    const start = placed(room, [
      { xPx: 100, yPx: 160 },
      { xPx: 300, yPx: 60 },
    ]);
    const turning = run(start, 10, hold(0, { turn: 1, aim: 0 }));
    expect([turning.tanks[0]!.heading, turning.tanks[0]!.turret]).toEqual([320, 0]);
    const aiming = trace(start, hold(0, { aim: WEST }), 40).map((s) => s.tanks[0]!.turret);
    expect(aiming.slice(0, 4)).toEqual([0, 4096 - 64, 4096 - 128, 4096 - 192]);
    expect(aiming[32]).toBe(WEST);
    expect(aiming.at(-1)).toBe(WEST);
  });

  it('idles without an input: coasts, keeps its turret, does not fire', () => {
    const start = placed(room, [
      { xPx: 100, yPx: 160, speed: 512, turret: 700 },
      { xPx: 300, yPx: 60 },
    ]);
    const after = run(start, 5, new Map([[1, input({ fire: true })]]));
    expect(after.tanks[0]!.speed).toBe(512 - 5 * TANK_RULES.coastingUnitsPerTick);
    expect(after.tanks[0]!.turret).toBe(700);
    expect(after.bullets.map((b) => b.owner)).toEqual([1]);
  });
});

describe('tank collisions', () => {
  it('tank–wall: driving head on into a wall stops the tank touching it, never inside', () => {
    const states = trace(
      placed(room, [
        { xPx: 200, yPx: 160, heading: EAST },
        { xPx: 60, yPx: 60 },
      ]),
      hold(0, { throttle: 1 }),
      200,
    );
    expect(states.every((s) => !tankHitsWall(room, s.tanks[0]!.x, s.tanks[0]!.y))).toBe(true);
    const end = states.at(-1)!.tanks[0]!;
    expect([end.x, end.y, end.speed]).toEqual([px(352) - R, px(160), 0]);
  });

  it('tank–wall: driving into a wall at an angle slides along it', () => {
    const states = trace(
      placed(room, [
        { xPx: 100, yPx: 200, heading: 400 },
        { xPx: 60, yPx: 60 },
      ]),
      hold(0, { throttle: 1 }),
      120,
    );
    expect(states.every((s) => !tankHitsWall(room, s.tanks[0]!.x, s.tanks[0]!.y))).toBe(true);
    const end = states.at(-1)!.tanks[0]!;
    expect(end.y).toBe(px(288) - R);
    expect(end.x).toBeGreaterThan(px(250));
    expect(end.speed).toBeGreaterThan(0);
  });

  it('tank–tank: two tanks driving into each other end up touching, never overlapping', () => {
    const start = placed(room, [
      { xPx: 120, yPx: 160, heading: EAST },
      { xPx: 240, yPx: 160, heading: WEST },
    ]);
    const both = new Map([
      [0, input({ throttle: 1 })],
      [1, input({ throttle: 1 })],
    ]);
    const states = trace(start, both, 120);
    expect(states.every((s) => distance(s, 0, 1) >= 2 * R)).toBe(true);
    expect(distance(states.at(-1)!, 0, 1)).toBe(2 * R);
  });

  it('tank–tank: a destroyed tank is no obstacle', () => {
    const start = placed(room, [
      { xPx: 120, yPx: 160, heading: EAST },
      { xPx: 160, yPx: 160, health: 0, respawnAt: 10_000 },
    ]);
    const after = run(start, 60, hold(0, { throttle: 1 }));
    expect(after.tanks[0]!.x).toBeGreaterThan(px(200));
  });

  it('bullet–wall without bounces: the bullet disappears at the wall', () => {
    const start = placed(room, [
      { xPx: 200, yPx: 160 },
      { xPx: 60, yPx: 60 },
    ]);
    const states = trace(start, hold(0, { fire: true }), 40);
    const flying = states.map((s) => s.bullets.length);
    // Fired in tick 1 from 18 px out, 6 px a tick: its last point before the face at 352 px is at 350 px.
    const lastX = px(200) + MUZZLE_UNITS + 22 * px(6);
    expect(lastX).toBeLessThan(px(352));
    expect(flying.slice(0, 25)).toEqual([0, ...new Array(22).fill(1), 0, 0]);
    expect(bulletX(states[22]!.bullets[0]!, 22)).toBe(lastX);
  });

  it('bullet–wall with bounces: the bullet is mirrored back, and vanishes at the wall after its last bounce', () => {
    const oneBounceRoom = testArena(ROOM, 1);
    const start = placed(oneBounceRoom, [
      { xPx: 200, yPx: 160 },
      { xPx: 60, yPx: 60 },
    ]);
    // Fire once, then take the shooter out of the way of the ricochet.
    const fired = advance(start, hold(0, { fire: true }));
    const gone = {
      ...fired,
      tanks: fired.tanks.with(0, { ...fired.tanks[0]!, health: 0, respawnAt: 10_000 }),
    };
    const states = trace(gone, new Map(), 100);
    const bounceTick = states.findIndex((s) => s.bullets[0]?.bouncesLeft === 0) + 1;
    expect(bounceTick).toBe(23);
    const bounced = states[bounceTick - 1]!.bullets[0]!;
    expect(bounced.vx).toBe(-TANK_RULES.bulletSpeedUnitsPerTick);
    // Mirrored at the face: 6 px past it (356 px) becomes 6 px before it, less one unit.
    expect(bulletX(bounced, bounceTick)).toBe(2 * px(352) - 1 - (px(200) + MUZZLE_UNITS + 23 * px(6)));
    // 348 px back to the face at 32 px: still in flight at tick 75, gone at 76.
    const flying = states.map((s) => s.bullets.length);
    expect(flying.lastIndexOf(1) + 1).toBe(75);
    const positions = states.flatMap((s) => s.bullets.map((b) => [bulletX(b, s.tick), bulletY(b, s.tick)]));
    expect(positions.every(([x, y]) => x! >= px(32) && x! < px(352) && y === px(160))).toBe(true);
  });

  it('bullet–tank: a hit takes 25 health, removes the bullet and leaves a hit event', () => {
    const start = placed(room, [
      { xPx: 100, yPx: 160 },
      { xPx: 250, yPx: 160 },
    ]);
    const states = trace(start, hold(0, { fire: true }), 60, (s) => s.tanks[1]!.health < 100);
    const hit = states.at(-1)!;
    expect(hit.tanks[1]!.health).toBe(75);
    expect(hit.bullets.filter((b) => b.id === 0)).toEqual([]);
    expect(hit.events).toEqual([
      { tick: hit.tick, kind: 'hit', seat: 1, by: 0, x: expect.any(Number), y: px(160) },
    ]);
    // The bullet's edge reached the tank's: within 17 px of its centre, and not the tick before.
    expect(px(250) - hit.events[0]!.x).toBeLessThan(R + TANK_RULES.bulletRadiusUnits);
    expect(px(250) - hit.events[0]!.x).toBeGreaterThanOrEqual(R + TANK_RULES.bulletRadiusUnits - px(6));
  });

  it('own bullet: a ricochet straight back through the tank that just fired does not hit it', () => {
    // 6 px from the wall, firing into it: the bullet bounces back through the tank at once.
    const start = placed(bouncyRoom, [
      { xPx: 332, yPx: 160 },
      { xPx: 60, yPx: 60, health: 0, respawnAt: 10_000 },
    ]);
    const states = trace(start, hold(0, { fire: true }), 14);
    expect(states.at(-1)!.bullets[0]!.vx).toBeLessThan(0);
    expect(states.every((s) => s.tanks[0]!.health === TANK_RULES.maxHealth)).toBe(true);
  });

  it('own bullet: a later ricochet can hit its owner, a suicide (a death, no kill)', () => {
    const start = placed(bouncyRoom, [
      { xPx: 300, yPx: 160, health: 25 },
      { xPx: 60, yPx: 60, health: 0, respawnAt: 10_000 },
    ]);
    const fireOnce = trace(start, hold(0, { fire: true }), 1);
    const states = trace(fireOnce.at(-1)!, new Map(), 120, (s) => s.tanks[0]!.health === 0);
    const end = states.at(-1)!;
    expect(end.tanks[0]!.health).toBe(0);
    expect([end.kills, end.deaths, end.suicides]).toEqual([
      [0, 0],
      [1, 0],
      [1, 0],
    ]);
    expect(end.events.at(-1)).toMatchObject({ kind: 'kill', seat: 0, by: 0 });
  });
});

describe('tank firing', () => {
  it('fires once per cooldown while the trigger is held', () => {
    const start = placed(room, [
      { xPx: 60, yPx: 160, turret: SOUTH },
      { xPx: 300, yPx: 60 },
    ]);
    const states = trace(start, hold(0, { fire: true, aim: SOUTH }), 100);
    const firedAt = states.flatMap((s) => s.bullets.map((b) => b.firedAt));
    expect([...new Set(firedAt)]).toEqual([1, 31, 61, 91]);
    expect(states.at(-1)!.nextBulletId).toBe(4);
  });

  it('fires along the turret, not the hull', () => {
    const start = placed(room, [
      { xPx: 180, yPx: 160, heading: EAST, turret: SOUTH },
      { xPx: 300, yPx: 60 },
    ]);
    const bullet = advance(start, hold(0, { fire: true, aim: SOUTH })).bullets[0]!;
    expect([bullet.vx, bullet.vy]).toEqual([0, TANK_RULES.bulletSpeedUnitsPerTick]);
    expect(bullet.x0).toBe(px(180));
  });
});

describe('tank death and respawn', () => {
  // Seat 0 shoots east at seat 1, which has one hit left. Spawn points: x 48 or 336 px, y 48, 80, 240, 272 px.
  const duel = (seat1: object = {}) =>
    placed(room, [
      { xPx: 150, yPx: 250 },
      { xPx: 250, yPx: 250, health: 25, ...seat1 },
    ]);
  const killed = (state: TanksState) =>
    trace(state, hold(0, { fire: true }), 60, (s) => s.tanks[1]!.health === 0).at(-1)!;

  it('destroys a tank at 0 health: a death for it, a kill for the shooter, a kill event', () => {
    const end = killed(duel());
    expect([end.kills, end.deaths, end.suicides]).toEqual([
      [1, 0],
      [0, 1],
      [0, 0],
    ]);
    expect(end.tanks[1]).toMatchObject({
      health: 0,
      speed: 0,
      respawnAt: end.tick + TANK_RULES.respawnDelayTicks,
    });
    expect(end.events.at(-1)).toMatchObject({ kind: 'kill', seat: 1, by: 0, tick: end.tick });
  });

  it('brings it back after the respawn delay, at full health, on the free spawn point farthest from enemies', () => {
    const dead = killed(duel());
    const waiting = run(dead, TANK_RULES.respawnDelayTicks - 1);
    expect(waiting.tanks[1]!.health).toBe(0);
    const back = advance(waiting, new Map());
    expect(back.tick).toBe(dead.tick + TANK_RULES.respawnDelayTicks);
    // The shooter is at (150, 250) px: the farthest spawn point is the top-right one.
    expect(back.tanks[1]).toMatchObject({ x: px(336), y: px(48), health: TANK_RULES.maxHealth, speed: 0 });
  });

  it('skips a spawn point a living tank stands on', () => {
    const start = placed(room, [
      { xPx: 150, yPx: 250 },
      { xPx: 250, yPx: 250, health: 25 },
      { xPx: 336, yPx: 48, heading: SOUTH },
    ]);
    const dead = killed(start);
    const back = run(dead, TANK_RULES.respawnDelayTicks);
    expect(back.tanks[1]!.health).toBe(TANK_RULES.maxHealth);
    expect([back.tanks[1]!.x, back.tanks[1]!.y]).not.toEqual([px(336), px(48)]);
    expect(distance(back, 1, 2)).toBeGreaterThanOrEqual(2 * R);
  });

  it('waits while every spawn point is taken, and comes back as soon as one is free', () => {
    // Four tanks, each between two spawn points (16 px from both), block all eight.
    const blockers = [48, 336].flatMap((x) => [64, 256].map((y) => ({ xPx: x, yPx: y })));
    const start = placed(room, [...blockers, { xPx: 200, yPx: 160, health: 0, respawnAt: 5 }]);
    const blocked = run(start, 30);
    expect(blocked.tanks[4]!.health).toBe(0);
    const freed = run(blocked, 30, hold(0, { throttle: 1, turn: 0 }));
    expect(freed.tanks[4]!.health).toBe(TANK_RULES.maxHealth);
  });

  it('draws among equally safe spawn points from the state rng, the same way for the same seed', () => {
    const spawnFor = (seed: number) => {
      const start = placed(
        room,
        [
          { xPx: 200, yPx: 160, health: 0, respawnAt: 1 },
          { xPx: 100, yPx: 160, health: 0, respawnAt: 1_000 },
        ],
        { seed },
      );
      const back = advance(start, new Map()).tanks[0]!;
      return `${back.x},${back.y}`;
    };
    const seeds = Array.from({ length: 40 }, (_, seed) => seed);
    expect(seeds.map(spawnFor)).toEqual(seeds.map(spawnFor));
    expect(new Set(seeds.map(spawnFor)).size).toBeGreaterThan(4);
  });
});

describe('tank match end', () => {
  const two = (kills: number[], match: object) => ({
    ...placed(
      room,
      kills.map((_, i) => ({ xPx: 60 + 60 * i, yPx: 160 })),
      match,
    ),
    kills,
  });

  it('ends when the timer runs out: most kills wins', () => {
    const end = run(two([2, 1, 0], { durationTicks: 10 }), 10);
    expect(end.tick).toBe(10);
    expect(end.outcome).toEqual({ winner: 0, reason: 'time-up', scores: [2, 1, 0] });
  });

  it('is a draw when several seats share the most kills', () => {
    expect(run(two([1, 3, 3], { durationTicks: 5 }), 5).outcome).toEqual({
      winner: null,
      reason: 'time-up',
      scores: [1, 3, 3],
    });
    expect(run(two([0, 0], { durationTicks: 5 }), 5).outcome?.winner).toBeNull();
  });

  it('ends at once when a seat reaches the score limit', () => {
    const start = placed(
      room,
      [
        { xPx: 150, yPx: 250 },
        { xPx: 250, yPx: 250, health: 25 },
      ],
      { scoreLimit: 1 },
    );
    const states = trace(start, hold(0, { fire: true }), 60, (s) => s.outcome !== null);
    const end = states.at(-1)!;
    expect(end.outcome).toEqual({ winner: 0, reason: 'score-limit', scores: [1, 0] });
    expect(end.tick).toBeLessThan(60);
  });

  it('stops changing once over: advance returns the very same state', () => {
    const end = run(two([0, 0], { durationTicks: 3 }), 3);
    expect(advance(end, new Map([[0, input({ throttle: 1, fire: true })]]))).toBe(end);
  });
});

describe('tank events', () => {
  it('keeps each event for the event window, then drops it', () => {
    const start = placed(room, [
      { xPx: 100, yPx: 160 },
      { xPx: 250, yPx: 160 },
    ]);
    const hitState = trace(start, hold(0, { fire: true }), 60, (s) => s.events.length > 0).at(-1)!;
    const later = trace(hitState, new Map(), TANK_RULES.eventWindowTicks);
    expect(later.map((s) => s.events.length)).toEqual([...new Array(TANK_RULES.eventWindowTicks).fill(1), 0]);
  });
});
