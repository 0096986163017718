import { SanctionKind, type SanctionTarget } from './store.ts';

/** Throws on a limit that is not a whole number ≥ 0: a programmer error, not a user's. */
export const assertLimit = (limit: number): void => {
  if (!Number.isSafeInteger(limit) || limit < 0) {
    throw new RangeError(`limit must be a whole number ≥ 0, got ${limit}`);
  }
};

const KINDS: ReadonlySet<string> = new Set(Object.values(SanctionKind));

/** True when `kind`, read back from storage, is a sanction kind. */
export const isSanctionKind = (kind: string): kind is SanctionKind => KINDS.has(kind);

/** True when `type`, read back from storage, is a target type. */
export const isTargetType = (type: string): type is SanctionTarget['type'] =>
  type === 'nick' || type === 'address';
