import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { launchBrowser, openPage, pageErrors, screenshot } from './browser.ts';
import { startTestServer, type TestServer, type TestServerOptions } from './server.ts';

/** A real server and Chromium shared by the tests of one `describe` block (see `useBrowserSuite`). */
export interface BrowserSuite {
  /** The server (set once the suite's `beforeAll` ran). */
  readonly server: TestServer;
  /** Opens the web client, with `query` (e.g. `?debug=1`), as a new user in a page of its own. */
  open(query?: string, size?: { width: number; height: number }): Promise<Page>;
}

/**
 * Registers, in the calling `describe`, the hooks of a browser suite: start a server with
 * `options` and Chromium; after a failed test, a screenshot of every page still open (named
 * `failedPrefix-N`, for the CI artifact); at the end, no page may have thrown, and all closes.
 */
export function useBrowserSuite(options: TestServerOptions, failedPrefix: string): BrowserSuite {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  const pages: Page[] = [];
  beforeAll(async () => {
    server = await startTestServer(options);
    browser = await launchBrowser();
  });
  afterEach(async (context) => {
    if (context.task.result?.state !== 'fail') return;
    for (const [i, page] of pages.entries())
      if (!page.isClosed()) await screenshot(page, `${failedPrefix}-${i}`);
  });
  afterAll(async () => {
    for (const page of pages) expect(pageErrors(page)).toEqual([]);
    await browser?.close();
    await server?.close();
  });
  return {
    get server(): TestServer {
      if (server === undefined) throw new Error('the browser suite has not started');
      return server;
    },
    async open(query = '', size) {
      if (server === undefined || browser === undefined) throw new Error('the browser suite has not started');
      const page = await openPage(browser, `http://127.0.0.1:${server.httpPort}/${query}`, size);
      pages.push(page);
      return page;
    },
  };
}
