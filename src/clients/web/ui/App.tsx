import { useEffect, useState } from 'preact/hooks';
import type { ParlorApp } from '../app/parlor-app.ts';
import { useAppState } from '../app/store.ts';
import { Header } from './Header.tsx';
import { Login } from './Login.tsx';
import { MainView } from './MainView.tsx';
import { Notifications } from './Notifications.tsx';
import { People } from './People.tsx';
import { TabList } from './TabList.tsx';

type Phase = 'resuming' | 'login' | 'in';

/** The whole page: the login screen, or the lobby with its tabs, people and notifications. */
export function App({ app }: { app: ParlorApp }) {
  const [phase, setPhase] = useState<Phase>('resuming');
  const state = useAppState(app.store);

  useEffect(() => {
    void app.resumeSaved().then((resumed) => setPhase(resumed ? 'in' : 'login'));
  }, [app]);

  // A shared link joins once logged in: `/?join=CODE` a private match, `/?table=CODE` a table.
  useEffect(() => {
    if (phase !== 'in') return;
    const url = new URL(window.location.href);
    const match = url.searchParams.get('join');
    const table = url.searchParams.get('table');
    if (match === null && table === null) return;
    url.searchParams.delete('join');
    url.searchParams.delete('table');
    window.history.replaceState(null, '', url);
    if (match !== null) app.joinByCode(match);
    if (table !== null) app.joinTable({ code: table });
  }, [app, phase]);

  if (phase === 'resuming') {
    return (
      <div class="center-screen" role="status">
        Resuming your session…
      </div>
    );
  }
  if (phase === 'login' || state.me === null) {
    return <Login app={app} onIn={() => setPhase('in')} />;
  }
  return (
    <div class="shell">
      <Header app={app} state={state} />
      <TabList app={app} state={state} />
      <main class="main" id="main">
        <MainView app={app} state={state} />
      </main>
      <People app={app} state={state} />
      <Notifications app={app} state={state} />
    </div>
  );
}
