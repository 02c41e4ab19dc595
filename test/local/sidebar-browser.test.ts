/**
 * The Settings sidebar itself, in a real Chromium (playwright-core, Debian's
 * /usr/bin/chromium): its HTML is the one openSettings() shows in the local
 * runtime (from the bundle), served with a google.script.run shim whose calls
 * run the bundle's server functions in that runtime (local/sidebar-server.ts).
 *
 * CI (CI=true) must have Chromium: the test fails if it is missing. Locally it is
 * skipped with a message when Chromium is absent.
 */
import { type Browser, type Page } from 'playwright-core';
import { CHROMIUM, hasChromium as chromiumInstalled, launchChromium } from '../../local/browser';
import { renderPreviewPage } from '../../local/chat-emulator/preview';
import { harness, type Harness } from '../../local/harness';
import { serveSidebar, type SidebarServer } from '../../local/sidebar-server';

const isCI = !!process.env.CI && process.env.CI !== 'false';
const hasChromium = chromiumInstalled();

if (!hasChromium && !isCI) {
  console.warn(
    `sidebar-browser.test.ts skipped: ${CHROMIUM} not found (install it with "apt-get install -y chromium"; CI fails instead of skipping).`,
  );
}

const describeBrowser = hasChromium || isCI ? describe : describe.skip;

const NOTES = { name: 'Notes', rows: [['Note'], ['Read me first']] };
const TICKETS = {
  name: 'Tickets',
  rows: [
    ['Created', 'Ticket ID', 'Title', 'Status'],
    ['2026-03-01', 'T-1', 'Printer on fire', 'Open'],
    ['2026-03-02', 'T-2', 'Coffee machine', 'Open'],
  ],
};

