import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserMissing, loginAs, screenshot, waitCount, waitNoText, waitText } from '../helpers/browser.ts';
import { useBrowserSuite } from '../helpers/browser-suite.ts';
import { connectTcpPeer } from '../helpers/raw-clients.ts';
import { startTestServer } from '../helpers/server.ts';

//
// The browser client (J2) in Debian's Chromium against a real server: every page is a user of its
// own (a browser context each, so each has its own sessionStorage).
//

if (browserMissing !== undefined) console.warn(browserMissing);

/** Plays `column` on `page`'s board, as a click on the column. */
const drop = async (page: Page, column: number): Promise<void> => {
  await page.getByRole('button', { name: `Column ${column}`, exact: true }).click();
};

/** Waits until the match status line of `page` reads `text` (exactly, for a string). */
const statusIs = (page: Page, text: string | RegExp) =>
  waitText(page.getByTestId('match-status'), typeof text === 'string' ? new RegExp(`^${text}`) : text);
/** Waits until `page`'s board holds `count` stones. */
const stonesAre = (page: Page, count: number) => waitCount(page, '.board .disc', count);

describe.skipIf(browserMissing !== undefined)('the browser client', () => {
  const suite = useBrowserSuite({ operatorSecret: 'open-sesame-42', resumeGraceMs: 20_000 }, 'failed-page');
  const { open } = suite;

  it('two players chat, challenge, play to a win (one reloads and resumes mid-game), a third watches', {
    timeout: 90_000,
  }, async () => {
    const alice = await open();
    await screenshot(alice, 'login');
    await loginAs(alice, 'alice');
    const bob = await open();
    await loginAs(bob, 'bob');

    // Chat in the lobby, both ways.
    await alice.getByRole('textbox', { name: 'Message' }).fill('hello bob');
    await alice.getByRole('button', { name: 'Send' }).click();
    await bob.getByText('hello bob').waitFor();
    await bob.getByRole('textbox', { name: 'Message' }).fill('hi alice, ready for a game?');
    await bob.keyboard.press('Enter');
    await alice.getByText('hi alice, ready for a game?').waitFor();
    await screenshot(alice, 'lobby');

    // A private message opens its own tab on the other side, with an unread count.
    await alice.getByRole('button', { name: 'Message bob' }).click();
    await alice.getByRole('textbox', { name: 'Message' }).fill('psst');
    await alice.getByRole('button', { name: 'Send' }).click();
    await bob.getByRole('tab', { name: '@alice, 1 unread' }).waitFor();
    await bob.getByRole('tab', { name: '@alice, 1 unread' }).click();
    await bob.getByText('psst').waitFor();
    await waitCount(bob, '.tab.active', 1);
    expect(await bob.getByRole('tab', { name: '@alice', exact: true }).count()).toBe(1);

    // Alice challenges Bob from the Play page, she starts, one minute per move.
    await alice.getByRole('tab', { name: 'Play' }).click();
    await alice.getByLabel('Who starts').selectOption('me');
    await alice.getByLabel('Clock').selectOption('move-1m');
    await alice.getByLabel('Player').selectOption('bob');
    await screenshot(alice, 'play');
    await alice.getByRole('button', { name: 'Send the challenge' }).click();
    await alice.getByText('Waiting for bob').waitFor();
    const notice = bob.getByRole('alertdialog', { name: 'Challenge from alice' });
    await notice.getByText('1 min per move').waitFor();
    await screenshot(bob, 'challenge');
    await notice.getByRole('button', { name: 'Accept' }).click();

    await statusIs(alice, 'Your turn');
    await statusIs(bob, /alice to move/);
    await alice.getByRole('timer', { name: "alice's clock" }).waitFor();

    // Carol watches from the Watch page.
    const carol = await open();
    await loginAs(carol, 'carol');
    await carol.getByRole('tab', { name: 'Watch' }).click();
    await carol.getByRole('button', { name: 'Watch alice vs bob' }).click();
    await carol.locator('.badge', { hasText: 'watching' }).waitFor();

    // Alice drops in column 1 three times, Bob in column 2; one of Alice's moves from the keyboard.
    await drop(alice, 1);
    await statusIs(bob, 'Your turn');
    await drop(bob, 2);
    await alice.getByRole('button', { name: 'Column 1', exact: true }).focus();
    await alice.keyboard.press('Enter');
    await statusIs(bob, 'Your turn');
    await drop(bob, 2);
    await statusIs(alice, 'Your turn');
    await alice.keyboard.press('1');
    await stonesAre(carol, 5);
    await screenshot(alice, 'board');

    // Bob reloads the page mid-game: the session resumes, and the match with it.
    await bob.reload();
    await statusIs(bob, 'Your turn');
    await stonesAre(bob, 5);
    await bob.getByRole('tab', { name: '#lobby' }).waitFor();
    await drop(bob, 2);
    await statusIs(alice, 'Your turn');
    await drop(alice, 1);

    for (const page of [alice, bob, carol]) {
      await statusIs(page, /alice won \(four in a row\)/);
      await waitCount(page, '.cell.winning', 4);
    }
    await screenshot(carol, 'win');

    // The solver says where the game was lost: the last move's position, column by column.
    await bob.getByRole('button', { name: 'Analyze the last move' }).click();
    await bob.locator('.analysis-row .score.best[data-column="1"]').waitFor();
    await waitCount(bob, '.analysis-row .score.best', 1);
    // Column 1 wins at once for Alice (+18 at her 4th stone: 22 - 4); anything else lets Bob block.
    await waitText(bob.locator('.analysis-row .score[data-column="1"]'), '+18');

    // Rematch, offered and accepted: Bob starts this time.
    await bob.getByRole('button', { name: 'Rematch' }).click();
    await alice.getByRole('button', { name: "Accept bob's rematch" }).click();
    await statusIs(bob, 'Your turn');
    await stonesAre(alice, 0);

    // The first match in the history, replayed step by step, with every move judged by the solver.
    await alice.getByRole('tab', { name: 'History' }).click();
    await alice.getByRole('button', { name: 'Replay alice vs bob' }).first().click();
    const ply = alice.getByTestId('replay-ply');
    await waitText(ply, 'Move 0/7');
    await alice.getByRole('button', { name: 'Next move' }).click();
    await waitText(ply, 'Move 1/7');
    await stonesAre(alice, 1);
    await alice.getByRole('button', { name: 'Last position' }).click();
    await stonesAre(alice, 7);
    await alice.getByRole('button', { name: 'Analyze every move' }).click();
    await alice.locator('button:enabled', { hasText: 'Analyze every move' }).waitFor({ timeout: 30_000 });
    // From the opening book, proven at once: Alice's first stone in a corner column loses (the
    // second player then wins with perfect play), and her last move was the best one.
    await waitText(alice.locator('.move-list li').first(), 'the losing move');
    await waitCount(alice, '.move-list li:last-child .judgement', 0);
    await screenshot(alice, 'replay');
  });

  it('joins a private match by its link, talks in the match chat, resigns; plays the computer', async () => {
    const dave = await open();
    await loginAs(dave, 'dave');
    await dave.getByRole('tab', { name: 'Play' }).click();
    await dave.getByRole('button', { name: 'Create a private match' }).click();
    const link = await dave.locator('.private-code a').getAttribute('href');
    expect(link).toMatch(/\?join=[A-Z0-9]{6}$/);

    // Erin follows the link: after choosing a nickname she is in the match.
    const erin = await open();
    await erin.goto(link as string);
    await loginAs(erin, 'erin');
    await erin.getByTestId('match-status').waitFor();
    await dave.getByTestId('match-status').waitFor();
    const matchChat = (page: Page) => page.getByRole('complementary', { name: 'Match chat' });
    await matchChat(erin).getByRole('textbox', { name: 'Message' }).fill('good luck');
    await matchChat(erin).getByRole('button', { name: 'Send' }).click();
    await waitText(matchChat(dave).locator('.line'), 'good luck');
    dave.once('dialog', (dialog) => void dialog.accept());
    await dave.getByRole('button', { name: 'Resign' }).click();
    await statusIs(erin, /erin won \(resign\)/);

    // The computer: Erin starts, and the computer answers her first stone.
    await erin.getByRole('tab', { name: 'Play' }).click();
    await erin.getByLabel('Who starts').selectOption('me');
    await erin.getByLabel('Level').selectOption('easy');
    await erin.getByRole('button', { name: 'Play the computer' }).click();
    await statusIs(erin, 'Your turn');
    await drop(erin, 4);
    await stonesAre(erin, 2);
    await statusIs(erin, 'Your turn');
  });

  it('a text-mode user on TCP and a browser user chat together', async () => {
    const page = await open();
    await loginAs(page, 'webby');
    const tcp = await connectTcpPeer(suite.server.tcpPort);
    tcp.line('/nick terminal_tom');
    await tcp.nextLine('Welcome, terminal_tom');
    await page.getByText('terminal_tom joined').waitFor();
    tcp.line('hello from the terminal');
    await page.getByText('hello from the terminal').waitFor();
    await page.getByRole('textbox', { name: 'Message' }).fill('hello from the browser');
    await page.keyboard.press('Enter');
    await tcp.nextLine('<webby> hello from the browser');
    tcp.end();
  });

  it('keeps the page still while messages arrive, and fits a phone-sized screen', async () => {
    const page = await open('', { width: 390, height: 800 });
    await loginAs(page, 'phone');
    const input = page.getByRole('textbox', { name: 'Message' });
    const before = await input.boundingBox();
    const talker = await connectTcpPeer(suite.server.tcpPort);
    talker.line('/nick chatty');
    await talker.nextLine('Welcome, chatty');
    for (let i = 1; i <= 30; i++) talker.line(`line ${i}`);
    await page.getByText('line 30').waitFor();
    expect(await input.boundingBox()).toEqual(before);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'phone-lobby');
    talker.end();
  });

  it('shows the connection state: server down, then back with a new session', async () => {
    const own = await startTestServer();
    const page = await open();
    await page.goto(`http://127.0.0.1:${own.httpPort}/`);
    await loginAs(page, 'steady');
    const badge = (state: string) => page.locator(`.connection[data-status="${state}"]`);
    await badge('connected').waitFor();
    const port = own.httpPort;
    await own.close();
    await badge('down').waitFor();
    await waitText(badge('down'), 'Server down');
    await screenshot(page, 'server-down');
    const again = await startTestServer({ httpPort: port });
    try {
      await badge('connected').waitFor({ timeout: 15_000 });
      await page.getByText('The server lost your session').waitFor();
    } finally {
      await again.close();
    }
  });

  it('gives an operator the list of users and the means to kick, suspend, ban and forgive', async () => {
    const page = await open();
    await loginAs(page, 'warden');
    const troll = await connectTcpPeer(suite.server.tcpPort);
    troll.line('/nick troll');
    await troll.nextLine('Welcome, troll');
    await page.getByRole('tab', { name: 'Operator' }).click();
    await page.getByLabel('Operator secret').fill('open-sesame-42');
    await page.getByRole('button', { name: 'Become operator' }).click();
    const row = page.locator('tr[data-nick="troll"]');
    await row.waitFor();
    await row.getByRole('button', { name: 'Suspend' }).click();
    await troll.nextLine('You are suspended by warden');
    await waitText(row, 'muted');
    await row.getByRole('button', { name: 'Forgive' }).click();
    await waitNoText(page, 'tr[data-nick="troll"]', 'muted');
    await screenshot(page, 'operator');
    await row.getByRole('button', { name: 'Kick' }).click();
    await troll.nextLine('KICKED');
    await waitCount(page, 'tr[data-nick="troll"]', 0);

    const spammer = await connectTcpPeer(suite.server.tcpPort);
    spammer.line('/nick spammer');
    await spammer.nextLine('Welcome, spammer');
    await page.getByRole('button', { name: 'Refresh' }).click();
    await page.locator('tr[data-nick="spammer"]').getByRole('button', { name: 'Ban' }).click();
    await spammer.nextLine('BANNED');
    await waitCount(page, 'tr[data-nick="spammer"]', 0);
  });
});
