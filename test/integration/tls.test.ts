import { mkdtempSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { makeSelfSignedCertificate } from '../../src/main/self-signed.ts';
import { connectTcpPeer, connectTlsPeer, joinAs } from '../helpers/raw-clients.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
let ca: string;
beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'parlor-tls-'));
  const pair = await makeSelfSignedCertificate();
  ca = pair.cert;
  writeFileSync(join(dir, 'cert.pem'), pair.cert);
  writeFileSync(join(dir, 'key.pem'), pair.key);
  server = await startTestServer({ tlsCert: join(dir, 'cert.pem'), tlsKey: join(dir, 'key.pem') });
});
afterAll(() => server.close());

describe('TLS (A4)', () => {
  it('serves JSON and text mode over TLS on the TCP port, trusting the certificate given as CA', async () => {
    const json = await joinAs(await connectTlsPeer(server.tcpPort, { ca }), 'secure1');
    const human = await connectTlsPeer(server.tcpPort, { ca });
    human.line('/nick secure2');
    await human.nextLine('Welcome, secure2');
    json.json({ type: 'chat.say', data: { text: 'encrypted hello' } });
    await human.nextLine('<secure1> encrypted hello');
    json.end();
    human.end();
  });

  it('serves WSS and HTTPS on the HTTP port', async () => {
    const socket = new WebSocket(`wss://localhost:${server.httpPort}/ws`, { ca });
    const welcome = await new Promise<string>((resolve, reject) => {
      socket.once('open', () => socket.send(JSON.stringify({ type: 'hello', data: { protocol: 1 } })));
      socket.once('message', (data: Buffer) => resolve(data.toString('utf8')));
      socket.once('error', reject);
    });
    expect(JSON.parse(welcome).type).toBe('welcome');
    socket.close();
    const health = await new Promise<string>((resolve, reject) => {
      https
        .get(
          { host: '127.0.0.1', port: server.httpPort, path: '/health', servername: 'localhost', ca },
          (res) => {
            let body = '';
            res.on('data', (c) => {
              body += c;
            });
            res.on('end', () => resolve(body));
          },
        )
        .on('error', reject);
    });
    expect(JSON.parse(health).status).toBe('ok');
  });

  it('refuses a client that does not trust the certificate', async () => {
    await expect(connectTlsPeer(server.tcpPort, {})).rejects.toThrow(/self[- ]signed/i);
  });

  it('closes a plain-text client cleanly and keeps serving others', async () => {
    const plain = await connectTcpPeer(server.tcpPort);
    plain.line('{"type":"hello","data":{"protocol":1}}');
    await plain.waitClosed();
    expect(plain.received.filter((t) => t.startsWith('{'))).toEqual([]);
    const still = await joinAs(await connectTlsPeer(server.tcpPort, { ca }), 'afterplain');
    still.end();
  });
});