describeBrowser('Settings sidebar in Chromium', () => {
  let h: Harness;
  let server: SidebarServer;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    if (!hasChromium) {
      throw new Error(`${CHROMIUM} is missing; CI must install it (apt-get install -y chromium).`);
    }
    h = harness({ sheets: [NOTES, TICKETS], format: 'card' });
    server = await serveSidebar(h.runtime, { afterCall: () => h.clock.advance(2000) });
    browser = await launchChromium();
    // A Sheets sidebar is 300 px wide.
    page = await browser.newPage({ viewport: { width: 300, height: 900 } });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
    await page.goto(server.sidebarUrl, { waitUntil: 'domcontentloaded' });
    await page.locator('#status').filter({ hasText: 'Settings of' }).waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test('is the HTML openSettings() shows: a 300 px sidebar titled Chat Relay', () => {
    const dialog = h.runtime.ui.dialogs[h.runtime.ui.dialogs.length - 1];
    expect(dialog).toMatchObject({ kind: 'sidebar', title: 'Chat Relay', width: 300 });
    expect(server.calls[0]).toMatchObject({ fn: 'settingsLoad', ok: true });
  });

  test('1. picks a sheet and a key column read from its header row', async () => {
    await page.locator('#auto').uncheck();
    const card = page.locator('#sheets .card-box').first();
    await card.locator('select[data-path="sheets[0].sheet"]').selectOption('Tickets');
    await expect(card.locator('[data-path="sheets[0].headerRow"] .hint').innerText()).resolves.toBe(
      'Headers found: Created, Ticket ID, Title, Status',
    );
    const key = card.locator('select[data-path="sheets[0].keyColumn"]');
    expect(await key.locator('option').allInnerTexts()).toEqual([
      'The first column (Created)',
      'Created',
      'Ticket ID',
      'Title',
      'Status',
    ]);
    await key.selectOption('Ticket ID');
    await page.locator('#save').waitFor({ state: 'visible' });
    expect(await page.locator('#dirty').innerText()).toBe('Unsaved changes');
  });

  test('2. an invalid change shows its error next to the field, and is not saved', async () => {
    const card = page.locator('#sheets .card-box').first();
    await card.locator('details summary').first().click();
    const title = card.locator('input[data-path="sheets[0].title"]');
    await title.fill('{{Titel}}');
    const error = card.locator('[data-path="sheets[0].title"] > .field-error');
    await expect(
      error.filter({ hasText: 'did you mean "Title"' }).innerText({ timeout: 10000 }),
    ).resolves.toBe(
      'has the placeholder {{Titel}}, which names no header of sheet "Tickets" (did you mean "Title"?)',
    );
    expect(await title.getAttribute('class')).toContain('invalid');
    await page.locator('#save').click();
    await page.locator('#status').filter({ hasText: 'Not saved' }).waitFor();
    expect(h.properties.getProperty('CHAT_RELAY_CONFIG')).toBeNull();
  });

  test('3. once fixed, it saves', async () => {
    const card = page.locator('#sheets .card-box').first();
    await card.locator('input[data-path="sheets[0].title"]').fill('{{Ticket ID}}: {{Title}}');
    await card
      .locator('[data-path="sheets[0].title"] > .field-error:empty')
      .waitFor({ state: 'attached', timeout: 10000 });
    await page.locator('#save').click();
    await page.locator('#status').filter({ hasText: 'Saved' }).waitFor();
    expect(await page.locator('#dirty').innerText()).toBe('All changes saved');
  });

  test('4. previews the row under the cursor, as Chat shows it; nothing is sent', async () => {
    h.sheet('Tickets').setSelection(['C3']);
    await page.locator('#preview-cursor').click();
    const message = page.locator('#preview [data-testid="preview-message"]');
    await message.waitFor();
    expect(await message.locator('.card-title').innerText()).toBe('T-2: Coffee machine');
    expect(await message.locator('.card-subtitle').innerText()).toBe('New row in Tickets');
    expect(await message.locator('.top-label').allInnerTexts()).toEqual([
      'Ticket ID',
      'Created',
      'Title',
      'Status',
    ]);
    expect(await page.locator('#preview-note').innerText()).toMatch(
      /^Row 3 of Tickets: A new row: the next run posts this message/,
    );
    expect(h.messages()).toHaveLength(0);
  });

  test('5. tests the webhook: one message to that webhook, its outcome shown', async () => {
    const hook = page.locator('.webhook[data-webhook="default"]');
    expect(await hook.locator('.masked').innerText()).toBe('space AAAA…, token set');
    await hook.locator('button[data-action="test-webhook"]').click();
    const status = hook.locator('.webhook-status');
    await status.filter({ hasText: 'delivered' }).waitFor();
    expect(await status.innerText()).toBe('✔ CHAT_WEBHOOK_URL (space AAAA): message delivered.');
    expect(h.texts()).toEqual([
      '✅ Chat Relay test message for CHAT_WEBHOOK_URL: this webhook works.',
    ]);
    expect(await page.content()).not.toContain(h.token);
  });

  test('6. the configuration in force changed, and a run posts what the preview showed', async () => {
    expect(JSON.parse(h.properties.getProperty('CHAT_RELAY_CONFIG') as string)).toEqual({
      scheduleMinutes: 5,
      sheets: [{ sheet: 'Tickets', keyColumn: 'Ticket ID', title: '{{Ticket ID}}: {{Title}}' }],
    });
    h.run('runScheduled');
    type Card = { card: { header: { title: string } } };
    const titles = h
      .messages()
      .filter((m) => m.cardsV2) // the webhook test of step 5 is a text message
      .map((m) => (m.cardsV2 as Card[])[0].card.header.title);
    expect(titles).toEqual(['T-1: Printer on fire', 'T-2: Coffee machine']);
    expect(pageErrors).toEqual([]);
  });

  test('7. shown columns: exactly those checked, in the order checked, which each shows', async () => {
    const card = page.locator('#sheets .card-box').first();
    const checks = card.locator('.checks[data-path="sheets[0].columns"]');
    if (!(await checks.isVisible())) await card.locator('details summary').first().click();
    await checks.locator('input[value="Title"]').check();
    await checks.locator('input[value="Ticket ID"]').check();
    await checks.locator('input[value="Status"]').check();
    await checks.locator('input[value="Ticket ID"]').uncheck();
    await checks.locator('input[value="Ticket ID"]').check();
    expect(await checks.locator('label').allInnerTexts()).toEqual([
      'Created',
      'Ticket ID\n3',
      'Title\n1',
      'Status\n2',
    ]);
    h.sheet('Tickets').setSelection(['B2']);
    await page.locator('#preview-cursor').click();
    const message = page.locator('#preview [data-testid="preview-message"]');
    await message.locator('.top-label').first().filter({ hasText: 'Title' }).waitFor();
    expect(await message.locator('.top-label').allInnerTexts()).toEqual([
      'Title',
      'Status',
      'Ticket ID',
    ]);
    expect(await message.locator('.card-title').innerText()).toBe('T-1: Printer on fire');
    await page.locator('#save').click();
    await page.locator('#status').filter({ hasText: 'Saved' }).waitFor();
    const saved = JSON.parse(h.properties.getProperty('CHAT_RELAY_CONFIG') as string);
    expect(saved.sheets[0].columns).toEqual(['Title', 'Status', 'Ticket ID']);
    expect(pageErrors).toEqual([]);
  });

  test('8. quiet hours and a digest set in the form are saved as JSON; the digest previews as posted now', async () => {
    const card = page.locator('#sheets .card-box').first();
    await card.locator('details[data-key="ops-0"] summary').click();
    await card.locator('button[data-action="add-quiet"]').click();
    await card.locator('input[data-path="sheets[0].quietHours.from"]').fill('22:00');
    const to = card.locator('input[data-path="sheets[0].quietHours.to"]');
    await to.fill('25:00');
    // The runs' own check, with the key's path, next to the field.
    const error = card.locator('[data-path="sheets[0].quietHours.to"] > .field-error');
    await error.filter({ hasText: '25:00' }).waitFor({ timeout: 10000 });
    await to.fill('06:00');
    await error.filter({ hasText: /^$/ }).waitFor({ state: 'attached', timeout: 10000 });
    await card.locator('button[data-action="add-digest"]').click();
    const digest = card.locator('.rule[data-path="sheets[0].digests[0]"]');
    await digest.locator('input[data-path="sheets[0].digests[0].name"]').fill('Open this morning');
    await digest.locator('.checks input[value="mon"]').check();
    await digest.locator('button[data-action="add-cond"]').click();
    await card
      .locator('select[data-path="sheets[0].digests[0].when[0].column"]')
      .selectOption('Status');
    const op = card.locator('select[data-path="sheets[0].digests[0].when[0]"]');
    // The date and number operators are offered with the others, from the server's one list.
    expect(await op.locator('option').allInnerTexts()).toContain('is a date on or before');
    await card.locator('input[data-path="sheets[0].digests[0].when[0].equals"]').fill('Open');
    await page.locator('#save').click();
    await page.locator('#status').filter({ hasText: 'Saved' }).waitFor();
    const saved = JSON.parse(h.properties.getProperty('CHAT_RELAY_CONFIG') as string);
    expect(saved.sheets[0].quietHours).toEqual({ from: '22:00', to: '06:00' });
    expect(saved.sheets[0].digests).toEqual([
      {
        name: 'Open this morning',
        at: '09:00',
        days: ['mon'],
        when: [{ column: 'Status', equals: 'Open' }],
      },
    ]);
    // The Schedule section says when it is next due, for the settings saved.
    await page.locator('#trigger-state').filter({ hasText: 'Open this morning' }).waitFor();
    expect(await page.locator('#trigger-state').innerText()).toMatch(
      /Digest "Open this morning" of Tickets: (next due Monday .* at 09:00|due now)/,
    );
    const posted = h.messages().length;
    await card.locator('button[data-preview-digest]').click();
    const message = page.locator('#preview [data-testid="preview-message"]');
    await message.locator('.card-title').filter({ hasText: 'Open this morning' }).waitFor();
    expect(await page.locator('#preview-note').innerText()).toMatch(
      /^Digest "Open this morning" of Tickets: 2 rows match; posted now to the default webhook\. Next: /,
    );
    expect(await message.innerText()).toContain('Printer on fire');
    expect(h.messages()).toHaveLength(posted);
    expect(pageErrors).toEqual([]);
  });

  test('9. a reminder added in the form: the preview says when row 2 gets it, and shows it', async () => {
    const card = page.locator('#sheets .card-box').first();
    await card.locator('button[data-action="add-reminder"]').click();
    await card
      .locator('select[data-path="sheets[0].reminders[0].when[0].column"]')
      .selectOption('Status');
    await card.locator('input[data-path="sheets[0].reminders[0].when[0].equals"]').fill('Open');
    await card
      .locator('input[data-path="sheets[0].reminders[0].text"]')
      .fill('Still open: {{Title}}');
    await page.locator('#preview-sheet').selectOption('Tickets');
    await page.locator('#preview-row').fill('2');
    await page.locator('#preview-reminders').click();
    const rule = page.locator('#preview .reminder[data-path="sheets[0].reminders[0]"]');
    await rule.waitFor();
    expect(await rule.locator('.hint').innerText()).toMatch(
      /^sheets\[0\]\.reminders\[0\]: The first run at or after \d{4}-\d\d-\d\d \d\d:\d\d posts it\.$/,
    );
    expect(await rule.locator('[data-testid="preview-message"]').innerText()).toContain(
      'Still open: Printer on fire',
    );
    expect(pageErrors).toEqual([]);
  });

  test('10. actions: a Claim added in the form shows in the JSON, and its button in the preview', async () => {
    const card = page.locator('#sheets .card-box').first();
    await card.locator('details[data-key="act-0"] > summary').click();
    // settingsLoad said the web app is not deployed: the editor says so, and how to deploy.
    expect(await card.locator('[data-testid="not-deployed"]').innerText()).toContain(
      'npm run deploy',
    );
    await card.locator('button[data-action="add-action"]').click();
    await card.locator('input[data-path="sheets[0].actions[0].label"]').fill('Claim');
    await card.locator('button[data-list="entries.0.actions.0.when"]').click();
    await card
      .locator('select[data-bind="entries.0.actions.0.when.0.column"]')
      .selectOption('Status');
    await card.locator('input[data-bind="entries.0.actions.0.when.0.value"]').fill('Open');
    await card
      .locator('select[data-bind="entries.0.actions.0.set.0.header"]')
      .selectOption('Status');
    await card
      .locator('input[data-bind="entries.0.actions.0.set.0.value"]')
      .fill('Claimed by {{_user}}');
    const claim = {
      label: 'Claim',
      when: [{ column: 'Status', equals: 'Open' }],
      set: { Status: 'Claimed by {{_user}}' },
    };
    await page.locator('#advanced > summary').click();
    const json = JSON.parse(await page.locator('#json').inputValue());
    expect(json.sheets[0].actions).toEqual([claim]);
    // The runs' validator, live: without a web app, the actions are an error next to the field.
    const actionsError = card.locator('[data-path="sheets[0].actions"] > .field-error');
    await expect(
      actionsError.filter({ hasText: 'npm run deploy' }).innerText({ timeout: 10000 }),
    ).resolves.toContain('not deployed as one');
    // Deployed: the same check passes (the next check asks ScriptApp again).
    h.runtime.webApp = { url: 'https://script.google.com/macros/s/local-sidebar/exec' };
    await card.locator('input[data-path="sheets[0].actions[0].label"]').fill('Claim it');
    await card.locator('input[data-path="sheets[0].actions[0].label"]').fill('Claim');
    await actionsError.filter({ hasText: /^$/ }).waitFor({ state: 'attached', timeout: 10000 });
    // The JSON edited by hand: the form follows (a second pair, the links' lifetime).
    await page.locator('#json').fill(
      JSON.stringify({
        ...json,
        sheets: [
          {
            ...json.sheets[0],
            actions: [{ ...claim, set: { ...claim.set, Ownr: '{{_now}}' } }],
            actionLinkDays: 7,
          },
        ],
      }),
    );
    await expect(
      card.locator('input[data-path="sheets[0].actionLinkDays"]').inputValue(),
    ).resolves.toBe('7');
    const pairError = card.locator('[data-path="sheets[0].actions[0].set.Ownr"] > .field-error');
    await expect(
      pairError.filter({ hasText: 'Ownr' }).innerText({ timeout: 10000 }),
    ).resolves.toContain('is not a header of sheet "Tickets"');
    await card
      .locator('[data-path="sheets[0].actions[0].set.Ownr"] button[data-action="remove"]')
      .click();
    await pairError.waitFor({ state: 'detached' });
    // The preview shows the Claim button on a row whose Status is Open.
    h.sheet('Tickets').setSelection(['B2']);
    await page.locator('#preview-cursor').click();
    const message = page.locator('#preview [data-testid="preview-message"]');
    await message.locator('.button', { hasText: 'Claim' }).waitFor({ timeout: 10000 });
    expect(await message.locator('.button').allInnerTexts()).toEqual(['Open in Sheets', 'Claim']);
    expect(pageErrors).toEqual([]);
  });
});

