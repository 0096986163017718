import { type Connect4, findGame } from '../../../games/index.ts';
import type { AppState, MatchState } from '../app/model.ts';
import type { ParlorApp } from '../app/parlor-app.ts';
import { describeResult } from '../app/reduce.ts';
import { Board, discColor } from './Board.tsx';
import { Chat } from './ChatView.tsx';
import { Clocks } from './Clocks.tsx';
import { TextBoard } from './TextBoard.tsx';

/** A match being played or watched: players, whose turn, clocks, the board, actions and the match chat. */
export function MatchView({ app, state, match }: { app: ParlorApp; state: AppState; match: MatchState }) {
  const { info, result } = match;
  const seat = info.seat;
  const isConnect4 = info.game === 'connect4';
  const view = match.view as Connect4.Connect4View;
  // Every turn-based view of ours says whose turn it is (`toMove`).
  const toMove = result === null ? ((match.view as { toMove?: number | null }).toMove ?? null) : null;
  const myTurn = seat !== null && toMove === seat;
  // After the game, the position before the last move: which column would have won.
  const reviewed = isConnect4 && result !== null ? view.moves.slice(0, -1) : null;
  const analysis = reviewed === null ? undefined : state.analyses[reviewed];

  let status: string;
  if (result !== null) status = describeResult(result);
  else if (toMove === null) status = 'Playing';
  else if (myTurn) status = 'Your turn';
  else status = `${info.players[toMove]} to move`;

  return (
    <section class="match-view" aria-label={`Match ${info.players.join(' vs ')}`}>
      <div class="match-main">
        <div class="view-head">
          <h2 class="players">
            {info.players.map((nick, s) => (
              <span key={nick} class="player">
                {isConnect4 ? <span class={`disc small ${discColor(view, s)}`} aria-hidden="true" /> : null}
                {nick}
                {match.away.includes(nick) ? <span class="muted"> (away)</span> : null}
                {s === 0 ? <span class="vs"> vs </span> : null}
              </span>
            ))}
          </h2>
          {seat === null ? <span class="badge">watching</span> : null}
        </div>
        <p
          class={`status ${myTurn ? 'my-turn' : ''}`}
          role="status"
          aria-live="polite"
          data-testid="match-status"
        >
          {status}
          {match.lastMove !== null && result === null ? (
            <span class="muted">
              {' '}
              — last: {match.lastMove.by} played {match.lastMove.text}
            </span>
          ) : null}
        </p>
        <Clocks match={match} toMove={toMove} />
        {isConnect4 ? (
          <Board
            view={view}
            label="Connect Four board"
            analysis={analysis}
            {...(myTurn ? { onPlay: (column: number) => app.move(info.id, match.version, { column }) } : {})}
          />
        ) : (
          <TextBoard
            text={renderText(info.game, match.view, info.players)}
            {...(myTurn ? { onMove: (text: string) => app.move(info.id, match.version, { text }) } : {})}
          />
        )}
        <div class="row actions">
          {seat !== null && result === null ? (
            <button
              type="button"
              class="danger"
              onClick={() => {
                if (window.confirm('Resign this match?')) app.resign(info.id);
              }}
            >
              Resign
            </button>
          ) : null}
          {seat !== null && result !== null ? (
            <button type="button" class="primary" onClick={() => app.rematch(info.id)}>
              {match.rematchOfferedBy !== null && match.rematchOfferedBy !== state.me
                ? `Accept ${match.rematchOfferedBy}'s rematch`
                : 'Rematch'}
            </button>
          ) : null}
          {reviewed !== null && analysis === undefined ? (
            <button type="button" onClick={() => void app.analyze(reviewed)}>
              Analyze the last move
            </button>
          ) : null}
          {match.record !== null ? (
            <button type="button" onClick={() => app.openRecord(match.record ?? '')}>
              Replay
            </button>
          ) : null}
          {seat === null && result === null ? (
            <button type="button" onClick={() => app.unwatch(info.id)}>
              Stop watching
            </button>
          ) : null}
        </div>
        {match.rematchOfferedBy !== null && match.rematchOfferedBy !== state.me ? (
          <p role="status">{match.rematchOfferedBy} offers a rematch.</p>
        ) : null}
        {analysis !== undefined ? (
          <p class="muted">
            Scores before the last move, for the player who made it: positive wins (the higher, the sooner), 0
            draws, negative loses.
          </p>
        ) : null}
      </div>
      <aside class="match-chat" aria-label="Match chat">
        <h3>Match chat</h3>
        <Chat app={app} state={state} chatKey={`room:${info.room}`} />
      </aside>
    </section>
  );
}

function renderText(gameId: string, view: unknown, players: readonly string[]): string {
  const game = findGame(gameId);
  return game?.kind === 'turn-based' ? game.renderText(view as never, players) : '';
}
