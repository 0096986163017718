import type { Connect4 } from '../../games/index.ts';

/** What the bot reads of a Connect Four view (docs/protocol.md, "Views"): the rest it ignores. */
export type BotView = Pick<Connect4.Connect4View, 'moves' | 'toMove' | 'legalColumns'>;

const isSeatOrNull = (value: unknown): value is number | null =>
  value === null || (typeof value === 'number' && Number.isInteger(value) && value >= 0);

const isColumnList = (value: unknown): value is Connect4.Column[] =>
  Array.isArray(value) &&
  value.every((c) => typeof c === 'number' && Number.isInteger(c) && c >= 1 && c <= 7);

/**
 * The fields the bot needs from `view`, or undefined if it is not a Connect Four view. The
 * protocol types views as unknown (each game has its own): a bot checks what it relies on.
 */
export function readConnect4View(view: unknown): BotView | undefined {
  if (typeof view !== 'object' || view === null) return undefined;
  const { moves, toMove, legalColumns } = view as Record<string, unknown>;
  if (typeof moves !== 'string' || !/^[1-7]*$/.test(moves)) return undefined;
  if (!isSeatOrNull(toMove) || !isColumnList(legalColumns)) return undefined;
  return { moves, toMove, legalColumns };
}
