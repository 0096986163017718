import type { Json } from './game.ts';

//
// Delta encoding of real-time snapshots (H2), the same for every game: a snapshot is a JSON object
// whose fields are mostly arrays of rows (one per tank, per bullet, per seat), and from one snapshot
// to the next most rows stay the same. A delta says what changed against a snapshot the client has
// (the one it acknowledged):
//
//   {
//     "set":  { "t": 1240, "left": 9560 },            fields replaced whole (or added)
//     "del":  ["end"],                                 fields removed
//     "rows": {
//       "tanks":   { "i": [[3, [ …row… ]]],           by index: rows replaced,
//                    "e": [[5, 0, 1024, 1, 2048]],     rows changed in a few places (row 5: its
//                    "n": 8 },                          elements 0 and 1), and the new length
//       "bullets": { "k": [[ 41, …row… ]], "d": [37] } by id (a row's first number): rows added or
//     }                                                 replaced, ids removed; new ids come last
//   }
//
// Pure and isomorphic: the server encodes with `snapshotDelta`, clients decode with
// `applySnapshotDelta`, and `applySnapshotDelta(base, snapshotDelta(base, next))` equals `next`.
//

type JsonObject = { readonly [key: string]: Json };
type Row = readonly Json[];

/** A change of one array field: by index, or by the id in each row's first element. */
export type RowsPatch =
  | {
      readonly i: readonly (readonly [number, Json])[];
      /** Rows changed in a few places: `[row index, position, value, position, value, …]`. */
      readonly e?: readonly (readonly number[])[];
      readonly n: number;
    }
  | { readonly k: readonly Row[]; readonly d: readonly number[] };

/** What changed from one snapshot to the next. */
export interface SnapshotDelta {
  readonly set?: JsonObject;
  readonly del?: readonly string[];
  readonly rows?: { readonly [key: string]: RowsPatch };
}

const isObject = (value: Json | undefined): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Deep equality of JSON values. */
export function jsonEqual(a: Json | undefined, b: Json | undefined): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    // Plain loops: this runs for every row of every snapshot the server sends.
    const other = b as readonly Json[];
    if (a.length !== other.length) return false;
    for (let i = 0; i < a.length; i++) if (!jsonEqual(a[i], other[i])) return false;
    return true;
  }
  const keys = Object.keys(a);
  const objectB = b as JsonObject;
  return (
    keys.length === Object.keys(objectB).length &&
    keys.every((key) => jsonEqual((a as JsonObject)[key], objectB[key]))
  );
}

/** The change from `base` to `next` (two snapshot objects). */
export function snapshotDelta(base: Json, next: Json): SnapshotDelta {
  if (!isObject(base) || !isObject(next)) return { set: { '': next } };
  const set: Record<string, Json> = {};
  const rows: Record<string, RowsPatch> = {};
  const del = Object.keys(base).filter((key) => !(key in next));
  for (const [key, value] of Object.entries(next)) {
    const old = base[key];
    // Arrays are compared row by row once, by the patch itself (comparing them whole first would
    // walk every row twice: this runs for every snapshot the server sends).
    if (Array.isArray(old) && Array.isArray(value)) {
      const patch = rowsPatch(old, value);
      if (patch === 'same') continue;
      if (patch !== undefined) rows[key] = patch;
      else set[key] = value;
    } else if (!jsonEqual(old, value)) set[key] = value;
  }
  return {
    ...(Object.keys(set).length > 0 ? { set } : {}),
    ...(del.length > 0 ? { del } : {}),
    ...(Object.keys(rows).length > 0 ? { rows } : {}),
  };
}

/** `base` with `delta` applied: the next snapshot. */
export function applySnapshotDelta(base: Json, delta: SnapshotDelta): Json {
  if (delta.set !== undefined && '' in delta.set) return delta.set[''] as Json;
  const next: Record<string, Json> = isObject(base) ? { ...base } : {};
  for (const key of delta.del ?? []) delete next[key];
  Object.assign(next, delta.set ?? {});
  for (const [key, patch] of Object.entries(delta.rows ?? {})) {
    const old = next[key];
    next[key] = applyRows(Array.isArray(old) ? (old as readonly Json[]) : [], patch);
  }
  return next;
}

/**
 * The smaller patch of the two (by rows sent: serialising to compare would cost more than the
 * bytes it saves), undefined when sending the array whole is as small, `'same'` when nothing changed.
 */
function rowsPatch(old: readonly Json[], value: readonly Json[]): RowsPatch | 'same' | undefined {
  const byIndex = indexPatch(old, value);
  if ('i' in byIndex && byIndex.i.length === 0 && byIndex.e === undefined && old.length === value.length) {
    return 'same';
  }
  // By id helps only when rows moved (one removed before others): worth trying only then.
  const byId =
    'i' in byIndex && byIndex.i.length > 1 && shifted(old, value) ? keyedPatch(old, value) : undefined;
  const indexRows = 'i' in byIndex ? byIndex.i.length + (byIndex.e?.length ?? 0) : value.length;
  const idRows =
    byId !== undefined && 'k' in byId ? byId.k.length + byId.d.length / 4 : Number.POSITIVE_INFINITY;
  const best = idRows < indexRows ? (byId as RowsPatch) : byIndex;
  // A patch names its rows (an index or a list of ids): worth it only when some rows stay out.
  return Math.min(indexRows, idRows) < value.length ? best : undefined;
}

/** Whether some row moved by one place between `old` and `value` (a row removed or added before it). */
function shifted(old: readonly Json[], value: readonly Json[]): boolean {
  for (let i = 0; i < value.length; i++) {
    if (jsonEqual(value[i], old[i + 1]) || (i > 0 && jsonEqual(value[i], old[i - 1]))) return true;
  }
  return false;
}

