import { readdirSync, readFileSync } from 'node:fs';
import { brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.ts';

//
// The built browser client (J2), as the server serves it: `npm test` builds it first (pretest).
//

/** The size budget of the client's JavaScript, gzipped (issue 6). */
const BUDGET_GZIP_BYTES = 100 * 1024;

const assets = readdirSync('dist/web/assets');
const script = assets.find((name) => name.endsWith('.js')) as string;

let server: TestServer;
let base: string;
beforeAll(async () => {
  server = await startTestServer();
  base = `http://127.0.0.1:${server.httpPort}`;
});
afterAll(() => server.close());

describe('the browser client as built', () => {
  it(`keeps its JavaScript under ${BUDGET_GZIP_BYTES / 1024} kB gzipped`, () => {
    const scripts = assets.filter((name) => name.endsWith('.js'));
    expect(scripts.length).toBeGreaterThan(0);
    const gzipped = scripts.reduce(
      (sum, name) => sum + gzipSync(readFileSync(`dist/web/assets/${name}`), { level: 9 }).length,
      0,
    );
    expect(gzipped).toBeLessThan(BUDGET_GZIP_BYTES);
  });
});

describe('the server serving the browser client', () => {
  it('serves the page at / (revalidated at every load) with its scripts cached for good', async () => {
    const page = await fetch(`${base}/`, { headers: { 'accept-encoding': 'identity' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('cache-control')).toBe('no-cache');
    const html = await page.text();
    expect(html).toContain('<div id="app">');
    expect(html).toContain(`/assets/${script}`);

    const asset = await fetch(`${base}/assets/${script}`, { headers: { 'accept-encoding': 'identity' } });
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(Buffer.from(await asset.arrayBuffer())).toEqual(readFileSync(`dist/web/assets/${script}`));
  });

  it('compresses with brotli or gzip, whichever the client accepts, and says so', async () => {
    const original = readFileSync(`dist/web/assets/${script}`);
    const get = (encoding: string) =>
      new Promise<{ encoding: string | undefined; body: Buffer; vary: string | undefined }>(
        (resolve, reject) => {
          // node:http, not fetch: fetch would decompress for us and hide the encoding.
          import('node:http').then(({ get: httpGet }) => {
            httpGet(`${base}/assets/${script}`, { headers: { 'accept-encoding': encoding } }, (response) => {
              const chunks: Buffer[] = [];
              response.on('data', (chunk: Buffer) => chunks.push(chunk));
              response.on('end', () =>
                resolve({
                  encoding: response.headers['content-encoding'],
                  body: Buffer.concat(chunks),
                  vary: response.headers.vary,
                }),
              );
            }).on('error', reject);
          }, reject);
        },
      );
    const br = await get('gzip, deflate, br');
    expect(br.encoding).toBe('br');
    expect(br.vary).toBe('accept-encoding');
    expect(brotliDecompressSync(br.body)).toEqual(original);
    expect(br.body.length).toBeLessThan(original.length / 2);
    const gz = await get('gzip');
    expect(gz.encoding).toBe('gzip');
    expect(gunzipSync(gz.body)).toEqual(original);
    const plain = await get('identity');
    expect(plain.encoding).toBeUndefined();
    expect(plain.body).toEqual(original);
  });

  it('answers 304 to a copy that is still current, and HEAD without a body', async () => {
    const first = await fetch(`${base}/`);
    const etag = first.headers.get('etag') as string;
    expect(etag).toMatch(/^"[\w-]{22}"$/);
    const again = await fetch(`${base}/`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    const stale = await fetch(`${base}/`, { headers: { 'if-none-match': '"something-else"' } });
    expect(stale.status).toBe(200);
    const head = await fetch(`${base}/assets/${script}`, {
      method: 'HEAD',
      headers: { 'accept-encoding': 'identity' },
    });
    expect(head.status).toBe(200);
    expect(Number(head.headers.get('content-length'))).toBe(readFileSync(`dist/web/assets/${script}`).length);
    expect(await head.text()).toBe('');
  });

  it('keeps the endpoints of the server: /info in text, /health, a 404 for anything else', async () => {
    expect(await (await fetch(`${base}/info`)).text()).toContain('/ws');
    expect((await fetch(`${base}/health`)).status).toBe(200);
    const missing = await fetch(`${base}/assets/nothing-here.js`);
    expect(missing.status).toBe(404);
    expect((await fetch(`${base}/../package.json`)).status).toBe(404);
  });
});
