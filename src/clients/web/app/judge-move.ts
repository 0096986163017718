import type { Analysis } from './model.ts';

/**
 * What a move was worth, from the solver's analysis of the position before it (G3). Scores may be
 * ranges (not proven in the analysis time), so a verdict is given only when the bounds prove it:
 * - `best`: one of the best columns;
 * - `slower`: another column is proven better, without changing the result (a slower win, a
 *   faster loss) or without a proof that it does;
 * - `drawn`: gave away a win for a draw (or worse, when a loss is not proven);
 * - `losing`: turned a position that was not lost into a loss: the losing move;
 * - `unknown`: the bounds prove none of these.
 */
export type MoveJudgement = 'best' | 'slower' | 'drawn' | 'losing' | 'unknown';

export function judgeMove(analysis: Analysis, column: number): MoveJudgement {
  const played = analysis.columns.find((c) => c.column === column);
  if (played === undefined) return 'unknown';
  const others = analysis.columns.filter((c) => c.column !== column);
  const provenWin = others.some((c) => c.lower > 0);
  const provenNotLost = others.some((c) => c.lower >= 0);
  if (played.upper < 0 && provenNotLost) return 'losing';
  if (played.upper <= 0 && provenWin) return 'drawn';
  if (analysis.best.includes(column)) return 'best';
  return others.some((c) => c.lower > played.upper) ? 'slower' : 'unknown';
}

export const JUDGEMENT_LABELS: Record<MoveJudgement, string> = {
  best: 'best',
  slower: 'not the best',
  drawn: 'gave away the win',
  losing: 'the losing move',
  unknown: 'not proven',
};
