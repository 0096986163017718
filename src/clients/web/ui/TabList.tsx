import { useState } from 'preact/hooks';
import { type AppState, type Page, TABLE_TAB } from '../app/model.ts';
import type { ParlorApp } from '../app/parlor-app.ts';
import { selectTab } from '../app/reduce.ts';

const PAGE_LABELS: Record<Page, string> = {
  play: 'Play',
  watch: 'Watch',
  history: 'History',
  operator: 'Operator',
};

/** The tab's label: `#room`, `@nick`, or the players of a match. */
export function tabLabel(state: AppState, key: string): string {
  if (key.startsWith('room:')) return `#${key.slice(5)}`;
  if (key.startsWith('pm:')) return `@${key.slice(3)}`;
  if (key === TABLE_TAB) return 'Table';
  if (key.startsWith('match:')) {
    const match = state.matches[key.slice(6)];
    return match === undefined ? 'Match' : match.info.players.join(' vs ');
  }
  return PAGE_LABELS[key as Page] ?? key;
}

/** Rooms, private conversations and matches, with unread counts; the pages; joining a room. */
export function TabList({ app, state }: { app: ParlorApp; state: AppState }) {
  const [room, setRoom] = useState('');
  const pages: Page[] = ['play', 'watch', 'history', 'operator'];
  const open = (key: string) => app.store.update((s) => selectTab(s, key));

  const tab = (key: string) => {
    const unread = state.conversations[key]?.unread ?? 0;
    const label = tabLabel(state, key);
    return (
      <button
        type="button"
        role="tab"
        class={`tab ${key === state.active ? 'active' : ''}`}
        aria-selected={key === state.active}
        aria-label={unread > 0 ? `${label}, ${unread} unread` : label}
        onClick={() => open(key)}
      >
        <span class="tab-label">{label}</span>
        {unread > 0 ? (
          <span class="unread" aria-hidden="true">
            {unread}
          </span>
        ) : null}
      </button>
    );
  };

  return (
    <nav class="tabs" aria-label="Conversations and pages">
      <div class="tab-group" role="tablist" aria-label="Pages">
        {pages.map(tab)}
      </div>
      <div class="tab-group" role="tablist" aria-label="Conversations">
        {state.tabs.map(tab)}
      </div>
      <form
        class="join-room"
        onSubmit={(e) => {
          e.preventDefault();
          const name = room.trim().replace(/^#/, '');
          if (name === '') return;
          app.joinRoom(name);
          app.store.update((s) => selectTab(s, `room:${name.toLowerCase()}`));
          setRoom('');
        }}
      >
        <input
          aria-label="Room to join"
          placeholder="#room"
          value={room}
          onInput={(e) => setRoom(e.currentTarget.value)}
        />
        <button type="submit">Join</button>
      </form>
    </nav>
  );
}