describeBrowser(
  'Settings sidebar in Chromium: the Schedule’s daily budget and who installed',
  () => {
    const AT = Math.floor(Date.UTC(2026, 2, 1, 9) / 1000);
    /** Five trigger runs of 40 s each, as runs record them (CHAT_RELAY_STATE, src/app/health/state.ts). */
    const MEASURED = JSON.stringify({ r: [0, 1, 2, 3, 4].map((i) => [AT + i * 300, 40000]) });
    /** An install recorded by another editor (CHAT_RELAY_TRIGGERS, src/app/health/installers.ts). */
    const INSTALLED = JSON.stringify([{ e: 'ana@example.com', m: 5, t: AT * 1000 }]);
    let browser: Browser;
    const pageErrors: string[] = [];

    async function open(properties: Record<string, string>): Promise<{
      page: Page;
      server: SidebarServer;
    }> {
      const h = harness({ sheets: [TICKETS], format: 'card', properties });
      const server = await serveSidebar(h.runtime, { afterCall: () => h.clock.advance(2000) });
      const page = await browser.newPage({ viewport: { width: 300, height: 900 } });
      page.on('pageerror', (error) => pageErrors.push(error.message));
      await page.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
      await page.goto(server.sidebarUrl, { waitUntil: 'domcontentloaded' });
      await page.locator('#status').filter({ hasText: 'Settings of' }).waitFor();
      return { page, server };
    }

    beforeAll(async () => {
      browser = await launchChromium();
    });

    afterAll(async () => {
      await browser?.close();
    });

    test('nothing measured, nothing installed: plain sentences; Start names who installed', async () => {
      const { page, server } = await open({});
      try {
        const budget = page.locator('#budget');
        expect(await budget.innerText()).toBe(
          'Time per run: not measured yet (it is measured from the first runs of the triggers).',
        );
        expect(await budget.getAttribute('class')).toBe('hint');
        expect(await page.locator('#trigger-owners').innerText()).toMatch(
          /^No installation of the triggers is recorded/,
        );
        await page.locator('#start').click();
        await page.locator('#trigger-state').filter({ hasText: 'Running' }).waitFor();
        expect(await page.locator('#trigger-owners').innerText()).toBe(
          'The triggers were installed by user@example.com: they run as that user, and Apps Script e-mails their failures to that user.',
        );
      } finally {
        await page.close();
        await server.close();
      }
    });

    test('40 s a run: what the period chosen costs a day, which follows the period', async () => {
      const { page, server } = await open({
        CHAT_RELAY_STATE: MEASURED,
        CHAT_RELAY_TRIGGERS: INSTALLED,
      });
      try {
        const budget = page.locator('#budget');
        // Every 5 minutes (the default): 288 runs of 40 s, 3.2 h, over half of the 6 h cap.
        expect(await budget.innerText()).toMatch(
          /^About 40 s a run, every 5 minutes: ~3\.2 h a day, over half of Apps Script's 6 h cap\. Choose 10 minutes or more\. /,
        );
        expect(await budget.getAttribute('class')).toBe('warning');
        await page.locator('#schedule-minutes').selectOption('1');
        await budget.filter({ hasText: 'every minute' }).waitFor();
        expect(await budget.innerText()).toMatch(
          /^About 40 s a run, every minute: ~16 h a day, over Apps Script's 6 h cap\. Choose 10 minutes or more\. /,
        );
        expect(await budget.getAttribute('class')).toBe('warning');
        await page.locator('#schedule-minutes').selectOption('15');
        await budget.filter({ hasText: 'every 15 minutes' }).waitFor();
        expect(await budget.innerText()).toBe(
          "About 40 s a run, every 15 minutes: ~1.1 h a day, within Apps Script's 6 h daily cap for triggers.",
        );
        expect(await budget.getAttribute('class')).toBe('hint');
        // Revert: back to the saved period, and its cost.
        await page.locator('#revert').click();
        await budget.filter({ hasText: 'every 5 minutes' }).waitFor();
        expect(await page.locator('#trigger-owners').innerText()).toBe(
          'The triggers were installed by ana@example.com: they run as that user, and Apps Script e-mails their failures to that user.',
        );
        expect(pageErrors).toEqual([]);
      } finally {
        await page.close();
        await server.close();
      }
    });
  },
);

