import type { AppState, ConnectionStatus } from '../app/model.ts';
import type { ParlorApp } from '../app/parlor-app.ts';

const LABELS: Record<ConnectionStatus, string> = {
  connecting: 'Connecting…',
  connected: 'Connected',
  reconnecting: 'Reconnecting…',
  down: 'Server down',
  closed: 'Disconnected',
};

/** The brand, who you are, and the connection state, always visible. */
export function Header({ app, state }: { app: ParlorApp; state: AppState }) {
  const { status, detail } = state.connection;
  return (
    <header class="header">
      <span class="brand">
        <span class="brand-dot" aria-hidden="true" />
        Parlor
      </span>
      <span
        class={`connection ${status}`}
        role="status"
        aria-live="polite"
        title={detail}
        data-status={status}
      >
        <span class="connection-dot" aria-hidden="true" />
        {LABELS[status]}
        {detail !== '' && status !== 'connected' ? <span class="connection-detail"> — {detail}</span> : null}
      </span>
      <span class="me">
        {state.operator ? (
          <span class="badge" title="Operator">
            op
          </span>
        ) : null}
        {state.me}
        {status === 'closed' ? (
          <button type="button" onClick={() => window.location.reload()}>
            Start again
          </button>
        ) : (
          <button type="button" class="quiet" onClick={() => void app.quit()}>
            Leave
          </button>
        )}
      </span>
    </header>
  );
}
