import { useState } from 'preact/hooks';
import type { AppState } from '../app/model.ts';
import type { ParlorApp } from '../app/parlor-app.ts';
import { describeChallenge } from './challenge-text.ts';
import { TankArenaCard } from './TankArenaCard.tsx';

/** Time controls offered in the browser (any other can be sent by the protocol). */
const CLOCKS: Record<string, { moveMs?: number; gameMs?: number }> = {
  none: {},
  'move-30s': { moveMs: 30_000 },
  'move-1m': { moveMs: 60_000 },
  'game-3m': { gameMs: 180_000 },
  'game-10m': { gameMs: 600_000 },
};
const CLOCK_LABELS: Record<string, string> = {
  none: 'No clock',
  'move-30s': '30 s per move',
  'move-1m': '1 min per move',
  'game-3m': '3 min per game',
  'game-10m': '10 min per game',
};
const LEVELS = ['easy', 'medium', 'hard', 'perfect'] as const;

/** Finding a game: quick match, the computer, a challenge, a private match and its code. */
export function PlayPage({ app, state }: { app: ParlorApp; state: AppState }) {
  const turnBased = state.games.filter((g) => g.kind === 'turn-based');
  const [game, setGame] = useState('connect4');
  const [first, setFirst] = useState<'random' | 'me' | 'them'>('random');
  const [clock, setClock] = useState('none');
  const [level, setLevel] = useState<(typeof LEVELS)[number]>('medium');
  const [opponent, setOpponent] = useState('');
  const [code, setCode] = useState('');

  const clockRequest = CLOCKS[clock] ?? {};
  const timing = Object.keys(clockRequest).length === 0 ? {} : { clock: clockRequest };
  // The creator of a challenge or private match takes seat 0.
  const options = first === 'random' ? {} : { options: { firstSeat: first === 'me' ? 0 : 1 } };
  const free = Object.entries(state.users)
    .filter(([nick, userState]) => nick !== state.me && userState === 'free')
    .map(([nick]) => nick)
    .sort();
  const link =
    state.privateMatch?.code == null
      ? ''
      : `${window.location.origin}${window.location.pathname}?join=${state.privateMatch.code}`;

  return (
    <section class="page play-page" aria-label="Play">
      <h2>Play</h2>
      <fieldset class="card settings">
        <legend>Game settings</legend>
        <label>
          Game
          <select value={game} onChange={(e) => setGame(e.currentTarget.value)}>
            {(turnBased.length === 0 ? [{ id: 'connect4', name: 'Connect Four' }] : turnBased).map((g) => (
              <option key={g.id} value={g.id}>
                {g.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Who starts
          <select value={first} onChange={(e) => setFirst(e.currentTarget.value as typeof first)}>
            <option value="random">Drawn at random</option>
            <option value="me">I start</option>
            <option value="them">My opponent starts</option>
          </select>
        </label>
        <label>
          Clock
          <select value={clock} onChange={(e) => setClock(e.currentTarget.value)}>
            {Object.keys(CLOCKS).map((id) => (
              <option key={id} value={id}>
                {CLOCK_LABELS[id]}
              </option>
            ))}
          </select>
        </label>
      </fieldset>

      <div class="play-grid">
        <div class="card">
          <h3>Quick match</h3>
          <p class="muted">Paired with the next player who asks, first come first served.</p>
          {state.queue === null ? (
            <button type="button" class="primary" onClick={() => app.joinQueue({ game, ...timing })}>
              Find an opponent
            </button>
          ) : (
            <p role="status">
              Waiting for an opponent ({state.queue.waiting} in the queue){' '}
              <button type="button" onClick={() => app.leaveQueue()}>
                Leave the queue
              </button>
            </p>
          )}
        </div>

        <div class="card">
          <h3>Against the computer</h3>
          <label>
            Level
            <select value={level} onChange={(e) => setLevel(e.currentTarget.value as typeof level)}>
              {LEVELS.map((l) => (
                <option key={l} value={l}>
                  {l}
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            class="primary"
            onClick={() => app.playComputer({ level, game: 'connect4', ...options, ...timing })}
          >
            Play the computer
          </button>
        </div>

        <form
          class="card"
          onSubmit={(e) => {
            e.preventDefault();
            if (opponent !== '') app.challenge({ to: opponent, game, ...options, ...timing });
          }}
        >
          <h3>Challenge a player</h3>
          <label>
            Player
            <select value={opponent} onChange={(e) => setOpponent(e.currentTarget.value)}>
              <option value="">{free.length === 0 ? 'Nobody is free' : 'Choose…'}</option>
              {free.map((nick) => (
                <option key={nick} value={nick}>
                  {nick}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" class="primary" disabled={opponent === ''}>
            Send the challenge
          </button>
          {state.outgoing
            .filter((c) => c.to !== null)
            .map((c) => (
              <p key={c.id} class="pending" role="status">
                Waiting for {c.to} ({describeChallenge(c)}){' '}
                <button type="button" onClick={() => app.cancel(c.to ?? undefined)}>
                  Cancel
                </button>
              </p>
            ))}
        </form>

        <div class="card">
          <h3>Private match</h3>
          {state.privateMatch === null ? (
            <button type="button" onClick={() => app.createPrivate({ game, ...options, ...timing })}>
              Create a private match
            </button>
          ) : (
            <div class="private-code">
              <p>
                Share this code: <strong class="join-code">{state.privateMatch.code}</strong>
              </p>
              <p class="muted">
                or this link: <a href={link}>{link}</a>
              </p>
              <div class="row">
                <button type="button" onClick={() => void navigator.clipboard?.writeText(link)}>
                  Copy the link
                </button>
                <button type="button" onClick={() => app.cancel()}>
                  Close it
                </button>
              </div>
            </div>
          )}
          <form
            class="row"
            onSubmit={(e) => {
              e.preventDefault();
              if (code.trim() !== '') app.joinByCode(code);
              setCode('');
            }}
          >
            <input
              aria-label="Join code"
              placeholder="Code"
              maxLength={12}
              value={code}
              onInput={(e) => setCode(e.currentTarget.value)}
            />
            <button type="submit">Join by code</button>
          </form>
        </div>
      </div>

      <TankArenaCard app={app} state={state} />
    </section>
  );
}
