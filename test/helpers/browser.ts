import { existsSync, mkdirSync } from 'node:fs';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';

/** Debian's Chromium (`apt-get install chromium`; `.ci/run` installs it). Never a downloaded browser. */
export const CHROMIUM = process.env.PARLOR_CHROMIUM ?? '/usr/bin/chromium';

/** Why browser tests cannot run here, or undefined when they can. */
export const browserMissing = existsSync(CHROMIUM)
  ? undefined
  : `no Chromium at ${CHROMIUM} (apt-get install chromium, or set PARLOR_CHROMIUM): browser tests skipped`;

/** Where the tests put their screenshots; CI keeps the folder as an artifact. */
export const SCREENSHOTS = 'test-artifacts/screenshots';

/** Starts headless Chromium with the flags this machine needs (no background network, no sandbox as root). */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A page in a context of its own (its own sessionStorage: another user), failing the test on page errors. */
export async function openPage(
  browser: Browser,
  url: string,
  size = { width: 1280, height: 800 },
): Promise<Page> {
  const context = await browser.newContext({ viewport: size });
  // Fail a wait well before the test's own timeout, with Playwright's message of what it waited for.
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  (page as Page & { errors: string[] }).errors = errors;
  await page.goto(url);
  return page;
}

/** Errors thrown in the page so far (uncaught). */
export const pageErrors = (page: Page): string[] => (page as Page & { errors?: string[] }).errors ?? [];

/** Saves a screenshot of `page` as SCREENSHOTS/`name`.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOTS}/${name}.png` });
}

/** Logs in from the login screen as `nick` and waits for the lobby. */
export async function loginAs(page: Page, nick: string): Promise<void> {
  await page.getByLabel('Nickname', { exact: true }).fill(nick);
  await page.getByRole('button', { name: 'Enter' }).click();
  await page.getByRole('tab', { name: '#lobby' }).waitFor();
}

// Waits on the page's own state (vitest's `expect` has no retrying browser assertions).

/** Waits until `locator` has a match whose text contains `text` (or matches the pattern). */
export async function waitText(locator: Locator, text: string | RegExp, timeout?: number): Promise<void> {
  await locator
    .filter({ hasText: text })
    .first()
    .waitFor(timeout === undefined ? {} : { timeout });
}

/** Waits until exactly `count` elements match the CSS `selector`. */
export async function waitCount(page: Page, selector: string, count: number): Promise<void> {
  await page.waitForFunction(
    ([s, n]) => document.querySelectorAll(s as string).length === n,
    [selector, count],
  );
}

/** Waits until no element matching `selector` contains `text`. */
export async function waitNoText(page: Page, selector: string, text: string): Promise<void> {
  await page.waitForFunction(
    ([s, t]) =>
      ![...document.querySelectorAll(s as string)].some((e) => e.textContent?.includes(t as string)),
    [selector, text],
  );
}
