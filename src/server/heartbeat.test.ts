import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ServerCore } from './handlers.ts';
import { Heartbeat } from './heartbeat.ts';
import type { Peer } from './peer.ts';

/** A JSON connection silent for 10 s, as much of a `Peer` as the heartbeat reads. */
const silentPeer = () => ({
  mode: 'json' as const,
  closed: false,
  lastSeenAt: Date.now() - 10_000,
  pingsSent: 0,
  sentSinceSweep: false,
  session: { outbox: { size: 0 } },
  pings: 0,
  ping() {
    this.pings += 1;
    this.pingsSent += 1;
  },
  requestAck() {},
  writeLines() {},
});

describe('Heartbeat sweep', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('checks every session once per sweep, a twentieth of them at each turn, not all at once', () => {
    const peers = Array.from({ length: 100 }, silentPeer);
    const failed: unknown[] = [];
    const server = {
      clock: { now: () => Date.now() },
      sessions: { peers: () => peers as unknown as Peer[] },
      failPeer: (peer: unknown) => failed.push(peer),
    } as unknown as ServerCore;
    const heartbeat = new Heartbeat(server, {
      pingIntervalMs: 4000,
      pingMissLimit: 2,
      textIdleTimeoutMs: 60_000,
    });
    heartbeat.start();
    const pinged = () => peers.filter((p) => p.pings > 0).length;

    vi.advanceTimersByTime(50); // one turn (a sweep of 1 s in 20 turns)
    expect(pinged()).toBe(5);
    vi.advanceTimersByTime(450);
    expect(pinged()).toBe(50);
    vi.advanceTimersByTime(500); // the sweep is over: each one pinged once
    expect(pinged()).toBe(100);
    expect(peers.every((p) => p.pings === 1)).toBe(true);
    // Silent for 11–12 s at an interval of 4 s: a second ping; at 12 s and more, with 2 pings
    // unanswered (the limit), dropped.
    vi.advanceTimersByTime(1000);
    expect(peers.every((p) => p.pings === 2)).toBe(true);
    expect(failed).toHaveLength(0);
    vi.advanceTimersByTime(1000);
    expect(failed).toHaveLength(100);
    heartbeat.stop();
  });

  it('leaves a closed session out, and takes in a new one at the next sweep', () => {
    const peers = Array.from({ length: 40 }, silentPeer);
    const server = {
      clock: { now: () => Date.now() },
      sessions: { peers: () => peers as unknown as Peer[] },
      failPeer: () => {},
    } as unknown as ServerCore;
    const heartbeat = new Heartbeat(server, {
      pingIntervalMs: 4000,
      pingMissLimit: 5,
      textIdleTimeoutMs: 60_000,
    });
    heartbeat.start();
    vi.advanceTimersByTime(50); // the sweep has started (and checked the first two)
    (peers[39] as ReturnType<typeof silentPeer>).closed = true;
    const late = silentPeer();
    peers.push(late);
    vi.advanceTimersByTime(950);
    expect(peers.slice(0, 39).every((p) => p.pings === 1)).toBe(true);
    expect(peers[39]?.pings).toBe(0);
    expect(late.pings).toBe(0); // not in the sweep that had started
    vi.advanceTimersByTime(1000);
    expect(late.pings).toBe(1);
    expect(peers.slice(0, 39).every((p) => p.pings === 2)).toBe(true);
    heartbeat.stop();
  });
});
