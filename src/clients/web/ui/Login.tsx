import { useState } from 'preact/hooks';
import type { ParlorApp } from '../app/parlor-app.ts';

/** Choose a nickname (a guest), or log in to a registered one with its password. */
export function Login({ app, onIn }: { app: ParlorApp; onIn: () => void }) {
  const [nick, setNick] = useState('');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setProblem('');
    const result = await app.login(nick.trim(), password);
    setBusy(false);
    if (result.ok) onIn();
    else setProblem(result.message);
  };

  return (
    <div class="center-screen">
      <form class="login card" onSubmit={submit}>
        <h1 class="brand">
          <span class="brand-dot" aria-hidden="true" />
          Parlor
        </h1>
        <p class="muted">Chat, and play Connect Four with people or the computer.</p>
        <label>
          Nickname
          <input
            name="nick"
            autoComplete="username"
            required
            maxLength={32}
            value={nick}
            onInput={(e) => setNick(e.currentTarget.value)}
          />
        </label>
        <label>
          Password <span class="muted">(only for a registered nickname)</span>
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
        </label>
        <button type="submit" class="primary" disabled={busy || nick.trim() === ''}>
          {busy ? 'Connecting…' : 'Enter'}
        </button>
        <p class="problem" role="alert">
          {problem}
        </p>
      </form>
    </div>
  );
}
