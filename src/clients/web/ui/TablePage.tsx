import { type AppState, matchKey, type TableInfo } from '../app/model.ts';
import type { ParlorApp } from '../app/parlor-app.ts';
import { selectTab } from '../app/reduce.ts';
import { mapName, seatsTaken } from './TankArenaCard.tsx';
import { seatColor } from './tank-drawing.ts';

/** Seats a match needs before the host may start it. */
const MIN_SEATS = 2;

/** The table the user sits at: who is there, its code and link, and (for the host) Start. */
export function TablePage({ app, state, table }: { app: ParlorApp; state: AppState; table: TableInfo }) {
  const host = table.host === state.me;
  const taken = seatsTaken(table);
  const link =
    table.code === null ? '' : `${window.location.origin}${window.location.pathname}?table=${table.code}`;
  const seconds = Number(table.options.durationSeconds ?? 0);
  const length = seconds <= 0 ? '' : seconds < 60 ? `, ${seconds} s` : `, ${Math.round(seconds / 60)} min`;

  return (
    <section class="page table-page" aria-label="Table">
      <div class="view-head">
        <h2>{table.host}’s table</h2>
        {table.private ? <span class="badge">private</span> : null}
        <span class="badge">{table.state === 'playing' ? 'playing' : 'waiting'}</span>
      </div>
      <p class="muted">
        Tank arena on {mapName(table.options.map)}
        {length} — {taken}/{table.seats} seats taken
      </p>
      <ul class="list" aria-label="At the table">
        {table.players.map((nick, i) => (
          <li key={nick} class="list-row">
            <span>
              <span class="swatch" style={{ background: seatColor(i) }} aria-hidden="true" />
              {nick}
              {nick === table.host ? <span class="muted"> (host)</span> : null}
              {nick === state.me ? <span class="muted"> (you)</span> : null}
            </span>
          </li>
        ))}
        {Array.from({ length: table.bots }, (_, i) => (
          <li key={`bot-${i}`} class="list-row">
            <span class="muted">Bot {i + 1}</span>
          </li>
        ))}
        {Array.from({ length: Math.max(0, table.seats - taken) }, (_, i) => (
          <li key={`free-${i}`} class="list-row free-seat">
            <span class="muted">Free seat</span>
          </li>
        ))}
      </ul>
      {table.code !== null ? (
        <div class="private-code">
          <p>
            Table code: <strong class="join-code">{table.code}</strong>
          </p>
          <p class="muted">
            or this link: <a href={link}>{link}</a>
          </p>
        </div>
      ) : null}
      <div class="row actions">
        {table.state === 'waiting' && host ? (
          <button type="button" class="primary" disabled={taken < MIN_SEATS} onClick={() => app.startTable()}>
            Start
          </button>
        ) : null}
        {table.state === 'waiting' && !host ? (
          <p class="muted" role="status">
            Waiting for {table.host} to start (it starts by itself when every seat is taken).
          </p>
        ) : null}
        {table.state === 'playing' && table.match !== null ? (
          <button
            type="button"
            class="primary"
            onClick={() => app.store.update((s) => selectTab(s, matchKey(table.match ?? '')))}
          >
            Open the match
          </button>
        ) : null}
        {link !== '' ? (
          <button type="button" onClick={() => void navigator.clipboard?.writeText(link)}>
            Copy the link
          </button>
        ) : null}
        <button type="button" onClick={() => app.leaveTable()}>
          Leave
        </button>
      </div>
    </section>
  );
}
