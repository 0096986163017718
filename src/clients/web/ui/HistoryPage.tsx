import { useEffect, useState } from 'preact/hooks';
import type { AppState } from '../app/model.ts';
import type { ParlorApp } from '../app/parlor-app.ts';
import { describeResult } from '../app/reduce.ts';
import { ReplayViewer } from './ReplayViewer.tsx';

/** A player's past matches (yours by default), and the replay viewer. */
export function HistoryPage({ app, state }: { app: ParlorApp; state: AppState }) {
  const [player, setPlayer] = useState('');
  useEffect(() => app.listRecords(), [app]);
  return (
    <section class="page history-page" aria-label="History">
      <div class="view-head">
        <h2>Past matches</h2>
        <form
          class="row"
          onSubmit={(e) => {
            e.preventDefault();
            app.listRecords(player.trim());
          }}
        >
          <input
            aria-label="Player"
            placeholder={state.me ?? 'player'}
            value={player}
            onInput={(e) => setPlayer(e.currentTarget.value)}
          />
          <button type="submit">Show matches</button>
        </form>
      </div>
      {state.replay !== null ? <ReplayViewer app={app} state={state} replay={state.replay} /> : null}
      {state.records.length === 0 ? (
        <p class="muted">No matches listed yet: choose a player and press “Show matches”.</p>
      ) : null}
      <ul class="list">
        {state.records.map((r) => (
          <li key={r.id} class="list-row">
            <span>
              <strong>{r.players.join(' vs ')}</strong> <span class="muted">{r.game}</span>
            </span>
            <span class="muted">
              {describeResult(r)}, {r.moves} moves, {new Date(r.endedAt).toLocaleString()}
            </span>
            <button
              type="button"
              aria-label={`Replay ${r.players.join(' vs ')}`}
              onClick={() => app.openRecord(r.id)}
            >
              Replay
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
