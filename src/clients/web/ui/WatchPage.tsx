import { useEffect } from 'preact/hooks';
import type { AppState } from '../app/model.ts';
import type { ParlorApp } from '../app/parlor-app.ts';

/** Live public matches, to watch. */
export function WatchPage({ app, state }: { app: ParlorApp; state: AppState }) {
  useEffect(() => app.listMatches(), [app]);
  return (
    <section class="page" aria-label="Watch">
      <div class="view-head">
        <h2>Live matches</h2>
        <button type="button" onClick={() => app.listMatches()}>
          Refresh
        </button>
      </div>
      {state.live.length === 0 ? <p class="muted">No public match is being played.</p> : null}
      <ul class="list">
        {state.live.map((m) => (
          <li key={m.id} class="list-row">
            <span>
              <strong>{m.players.join(' vs ')}</strong> <span class="muted">{m.game}</span>
            </span>
            <span class="muted">
              {m.moves} moves, {m.spectators} watching
            </span>
            <button
              type="button"
              aria-label={`Watch ${m.players.join(' vs ')}`}
              onClick={() => app.watch(m.id)}
            >
              Watch
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
