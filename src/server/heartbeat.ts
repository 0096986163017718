import type { Config } from '../config/index.ts';
import type { ServerCore } from './handlers.ts';
import type { Peer } from './peer.ts';

type HeartbeatConfig = Pick<Config, 'pingIntervalMs' | 'pingMissLimit' | 'textIdleTimeoutMs'>;

/** A sweep is spread over this many timer turns, each checking its share of the sessions. */
const SLICES_PER_SWEEP = 20;
/** …but a turn comes at most every 5 ms (short test intervals sweep in fewer turns). */
const MIN_SLICE_MS = 5;

/**
 * Pings idle connections and drops dead ones (A5). One timer checks every session once per sweep,
 * instead of a timer per connection. The sweep is spread over 20 turns: checking is cheap, but the
 * pings and ack requests it sends (a write per quiet connection) would otherwise leave in one burst
 * of thousands of writes once a second, a stall of many milliseconds for everything else.
 *
 *   JSON:  idle ≥ 1×interval → ping, ≥ 2×interval → ping, … ≥ (missLimit+1)×interval → drop
 *   text:  the same PING lines (any line answers), but dropped only after textIdleTimeoutMs
 */
export class Heartbeat {
  readonly #server: ServerCore;
  readonly #config: HeartbeatConfig;
  #timer: NodeJS.Timeout | undefined;
  /** The sessions of the sweep in progress, and the turn of the sweep (0 to slices − 1). */
  #round: Peer[] = [];
  #slice = 0;

  constructor(server: ServerCore, config: HeartbeatConfig) {
    this.#server = server;
    this.#config = config;
  }

  start(): void {
    const sweepMs = Math.min(1000, Math.max(5, Math.floor(this.#config.pingIntervalMs / 4)));
    const slices = Math.max(1, Math.min(SLICES_PER_SWEEP, Math.floor(sweepMs / MIN_SLICE_MS)));
    this.#timer = setInterval(() => this.#sweepSlice(slices), sweepMs / slices);
    this.#timer.unref();
  }

  stop(): void {
    clearInterval(this.#timer);
  }

  /**
   * Checks the next 1/slices of the sessions, so that each is checked once per sweep; a session
   * opened meanwhile waits for the next sweep.
   */
  #sweepSlice(slices: number): void {
    if (this.#slice === 0) this.#round = [...this.#server.sessions.peers()];
    const count = this.#round.length;
    const end = Math.floor(((this.#slice + 1) * count) / slices);
    const now = this.#server.clock.now();
    for (let i = Math.floor((this.#slice * count) / slices); i < end; i++) {
      const peer = this.#round[i] as Peer;
      if (!peer.closed) this.#check(peer, now);
    }
    this.#slice = (this.#slice + 1) % slices;
    if (this.#slice === 0) this.#round = [];
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
