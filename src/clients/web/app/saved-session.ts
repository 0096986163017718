//
// The session kept across page reloads (J2): its resume token and nickname, in sessionStorage,
// which lives as long as the browser tab and is not shared with other tabs (each tab is its own
// session, as two terminals would be).
//

const KEY = 'parlor.session';

export interface SavedSession {
  readonly token: string;
  readonly nick: string;
}

export function loadSession(): SavedSession | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    if (raw === null) return null;
    const saved = JSON.parse(raw) as Partial<SavedSession>;
    return typeof saved.token === 'string' && typeof saved.nick === 'string'
      ? { token: saved.token, nick: saved.nick }
      : null;
  } catch {
    // Storage may be disabled (private mode); the page then simply starts anew after a reload.
    return null;
  }
}

export function saveSession(session: SavedSession): void {
  try {
    sessionStorage.setItem(KEY, JSON.stringify(session));
  } catch {
    // See loadSession.
  }
}

export function forgetSession(): void {
  try {
    sessionStorage.removeItem(KEY);
  } catch {
    // See loadSession.
  }
}
