import { applySnapshotDelta, type Json, type SnapshotDelta, Tanks } from '../../../games/index.ts';

type Snapshot = Tanks.TanksSnapshot;

/** Snapshots kept: more than the server keeps (about 32), so any base it picks is still here. */
const KEPT = 40;

/**
 * The latest snapshots of a real-time match, oldest first: what interpolation draws between, and
 * the bases that deltas (`match.snapshot` with a `base`) are decoded against.
 */
export class SnapshotHistory {
  readonly #snapshots: Snapshot[] = [];

  get latest(): Snapshot | undefined {
    return this.#snapshots.at(-1);
  }

  get oldest(): Snapshot | undefined {
    return this.#snapshots[0];
  }

  /**
   * Decodes a snapshot message and keeps the result: the whole snapshot when `base` is null, else
   * the delta applied to the kept snapshot of tick `base`. `undefined` (and nothing kept) when the
   * base is gone, the result is not a tank snapshot, or it is not newer than the latest.
   */
  receive(tick: number, base: number | null, data: unknown): Snapshot | undefined {
    const latest = this.latest;
    if (latest !== undefined && tick <= latest.t) return undefined;
    let raw: unknown = data;
    if (base !== null) {
      const baseSnapshot = this.#snapshots.find((s) => s.t === base);
      if (baseSnapshot === undefined) return undefined;
      raw = applySnapshotDelta(baseSnapshot as Json, data as SnapshotDelta);
    }
    const parsed = Tanks.parseSnapshot(raw);
    if (!parsed.ok || parsed.value.t !== tick) return undefined;
    this.add(parsed.value);
    return parsed.value;
  }

  /** Keeps a whole snapshot (the first of a match, or a final one), dropping the older ones if it goes back in time. */
  add(snapshot: Snapshot): void {
    const latest = this.latest;
    if (latest !== undefined && snapshot.t <= latest.t) this.#snapshots.length = 0;
    this.#snapshots.push(snapshot);
    if (this.#snapshots.length > KEPT) this.#snapshots.shift();
  }

  /** The last snapshot at or before `tick` (or the oldest), and the first after it (if any). */
  around(tick: number): readonly [Snapshot | undefined, Snapshot | undefined] {
    const list = this.#snapshots;
    let after = list.findIndex((s) => s.t > tick);
    if (after === -1) after = list.length;
    if (after === 0) return [list[0], list[1]];
    return [list[after - 1], list[after]];
  }
}
