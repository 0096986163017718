import type { AppState, MatchState } from '../app/model.ts';
import type { ParlorApp } from '../app/parlor-app.ts';
import { describeResult } from '../app/reduce.ts';
import { Chat } from './ChatView.tsx';
import { TankView } from './TankView.tsx';

/** A tank match played or watched: the arena, the scoreboard, then the result and another round. */
export function TankMatchView({ app, state, match }: { app: ParlorApp; state: AppState; match: MatchState }) {
  const { info, result } = match;
  const table = state.table;
  const atTable = table !== null && (table.match === info.id || table.players.includes(state.me ?? ''));
  const host = atTable && table?.host === state.me;

  let status = info.seat === null ? 'Watching' : 'Fight!';
  if (result !== null) status = describeResult(result);

  return (
    <section class="tank-match" aria-label={`Tank match ${info.players.join(', ')}`}>
      <div class="view-head">
        <h2>Tank arena</h2>
        {info.seat === null ? <span class="badge">watching</span> : null}
        <p class="status" role="status" aria-live="polite" data-testid="match-status">
          {status}
        </p>
      </div>
      <TankView app={app} matchId={info.id} names={info.players} seat={info.seat}>
        <div class="row actions">
          {result !== null && host ? (
            <button type="button" class="primary" onClick={() => app.startTable()}>
              Play again
            </button>
          ) : null}
          {result !== null && atTable && !host ? (
            <p class="muted" role="status">
              Waiting for {table?.host} to start another round.
            </p>
          ) : null}
          {atTable ? (
            <button type="button" onClick={() => app.leaveTable()}>
              Leave the table
            </button>
          ) : null}
          {info.seat === null && result === null ? (
            <button type="button" onClick={() => app.unwatch(info.id)}>
              Stop watching
            </button>
          ) : null}
        </div>
        <section class="match-chat" aria-label="Match chat">
          <h3>Match chat</h3>
          <Chat app={app} state={state} chatKey={`room:${info.room}`} />
        </section>
      </TankView>
    </section>
  );
}
