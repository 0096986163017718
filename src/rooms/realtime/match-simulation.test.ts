import { describe, expect, it } from 'vitest';
import { findGame, type Json, type Tanks } from '../../games/index.ts';
import { KEPT_SNAPSHOTS, MatchSimulation, type RealtimeGame } from './match-simulation.ts';

//
// One match on the simulation thread, without the thread: the snapshots it keeps as delta bases
// (every one a recipient may still acknowledge, and no more than KEPT_SNAPSHOTS), the frames it
// makes, the inputs it takes and logs.
//

const tanks = findGame('tanks') as unknown as RealtimeGame;
const OPTIONS = { seats: 2, map: 'arena', durationSeconds: 120, scoreLimit: 0 };

/** A two-seat tank match of the sessions `a` and `b` (or a bot for null), a snapshot at every tick. */
function simulation(players: readonly (string | null)[] = ['a', 'b'], snapshotEvery = 1): MatchSimulation {
  const created = tanks.create(OPTIONS, 7);
  if (!created.ok) throw new Error('the tank match was not created');
  const start = {
    kind: 'start',
    match: 'm1',
    game: 'tanks',
    options: OPTIONS,
    seed: 7,
    players,
    snapshotEvery,
    snapshotPhase: 0,
  } as const;
  return new MatchSimulation(tanks, start, created.value);
}

const steps = (match: MatchSimulation, count: number): void => {
  for (let i = 0; i < count; i++) match.report(match.step());
};
const kept = (match: MatchSimulation): number[] => [...match.keptTicks];

describe('MatchSimulation', () => {
  it('keeps the last KEPT_SNAPSHOTS while a recipient has acknowledged none', () => {
    const match = simulation();
    steps(match, 3);
    match.acknowledge('a', 3);
    steps(match, 40);
    expect(kept(match)).toEqual(
      Array.from({ length: KEPT_SNAPSHOTS }, (_, i) => 43 - KEPT_SNAPSHOTS + 1 + i),
    );
    // a's base fell out of the window: it gets whole snapshots until it acknowledges again.
    expect(match.acks.has('a')).toBe(false);
  });

  it('keeps nothing older than the oldest acknowledged snapshot, and takes any later acknowledgement', () => {
    const match = simulation();
    steps(match, 5);
    match.acknowledge('a', 4);
    match.acknowledge('b', 2);
    steps(match, 1);
    expect(kept(match)).toEqual([2, 3, 4, 5, 6]);
    match.acknowledge('b', 5);
    steps(match, 1);
    expect(kept(match)).toEqual([4, 5, 6, 7]);
    // Both acknowledge snapshots they were sent since their last one: each is still there.
    match.acknowledge('a', 6);
    match.acknowledge('b', 7);
    expect(match.acks.get('a')).toBe(6);
    expect(match.acks.get('b')).toBe(7);
    steps(match, 1);
    expect(kept(match)).toEqual([6, 7, 8]);
    // An acknowledgement never goes back, and one from a stranger is ignored.
    match.acknowledge('b', 6);
    match.acknowledge('z', 8);
    expect(match.acks.get('b')).toBe(7);
    expect(match.acks.has('z')).toBe(false);
  });

  it('keeps only the latest once nobody receives the match', () => {
    const match = simulation();
    steps(match, 4);
    match.remove('a');
    match.remove('b');
    steps(match, 1);
    expect(kept(match)).toEqual([5]);
  });

  it("reports each recipient's frame: whole, then the change from its acknowledged snapshot", () => {
    const match = simulation();
    match.addSpectator('s');
    const first = match.report(match.step());
    // recipient, body, base, ack: one body (the whole snapshot) for all three.
    expect(first?.sendTo).toEqual(['a', 0, null, 0, 'b', 0, null, 0, 's', 0, null, null]);
    expect(JSON.parse(first?.bodies?.[0] as string)).toEqual(JSON.parse(first?.snapshot as string));
    match.acknowledge('a', 1);
    const second = match.report(match.step());
    expect(second?.sendTo).toEqual(['a', 0, 1, 0, 'b', 1, null, 0, 's', 1, null, null]);
    expect(second?.bodies).toHaveLength(2);
    expect(second?.bodies?.[0]).not.toEqual(second?.bodies?.[1]);
    // The whole snapshot crosses over about once a second, not with every frame.
    expect(second?.snapshot).toBeUndefined();
  });

  it('applies and logs only newer inputs, acks them in the next snapshot, and voids one not applied on idle', () => {
    const match = simulation();
    const drive: Tanks.TankInput = { throttle: 1, turn: 0, aim: 0, fire: false };
    match.input(0, 1, drive);
    match.input(0, 1, { ...drive, throttle: -1 }); // a duplicate: ignored
    const report = match.report(match.step());
    expect(report?.log).toEqual([[0, 0, tanks.makeInput(drive)]]);
    expect(report?.applied).toEqual([1, 0]);
    match.input(0, 2, { ...drive, turn: 1 });
    match.idle(0);
    expect(match.lastSeq[0]).toBe(1);
    expect(match.report(match.step())?.log).toEqual([
      [1, 0, tanks.makeInput({ ...drive, turn: 1 })],
      [1, 0, null],
    ]);
    // Nothing new and no snapshot due: nothing to report.
    const quiet = simulation(['a', 'b'], 3);
    expect(quiet.report(quiet.step())).toBeUndefined();
  });

  it("lets a bot's seat decide at each snapshot, logging its inputs as they change", () => {
    const match = simulation(['a', null]);
    let logged: Json[] = [];
    for (let i = 0; i < 30; i++) logged = logged.concat(match.report(match.step())?.log ?? []);
    expect(logged.length).toBeGreaterThan(0);
    expect(logged.every((entry) => (entry as Json[])[1] === 1)).toBe(true);
  });
});
