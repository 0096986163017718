import type { TextStyle } from '../../textmode/index.ts';
import type { ConnectionEvent } from '../sdk/index.ts';

/** A reason as the middle of a sentence: "The server is gone." → "the server is gone". */
const clause = (reason: string): string => {
  const trimmed = reason.trim().replace(/\.$/, '');
  return /^[A-Z][a-z]/.test(trimmed) ? trimmed.charAt(0).toLowerCase() + trimmed.slice(1) : trimmed;
};

/** "Cannot reach … (connection refused)" → "connection refused". */
const detail = (reason: string): string => /\(([^()]+)\)\.?$/.exec(reason)?.[1] ?? clause(reason);

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/**
 * What the terminal client says about its connection (B4), one event at a time:
 *
 *   * Connection lost (the server closed the connection). Reconnecting in 0.2 s… (attempt 1)
 *   * The server is down (connection refused); still trying…
 *   * Reconnecting in 0.5 s… (attempt 2)
 *   * Reconnected (3 missed messages shown above).
 *
 * "The server is down" is said once per outage, when an attempt finds nothing listening.
 */
export class ConnectionNotices {
  readonly #style: TextStyle;
  #saidDown = false;

  constructor(style: TextStyle) {
    this.#style = style;
  }

  /** The lines to print for `event` (none for `closed`, which ends the session with its own line). */
  lines(event: ConnectionEvent): string[] {
    const notice = (text: string): string => this.#style.notice(`* ${text}`);
    switch (event.state) {
      case 'reconnecting': {
        const next = `Reconnecting in ${seconds(event.delayMs)}… (attempt ${event.attempt})`;
        if (event.attempt === 1) {
          this.#saidDown = false;
          return [notice(`Connection lost (${clause(event.reason)}). ${next}`)];
        }
        if (event.code !== 'CLIENT_UNREACHABLE')
          return [notice(`Still not connected (${clause(event.reason)}). ${next}`)];
        if (this.#saidDown) return [notice(next)];
        this.#saidDown = true;
        return [notice(`The server is down (${detail(event.reason)}); still trying…`), notice(next)];
      }
      case 'reconnected': {
        const what = event.overflow
          ? 'too much was missed to replay; here is where things stand'
          : `${event.missed} missed ${event.missed === 1 ? 'message' : 'messages'} shown above`;
        return [notice(`Reconnected (${what}).`)];
      }
      case 'session-lost': {
        const as = event.nick === null ? '' : ` as ${this.#style.nick(event.nick)}`;
        return [
          notice(
            `Reconnected, but the session could not be resumed (${clause(event.reason)}); starting a new one${as}.`,
          ),
        ];
      }
      case 'connected':
        return event.nick === null ? [notice('Choose a nickname with /nick NAME.')] : [];
      case 'closed':
        return [];
    }
  }
}
