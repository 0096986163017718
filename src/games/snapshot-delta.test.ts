import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Json } from './game.ts';
import { applySnapshotDelta, jsonEqual, SnapshotBuffer, snapshotDelta } from './snapshot-delta.ts';

const snapshot = (t: number, tanks: number[][], bullets: number[][], end: Json = null): Json => ({
  t,
  left: 1000 - t,
  map: 'arena',
  tanks,
  bullets,
  end,
});

describe('snapshot deltas', () => {
  it('sends only the changed fields and rows', () => {
    const flying = [2, 3, 4, 5].map((id) => [id, 1, 1000, 2000, 3000, 400, 500]);
    const base = snapshot(
      10,
      [
        [1, 2, 3],
        [4, 5, 6],
        [7, 8, 9],
      ],
      [[1, 0, 5], ...flying],
    );
    const next = snapshot(
      11,
      [
        [1, 2, 3],
        [4, 5, 7],
        [7, 8, 9],
      ],
      [...flying, [6, 0, 7]],
    );
    const delta = snapshotDelta(base, next);
    expect(delta.set).toEqual({ t: 11, left: 989 });
    // One tank row changed, in one place (row 1, element 2 is now 7); a bullet came, one went.
    expect(delta.rows?.tanks).toEqual({ e: [[1, 2, 7]], n: 3 });
    expect(delta.rows?.bullets).toEqual({ k: [[6, 0, 7]], d: [1] });
    expect(applySnapshotDelta(base, delta)).toEqual(next);
  });

  it('sends bullets by id: those gone, those new, and those that changed, in the order of the lists', () => {
    // Rows far apart, as bullets fired from across the arena are (else the patch by index wins).
    const bullet = (id: number, x = (id * 79_193) % 150_000) => [
      id,
      id % 8,
      x,
      (id * 52_711) % 90_000,
      40 * id,
      -800,
      600,
    ];
    const base = snapshot(
      10,
      [],
      [1, 2, 3, 4, 5].map((id) => bullet(id)),
    );
    const next = snapshot(11, [], [bullet(2), bullet(3, 123_456), bullet(5), bullet(6), bullet(7)]);
    const delta = snapshotDelta(base, next);
    expect(delta.rows?.bullets).toEqual({ k: [bullet(3, 123_456), bullet(6), bullet(7)], d: [1, 4] });
    expect(applySnapshotDelta(base, delta)).toEqual(next);
    // The same lists in another order (ids not increasing) give the same patch.
    const shuffled = snapshot(
      10,
      [],
      [1, 2, 4, 3, 5].map((id) => bullet(id)),
    );
    const later = snapshot(11, [], [bullet(2), bullet(4, 123_456), bullet(5), bullet(7), bullet(6)]);
    expect(snapshotDelta(shuffled, later).rows?.bullets).toEqual({
      k: [bullet(4, 123_456), bullet(7), bullet(6)],
      d: [1, 3],
    });
  });

  it('sends a long row changed in a few places as its changes alone (here, as amounts)', () => {
    const row = [123456, 78901, 1024, 2048, 320, 100, 0, 1234];
    const base = snapshot(10, [row, row], []);
    const moved = [123776, 78950, 1024, 2048, 320, 100, 0, 1234];
    const next = snapshot(11, [moved, row], []);
    const delta = snapshotDelta(base, next);
    expect(delta.rows?.tanks).toEqual({ a: [[0, 320, 49]], n: 2 });
    expect(applySnapshotDelta(base, JSON.parse(JSON.stringify(delta)))).toEqual(next);
  });

  it('sends rows of integers that moved as amounts, even when every row changed', () => {
    const tanks = [
      [149814, 123432, 3570, 3541, -320, 75, 0, 1748],
      [108982, 75288, 1234, 1846, 392, 100, 0, 1628],
      [36125, 72899, 4053, 1093, -320, 25, 0, 1683],
    ];
    const moved = [
      [149088, 124055, 3666, 3541, -320, 75, 0, 1748],
      [108605, 76142, 1330, 2038, 272, 100, 0, 1628],
      [37080, 72837, 53, 1093, -320, 25, 0, 1683], // heading 4053 → 53: an amount of -4000
    ];
    const base = snapshot(10, tanks, []);
    const next = snapshot(13, moved, []);
    const delta = snapshotDelta(base, next);
    // As amounts, without their trailing zeros.
    expect(delta.rows?.tanks).toEqual({
      a: [
        [0, -726, 623, 96],
        [1, -377, 854, 96, 192, -120],
        [2, 955, -62, -4000],
      ],
      n: 3,
    });
    expect(JSON.stringify(delta.rows?.tanks).length).toBeLessThan(JSON.stringify(moved).length - 10);
    expect(applySnapshotDelta(base, JSON.parse(JSON.stringify(delta)))).toEqual(next);
  });

  it('sends each row in its shortest form: new numbers where few change, amounts where many do', () => {
    const row = [36125, 72899, 4053, 1093, -320, 25, 0, 1683];
    const fired = [36125, 72899, 4053, 1093, -320, 25, 0, 1701]; // only its fire tick: 1683 → 1701
    const moved = [37080, 72837, 4053, 1093, -320, 25, 0, 1683];
    const base = snapshot(1, [row, row, row], []);
    const next = snapshot(2, [fired, moved, [1, 2, 3]], []);
    const delta = snapshotDelta(base, next);
    expect(delta.rows?.tanks).toEqual({ i: [[2, [1, 2, 3]]], e: [[0, 7, 1701]], a: [[1, 955, -62]], n: 3 });
    expect(applySnapshotDelta(base, JSON.parse(JSON.stringify(delta)))).toEqual(next);
  });

  it('sends a field whole when a patch would not be shorter', () => {
    const base = snapshot(1, [[1], [2]], []);
    const next = snapshot(2, [[3], [4]], []);
    expect(snapshotDelta(base, next).set?.tanks).toEqual([[3], [4]]);
  });

  it('is empty between equal snapshots, and replaces a field that became an object', () => {
    const base = snapshot(5, [[1]], []);
    expect(snapshotDelta(base, base)).toEqual({});
    const ended = snapshot(5, [[1]], [], { winner: 0, reason: 'time-up' });
    expect(snapshotDelta(base, ended)).toEqual({ set: { end: { winner: 0, reason: 'time-up' } } });
  });

  it('rebuilds the next snapshot exactly, for any pair (property)', () => {
    const value = fc.oneof(
      fc.integer({ min: -5, max: 5 }),
      fc.integer({ min: -300_000, max: 300_000 }),
      fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e9, max: 1e9 }),
      fc.constantFrom<Json>('x', null),
    );
    const row = fc.array(value, { minLength: 1, maxLength: 8 });
    // Ids in any order, and (as bullets are) increasing: the patch by id has a path for each.
    const bullets = fc
      .uniqueArray(fc.integer({ min: 0, max: 20 }))
      .chain((ids) =>
        fc.constantFrom(
          ids,
          [...ids].sort((a, b) => a - b),
        ),
      )
      .map((ids) => ids.map((id) => [id, id * 2]));
    const snap = fc.record({
      t: fc.nat(100),
      tanks: fc.array(row, { maxLength: 8 }),
      bullets,
      extra: fc.option(fc.string(), { nil: undefined }),
    });
    fc.assert(
      fc.property(snap, snap, (a, b) => {
        const base = JSON.parse(JSON.stringify(a)) as Json;
        const next = JSON.parse(JSON.stringify(b)) as Json;
        const delta = JSON.parse(JSON.stringify(snapshotDelta(base, next)));
        expect(jsonEqual(applySnapshotDelta(base, delta), next)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

describe('the snapshot buffer of a client', () => {
  it('decodes whole snapshots and deltas against the ones it kept, and refuses an unknown base', () => {
    const buffer = new SnapshotBuffer(2);
    const s1 = snapshot(1, [[1, 1]], []);
    const s2 = snapshot(2, [[1, 2]], []);
    const s3 = snapshot(3, [[1, 3]], []);
    expect(buffer.receive({ tick: 1, base: null, data: s1 })).toEqual(s1);
    expect(buffer.receive({ tick: 2, base: 1, data: snapshotDelta(s1, s2) })).toEqual(s2);
    expect(buffer.receive({ tick: 3, base: 2, data: snapshotDelta(s2, s3) })).toEqual(s3);
    expect(buffer.latest).toEqual({ tick: 3, snapshot: s3 });
    // Only the last two are kept: tick 1 is gone.
    expect(buffer.receive({ tick: 4, base: 1, data: snapshotDelta(s1, s3) })).toBeUndefined();
    buffer.reset();
    expect(buffer.latest).toBeUndefined();
  });
});
