import { useState } from 'preact/hooks';
import type { AppState } from '../app/model.ts';
import type { ParlorApp } from '../app/parlor-app.ts';

/** Who is here (the open room's members, or everyone), with their state, to message or challenge. */
export function People({ app, state }: { app: ParlorApp; state: AppState }) {
  const [shown, setShown] = useState(false);
  const room = state.active.startsWith('room:') ? state.rooms[state.active.slice(5)] : undefined;
  const people = Object.entries(room?.members ?? state.users).sort(([a], [b]) => a.localeCompare(b));
  return (
    <aside class={`people ${shown ? 'shown' : ''}`} aria-label="People">
      <button type="button" class="people-toggle" aria-expanded={shown} onClick={() => setShown(!shown)}>
        People ({people.length})
      </button>
      <h2 class="people-title">{room === undefined ? 'Everyone' : 'In this room'}</h2>
      <ul class="people-list">
        {people.map(([nick, userState]) => (
          <li key={nick} class="person" data-nick={nick}>
            <span class={`state-dot ${userState}`} title={userState} aria-hidden="true" />
            <span class="nick">{nick}</span>
            <span class="visually-hidden">({userState})</span>
            {nick === state.me ? (
              <span class="muted">you</span>
            ) : (
              <span class="person-actions">
                <button
                  type="button"
                  class="quiet"
                  aria-label={`Message ${nick}`}
                  onClick={() => app.openPrivate(nick)}
                >
                  Message
                </button>
                <button
                  type="button"
                  aria-label={`Challenge ${nick}`}
                  disabled={userState !== 'free' || state.users[state.me ?? ''] === 'playing'}
                  onClick={() => app.challenge({ to: nick })}
                >
                  Challenge
                </button>
              </span>
            )}
          </li>
        ))}
      </ul>
    </aside>
  );
}
