import { nickKey } from '../protocol/index.ts';
import type { SanctionTarget } from './store.ts';

/** The key a sanction target is matched by: nicks ignore case, and so do (IPv6) addresses. */
export const targetKey = (target: SanctionTarget): string =>
  target.type === 'nick' ? nickKey(target.value) : target.value.toLowerCase();