describeBrowser(
  'Settings sidebar in Chromium: a form sheet that does not take every setting',
  () => {
    let h: Harness;
    let server: SidebarServer;
    let browser: Browser;
    let page: Page;
    const pageErrors: string[] = [];
    const NOTE =
      'Sheet "Form Responses 1" is followed because a form writes to it, and not every top-level setting fits it: keyColumn (no column "ID"): its first column, "Timestamp", is the key. Every other setting applies to it. List it in "sheets" to give it its own settings.';

    beforeAll(async () => {
      h = harness({
        sheets: [
          {
            name: 'Tickets',
            rows: [
              ['ID', 'Status'],
              ['T-1', 'Open'],
            ],
          },
          {
            name: 'Form Responses 1',
            rows: [
              ['Timestamp', 'Status'],
              [new Date(Date.UTC(2026, 0, 2)), 'Draft'],
            ],
            formUrl: 'https://docs.google.com/forms/d/local-form/edit',
          },
        ],
        format: 'card',
        config: { keyColumn: 'ID', sendWhen: { column: 'Status', notEquals: 'Draft' } },
      });
      server = await serveSidebar(h.runtime, { afterCall: () => h.clock.advance(2000) });
      browser = await launchChromium();
      page = await browser.newPage({ viewport: { width: 300, height: 900 } });
      page.on('pageerror', (error) => pageErrors.push(error.message));
      await page.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
      await page.goto(server.sidebarUrl, { waitUntil: 'domcontentloaded' });
      await page.locator('#status').filter({ hasText: 'Settings of' }).waitFor();
    });

    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    test('the "Every followed sheet" card says what falls back on the form’s sheet', async () => {
      const card = page.locator('#sheets .card-box[data-path="#all"]');
      await expect(card.locator('.title span').innerText()).resolves.toBe('Every followed sheet');
      await expect(card.locator('.fallbacks').innerText()).resolves.toBe(`⚠ ${NOTE}`);
      expect(await card.locator('.fallbacks').isVisible()).toBe(true);
    });

    test('the preview of that sheet’s rows says it too; another sheet’s does not', async () => {
      await page.locator('#preview-sheet').selectOption('Form Responses 1');
      await page.locator('#preview-row').fill('2');
      await page.locator('#preview-go').click();
      await page
        .locator('#preview-note')
        .filter({ hasText: 'Row 2 of Form Responses 1' })
        .waitFor();
      expect(await page.locator('#preview-note').innerText()).toBe(
        'Row 2 of Form Responses 1: This row waits for its sendWhen condition: nothing is posted until the condition holds.',
      );
      expect(await page.locator('#preview-fallback').innerText()).toBe(`⚠ ${NOTE}`);
      expect(await page.locator('#preview-fallback').isVisible()).toBe(true);
      await page.locator('#preview-sheet').selectOption('Tickets');
      await page.locator('#preview-go').click();
      await page.locator('#preview-note').filter({ hasText: 'Row 2 of Tickets' }).waitFor();
      expect(await page.locator('#preview-fallback').isVisible()).toBe(false);
    });

    test('once the form’s sheet is listed with its own key column, nothing falls back', async () => {
      // Listing the followed sheets copies the card's settings to each: the form's key is its own to fix.
      await page.locator('#auto').uncheck();
      const form = page.locator('#sheets .card-box').nth(1);
      await expect(form.locator('select[data-path="sheets[1].sheet"]').inputValue()).resolves.toBe(
        'Form Responses 1',
      );
      await form.locator('select[data-path="sheets[1].keyColumn"]').selectOption('');
      await page
        .locator('#status')
        .filter({ hasText: 'These settings are valid' })
        .waitFor({ timeout: 10000 });
      expect(await page.locator('#sheets .fallbacks').allInnerTexts()).toEqual(['', '']);
      expect(pageErrors).toEqual([]);
    });
  },
);

