import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectTcpPeer, connectWsPeer, joinAs, type RawPeer } from '../helpers/raw-clients.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
const peers: RawPeer[] = [];
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  for (const peer of peers) peer.end();
  await server.close();
});

const get = (path: string) => fetch(`http://127.0.0.1:${server.httpPort}${path}`);

/** The value of one sample line of the Prometheus text format. */
const sample = (text: string, name: string): number | undefined => {
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line === undefined ? undefined : Number(line.slice(name.length + 1));
};

describe('GET /health and /metrics (D4)', () => {
  it('reports readiness, version, uptime and connections by transport', async () => {
    peers.push(await joinAs(await connectTcpPeer(server.tcpPort), 'h1'));
    peers.push(await joinAs(await connectWsPeer(server.wsUrl), 'h2'));
    peers.push(await joinAs(await connectWsPeer(server.wsUrl), 'h3'));
    const response = await get('/health');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    const body = await response.json();
    expect(body).toMatchObject({
      status: 'ok',
      ready: true,
      version: '0.1.0',
      connections: { tcp: 1, ws: 2 },
      sessions: 3,
    });
    expect(body.uptimeSeconds).toBeGreaterThanOrEqual(0);
  });

  it('exposes Prometheus metrics: connections, sessions, messages and errors by kind, rooms, resumes, event-loop lag', async () => {
    const [first] = peers as [RawPeer];
    first.json({ type: 'nick.set', id: 1, data: { nick: '!' } });
    await first.nextMessage('error');
    first.json({ type: 'session.resume', id: 2, data: { token: 'nope' } });
    await first.nextMessage('error');
    first.json({ type: 'room.join', id: 3, data: { room: 'metrics' } });
    await first.nextMessage('room.joined', (m) => m.re === 3);

    const response = await get('/metrics');
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    expect(sample(text, 'parlor_connections{transport="tcp"}')).toBe(1);
    expect(sample(text, 'parlor_connections{transport="ws"}')).toBe(2);
    expect(sample(text, 'parlor_sessions')).toBe(3);
    expect(sample(text, 'parlor_sessions_away')).toBe(0);
    expect(sample(text, 'parlor_messages_in_total{type="hello"}')).toBe(3);
    expect(sample(text, 'parlor_messages_out_total{type="welcome"}')).toBe(3);
    expect(sample(text, 'parlor_errors_total{code="NICK_INVALID"}')).toBe(1);
    expect(sample(text, 'parlor_errors_total{code="RESUME_INVALID_TOKEN"}')).toBe(1);
    expect(sample(text, 'parlor_resume_attempts_total')).toBe(1);
    expect(sample(text, 'parlor_resume_successes_total')).toBe(0);
    expect(sample(text, 'parlor_rooms')).toBe(2);
    expect(text).toContain('parlor_nodejs_eventloop_lag_seconds');
  });

  it('answers other paths with 404 and other methods with 405', async () => {
    expect((await get('/nope')).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${server.httpPort}/health`, { method: 'POST' })).status).toBe(405);
  });
});
