import type { Config } from '../config/index.ts';
import type { ServerCore } from './handlers.ts';
import type { Peer } from './peer.ts';

type HeartbeatConfig = Pick<Config, 'pingIntervalMs' | 'pingMissLimit' | 'textIdleTimeoutMs'>;

/**
 * Pings idle connections and drops dead ones (A5). One timer sweeps every session, instead of a
 * timer per connection: a sweep over ten thousand sessions costs well under a millisecond.
 *
 *   JSON:  idle ≥ 1×interval → ping, ≥ 2×interval → ping, … ≥ (missLimit+1)×interval → drop
 *   text:  the same PING lines (any line answers), but dropped only after textIdleTimeoutMs
 */
export class Heartbeat {
  readonly #server: ServerCore;
  readonly #config: HeartbeatConfig;
  #timer: NodeJS.Timeout | undefined;

  constructor(server: ServerCore, config: HeartbeatConfig) {
    this.#server = server;
    this.#config = config;
  }

  start(): void {
    const sweepMs = Math.min(1000, Math.max(5, Math.floor(this.#config.pingIntervalMs / 4)));
    this.#timer = setInterval(() => this.sweep(), sweepMs);
    this.#timer.unref();
  }

  stop(): void {
    clearInterval(this.#timer);
  }

  /** Checks every session once. */
  sweep(): void {
    const now = this.#server.clock.now();
    for (const peer of [...this.#server.sessions.peers()]) this.#check(peer, now);
  }

  #check(peer: Peer, now: number): void {
    // A connection that received nothing since the last sweep is asked what it has, so that its
    // session forgets what it acknowledges: idle sessions keep (almost) nothing for replay.
    if (!peer.sentSinceSweep && peer.session.outbox.size > 0) peer.requestAck();
    peer.sentSinceSweep = false;
    const { pingIntervalMs, pingMissLimit, textIdleTimeoutMs } = this.#config;
    const idle = now - peer.lastSeenAt;
    if (idle < pingIntervalMs * (peer.pingsSent + 1)) return;
    const human = peer.mode !== 'json';
    if (human ? idle >= textIdleTimeoutMs : peer.pingsSent >= pingMissLimit) {
      const message = human
        ? `No activity for ${Math.round(idle / 1000)} s (limit ${Math.round(textIdleTimeoutMs / 1000)} s); closing. You can reconnect any time.`
        : `No answer to ${peer.pingsSent} pings; closing.`;
      this.#server.failPeer(peer, 'HEARTBEAT_TIMEOUT', message);
      return;
    }
    if (human) {
      peer.pingsSent += 1;
      peer.writeLines(['PING']);
    } else peer.ping();
  }
}
