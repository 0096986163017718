// `npm run bench:web`: how soon the browser client is usable, on loopback (issue 6: the first
// screen interactive within 1 s; the JavaScript under 100 kB gzipped).
//
// Starts `node bin/parlor.js serve` (the dist build; `npm run bench:web` builds it) on free ports,
// then in Debian's Chromium (test/helpers/browser.ts: /usr/bin/chromium or PARLOR_CHROMIUM), --runs times:
//   cold: a new browser context (empty cache): navigation start → the nickname field is there and
//         enabled (the login screen is interactive: the script has run and rendered);
//   warm: the same context loads the page again (scripts from the cache, index.html revalidated);
//   lobby: click "Enter" → the lobby tab is shown (WebSocket, hello, nick.set, room.joined).
// Prints the median and the worst of each, and the bytes the page transferred (compressed).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { CHROMIUM, launchBrowser } from '../../test/helpers/browser.ts';
import { HOST, startParlor } from '../chat/harness.mjs';

const runs = Number(process.argv.find((a) => a.startsWith('--runs='))?.slice(7) ?? 10);
const TARGET_MS = 1000;

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'parlor-bench-web-'));
const server = startParlor({ dataDir });
const httpPort = await server.guard(server.httpPort, 30_000, 'start');
const url = `http://${HOST}:${httpPort}/`;
// The same Chromium and flags as the browser tests (Debian's, never a downloaded one).
const browser = await launchBrowser();

/** Loads the page in `page` and returns ms from navigation start to an enabled nickname field. */
const loginReady = async (page: Page): Promise<number> => {
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForSelector('input[name="nick"]:enabled');
  return page.evaluate(() => performance.now());
};

const cold: number[] = [];
const warm: number[] = [];
const lobby: number[] = [];
let transferred = 0;
for (let i = 0; i < runs; i++) {
  const context = await browser.newContext();
  const page = await context.newPage();
  cold.push(await loginReady(page));
  transferred = await page.evaluate(() =>
    performance
      .getEntriesByType('navigation')
      .concat(performance.getEntriesByType('resource'))
      .reduce((sum, entry) => sum + (entry as PerformanceResourceTiming).transferSize, 0),
  );
  warm.push(await loginReady(page));
  await page.fill('input[name="nick"]', `bench${i}`);
  const start = Date.now();
  await page.click('button[type="submit"]');
  await page.getByRole('tab', { name: '#lobby' }).waitFor();
  lobby.push(Date.now() - start);
  await context.close();
}
await browser.close();
await server.stop();
rmSync(dataDir, { recursive: true, force: true });

const summary = (name: string, values: readonly number[]): string => {
  const sorted = [...values].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  return `${name.padEnd(34)} median ${(median ?? 0).toFixed(0).padStart(5)} ms   worst ${(sorted.at(-1) ?? 0).toFixed(0).padStart(5)} ms`;
};
console.log(`Browser client on loopback, ${runs} runs (${CHROMIUM}, Chromium ${browser.version()})`);
console.log(summary('first screen interactive, cold', cold));
console.log(summary('first screen interactive, cached', warm));
console.log(summary('login → lobby shown', lobby));
console.log(`bytes transferred for a cold load: ${(transferred / 1024).toFixed(1)} kB (compressed)`);
const worst = Math.max(...cold);
console.log(
  `target: first screen interactive within ${TARGET_MS} ms: ${worst < TARGET_MS ? 'met' : 'NOT met'} (worst cold ${worst.toFixed(0)} ms)`,
);
