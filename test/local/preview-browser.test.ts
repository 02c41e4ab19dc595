/**
 * Opens the emulator's preview page in a real Chromium (playwright-core, Debian's
 * /usr/bin/chromium) and checks threads, replies, formatting and cards render, and that
 * message text cannot inject markup or scripts. The relay's own cards come from the
 * built bundle (dist/Code.js) run on a Tickets sheet: header, fields, the "Open in
 * Sheets" button, the "… and N more fields" line, and configured mentions as chips.
 *
 * CI (CI=true) must have Chromium: the test fails if it is missing. Locally it is
 * skipped with a message when Chromium is absent.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import { CHROMIUM, hasChromium as chromiumInstalled, launchChromium } from '../../local/browser';
import { inProcessTransport } from '../../local/chat-emulator/in-process';
import { ChatStore } from '../../local/chat-emulator/store';
import { startEmulator, type RunningEmulator } from '../../local/chat-emulator/server';
import { harness, type Harness } from '../../local/harness';
import { buttonLinks } from './posted-cards';

const CARDS_DIR = path.resolve(__dirname, '../fixtures/chat-api/cards');
const isCI = !!process.env.CI && process.env.CI !== 'false';
const hasChromium = chromiumInstalled();

if (!hasChromium && !isCI) {
  console.warn(
    `preview-browser.test.ts skipped: ${CHROMIUM} not found (install it with "apt-get install -y chromium"; CI fails instead of skipping).`,
  );
}

const describeBrowser = hasChromium || isCI ? describe : describe.skip;

describeBrowser('preview page in Chromium', () => {
  let emulator: RunningEmulator;
  let browser: Browser;
  let page: Page;
  const clock = { t: Date.UTC(2025, 2, 1, 8, 30, 0) };
  const dialogs: string[] = [];
  let tickets: Harness;
  let posted: ChatStore; // the emulator's store, to read what was posted
  const EXTRA = 110; // T-3's extra columns: more fields than a card's 100 widgets

  function post(url: string, body: unknown, query = ''): Promise<Response> {
    clock.t += 1000; // stay within the per-space quota
    return fetch(`${url}${query}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=UTF-8' },
      body: JSON.stringify(body),
    });
  }

  beforeAll(async () => {
    if (!hasChromium) {
      throw new Error(`${CHROMIUM} is missing; CI must install it (apt-get install -y chromium).`);
    }
    const store = new ChatStore({ now: () => clock.t });
    posted = store;
    emulator = await startEmulator({ store });
    const relay = store.registerWebhook('AAAArelay', 'Chat Relay').url(emulator.origin);
    const cards = store.registerWebhook('AAAAcards', 'Card Bot').url(emulator.origin);
    const threaded = '&messageReplyOption=REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD';

    const responses = [
      await post(relay, { text: 'Row 1 created', thread: { threadKey: 'row-1' } }, threaded),
      await post(relay, { text: 'Row 2 created', thread: { threadKey: 'row-2' } }, threaded),
      await post(relay, { text: 'Row 1 reply one', thread: { threadKey: 'row-1' } }, threaded),
      await post(
        relay,
        {
          text: 'Status *done* _soon_ ~old~ `x<y` see <https://example.com/a?b=1&c=2|the sheet> and <https://example.org>',
          thread: { threadKey: 'row-1' },
        },
        threaded,
      ),
      await post(relay, {
        text: '<script>window.__pwned = 1; alert(1)</script><img src=x onerror="window.__pwned=2">',
      }),
      await post(relay, { text: 'Log:\n```\nline *1*\nline 2\n```' }),
      await post(
        cards,
        JSON.parse(
          fs.readFileSync(path.join(CARDS_DIR, 'samples-preview-link-case-card.json'), 'utf8'),
        ),
      ),
      await post(
        cards,
        JSON.parse(
          fs.readFileSync(path.join(CARDS_DIR, 'discovery-contact-card.webhook-safe.json'), 'utf8'),
        ),
        threaded,
      ),
    ];
    for (const response of responses) expect(response.status).toBe(200);

    // The relay's cards, from the real bundle, posted to a third space of the same emulator.
    const sheetHook = store.registerWebhook('AAAAsheet', 'Chat Relay');
    const extras = Array.from({ length: EXTRA }, (_, i) => `Extra ${i + 1}`);
    tickets = harness({
      format: 'card',
      config: {
        keyColumn: 'ID',
        mentions: [
          { when: { column: 'Priority', equals: 'Urgent' }, mention: 'all' },
          { when: { column: 'Owner', equals: 'bob@example.com' }, mention: 'users/123' },
        ],
      },
      sheets: [
        {
          name: 'Tickets',
          rows: [
            ['ID', 'Title', 'Priority', 'Status', 'Owner', 'Notes', ...extras],
            [
              'T-1',
              'Toner & paper <b>now</b>',
              'High',
              'Open',
              'ana@example.com',
              'Line one\nLine two',
            ],
            ['T-2', 'VPN drops', 'Urgent', 'Open', 'bob@example.com', '<users/all> please look'],
            ['T-3', 'Wide row', 'Low', 'Open', '', '', ...extras.map((_, i) => `v${i + 1}`)],
          ],
        },
      ],
      properties: { CHAT_WEBHOOK_URL: sheetHook.url('https://chat.googleapis.com') },
      wrapTransport: () => {
        const chat = inProcessTransport(store);
        return (request) => {
          clock.t += 1000; // the store's clock follows the relay's pacing
          return chat(request);
        };
      },
    });
    tickets.run('sendPendingRows');
    tickets.sheet().setRowValues(2, ['In progress'], 4); // T-1: Status Open → In progress
    tickets.run('sendPendingRows');
    expect(tickets.column('Chat Status')).toEqual(['SENT', 'SENT', 'SENT']);
    expect(store.messages('AAAAsheet')).toHaveLength(4);

    browser = await launchChromium();
    page = await browser.newPage();
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    // Card images point at the internet: block them so the page never waits on the network.
    await page.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
    await page.goto(`${emulator.origin}/`, { waitUntil: 'domcontentloaded' });
  });

  afterAll(async () => {
    await browser?.close();
    await emulator?.close();
  });

  test('spaces are listed with their names', async () => {
    await expect(
      page.locator('.space').evaluateAll((els) => els.map((e) => e.getAttribute('data-space'))),
    ).resolves.toEqual(['AAAArelay', 'AAAAcards', 'AAAAsheet']);
  });

  test('threads in creation order, replies in order under their root', async () => {
    const relay = page.locator('.space[data-space="AAAArelay"]');
    const threads = relay.locator('.thread');
    expect(await threads.count()).toBe(4);
    expect(await threads.nth(0).getAttribute('data-thread-key')).toBe('row-1');
    expect(await threads.nth(1).getAttribute('data-thread-key')).toBe('row-2');

    const row1 = threads.nth(0);
    expect(await row1.locator('.message.root .text').innerText()).toBe('Row 1 created');
    const replies = row1.locator('.replies .message.reply');
    expect(await replies.count()).toBe(2);
    expect(await replies.nth(0).locator('.text').innerText()).toBe('Row 1 reply one');
    expect(await replies.nth(1).locator('.text').innerText()).toContain('Status done soon old');
    expect(await row1.locator('.sender').first().innerText()).toBe('Chat Relay');
    expect(await row1.locator('time').first().getAttribute('datetime')).toMatch(
      /^2025-03-01T08:30:/,
    );
    expect(await threads.nth(1).locator('.message').count()).toBe(1);
  });

  test('Chat text formatting is rendered', async () => {
    const text = page.locator('.thread[data-thread-key="row-1"] .reply').nth(1).locator('.text');
    expect(await text.locator('strong').innerText()).toBe('done');
    expect(await text.locator('em').innerText()).toBe('soon');
    expect(await text.locator('s').innerText()).toBe('old');
    expect(await text.locator('code').innerText()).toBe('x<y');
    const links = text.locator('a.link');
    expect(await links.count()).toBe(2);
    expect(await links.nth(0).innerText()).toBe('the sheet');
    expect(await links.nth(0).getAttribute('href')).toBe('https://example.com/a?b=1&c=2');
    expect(await links.nth(1).innerText()).toBe('https://example.org');
    const block = page.locator('.code-block');
    expect(await block.innerText()).toContain('line *1*');
    expect(await block.locator('strong').count()).toBe(0);
  });

  test('<script> and HTML in message text are shown as text, never executed', async () => {
    const xss = page.locator('.space[data-space="AAAArelay"] .thread').nth(2).locator('.text');
    expect(await xss.innerText()).toContain('<script>window.__pwned = 1; alert(1)</script>');
    expect(await xss.locator('script, img').count()).toBe(0);
    expect(await page.evaluate(() => (globalThis as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('main script').count()).toBe(0);
    expect(dialogs).toEqual([]);
  });

  test('cards render header, sections, decorated text and buttons', async () => {
    const cards = page.locator('.space[data-space="AAAAcards"] .card');
    expect(await cards.count()).toBe(2);

    const caseCard = cards.nth(0);
    expect(await caseCard.getAttribute('data-card-id')).toBe('attachCard');
    expect(await caseCard.locator('.card-header .card-title').innerText()).toBe(
      'Example Customer Service Case',
    );
    expect(await caseCard.locator('.card-header .card-subtitle').innerText()).toBe('Case basics');
    const decorated = caseCard.locator('.decorated-text');
    expect(await decorated.count()).toBe(4);
    expect(await decorated.nth(0).locator('.top-label').innerText()).toBe('Case ID');
    expect(await decorated.nth(0).locator('.decorated-text-text').innerText()).toBe('case123');
    expect(await decorated.nth(3).locator('.decorated-text-text').innerText()).toBe(
      "It won't turn on...",
    );
    const buttons = caseCard.locator('.button');
    expect(await buttons.allInnerTexts()).toEqual(['OPEN CASE', 'RESOLVE CASE']);
    expect(await buttons.nth(1).getAttribute('href')).toBe(
      'https://support.example.com/orders/case123?resolved=y',
    );

    const contact = cards.nth(1);
    expect(await contact.locator('.card-title').innerText()).toBe('Sasha');
    expect(await contact.locator('.card-header-image').getAttribute('alt')).toBe(
      'Avatar for Sasha',
    );
    expect(await contact.locator('.section-header').innerText()).toBe('Contact Info');
    expect(await contact.locator('.decorated-text .known-icon').allTextContents()).toEqual([
      'EMAIL',
      'PERSON',
      'PHONE',
    ]);
    // collapsible with uncollapsibleWidgetsCount 1: the rest sits behind "Show more".
    expect(await contact.locator('.decorated-text').first().isVisible()).toBe(true);
    expect(await contact.locator('details.collapsed .decorated-text').count()).toBe(2);
    expect(await contact.locator('.button').getAttribute('href')).toBe('https://example.com/share');
    // The card message's text is shown too.
    const thread = page.locator('.space[data-space="AAAAcards"] .thread').nth(1);
    expect(await thread.locator('.text').innerText()).toBe('New contact row');
    expect(await thread.getAttribute('data-thread-key')).toBe('row-42');
  });
  describe("the relay's cards", () => {
    const space = () => page.locator('.space[data-space="AAAAsheet"]');
    const thread = (key: string) =>
      space()
        .locator('.thread')
        .filter({ has: page.locator('.card-title', { hasText: new RegExp(`^${key} · `) }) });
    const field = (card: ReturnType<Page['locator']>, label: string) =>
      card.locator('.decorated-text').filter({
        has: page.locator('.top-label', { hasText: new RegExp(`^${label}$`) }),
      });

    test('header, fields (label above the value) and the "Open in Sheets" link', async () => {
      const card = thread('T-1').locator('.message.root .card');
      expect(await card.locator('.card-header .card-title').innerText()).toBe(
        'T-1 · Toner & paper ‹b›now‹/b›',
      );
      expect(await card.locator('.card-header .card-subtitle').innerText()).toBe(
        'New row in Tickets',
      );
      // Card text arrives HTML-escaped: shown decoded once, and a typed <b> is no markup.
      const title = field(card, 'Title');
      expect(await title.locator('.decorated-text-text').innerText()).toBe(
        'Toner & paper ‹b›now‹/b›',
      );
      expect(await title.locator('.decorated-text-text b').count()).toBe(0);
      // The label sits above its value, in smaller type.
      const label = await title.locator('.top-label').boundingBox();
      const value = await title.locator('.decorated-text-text').boundingBox();
      expect(label!.y + label!.height).toBeLessThanOrEqual(value!.y + 1);
      const size = (l: ReturnType<Page['locator']>) =>
        l.evaluate((e) => {
          // In the page: the DOM's getComputedStyle (this file is type-checked without the DOM lib).
          const view = globalThis as unknown as {
            getComputedStyle(el: unknown): { fontSize: string };
          };
          return parseFloat(view.getComputedStyle(e).fontSize);
        });
      expect(await size(title.locator('.top-label'))).toBeLessThan(
        await size(title.locator('.decorated-text-text')),
      );
      // A line break of the cell is a line break of the card (the relay sends <br>).
      expect(await field(card, 'Notes').locator('.decorated-text-text').innerText()).toBe(
        'Line one\nLine two',
      );
      expect(await field(card, 'ID').locator('.decorated-text-text').innerText()).toBe('T-1');

      const button = card.locator('a.button');
      expect(await button.innerText()).toBe('Open in Sheets');
      const [link] = buttonLinks(posted.messages('AAAAsheet')[0]);
      expect(link).toMatch(
        new RegExp(`^${tickets.workbook.getUrl().replace(/[.?]/g, '\\$&')}#gid=0&range=A2:`),
      );
      expect(await button.getAttribute('href')).toBe(link);
      expect(await button.getAttribute('target')).toBe('_blank');
      expect(await button.getAttribute('rel')).toContain('noopener');
    });

    test('an update is a reply card: "Row updated in Tickets", the field old → new', async () => {
      const reply = thread('T-1').locator('.replies .message.reply');
      expect(await reply.count()).toBe(1);
      const card = reply.locator('.card');
      expect(await card.locator('.card-subtitle').innerText()).toBe('Row updated in Tickets');
      expect(await card.locator('.decorated-text').count()).toBe(1);
      expect(await field(card, 'Status').locator('.decorated-text-text').innerText()).toBe(
        'Open → In progress',
      );
    });

    test('configured mentions are chips above the card; a typed <users/all> stays text', async () => {
      const message = thread('T-2').locator('.message.root');
      const chips = message.locator('.text .mention');
      expect(await chips.allInnerTexts()).toEqual(['@all', '@user 123']);
      const above = await message.evaluate((m) => {
        const text = m.querySelector('.text');
        const card = m.querySelector('.card');
        return !!text && !!card && !!(text.compareDocumentPosition(card) & 4); // card follows
      });
      expect(above).toBe(true);
      const card = message.locator('.card');
      expect(await field(card, 'Notes').locator('.decorated-text-text').innerText()).toBe(
        '‹users/all› please look',
      );
      expect(await card.locator('.mention').count()).toBe(0);
    });

    test('a card with more fields than fit ends with "… and N more fields"', async () => {
      const card = thread('T-3').locator('.card');
      const more = card.locator('.text-paragraph');
      const line = await more.innerText();
      const hidden = Number(/^… and (\d+) more fields$/.exec(line)?.[1]);
      expect(hidden).toBeGreaterThan(0);
      const fields = 4 + EXTRA; // ID, Title, Priority, Status (Owner and Notes are empty)
      expect((await card.locator('.decorated-text').count()) + hidden).toBe(fields);
      expect(await card.locator('a.button').innerText()).toBe('Open in Sheets');
    });
  });
});
