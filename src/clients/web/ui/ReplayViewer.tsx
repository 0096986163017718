import { useMemo, useState } from 'preact/hooks';
import { type Connect4, replayGame } from '../../../games/index.ts';
import { JUDGEMENT_LABELS, judgeMove } from '../app/judge-move.ts';
import type { AppState, Replay } from '../app/model.ts';
import type { ParlorApp } from '../app/parlor-app.ts';
import { describeResult, replayAt } from '../app/reduce.ts';
import { Board } from './Board.tsx';
import { TextBoard } from './TextBoard.tsx';

/**
 * A finished match, move by move (F3): step controls, the keyboard's arrow keys, the move list,
 * and for Connect Four the solver's verdict on every move (G3): which column would have won,
 * and where the losing move was.
 */
export function ReplayViewer({ app, state, replay }: { app: ParlorApp; state: AppState; replay: Replay }) {
  const { record, ply } = replay;
  const replayed = useMemo(
    () => replayGame(record.game, record.options, record.seed, record.moves),
    [record],
  );
  const [analyzing, setAnalyzing] = useState(false);
  if (replayed === undefined)
    return <p class="problem">This match cannot be replayed here ({record.game}).</p>;
  const total = replayed.moves.length;
  const go = (to: number) => app.store.update((s) => replayAt(s, to));
  const view = replayed.views[ply];
  const isConnect4 = record.game === 'connect4';
  const c4view = view as Connect4.Connect4View;
  const positionAt = (k: number) => (replayed.views[k] as Connect4.Connect4View).moves;

  const analyzeAll = async () => {
    setAnalyzing(true);
    // One position at a time: the solver thread is shared, and its queue is bounded.
    for (let k = 0; k < total; k++) {
      if (app.store.state.analyses[positionAt(k)] === undefined) await app.analyze(positionAt(k));
    }
    setAnalyzing(false);
  };

  const keys = (event: KeyboardEvent) => {
    const to = { ArrowLeft: ply - 1, ArrowRight: ply + 1, Home: 0, End: total }[event.key];
    if (to !== undefined) {
      event.preventDefault();
      go(to);
    }
  };

  return (
    <section class="replay card" aria-label="Replay" onKeyDown={keys}>
      <div class="view-head">
        <h3>
          Replay: {record.players.join(' vs ')} — {describeResult(record)}
        </h3>
      </div>
      <div class="replay-body">
        <div>
          {isConnect4 ? (
            <Board
              view={c4view}
              label={`Position after ${ply} moves`}
              analysis={state.analyses[c4view.moves]}
            />
          ) : (
            <TextBoard text={replayed.game.renderText(view, record.players)} />
          )}
          <fieldset class="row steps" aria-label="Step through the match">
            <button type="button" aria-label="First position" onClick={() => go(0)} disabled={ply === 0}>
              ⏮
            </button>
            <button type="button" aria-label="Previous move" onClick={() => go(ply - 1)} disabled={ply === 0}>
              ◀
            </button>
            <span class="ply" role="status" data-testid="replay-ply">
              Move {ply}/{total}
            </span>
            <button type="button" aria-label="Next move" onClick={() => go(ply + 1)} disabled={ply === total}>
              ▶
            </button>
            <button
              type="button"
              aria-label="Last position"
              onClick={() => go(total)}
              disabled={ply === total}
            >
              ⏭
            </button>
          </fieldset>
          <input
            type="range"
            min={0}
            max={total}
            value={ply}
            aria-label="Position in the match"
            onInput={(e) => go(Number(e.currentTarget.value))}
          />
          {isConnect4 ? (
            <button type="button" disabled={analyzing} onClick={() => void analyzeAll()}>
              {analyzing ? 'Analyzing…' : 'Analyze every move'}
            </button>
          ) : null}
        </div>
        <ol class="move-list" aria-label="Moves">
          {replayed.moves.map((move, k) => {
            const analysis = isConnect4 ? state.analyses[positionAt(k)] : undefined;
            const judgement = analysis === undefined ? null : judgeMove(analysis, Number(move.text));
            return (
              <li key={k} class={`${k + 1 === ply ? 'current' : ''} ${judgement ?? ''}`}>
                <button type="button" class="quiet" onClick={() => go(k + 1)}>
                  {k + 1}. {record.players[move.seat]}: {move.text}
                  {judgement !== null && judgement !== 'best' ? (
                    <span class="judgement"> — {JUDGEMENT_LABELS[judgement]}</span>
                  ) : null}
                </button>
              </li>
            );
          })}
        </ol>
      </div>
      {replayed.brokenAt !== undefined ? (
        <p class="problem">
          Move {replayed.brokenAt} of the record cannot be replayed; the replay stops before it.
        </p>
      ) : null}
    </section>
  );
}
