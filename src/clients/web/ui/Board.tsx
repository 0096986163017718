import { useLayoutEffect } from 'preact/hooks';
import type { Connect4 } from '../../../games/index.ts';
import type { Analysis } from '../app/model.ts';

type View = Connect4.Connect4View;

/** The colour of a seat's stones: whoever moves first plays red. */
export const discColor = (view: View, seat: number): 'red' | 'yellow' =>
  seat === view.firstSeat ? 'red' : 'yellow';

/** `+3` for a win, `0` for a draw, `-5` for a loss: a score as shown above a column. */
function scoreLabel(lower: number, upper: number): string {
  if (lower !== upper) return lower > 0 ? 'win' : upper < 0 ? 'loss' : '?';
  return lower > 0 ? `+${lower}` : String(lower);
}

function scoreTone(lower: number, upper: number): string {
  if (lower > 0) return 'win';
  if (upper < 0) return 'loss';
  return lower === 0 && upper === 0 ? 'draw' : 'unknown';
}

/**
 * A Connect Four board: stones fall into place, the last one is ringed, a winning line glows.
 * Columns are buttons (click, or Tab and Enter, or the keys 1 to 7) when `onPlay` is given.
 * With `analysis`, each column shows the solver's score for the player to move.
 */
export function Board({
  view,
  onPlay,
  analysis,
  label,
}: {
  view: View;
  onPlay?: (column: number) => void;
  analysis?: Analysis | undefined;
  label: string;
}) {
  const last = view.moves.length === 0 ? null : Number(view.moves[view.moves.length - 1]);
  const lastRow = last === null ? -1 : view.rows.findIndex((row) => row[last - 1] !== null);
  const winning = new Set(view.winningCells.map((c) => `${c.column}:${c.row}`));
  const height = view.rows.length;
  const playable = new Set(view.legalColumns);
  const scores = new Map(analysis?.columns.map((c) => [c.column, c]) ?? []);
  const best = new Set(analysis?.best ?? []);

  // The keys 1 to 7 play a column from anywhere on the page, unless one is typing. A layout effect,
  // so that the keys work as soon as "Your turn" shows (a plain effect waits for the next frame).
  useLayoutEffect(() => {
    if (onPlay === undefined) return;
    const keyed = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (target !== null && /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) return;
      const column = Number(event.key);
      if (column >= 1 && column <= 7 && view.legalColumns.includes(column as Connect4.Column)) {
        event.preventDefault();
        onPlay(column);
      }
    };
    window.addEventListener('keydown', keyed);
    return () => window.removeEventListener('keydown', keyed);
  }, [onPlay, view]);

  return (
    <div class="board-wrap">
      {analysis !== undefined ? (
        <fieldset class="analysis-row" aria-label="Solver scores per column">
          {[1, 2, 3, 4, 5, 6, 7].map((column) => {
            const score = scores.get(column);
            return (
              <span
                key={column}
                class={`score ${score === undefined ? 'none' : scoreTone(score.lower, score.upper)} ${best.has(column) ? 'best' : ''}`}
                data-column={column}
                title={score === undefined ? 'full' : `column ${column}: ${score.lower}..${score.upper}`}
              >
                {score === undefined ? '' : scoreLabel(score.lower, score.upper)}
              </span>
            );
          })}
        </fieldset>
      ) : null}
      <fieldset class="board" aria-label={label}>
        {[1, 2, 3, 4, 5, 6, 7].map((column) => {
          const enabled = onPlay !== undefined && playable.has(column as Connect4.Column);
          return (
            <button
              type="button"
              key={column}
              class={`column ${enabled ? 'playable' : ''}`}
              disabled={!enabled}
              aria-label={`Column ${column}`}
              data-column={column}
              onClick={() => onPlay?.(column)}
            >
              {view.rows.map((row, index) => {
                const seat = row[column - 1] ?? null;
                const rowNumber = height - index;
                const isLast = column === last && index === lastRow;
                const classes = ['cell'];
                if (winning.has(`${column}:${rowNumber}`)) classes.push('winning');
                return (
                  <span key={index} class={classes.join(' ')}>
                    {seat === null ? null : (
                      <span
                        // A new key for the newest stone, so that it falls once, when it is played.
                        key={isLast ? `new-${view.moves.length}` : 'old'}
                        class={`disc ${discColor(view, seat)} ${isLast ? 'last falling' : ''}`}
                        style={isLast ? { '--fall': index + 1 } : undefined}
                      />
                    )}
                  </span>
                );
              })}
            </button>
          );
        })}
      </fieldset>
      <div class="column-numbers" aria-hidden="true">
        {[1, 2, 3, 4, 5, 6, 7].map((c) => (
          <span key={c}>{c}</span>
        ))}
      </div>
    </div>
  );
}
