import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { AppState, Line } from '../app/model.ts';
import type { ParlorApp } from '../app/parlor-app.ts';
import { tabLabel } from './TabList.tsx';

const time = (at: number): string =>
  new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

/** A room or a private conversation, as the main view: title, topic, log, input. */
export function ChatView({ app, state, chatKey }: { app: ParlorApp; state: AppState; chatKey: string }) {
  const room = chatKey.startsWith('room:') ? chatKey.slice(5) : null;
  const topic = room === null ? '' : (state.rooms[room]?.topic ?? '');
  return (
    <section class="chat-view" aria-label={tabLabel(state, chatKey)}>
      <div class="view-head">
        <h2>{tabLabel(state, chatKey)}</h2>
        {topic !== '' ? <span class="topic">{topic}</span> : null}
        {room !== null && room !== 'lobby' ? (
          <button type="button" class="quiet" onClick={() => app.leaveRoom(room)}>
            Leave
          </button>
        ) : null}
      </div>
      <Chat app={app} state={state} chatKey={chatKey} />
    </section>
  );
}

/** The log of one conversation and its input line (also the match chat). */
export function Chat({ app, state, chatKey }: { app: ParlorApp; state: AppState; chatKey: string }) {
  const lines = state.conversations[chatKey]?.lines ?? [];
  const [text, setText] = useState('');
  const log = useRef<HTMLOListElement>(null);
  const stuck = useRef(true);

  // Follow new lines only if the reader was at the bottom; never jump while they scroll back.
  useLayoutEffect(() => {
    const element = log.current;
    if (element !== null && stuck.current) element.scrollTop = element.scrollHeight;
  }, [lines]);

  const send = (event: Event) => {
    event.preventDefault();
    const line = text.trim();
    if (line === '') return;
    if (chatKey.startsWith('pm:')) app.tell(chatKey.slice(3), line);
    else app.say(chatKey.slice(5), line);
    setText('');
  };

  return (
    <div class="chat">
      <ol
        class="log"
        ref={log}
        aria-label="Messages"
        aria-live="polite"
        onScroll={(e) => {
          const el = e.currentTarget;
          stuck.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
        }}
      >
        {lines.map((line) => (
          <ChatLine key={line.n} line={line} me={state.me} />
        ))}
      </ol>
      <form class="say" onSubmit={send}>
        <input
          aria-label="Message"
          placeholder="Write a message…"
          maxLength={500}
          value={text}
          onInput={(e) => setText(e.currentTarget.value)}
        />
        <button type="submit" class="primary">
          Send
        </button>
      </form>
    </div>
  );
}

function ChatLine({ line, me }: { line: Line; me: string | null }) {
  if (line.from === null) {
    return (
      <li class="line notice">
        <time>{time(line.at)}</time> {line.text}
      </li>
    );
  }
  return (
    <li class={`line ${line.from === me ? 'mine' : ''}`}>
      <time>{time(line.at)}</time> <strong class="from">{line.from}</strong>{' '}
      <span class="text">{line.text}</span>
    </li>
  );
}