describeBrowser('Settings sidebar in Chromium: the preview shows a body as Chat shows it', () => {
  const TYPED = `O'Brien & Co <R&D> "quoted"`;
  const SHOWN = `O'Brien & Co \u2039R&D\u203a "quoted"`;
  let h: Harness;
  let server: SidebarServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    h = harness({
      sheets: [
        {
          name: 'Tickets',
          rows: [
            ['ID', 'R&D'],
            ['T-1', TYPED],
          ],
        },
      ],
      format: 'card',
    });
    server = await serveSidebar(h.runtime, { afterCall: () => h.clock.advance(2000) });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 300, height: 900 } });
    await page.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
    await page.goto(server.sidebarUrl, { waitUntil: 'domcontentloaded' });
    await page.locator('#status').filter({ hasText: 'Settings of' }).waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test(`a cell ${TYPED} and a header R&D read as typed, never as entities`, async () => {
    h.sheet('Tickets').setSelection(['B2']);
    await page.locator('#preview-cursor').click();
    const message = page.locator('#preview [data-testid="preview-message"]');
    await message.waitFor();
    expect(await message.locator('.card-title').innerText()).toBe(`T-1 \u00b7 ${SHOWN}`);
    expect(await message.locator('.top-label').allInnerTexts()).toEqual(['ID', 'R&D']);
    expect(await message.locator('.decorated-text-text').allInnerTexts()).toEqual(['T-1', SHOWN]);
  });

  test('the emulator’s page shows the posted message exactly as the preview showed it', async () => {
    const preview = await page.locator('#preview .card').evaluate((card) => card.outerHTML);
    h.run('sendPendingRows');
    expect(h.messages()).toHaveLength(1);
    const emulator = await browser.newPage();
    await emulator.setContent(renderPreviewPage(h.chat));
    const posted = emulator.locator('.card');
    expect(await posted.evaluate((card) => card.outerHTML)).toBe(preview);
    expect(await posted.locator('.decorated-text-text').allInnerTexts()).toEqual(['T-1', SHOWN]);
    await emulator.close();
  });
});

