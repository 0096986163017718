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
//                                                       elements 0 and 1 are now 1024 and 2048),
//                    "a": [[2, -726, 623, 96]],        rows of integers changed by these amounts
//                                                       (row 2: add -726 to element 0, 623 to 1, 96
//                                                       to 2, and 0 to the elements after the last),
//                    "n": 8 },                          and the new length (any of "i", "e", "a"
//                                                       may be left out: no row of that form)
//       "bullets": { "k": [[ 41, …row… ]], "d": [37] } by id (a row's first number): rows added or
//     }                                                 replaced, ids removed; new ids come last
//   }
//
// Each changed row goes in whichever of its forms is shortest, and a field goes as a patch only
// when that is shorter than the field itself. A moving tank's row of 8 numbers, whose position
// changes by a few hundred units between snapshots, costs about 25 bytes as differences against
// about 40 whole: the tank arena's snapshots are about a quarter smaller for it.
//
// Pure and isomorphic: the server encodes with `snapshotDelta`, clients decode with
// `applySnapshotDelta`, and `applySnapshotDelta(base, snapshotDelta(base, next))` equals `next`.
//

type JsonObject = { readonly [key: string]: Json };
type Row = readonly Json[];

/** A change of one array field: by index, or by the id in each row's first element. */
export type RowsPatch =
  | {
      /** Rows replaced: `[row index, row]`. */
      readonly i?: readonly (readonly [number, Json])[];
      /** Rows changed in a few places: `[row index, position, value, position, value, …]`. */
      readonly e?: readonly (readonly number[])[];
      /**
       * Rows of integers changed by amounts: `[row index, amount to add to element 0, to 1, …]`;
       * the elements after the last amount given are unchanged.
       */
      readonly a?: readonly (readonly number[])[];
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

/** `list` with `item` at its end: a new list for the first item (lists are made only when needed). */
function appended<T>(list: T[] | undefined, item: T): T[] {
  if (list === undefined) return [item];
  list.push(item);
  return list;
}

/** The change from `base` to `next` (two snapshot objects). */
export function snapshotDelta(base: Json, next: Json): SnapshotDelta {
  if (!isObject(base) || !isObject(next)) return { set: { '': next } };
  // Built without spreads, entries lists or empty parts: this runs for every snapshot sent.
  let set: Record<string, Json> | undefined;
  let rows: Record<string, RowsPatch> | undefined;
  let del: string[] | undefined;
  for (const key in base) if (!(key in next)) del = appended(del, key);
  for (const key in next) {
    const value = next[key] as Json;
    const old = base[key];
    // Arrays are compared row by row once, by the patch itself (comparing them whole first would
    // walk every row twice).
    if (Array.isArray(old) && Array.isArray(value)) {
      const patch = rowsPatch(old, value);
      if (patch === 'same') continue;
      if (patch !== undefined) {
        rows ??= {};
        rows[key] = patch;
        continue;
      }
    } else if (jsonEqual(old, value)) continue;
    set ??= {};
    set[key] = value;
  }
  const delta: { set?: JsonObject; del?: readonly string[]; rows?: { [key: string]: RowsPatch } } = {};
  if (set !== undefined) delta.set = set;
  if (del !== undefined) delta.del = del;
  if (rows !== undefined) delta.rows = rows;
  return delta;
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

/** The length of a number written in JSON (comparisons: this runs for every number of every delta). */
function numberSize(value: number): number {
  const magnitude = value < 0 ? -value : value;
  if (!Number.isInteger(magnitude) || magnitude >= 1e7) return String(value).length;
  const digits =
    magnitude < 10
      ? 1
      : magnitude < 100
        ? 2
        : magnitude < 1e3
          ? 3
          : magnitude < 1e4
            ? 4
            : magnitude < 1e5
              ? 5
              : magnitude < 1e6
                ? 6
                : 7;
  return value < 0 ? digits + 1 : digits;
}

/**
 * The length of a value written in JSON, worked out without writing it (this runs for every row of
 * every snapshot sent): exact for numbers and arrays of them, which is what snapshots are made of.
 */
function jsonSize(value: Json | undefined): number {
  if (typeof value === 'number') return numberSize(value);
  if (Array.isArray(value)) {
    let size = 1 + Math.max(1, value.length);
    for (const item of value) size += jsonSize(item);
    return size;
  }
  return JSON.stringify(value ?? null).length;
}

/** What a patch costs besides its rows: its keys and brackets. */
const PATCH_OVERHEAD = 14;

/**
 * The shortest patch (by its written length, estimated), undefined when sending the array whole
 * is as short, `'same'` when nothing changed.
 */
function rowsPatch(old: readonly Json[], value: readonly Json[]): RowsPatch | 'same' | undefined {
  const byIndex = indexPatch(old, value);
  const { patch } = byIndex;
  if (byIndex.rows === 0 && old.length === value.length) return 'same';
  // By id helps only when rows moved (one removed before others): worth trying only then.
  const byId = byIndex.rows > 1 && shifted(old, value) ? keyedPatch(old, value) : undefined;
  const idSize = byId === undefined ? Number.POSITIVE_INFINITY : jsonSize(byId.k as Json) + jsonSize(byId.d);
  const best = idSize < byIndex.size ? (byId as RowsPatch) : patch;
  const patchSize = Math.min(idSize, byIndex.size) + PATCH_OVERHEAD;
  // The changed rows alone often outweigh the patch; the unchanged ones are measured only if not.
  if (patchSize < byIndex.changedSize) return best;
  return patchSize < jsonSize(value) ? best : undefined;
}

/** Whether some row moved by one place between `old` and `value` (a row removed or added before it). */
function shifted(old: readonly Json[], value: readonly Json[]): boolean {
  for (let i = 0; i < value.length; i++) {
    if (jsonEqual(value[i], old[i + 1]) || (i > 0 && jsonEqual(value[i], old[i - 1]))) return true;
  }
  return false;
}

/** The written lengths of a changed row's three forms in a patch by index (see `measureRow`). */
const cost = { whole: 0, edit: 0, amount: 0, row: 0 };

/**
 * Measures into `cost` the forms of row `i` changed from `before` to `after`: replaced whole, as
 * element edits, as amounts (Infinity when a form does not apply), and the row itself. One pass,
 * nothing built: this runs for every row of every delta. False when the rows are equal.
 */
function measureRow(i: number, before: Json | undefined, after: Json): boolean {
  const index = numberSize(i);
  if (!Array.isArray(before) || !Array.isArray(after) || before.length !== after.length) {
    if (jsonEqual(before, after)) return false;
    cost.row = jsonSize(after);
    cost.whole = index + cost.row + 4;
    cost.edit = Number.POSITIVE_INFINITY;
    cost.amount = Number.POSITIVE_INFINITY;
    return true;
  }
  let equal = true;
  let editable = true;
  let addable = true;
  let row = 1 + Math.max(1, after.length);
  let edit = 0;
  let amount = 0;
  let amountToLastChange = 0;
  for (let k = 0; k < after.length; k++) {
    const from = before[k];
    const to = after[k];
    if (typeof to !== 'number' || typeof from !== 'number') {
      row += jsonSize(to);
      addable = false;
      if (jsonEqual(from, to)) continue;
      equal = false;
      if (typeof to === 'number') edit += numberSize(k) + numberSize(to) + 2;
      else editable = false;
      continue;
    }
    const size = numberSize(to);
    row += size;
    if (from === to) {
      amount += 2;
      continue;
    }
    equal = false;
    edit += numberSize(k) + size + 2;
    if (Number.isSafeInteger(from) && Number.isSafeInteger(to)) {
      amount += numberSize(to - from) + 1;
      amountToLastChange = amount;
    } else addable = false;
  }
  if (equal) return false;
  cost.row = row;
  cost.whole = index + row + 4;
  cost.edit = editable ? index + 3 + edit : Number.POSITIVE_INFINITY;
  cost.amount = addable ? index + 3 + amountToLastChange : Number.POSITIVE_INFINITY;
  return true;
}

/**
 * The patch by index, the number of rows it names, its estimated written length, and that of the
 * changed rows as they are (a lower bound of the array's).
 */
function indexPatch(
  old: readonly Json[],
  value: readonly Json[],
): { patch: RowsPatch; rows: number; size: number; changedSize: number } {
  let changed: (readonly [number, Json])[] | undefined;
  let edits: number[][] | undefined;
  let amounts: number[][] | undefined;
  let rows = 0;
  let size = 0;
  let changedSize = 2;
  for (let i = 0; i < value.length; i++) {
    const before = old[i];
    const after = value[i] as Json;
    if (!measureRow(i, before, after)) continue;
    rows += 1;
    changedSize += cost.row + 1;
    const { whole, edit, amount } = cost;
    if (amount < edit && amount < whole)
      amounts = appended(amounts, amountEdit(i, before as Json[], after as Json[]));
    else if (edit < whole) edits = appended(edits, elementEdit(i, before as Json[], after as Json[]));
    else changed = appended(changed, [i, after] as const);
    size += Math.min(whole, edit, amount);
  }
  // Its members in this order (`n` last), as the protocol's examples show them.
  const patch = {} as { i?: (readonly [number, Json])[]; e?: number[][]; a?: number[][]; n: number };
  if (changed !== undefined) patch.i = changed;
  if (edits !== undefined) patch.e = edits;
  if (amounts !== undefined) patch.a = amounts;
  patch.n = value.length;
  return { patch, rows, size, changedSize };
}

/**
 * Row `row` as element edits, `[row, position, value, …]` (`measureRow` found it can be). Arrays
 * made at their final length, here and in `amountEdit`: grown by `push`, each took 2-3 times the
 * memory, for every changed row of every delta.
 */
function elementEdit(row: number, before: readonly Json[], after: readonly Json[]): number[] {
  let changes = 0;
  for (let k = 0; k < after.length; k++) if (!jsonEqual(before[k], after[k])) changes += 1;
  const edit = new Array<number>(1 + 2 * changes);
  edit[0] = row;
  let at = 1;
  for (let k = 0; k < after.length; k++) {
    if (jsonEqual(before[k], after[k])) continue;
    edit[at++] = k;
    edit[at++] = after[k] as number;
  }
  return edit;
}

/**
 * Row `row` as amounts added to the old one's, `[row, amount, …]` without the trailing zeros
 * (`measureRow` found every element a number, and every changed one an integer).
 */
function amountEdit(row: number, before: readonly Json[], after: readonly Json[]): number[] {
  let last = 0;
  for (let k = 0; k < after.length; k++) if (after[k] !== before[k]) last = k;
  const edit = new Array<number>(last + 2);
  edit[0] = row;
  for (let k = 0; k <= last; k++) edit[k + 1] = (after[k] as number) - (before[k] as number);
  return edit;
}

/** The id of a row: its first element, if the row is an array starting with a number. */
const idOf = (row: Json | undefined): number | undefined =>
  Array.isArray(row) && typeof row[0] === 'number' ? row[0] : undefined;

/** Whether every row starts with a number, each greater than the one before (bullets, in firing order). */
function idsIncrease(rows: readonly Json[]): boolean {
  let previous = Number.NEGATIVE_INFINITY;
  for (const row of rows) {
    const id = idOf(row);
    if (id === undefined || !(id > previous)) return false;
    previous = id;
  }
  return true;
}

/**
 * The patch by id, when it rebuilds `value` exactly: every row has a distinct id, the rows kept
 * stay in their order, and the new ones come after them.
 */
function keyedPatch(
  old: readonly Json[],
  value: readonly Json[],
): { readonly k: readonly Row[]; readonly d: readonly number[] } | undefined {
  return idsIncrease(old) && idsIncrease(value)
    ? keyedPatchInOrder(old, value)
    : keyedPatchAnyOrder(old, value);
}

/**
 * `keyedPatch` when the ids of both lists increase, as they usually do: one walk through both,
 * building nothing but the patch (it runs for most snapshots of a fight).
 */
function keyedPatchInOrder(
  old: readonly Json[],
  value: readonly Json[],
): { readonly k: readonly Row[]; readonly d: readonly number[] } | undefined {
  const changed: Row[] = [];
  const removed: number[] = [];
  let o = 0;
  let seenNew = false;
  for (const row of value) {
    const id = idOf(row) as number;
    while (o < old.length && (idOf(old[o]) as number) < id) removed.push(idOf(old[o++]) as number);
    if (o < old.length && idOf(old[o]) === id) {
      if (seenNew) return undefined;
      if (!jsonEqual(old[o], row)) changed.push(row as Row);
      o += 1;
    } else {
      seenNew = true;
      changed.push(row as Row);
    }
  }
  while (o < old.length) removed.push(idOf(old[o++]) as number);
  return { k: changed, d: removed };
}

/** `keyedPatch` for lists in any order. */
function keyedPatchAnyOrder(
  old: readonly Json[],
  value: readonly Json[],
): { readonly k: readonly Row[]; readonly d: readonly number[] } | undefined {
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
  if ('n' in patch) {
    const rows = old.slice(0, patch.n);
    for (const [index, row] of patch.i ?? []) rows[index] = row;
    for (const [index, ...changes] of patch.e ?? []) {
      const row = [...((old[index as number] as readonly Json[] | undefined) ?? [])];
      for (let k = 0; k + 1 < changes.length; k += 2) row[changes[k] as number] = changes[k + 1] as number;
      rows[index as number] = row;
    }
    for (const [index, ...amounts] of patch.a ?? []) {
      const row = [...((old[index as number] as readonly Json[] | undefined) ?? [])];
      for (let k = 0; k < amounts.length; k++) row[k] = ((row[k] as number | undefined) ?? 0) + amounts[k]!;
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
