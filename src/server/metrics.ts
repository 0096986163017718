import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { ClientMessageType, ErrorCode, ServerMessageType } from '../protocol/index.ts';
import type { TransportKind } from '../transport/index.ts';

/** Per-label tallies kept as plain numbers on the hot path, read by Prometheus at scrape time. */
export class Tally<K extends string> {
  readonly counts = new Map<K, number>();

  add(key: K, n = 1): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + n);
  }
}

/**
 * The server's metrics (D4), in Prometheus format at `GET /metrics`. One registry per server, so
 * several servers in one process (tests, clusters) do not mix their numbers. Hot-path counts are
 * plain increments; prom-client reads them only when scraped.
 */
export class ServerMetrics {
  readonly registry = new Registry();
  readonly messagesIn = new Tally<ClientMessageType | 'invalid' | 'text-local'>();
  readonly messagesOut = new Tally<ServerMessageType>();
  readonly errors = new Tally<ErrorCode>();
  readonly connections = new Tally<TransportKind>();
  readonly resumeAttempts = new Counter({
    name: 'parlor_resume_attempts_total',
    help: 'session.resume requests.',
    registers: [],
  });
  readonly resumeSuccesses = new Counter({
    name: 'parlor_resume_successes_total',
    help: 'Sessions resumed.',
    registers: [],
  });

  constructor(gauges: { sessions: () => number; awaySessions: () => number }) {
    const { registry } = this;
    collectDefaultMetrics({ register: registry, prefix: 'parlor_', eventLoopMonitoringPrecision: 20 });
    registry.registerMetric(this.resumeAttempts);
    registry.registerMetric(this.resumeSuccesses);
    const connections = this.connections;
    registry.registerMetric(
      new Gauge({
        name: 'parlor_connections',
        help: 'Open connections, by transport.',
        labelNames: ['transport'],
        registers: [],
        collect(this: Gauge) {
          this.reset();
          for (const [key, value] of connections.counts) this.set({ transport: key }, value);
        },
      }),
    );
    this.counter(
      'parlor_messages_in_total',
      'Messages received, by type (`invalid`: not a valid message; `text-local`: /help and the like).',
      'type',
      this.messagesIn,
    );
    this.counter(
      'parlor_messages_out_total',
      'Messages sent to sessions, by type.',
      'type',
      this.messagesOut,
    );
    this.counter('parlor_errors_total', 'Errors sent to clients, by code.', 'code', this.errors);
    this.gauge('parlor_sessions', 'Sessions, connected or away.', gauges.sessions);
    this.gauge(
      'parlor_sessions_away',
      'Sessions held for resume after their connection dropped.',
      gauges.awaySessions,
    );
  }

  /** Registers a counter with one label, fed by `tally` (areas use it: matches by result). */
  counter<K extends string>(
    name: string,
    help: string,
    label: string,
    tally: Tally<K> = new Tally<K>(),
  ): Tally<K> {
    this.registry.registerMetric(
      new Counter({
        name,
        help,
        labelNames: [label],
        registers: [],
        collect(this: Counter) {
          this.reset();
          for (const [key, value] of tally.counts) this.inc({ [label]: key }, value);
        },
      }),
    );
    return tally;
  }

  /** Adds a histogram with `buckets` (upper bounds); returns the function that records a value. */
  histogram(name: string, help: string, buckets: readonly number[]): (value: number) => void {
    const histogram = new Histogram({ name, help, buckets: [...buckets], registers: [] });
    this.registry.registerMetric(histogram);
    return (value) => histogram.observe(value);
  }

  /** Adds a gauge read at scrape time (areas use it: rooms, matches). */
  gauge(name: string, help: string, read: () => number): void {
    this.registry.registerMetric(
      new Gauge({
        name,
        help,
        registers: [],
        collect(this: Gauge) {
          this.set(read());
        },
      }),
    );
  }
}
