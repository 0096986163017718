import { useEffect, useState } from 'preact/hooks';
import type { AppState } from '../app/model.ts';
import type { ParlorApp } from '../app/parlor-app.ts';

const DURATIONS: Record<string, number | undefined> = {
  '10 minutes': 600_000,
  '1 hour': 3_600_000,
  '1 day': 86_400_000,
  'Until forgiven': undefined,
};

/** Operator tools (D1): log in with the secret, then the list of users and what to do to them. */
export function OperatorPage({ app, state }: { app: ParlorApp; state: AppState }) {
  const [secret, setSecret] = useState('');
  const [reason, setReason] = useState('');
  const [duration, setDuration] = useState('1 hour');
  const [address, setAddress] = useState('');
  useEffect(() => {
    if (state.operator) app.operList();
  }, [app, state.operator]);

  if (!state.operator) {
    return (
      <section class="page" aria-label="Operator">
        <h2>Operator</h2>
        <form
          class="card row"
          onSubmit={(e) => {
            e.preventDefault();
            app.operLogin(secret);
            setSecret('');
          }}
        >
          <label>
            Operator secret
            <input type="password" value={secret} onInput={(e) => setSecret(e.currentTarget.value)} />
          </label>
          <button type="submit" class="primary" disabled={secret === ''}>
            Become operator
          </button>
        </form>
      </section>
    );
  }

  const durationMs = DURATIONS[duration];
  const timed = durationMs === undefined ? {} : { durationMs };
  const why = reason.trim() === '' ? {} : { reason: reason.trim() };
  return (
    <section class="page" aria-label="Operator">
      <div class="view-head">
        <h2>Operator</h2>
        <button type="button" onClick={() => app.operList()}>
          Refresh
        </button>
      </div>
      <div class="card row settings">
        <label>
          Reason
          <input
            value={reason}
            onInput={(e) => setReason(e.currentTarget.value)}
            placeholder="Shown to the user"
          />
        </label>
        <label>
          For
          <select value={duration} onChange={(e) => setDuration(e.currentTarget.value)}>
            {Object.keys(DURATIONS).map((d) => (
              <option key={d}>{d}</option>
            ))}
          </select>
        </label>
        <form
          class="row"
          onSubmit={(e) => {
            e.preventDefault();
            if (address.trim() !== '') app.ban({ target: address.trim(), ...timed, ...why });
          }}
        >
          <input
            aria-label="Address to ban"
            placeholder="IP address"
            value={address}
            onInput={(e) => setAddress(e.currentTarget.value)}
          />
          <button type="submit">Ban address</button>
        </form>
      </div>
      <table class="oper-table">
        <thead>
          <tr>
            <th scope="col">Nickname</th>
            <th scope="col">Address</th>
            <th scope="col">State</th>
            <th scope="col">Idle</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {state.operUsers.map((u) => (
            <tr key={u.nick} data-nick={u.nick}>
              <td>
                {u.nick}
                {u.operator ? <span class="badge">op</span> : null}
                {u.suspendedUntil !== null ? <span class="badge warn">muted</span> : null}
              </td>
              <td>
                {u.address ?? 'away'} {u.transport === null ? '' : `(${u.transport}, ${u.mode})`}
              </td>
              <td>{u.state}</td>
              <td>{Math.round(u.idleMs / 1000)} s</td>
              <td class="row">
                <button type="button" onClick={() => app.suspend({ nick: u.nick, ...timed, ...why })}>
                  Suspend
                </button>
                <button type="button" onClick={() => app.forgive(u.nick)}>
                  Forgive
                </button>
                <button type="button" onClick={() => app.kick({ nick: u.nick, ...why })}>
                  Kick
                </button>
                <button
                  type="button"
                  class="danger"
                  onClick={() => app.ban({ target: u.nick, ...timed, ...why })}
                >
                  Ban
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
