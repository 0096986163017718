import { type AppState, TABLE_TAB } from '../app/model.ts';
import type { ParlorApp } from '../app/parlor-app.ts';
import { ChatView } from './ChatView.tsx';
import { HistoryPage } from './HistoryPage.tsx';
import { MatchView } from './MatchView.tsx';
import { OperatorPage } from './OperatorPage.tsx';
import { PlayPage } from './PlayPage.tsx';
import { TablePage } from './TablePage.tsx';
import { TankMatchView } from './TankMatchView.tsx';
import { WatchPage } from './WatchPage.tsx';

/** What the open tab shows. */
export function MainView({ app, state }: { app: ParlorApp; state: AppState }) {
  const key = state.active;
  if (key === 'play') return <PlayPage app={app} state={state} />;
  if (key === 'watch') return <WatchPage app={app} state={state} />;
  if (key === 'history') return <HistoryPage app={app} state={state} />;
  if (key === 'operator') return <OperatorPage app={app} state={state} />;
  if (key === TABLE_TAB && state.table !== null)
    return <TablePage app={app} state={state} table={state.table} />;
  if (key.startsWith('match:')) {
    const match = state.matches[key.slice(6)];
    if (match?.info.realtime !== undefined) return <TankMatchView app={app} state={state} match={match} />;
    if (match !== undefined) return <MatchView app={app} state={state} match={match} />;
  }
  if (key.startsWith('room:') || key.startsWith('pm:'))
    return <ChatView app={app} state={state} chatKey={key} />;
  return <p class="muted">Nothing here.</p>;
}
