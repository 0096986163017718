import type { ClientData, ServerData } from '../../protocol/index.ts';
import { Backoff, type ReconnectPolicy } from './backoff.ts';
import type { CloseInfo, ConnectionEvent } from './client-types.ts';
import { rethrowLater } from './emitter.ts';
import { ClientErrorCode, type ParlorError, type ParlorErrorCode } from './errors.ts';
import type { LinkFactory } from './link.ts';
import type { LinkConnection } from './link-connection.ts';
import type { Outgoing } from './outgoing.ts';
import { ResumeAttempt } from './resume-attempt.ts';
import type { Timers } from './timers.ts';

/** Codes after which reconnecting would be wrong: asked for, banned, replaced, or incompatible. */
const isFinal = (code: ParlorErrorCode | null): boolean =>
  code === null || code === 'BANNED' || code === 'SESSION_REPLACED' || code === 'PROTO_VERSION_UNSUPPORTED';

/** What the reconnector needs from the session it brings back. */
export interface ReconnectHost {
  /** True once the session has ended for good. */
  readonly ended: boolean;
  /** A new connection, made the current one. */
  connect(): LinkConnection;
  /** The data of `hello`, and of `session.resume` (token and last `seq`) at the time it is sent. */
  hello(): ClientData<'hello'>;
  resumeRequest(): ClientData<'session.resume'>;
  welcomed(connection: LinkConnection, welcome: ServerData<'welcome'>): void;
  resumed(connection: LinkConnection, attempt: number, data: ServerData<'session.resumed'>): void;
  refused(connection: LinkConnection, error: ParlorError): void;
  finish(info: CloseInfo): void;
  announce(event: ConnectionEvent): void;
}

/** Everything a reconnector works with. */
export interface ReconnectorOptions {
  /** Undefined: reconnecting is off, and a lost connection ends the session. */
  readonly policy: ReconnectPolicy | undefined;
  readonly timers: Timers;
  readonly random: () => number;
  readonly open: LinkFactory;
  readonly outgoing: Outgoing;
  readonly timeoutMs: number;
}

/**
 * Decides when and how to try again after a lost connection (B4): a wait with exponential backoff
 * and jitter, then a `ResumeAttempt` on a new link; a failed attempt means another wait, until
 * the session is back, a code says to stop (`BANNED`, `SESSION_REPLACED`, …), or attempts run out.
 *
 *   lost ──► waiting ──timer──► attempt ──resumed/refused──► (the host carries on)
 *               ▲                  │ failed
 *               └──────────────────┘
 */
export class Reconnector {
  readonly #options: ReconnectorOptions;
  readonly #host: ReconnectHost;
  readonly #backoff: Backoff | undefined;
  #attempt: ResumeAttempt | undefined;

  constructor(options: ReconnectorOptions, host: ReconnectHost) {
    this.#options = options;
    this.#host = host;
    const { policy, timers, random } = options;
    this.#backoff = policy && new Backoff(policy, timers, random);
  }

  /** The attempt in progress, if any: it claims the new connection's own messages. */
  get attempt(): ResumeAttempt | undefined {
    return this.#attempt;
  }

  /** The connection is gone, or an attempt failed: wait and try again, or end the session. */
  lost(info: CloseInfo): void {
    if (this.#host.ended) return;
    this.#abandon();
    this.#options.outgoing.drop(info.reason);
    const next = isFinal(info.code) ? undefined : this.#backoff?.schedule((n) => this.#reconnect(n));
    if (next !== undefined) {
      this.#host.announce({ state: 'reconnecting', ...next, reason: info.reason, code: info.code });
    } else if (this.#backoff === undefined || isFinal(info.code)) {
      this.#host.finish(info);
    } else {
      const reason = `Gave up after ${this.#backoff.attempts} attempts: ${info.reason}`;
      this.#host.finish({ reason, code: info.code ?? ClientErrorCode.CLIENT_DISCONNECTED });
    }
  }

  /** The session is back: the next loss starts again from the first delay. */
  succeeded(): void {
    this.#attempt = undefined;
    this.#backoff?.reset();
  }

  /** Stops waiting and abandons any attempt. */
  cancel(): void {
    this.#backoff?.cancel();
    this.#abandon();
  }

  #abandon(): void {
    this.#attempt?.cancel();
    this.#attempt = undefined;
  }

  #reconnect(number: number): void {
    if (this.#host.ended) return;
    const host = this.#host;
    const connection = host.connect();
    const { outgoing, timeoutMs, open } = this.#options;
    const attempt = new ResumeAttempt(connection, outgoing, timeoutMs, {
      welcomed: (welcome) => host.welcomed(connection, welcome),
      resumed: (data) => host.resumed(connection, number, data),
      refused: (error) => host.refused(connection, error),
      failed: (info) => this.lost(info),
    });
    this.#attempt = attempt;
    attempt.run(open, host.hello(), () => host.resumeRequest()).catch(rethrowLater);
  }
}