/** Where the focused control is, beside the fixed Save bar and the sticky status line. */
interface Focused {
  name: string;
  top: number;
  bottom: number;
  barTop: number;
  statusBottom: number;
  inBar: boolean;
}
const FOCUSED = `(() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const box = el.getBoundingClientRect();
  const bar = document.querySelector('.bottom').getBoundingClientRect();
  const status = document.getElementById('status').getBoundingClientRect();
  const name = el.tagName + ' ' + (el.id || el.getAttribute('data-path') || el.textContent);
  return { name, top: box.top, bottom: box.bottom, barTop: bar.top, statusBottom: status.bottom,
    inBar: !!el.closest('.bottom') };
})()`;

describeBrowser(
  'Settings sidebar in Chromium: long names, right-to-left text, the keyboard',
  () => {
    const LONG_SHEET = `Quarterly${'Report'.repeat(32)}End`.slice(0, 200);
    const LONG_HEADER = `Description${'Of'.repeat(100)}`.slice(0, 200);
    const RLO = '\u202E';
    const HEADERS = ['ID', `${RLO}Owner`, 'Status', LONG_HEADER, 'Due'];
    let h: Harness;
    let server: SidebarServer;
    let browser: Browser;
    let page: Page;
    const pageErrors: string[] = [];

    beforeAll(async () => {
      h = harness({
        sheets: [
          { name: 'Tickets', rows: [HEADERS, ['T-1', 'Ann', 'Open', 'x', 'today']] },
          {
            name: LONG_SHEET,
            rows: [
              [LONG_HEADER, 'ID'],
              ['a', 'b'],
            ],
          },
        ],
        format: 'card',
      });
      server = await serveSidebar(h.runtime, { afterCall: () => h.clock.advance(2000) });
      browser = await launchChromium();
      page = await browser.newPage({ viewport: { width: 300, height: 700 } });
      page.on('pageerror', (error) => pageErrors.push(error.message));
      await page.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
      await page.goto(server.sidebarUrl, { waitUntil: 'domcontentloaded' });
      await page.locator('#status').filter({ hasText: 'Settings of' }).waitFor();
    });

    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    const scrollWidth = () => page.evaluate<number>('document.scrollingElement.scrollWidth');

    test('a 200-character sheet name and header never make the 300 px sidebar scroll sideways', async () => {
      expect(await scrollWidth()).toBeLessThanOrEqual(300);
      await page.locator('#auto').uncheck();
      await page.locator('#add-sheet').click();
      const second = page.locator('#sheets .card-box').nth(1);
      await expect(
        second.locator('select[data-path="sheets[1].sheet"]').inputValue(),
      ).resolves.toBe(LONG_SHEET);
      for (const summary of await page.locator('#sheets details summary').all())
        await summary.click();
      await second.locator('select[data-path="sheets[1].keyColumn"]').selectOption(LONG_HEADER);
      await second
        .locator('[data-path="sheets[1].sendWhen"] button[data-action="add-cond"]')
        .click();
      await page
        .locator('select[data-path="sheets[1].sendWhen[0].column"]')
        .selectOption(LONG_HEADER);
      await page.locator('#preview-sheet').selectOption(LONG_SHEET);
      await page.locator('#advanced summary').click();
      expect(await scrollWidth()).toBeLessThanOrEqual(300);
      // Cut or wrapped, the full text is there on hover.
      const title = second.locator('.title span').first();
      expect(await title.getAttribute('title')).toBe(LONG_SHEET);
      // The card's title is cut to its one line, not wrapped.
      const cut = `(() => {
        const span = document.querySelectorAll('#sheets .card-box')[1].querySelector('.title span');
        return span.scrollWidth > span.clientWidth;
      })()`;
      expect(await page.evaluate(cut)).toBe(true);
      // Nor is a word of the page's own broken to make room: each button and label is one line.
      const broken = `(() => [...document.querySelectorAll('button, .inline > span, label.check > span')]
        .filter((el) => el.getClientRects().length && el.textContent.trim())
        .filter((el) => {
          const range = document.createRange();
          range.selectNodeContents(el);
          const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
          return tops.size > 1 && !/\\s/.test(el.textContent.trim());
        })
        .map((el) => el.textContent.trim()))()`;
      expect(await page.evaluate(broken)).toEqual([]);
      const key = second.locator('select[data-path="sheets[1].keyColumn"]');
      expect(await key.getAttribute('title')).toBe(LONG_HEADER);
      const shown = second.locator(
        `.checks[data-path="sheets[1].columns"] label[title="${LONG_HEADER}"]`,
      );
      expect(await shown.count()).toBe(1);
      await page.locator('#advanced summary').click();
      await page.locator('#auto').check();
      expect(await scrollWidth()).toBeLessThanOrEqual(300);
      expect(pageErrors).toEqual([]);
    });

    test('a right-to-left override in one header reverses none of the names after it', async () => {
      const hint = page.locator('#sheets [data-path="headerRow"] .hint');
      await expect(hint.innerText()).resolves.toContain('Status');
      // The sheet and each header are isolated, each in an element of its own …
      const names = await hint.locator('bdi').allTextContents();
      expect(names).toEqual(['Tickets', ...HEADERS]);
      // … and "Status", after the override, reads left to right as rendered.
      const order = (await page.evaluate(`(() => {
        const hint = document.querySelector('#sheets [data-path="headerRow"] .hint');
        const bdi = [...hint.querySelectorAll('bdi')].filter((b) => b.textContent === 'Status')[0];
        const text = bdi.firstChild;
        const x = (i) => {
          const range = document.createRange();
          range.setStart(text, i);
          range.setEnd(text, i + 1);
          return range.getBoundingClientRect().left;
        };
        return { first: x(0), last: x(text.length - 1) };
      })()`)) as { first: number; last: number };
      expect(order.first).toBeLessThan(order.last);
      // Where a name cannot be an element of its own (an option), it is isolated by FSI … PDI.
      const rowOption = await page
        .locator('#sheets select[data-path="headerRow"] option')
        .first()
        .textContent();
      expect(rowOption).toContain(`\u2068${RLO}Owner\u2069`);
    });

    test('settings over 9 KB: the live check names their size, beside the other problems', async () => {
      if ((await page.locator('#advanced').getAttribute('open')) === null)
        await page.locator('#advanced summary').click();
      const json = { token: 'tok-typed', title: `{{ID}} ${'x'.repeat(9300)}` };
      await page.locator('#json').fill(JSON.stringify(json, null, 2));
      const general = page.locator('#general-errors');
      await general.filter({ hasText: 'bytes long' }).waitFor({ timeout: 10000 });
      expect(await general.locator('div').allInnerTexts()).toEqual([
        expect.stringMatching(
          /^CHAT_RELAY_CONFIG is 93\d\d bytes long: a Script Property holds at most 9216 bytes \(9 KB\), so Save would fail/,
        ),
        expect.stringMatching(
          /^CHAT_RELAY_CONFIG key "token" is not a known key: webhooks do not belong in CHAT_RELAY_CONFIG/,
        ),
      ]);
      expect(await scrollWidth()).toBeLessThanOrEqual(300);
    });

    test('every control reached with Tab stays clear of the fixed Save bar (however tall) and the status line', async () => {
      // The Save bar lists the problems of the test before: it is taller than the page's own room.
      expect(
        await page.evaluate<number>(`document.querySelector('.bottom').offsetHeight`),
      ).toBeGreaterThan(120);
      // Every control: each details opened.
      for (const summary of await page.locator('details > summary').all()) {
        if ((await summary.locator('xpath=..').getAttribute('open')) === null)
          await summary.click();
      }
      /** Tabs (or Shift+Tabs) from `start` until the focus leaves the page: what it hid. */
      const tabFrom = async (start: string, key: string) => {
        await page.locator(start).focus();
        const hidden: string[] = [];
        let reached = 0;
        for (let i = 0; i < 200; i++) {
          await page.keyboard.press(key);
          const where = (await page.evaluate(FOCUSED)) as Focused | null;
          if (!where) break;
          reached++;
          if (!where.inBar && (where.bottom > where.barTop || where.top < where.statusBottom))
            hidden.push(`${where.name}: ${where.top}–${where.bottom}, bar at ${where.barTop}`);
        }
        return { reached, hidden };
      };
      // From the first control down, as a keyboard user goes, then from the last one up.
      await page.evaluate('window.scrollTo(0, 0)');
      const down = await tabFrom('#auto', 'Tab');
      expect(down.reached).toBeGreaterThan(20);
      expect(down.hidden).toEqual([]);
      await page.evaluate('window.scrollTo(0, document.scrollingElement.scrollHeight)');
      const up = await tabFrom('#json', 'Shift+Tab');
      expect(up.reached).toBeGreaterThan(20);
      expect(up.hidden).toEqual([]);
    });
  },
);

