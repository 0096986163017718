import { describe, expect, it } from 'vitest';
import { ConnectionNotices } from './connection-notices.ts';
import { terminalStyle } from './style.ts';

const unreachable = {
  state: 'reconnecting',
  reason: 'Cannot reach the Parlor server at 127.0.0.1:4000 (connection refused)',
  code: 'CLIENT_UNREACHABLE',
} as const;

describe('ConnectionNotices', () => {
  it('says the connection was lost, then once per outage that the server is down, then each wait', () => {
    const notices = new ConnectionNotices(terminalStyle(false));
    const lost = {
      reason: 'The server is shutting down; reconnect later.',
      code: 'SERVER_SHUTTING_DOWN',
    } as const;
    expect(notices.lines({ state: 'reconnecting', attempt: 1, delayMs: 188, ...lost })).toEqual([
      '* Connection lost (the server is shutting down; reconnect later). Reconnecting in 0.2 s… (attempt 1)',
    ]);
    expect(notices.lines({ ...unreachable, attempt: 2, delayMs: 450 })).toEqual([
      '* The server is down (connection refused); still trying…',
      '* Reconnecting in 0.5 s… (attempt 2)',
    ]);
    expect(notices.lines({ ...unreachable, attempt: 3, delayMs: 1234 })).toEqual([
      '* Reconnecting in 1.2 s… (attempt 3)',
    ]);
    const timeout = { state: 'reconnecting', attempt: 4, delayMs: 2000, code: 'CLIENT_TIMEOUT' } as const;
    expect(notices.lines({ ...timeout, reason: 'No reply to "hello" (id 9) within 10000 ms.' })).toEqual([
      '* Still not connected (no reply to "hello" (id 9) within 10000 ms). Reconnecting in 2.0 s… (attempt 4)',
    ]);
    // A new outage says "down" again.
    notices.lines({
      state: 'reconnecting',
      attempt: 1,
      delayMs: 200,
      reason: 'the server closed the connection',
      code: 'CLIENT_DISCONNECTED',
    });
    expect(notices.lines({ ...unreachable, attempt: 2, delayMs: 450 })).toHaveLength(2);
  });

  it('says how the session came back', () => {
    const notices = new ConnectionNotices(terminalStyle(false));
    expect(notices.lines({ state: 'reconnected', attempt: 1, missed: 1, overflow: false })).toEqual([
      '* Reconnected (1 missed message shown above).',
    ]);
    expect(notices.lines({ state: 'reconnected', attempt: 1, missed: 0, overflow: true })).toEqual([
      '* Reconnected (too much was missed to replay; here is where things stand).',
    ]);
    const reason = 'No session has this resume token.';
    expect(
      notices.lines({ state: 'session-lost', code: 'RESUME_INVALID_TOKEN', reason, nick: 'olga' }),
    ).toEqual([
      '* Reconnected, but the session could not be resumed (no session has this resume token); starting a new one as olga.',
    ]);
    expect(notices.lines({ state: 'connected', nick: 'olga' })).toEqual([]);
    expect(notices.lines({ state: 'connected', nick: null })).toEqual([
      '* Choose a nickname with /nick NAME.',
    ]);
    expect(notices.lines({ state: 'closed', info: { reason: 'bye', code: null } })).toEqual([]);
  });
});
