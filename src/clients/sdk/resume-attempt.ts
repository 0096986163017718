import type { ClientData, ServerData, ServerMessage } from '../../protocol/index.ts';
import type { CloseInfo } from './client-types.ts';
import type { ParlorError } from './errors.ts';
import type { LinkFactory } from './link.ts';
import type { LinkConnection } from './link-connection.ts';
import type { Outgoing } from './outgoing.ts';
import type { Settlement } from './pending-requests.ts';

/** How a reconnect attempt turns out. */
export interface AttemptOutcome {
  /** The new connection was welcomed (its limits apply from now on). */
  welcomed(welcome: ServerData<'welcome'>): void;
  /** The session is back; its missed messages were delivered just before. */
  resumed(data: ServerData<'session.resumed'>): void;
  /** The server refused the resume (it no longer knows the session); the connection is usable. */
  refused(error: ParlorError): void;
  /** No answer in time, or a failure of the connection: try again later. */
  failed(info: CloseInfo): void;
}

/**
 * One reconnect attempt on a new connection (B4): `hello`, then `session.resume` with the token and
 * the last `seq` seen. Until the resume is sent, whatever the connection's own new session says is
 * the attempt's business, not the user's; so is a refusal of the resume. Replayed messages and
 * `session.resumed` itself belong to the resumed session and go to the listeners.
 */
export class ResumeAttempt {
  readonly #connection: LinkConnection;
  readonly #outgoing: Outgoing;
  readonly #timeoutMs: number;
  readonly #outcome: AttemptOutcome;
  #resumeId: number | undefined;
  #cancelled = false;

  constructor(connection: LinkConnection, outgoing: Outgoing, timeoutMs: number, outcome: AttemptOutcome) {
    this.#connection = connection;
    this.#outgoing = outgoing;
    this.#timeoutMs = timeoutMs;
    this.#outcome = outcome;
  }

  /** Opens the link, says `hello`, and once welcomed asks to resume with what `resume` gives then. */
  async run(
    open: LinkFactory,
    hello: ClientData<'hello'>,
    resume: () => ClientData<'session.resume'>,
  ): Promise<void> {
    try {
      await this.#connection.open(open);
    } catch (error) {
      const failure = error as ParlorError;
      if (!this.#cancelled) this.#outcome.failed({ reason: failure.message, code: failure.code });
      return;
    }
    if (this.#cancelled) return;
    this.#ask('hello', hello, (welcome) => {
      this.#outcome.welcomed(welcome.data as ServerData<'welcome'>);
      this.#resumeId = this.#ask(
        'session.resume',
        resume(),
        (resumed) => this.#outcome.resumed(resumed.data as ServerData<'session.resumed'>),
        (refusal) => this.#outcome.refused(refusal),
      );
    });
  }

  /** True for the messages that are the attempt's own (see above). */
  claims(message: ServerMessage): boolean {
    return this.#resumeId === undefined || (message.type === 'error' && message.re === this.#resumeId);
  }

  /** Abandons the attempt: lets go of its connection and ignores whatever happens next. */
  cancel(): void {
    this.#cancelled = true;
    this.#connection.close();
  }

  /**
   * Sends a request of the attempt. The reply goes to `onReply`; an `error` reply to `onRefusal`
   * if given; anything else (an `error` without `onRefusal`, no reply in time) fails the attempt.
   */
  #ask<K extends 'hello' | 'session.resume'>(
    type: K,
    data: ClientData<K>,
    onReply: (reply: ServerMessage) => void,
    onRefusal?: (error: ParlorError) => void,
  ): number {
    const settled = (settlement: Settlement): void => {
      if (this.#cancelled) return;
      if (settlement.ok) onReply(settlement.reply);
      else if (onRefusal !== undefined && !settlement.error.code.startsWith('CLIENT_')) {
        onRefusal(settlement.error);
      } else this.#outcome.failed({ reason: settlement.error.message, code: settlement.error.code });
    };
    return this.#outgoing.ask(this.#connection, type, data, this.#timeoutMs, settled);
  }
}