describeBrowser('Settings sidebar in Chromium: a first open, and adding a webhook', () => {
  const INFRA = 'https://chat.googleapis.com/v1/spaces/BBBB/messages?key=k-infra&token=t-infra';
  const NEW = 'https://chat.googleapis.com/v1/spaces/CCCC/messages?key=k-new&token=t-new';
  let h: Harness;
  let server: SidebarServer;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    h = harness({ format: 'card', properties: { CHAT_WEBHOOK_URL_INFRA: INFRA } });
    h.properties.deleteProperty('CHAT_WEBHOOK_URL');
    server = await serveSidebar(h.runtime, { afterCall: () => h.clock.advance(2000) });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 300, height: 900 } });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
    await page.goto(server.sidebarUrl, { waitUntil: 'domcontentloaded' });
    await page.locator('#status').filter({ hasText: 'Webhooks' }).waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test('without a webhook, the message beside the paste box points to the paste box', async () => {
    expect(await page.locator('#status').innerText()).toBe(
      'The default webhook is not set yet: paste the webhook URL of your Chat space in its box under Webhooks.',
    );
    const box = page.locator('.webhook[data-webhook="default"]');
    const said = await box.locator(':scope > .field-error').innerText();
    expect(said).toContain('paste');
    expect(said).toContain('box above');
    expect(said).not.toContain('Project Settings');
    expect(await page.locator('body').innerText()).not.toContain('Project Settings');
  });

  test('adding a webhook under a NAME that exists asks first, naming it; Cancel keeps it', async () => {
    await page.locator('#add-webhook summary').click();
    await page.locator('#new-name').fill('INFRA');
    await page.locator('#new-url').fill(NEW);
    await page.locator('#add-webhook-button').click();
    const ask = page.locator('#replace-webhook');
    await ask.waitFor({ state: 'visible' });
    expect(await ask.innerText()).toContain('INFRA');
    expect(await ask.innerText()).toContain('CHAT_WEBHOOK_URL_INFRA');
    expect(await ask.innerText()).toContain('space BBBB');
    expect(h.properties.getProperty('CHAT_WEBHOOK_URL_INFRA')).toBe(INFRA);
    await page.locator('#replace-cancel').click();
    await ask.waitFor({ state: 'hidden' });
    expect(h.properties.getProperty('CHAT_WEBHOOK_URL_INFRA')).toBe(INFRA);
    expect(await page.locator('.webhook[data-webhook="INFRA"] .masked').innerText()).toBe(
      'space BBBB…, token set',
    );
  });

  test('… and Replace replaces it', async () => {
    await page.locator('#add-webhook-button').click();
    await page.locator('#replace-webhook').waitFor({ state: 'visible' });
    await page.locator('#replace-go').click();
    await page.locator('#status').filter({ hasText: 'CHAT_WEBHOOK_URL_INFRA' }).waitFor();
    expect(h.properties.getProperty('CHAT_WEBHOOK_URL_INFRA')).toBe(NEW);
    expect(await page.locator('.webhook[data-webhook="INFRA"] .masked').innerText()).toBe(
      'space CCCC…, token set',
    );
  });

  test('"default", unset, is added without asking; set, it asks too', async () => {
    await page.locator('#new-name').fill('default');
    await page.locator('#new-url').fill(INFRA);
    await page.locator('#add-webhook-button').click();
    await page.locator('#status').filter({ hasText: 'Added CHAT_WEBHOOK_URL ' }).waitFor();
    expect(h.properties.getProperty('CHAT_WEBHOOK_URL')).toBe(INFRA);
    await page.locator('#new-name').fill('DEFAULT');
    await page.locator('#new-url').fill(NEW);
    await page.locator('#add-webhook-button').click();
    const ask = page.locator('#replace-webhook');
    await ask.waitFor({ state: 'visible' });
    expect(await ask.innerText()).toContain('The default webhook (CHAT_WEBHOOK_URL: space BBBB…');
    await page.locator('#replace-cancel').click();
    expect(h.properties.getProperty('CHAT_WEBHOOK_URL')).toBe(INFRA);
    expect(await page.content()).not.toMatch(/k-infra|t-infra|k-new|t-new/);
    expect(pageErrors).toEqual([]);
  });
});
