import type { Sanction } from '../store/index.ts';

/** "until 2026-11-22 10:00:00 UTC" or "until an operator lifts it". */
export const untilText = (expiresAt: number | null): string =>
  expiresAt === null
    ? 'until an operator lifts it'
    : `until ${new Date(expiresAt).toISOString().replace('T', ' ').slice(0, 19)} UTC`;

/** The message a banned user is shown. */
export const banMessage = (sanction: Sanction): string =>
  `You are banned ${untilText(sanction.expiresAt)}${sanction.reason ? `: ${sanction.reason}` : '.'}`;

/** The message a suspended user is shown when they try to talk. */
export const suspensionMessage = (sanction: Sanction): string =>
  `You are suspended ${untilText(sanction.expiresAt)}${sanction.reason ? ` (${sanction.reason})` : ''}: you may read, not send.`;