function indexPatch(old: readonly Json[], value: readonly Json[]): RowsPatch {
  const changed: (readonly [number, Json])[] = [];
  const edits: number[][] = [];
  for (let i = 0; i < value.length; i++) {
    const before = old[i];
    const after = value[i] as Json;
    if (jsonEqual(before, after)) continue;
    const edit = Array.isArray(before) && Array.isArray(after) ? elementEdit(i, before, after) : undefined;
    if (edit === undefined) changed.push([i, after]);
    else edits.push(edit);
  }
  return edits.length === 0 ? { i: changed, n: value.length } : { i: changed, e: edits, n: value.length };
}

/**
 * A row of numbers changed in a few places (a tank that moved keeps its health, its respawn and
 * fire ticks): `[row, position, value, …]`, when shorter than the row itself.
 */
function elementEdit(row: number, before: readonly Json[], after: readonly Json[]): number[] | undefined {
  if (before.length !== after.length) return undefined;
  const edit = [row];
  for (let k = 0; k < after.length; k++) {
    const value = after[k];
    if (value === before[k]) continue;
    if (typeof value !== 'number') return undefined;
    edit.push(k, value);
  }
  return edit.length < after.length ? edit : undefined;
}

/** The id of a row: its first element, if the row is an array starting with a number. */
const idOf = (row: Json | undefined): number | undefined =>
  Array.isArray(row) && typeof row[0] === 'number' ? row[0] : undefined;

/**
 * The patch by id, when it rebuilds `value` exactly: every row has a distinct id, the rows kept
 * stay in their order, and the new ones come after them.
 */
function keyedPatch(old: readonly Json[], value: readonly Json[]): RowsPatch | undefined {
  const oldById = new Map<number, Json>();
  for (const row of old) {
    const id = idOf(row);
    if (id === undefined || oldById.has(id)) return undefined;
    oldById.set(id, row);
  }
  const nextIds = new Set<number>();
  const changed: Row[] = [];
  let seenNew = false;
  let lastKept = -1;
  const oldOrder = new Map([...oldById.keys()].map((id, i) => [id, i]));
  for (const row of value) {
    const id = idOf(row);
    if (id === undefined || nextIds.has(id)) return undefined;
    nextIds.add(id);
    const position = oldOrder.get(id);
    if (position === undefined) {
      seenNew = true;
      changed.push(row as Row);
      continue;
    }
    if (seenNew || position < lastKept) return undefined;
    lastKept = position;
    if (!jsonEqual(oldById.get(id), row)) changed.push(row as Row);
  }
  const removed = [...oldById.keys()].filter((id) => !nextIds.has(id));
  return { k: changed, d: removed };
}

function applyRows(old: readonly Json[], patch: RowsPatch): Json[] {
  if ('i' in patch) {
    const rows = old.slice(0, patch.n);
    for (const [index, row] of patch.i) rows[index] = row;
    for (const [index, ...changes] of patch.e ?? []) {
      const row = [...((old[index as number] as readonly Json[] | undefined) ?? [])];
      for (let k = 0; k + 1 < changes.length; k += 2) row[changes[k] as number] = changes[k + 1] as number;
      rows[index as number] = row;
    }
    return rows;
  }
  const removed = new Set(patch.d);
  const replaced = new Map(patch.k.map((row) => [idOf(row as Json), row as Json]));
  const rows: Json[] = [];
  for (const row of old) {
    const id = idOf(row);
    if (id === undefined || removed.has(id)) continue;
    rows.push(replaced.get(id) ?? row);
    replaced.delete(id);
  }
  rows.push(...replaced.values());
  return rows;
}

/** A snapshot message as a client receives it (`match.snapshot` data, or the start's view at tick `t`). */
export interface SnapshotFrame {
  readonly tick: number;
  readonly base: number | null;
  readonly data: unknown;
}

/**
 * The snapshots a client keeps to decode deltas: whole ones as they come, changes applied to the
 * one of their `base` tick. Keeps the last `keep` ticks (the server deltas only against one the
 * client acknowledged, and never against one older than its own 32 kept).
 */
export class SnapshotBuffer {
  readonly #kept = new Map<number, Json>();
  readonly #keep: number;
  #latestTick = -1;

  constructor(keep = 64) {
    this.#keep = keep;
  }

  /** The latest snapshot decoded, and its tick. */
  get latest(): { readonly tick: number; readonly snapshot: Json } | undefined {
    const snapshot = this.#kept.get(this.#latestTick);
    return snapshot === undefined ? undefined : { tick: this.#latestTick, snapshot };
  }

  /** Forgets everything (a new match, or a resume that starts afresh). */
  reset(): void {
    this.#kept.clear();
    this.#latestTick = -1;
  }

  /**
   * Decodes a frame; the snapshot, or undefined when it is a change from a snapshot this buffer
   * does not have (which a server that follows the protocol never sends).
   */
  receive(frame: SnapshotFrame): Json | undefined {
    let snapshot: Json;
    if (frame.base === null) snapshot = frame.data as Json;
    else {
      const base = this.#kept.get(frame.base);
      if (base === undefined) return undefined;
      snapshot = applySnapshotDelta(base, frame.data as SnapshotDelta);
    }
    this.#kept.set(frame.tick, snapshot);
    if (frame.tick > this.#latestTick) this.#latestTick = frame.tick;
    if (this.#kept.size > this.#keep) {
      for (const tick of this.#kept.keys()) {
        if (this.#kept.size <= this.#keep) break;
        this.#kept.delete(tick);
      }
    }
    return snapshot;
  }
}
