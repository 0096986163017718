import { useEffect, useState } from 'preact/hooks';
import type { AppState, Challenge, Toast } from '../app/model.ts';
import type { ParlorApp } from '../app/parlor-app.ts';
import { dismissToast } from '../app/reduce.ts';
import { describeChallenge } from './challenge-text.ts';

const TOAST_MS = 6000;

/** Incoming challenges to accept or decline, and passing notices; an overlay, so nothing shifts. */
export function Notifications({ app, state }: { app: ParlorApp; state: AppState }) {
  return (
    <div class="notifications">
      <section aria-label="Challenges" aria-live="polite">
        {state.incoming.map((challenge) => (
          <IncomingChallenge key={challenge.id} app={app} challenge={challenge} />
        ))}
      </section>
      <section aria-label="Notices" aria-live="polite">
        {state.toasts.map((toast) => (
          <ToastCard key={toast.id} app={app} toast={toast} />
        ))}
      </section>
    </div>
  );
}

function IncomingChallenge({ app, challenge }: { app: ParlorApp; challenge: Challenge }) {
  const [reason, setReason] = useState('');
  return (
    <div class="card challenge" role="alertdialog" aria-label={`Challenge from ${challenge.from}`}>
      <p>
        <strong>{challenge.from}</strong> challenges you: {describeChallenge(challenge)}
      </p>
      <input
        aria-label="Reason to decline (optional)"
        placeholder="Reason (optional)"
        value={reason}
        onInput={(e) => setReason(e.currentTarget.value)}
      />
      <div class="row">
        <button type="button" class="primary" onClick={() => app.accept(challenge.from)}>
          Accept
        </button>
        <button type="button" onClick={() => app.decline(challenge.from, reason.trim())}>
          Decline
        </button>
      </div>
    </div>
  );
}

function ToastCard({ app, toast }: { app: ParlorApp; toast: Toast }) {
  useEffect(() => {
    const timer = setTimeout(() => app.store.update((s) => dismissToast(s, toast.id)), TOAST_MS);
    return () => clearTimeout(timer);
  }, [app, toast.id]);
  return (
    <div class={`card toast ${toast.tone}`} role={toast.tone === 'error' ? 'alert' : 'status'}>
      <span>{toast.text}</span>
      <button
        type="button"
        class="quiet"
        aria-label="Dismiss"
        onClick={() => app.store.update((s) => dismissToast(s, toast.id))}
      >
        ×
      </button>
    </div>
  );
}
