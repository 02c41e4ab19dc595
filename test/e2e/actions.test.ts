/**
 * Acting from Chat (issue 17), through the built bundle in the local runtime:
 * a row's message carries its actions' buttons, each a signed link to the web
 * app; doGet shows the confirmation page and writes nothing; actionConfirm
 * writes the row once, under the lock, found by its row ID, and the row's
 * update reply says who acted. Forged, altered and expired links act on
 * nothing, and no page, result or log line holds the secret.
 */
import type { Harness } from '../../local/harness';
import type { HtmlOutputFake } from '../../local/runtime';
import {
  CLAIM,
  RESOLVE,
  WEB_APP,
  actionsHarness,
  linkFor,
  linksOf,
  paramsOf,
  type Params,
} from '../support/actions';

const SECRET_PROPERTY = 'CHAT_RELAY_ACTION_SECRET';

type Result = { ok: boolean; outcome: string; message: string };

function page(h: Harness, parameter: unknown, user = 'ana@example.com'): string {
  h.runtime.activeUser = user;
  return (h.run('doGet', { parameter }) as HtmlOutputFake).getContent();
}

function confirm(h: Harness, parameter: unknown, user = 'ana@example.com'): Result {
  h.runtime.activeUser = user;
  return h.run('actionConfirm', parameter) as Result;
}

function row(h: Harness, key: string): Record<string, string> {
  return h.table().filter((r) => r.ID === key)[0] as Record<string, string>;
}

/** What an action could have written: the sheet's cells and the Script Properties. */
function written(h: Harness): string {
  return JSON.stringify({
    cells: h.sheet().displayRows(),
    properties: h.properties.getProperties(),
  });
}

/** The write calls made on the workbook so far. */
function writeCalls(h: Harness): number {
  const byMethod = h.workbook.calls.byMethod;
  return Object.keys(byMethod)
    .filter((m) => /\.(set|insert|delete|hide|clear|append|sort)/.test(m))
    .reduce((n, m) => n + byMethod[m], 0);
}

/** No page, result or log line holds the secret (nor a webhook's token). */
function expectNoSecret(h: Harness, ...values: unknown[]): void {
  const secret = h.properties.getProperty(SECRET_PROPERTY) as string;
  expect(secret).toMatch(/^[0-9a-f]{64}$/);
  const text = values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join('\n');
  for (const s of [secret, h.token]) {
    expect(text).not.toContain(s);
    expect(h.runtime.logs.join('\n')).not.toContain(s);
    expect(JSON.stringify(h.messages())).not.toContain(s);
  }
}

describe('the buttons of a row’s actions', () => {
  it('stand beside "Open in Sheets" on the rows whose `when` holds, each a signed link to the web app', () => {
    const h = actionsHarness();
    const start = h.clock.now();
    h.run('runScheduled');
    const labels = (key: string) => {
      const message = h.messages().filter((m) => JSON.stringify(m).includes(`"${key}"`))[0];
      return JSON.stringify(message.cardsV2)
        .match(/"text":"[^"]+","onClick"/g)!
        .map((t) => t.slice(8, -11));
    };
    expect(labels('T-1')).toEqual(['Open in Sheets', 'Claim']);
    expect(labels('T-3')).toEqual(['Open in Sheets', 'Resolve']);
    const params = paramsOf(linkFor(h, 'T-1', 'Claim'));
    const ledger = JSON.parse(row(h, 'T-1')['Chat Ledger']);
    expect(params).toEqual({
      a: 'Claim',
      s: String(h.sheet().getSheetId()),
      r: ledger.id,
      t: String(Math.floor(start / 1000)),
      sig: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
    });
    expect(Object.keys(params)).toEqual(['a', 's', 'r', 't', 'sig']);
    expectNoSecret(h);
  });

  it('in a text message, are links on their own line after "Open in Sheets"', () => {
    const h = actionsHarness({ format: 'text' });
    h.run('runScheduled');
    const text = h.texts().filter((t) => t.includes('T-1'))[0];
    const lines = text.split('\n');
    expect(lines[lines.length - 2]).toBe(h.linkLine(2, 'E'));
    expect(lines[lines.length - 1]).toMatch(/^<https:\/\/script\.google\.com\/[^|<>]+\|Claim>$/);
  });

  it('are refused, with how to deploy, while the web app is not deployed', () => {
    const h = actionsHarness();
    h.runtime.webApp = null;
    expect(() => h.runtime.callAsTrigger('runScheduled')).toThrow(
      /CHAT_RELAY_CONFIG key "actions" \(default for every followed sheet\) needs the web app its buttons open, but Chat Relay is not deployed as one .*npm run deploy/,
    );
    expect(h.messages()).toEqual([]);
    const saved = h.run('settingsSave', JSON.stringify({ actions: [CLAIM] })) as {
      ok: boolean;
      errors: Array<{ path: string; text: string }>;
    };
    expect(saved.ok).toBe(false);
    expect(saved.errors[0]).toMatchObject({ path: 'actions' });
    expect(saved.errors[0].text).toMatch(/npm run deploy/);
  });

  it('are signed with a secret made on first need: not by a run without actions, nor by a preview', () => {
    const plain = actionsHarness({ config: {} });
    plain.run('runScheduled');
    expect(plain.messages().length).toBeGreaterThan(0);
    expect(plain.properties.getProperty(SECRET_PROPERTY)).toBeNull();

    const h = actionsHarness();
    const preview = h.run(
      'settingsPreview',
      JSON.stringify({ actions: [CLAIM] }),
      'Tickets',
      2,
    ) as {
      message: Record<string, unknown>;
    };
    expect(h.properties.getProperty(SECRET_PROPERTY)).toBeNull();
    // The preview's button, signed before there is a secret, works for nobody.
    const [[, url]] = linksOf(preview.message);
    expect(page(h, paramsOf(url))).toMatch(/This link is not valid/);
    h.run('runScheduled');
    const secret = h.properties.getProperty(SECRET_PROPERTY);
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    h.sheet().setCell(2, 2, 'Printer still on fire');
    h.run('runScheduled');
    expect(h.properties.getProperty(SECRET_PROPERTY)).toBe(secret);
    expectNoSecret(h);
  });

  it('link to the local web app (npm start) on this machine, but never to plain HTTP elsewhere', () => {
    const local = actionsHarness();
    local.runtime.webApp = { url: 'http://127.0.0.1:8123/exec' };
    local.run('runScheduled');
    const button = JSON.stringify(local.messages()[0].cardsV2).match(
      /"text":"Claim","onClick":\{"openLink":\{"url":"([^"]+)"/,
    );
    expect(button?.[1]).toMatch(
      /^http:\/\/127\.0\.0\.1:8123\/exec\?a=Claim&s=\d+&r=r[0-9a-z]+&t=\d+&sig=/,
    );

    const plain = actionsHarness();
    plain.runtime.webApp = { url: 'http://example.com/exec' };
    expect(() => plain.runtime.callAsTrigger('runScheduled')).toThrow(
      /needs the web app its buttons open, but the URL Apps Script gives for it cannot be used in a link/,
    );
    expect(plain.messages()).toEqual([]);
  });

  it('show in the Settings preview as a run would post them', () => {
    const h = actionsHarness();
    h.run('runScheduled');
    const preview = h.run(
      'settingsPreview',
      JSON.stringify({ actions: [CLAIM] }),
      'Tickets',
      3,
    ) as {
      message: Record<string, unknown>;
    };
    expect(linksOf(preview.message).map(([l]) => l)).toEqual(['Claim']);
  });
});

describe('a configuration of actions that cannot work', () => {
  it.each<[string, Record<string, string>, RegExp]>([
    [
      'a header the sheet lacks',
      { Ownr: 'x' },
      /key "sheets\[0\]\.actions\[0\]\.set\.Ownr" names "Ownr", which is not a header of sheet "Tickets" \(did you mean "Owner"\?\)/,
    ],
    [
      'the key column',
      { ID: 'x' },
      /key "sheets\[0\]\.actions\[0\]\.set\.ID" names "ID", the key column of sheet "Tickets"/,
    ],
    [
      'a relay column',
      { 'Chat Status': 'x' },
      /key "sheets\[0\]\.actions\[0\]\.set\.Chat Status" names "Chat Status", one of Chat Relay's own columns in sheet "Tickets"/,
    ],
    [
      'an unknown placeholder',
      { Owner: '{{_usr}}' },
      /key "sheets\[0\]\.actions\[0\]\.set\.Owner" \(sheet "Tickets"\) has the placeholder \{\{_usr\}\}/,
    ],
  ])('is refused by Save and by a run, naming %s and the sheet', (_, set, problem) => {
    const h = actionsHarness();
    const config = { sheets: [{ sheet: 'Tickets', actions: [{ label: 'Claim', set }] }] };
    const saved = h.run('settingsSave', JSON.stringify(config)) as {
      ok: boolean;
      errors: Array<{ text: string }>;
    };
    expect(saved.ok).toBe(false);
    expect(saved.errors.map((e) => e.text)).toEqual([expect.stringMatching(problem)]);
    h.properties.setProperty('CHAT_RELAY_CONFIG', JSON.stringify(config));
    expect(() => h.runtime.callAsTrigger('runScheduled')).toThrow(problem);
    expect(h.messages()).toEqual([]);
  });
});

describe('opening a link (doGet)', () => {
  it('shows the row’s title, what will be written, as whom, and a Confirm button that passes e.parameter back', () => {
    const h = actionsHarness();
    h.run('runScheduled');
    const params = paramsOf(linkFor(h, 'T-1', 'Claim'));
    const html = page(h, params);
    expect(html).toContain('<h1>Claim</h1>');
    expect(html).toContain('T-1 · Printer on fire');
    expect(html).toContain('<tr><th>Owner</th><td>(empty) → ana@example.com</td></tr>');
    expect(html).toContain('<tr><th>Status</th><td>New → Claimed</td></tr>');
    expect(html).toContain('As ana@example.com');
    expect(html).toContain('<button id="confirm"');
    expect(html).toContain(`.actionConfirm(${JSON.stringify(params)})`);
    expectNoSecret(h, html);
  });

  it('writes nothing at all: no cell, no property, not even on a first visit', () => {
    const h = actionsHarness();
    h.run('runScheduled');
    const params = paramsOf(linkFor(h, 'T-1', 'Claim'));
    const before = written(h);
    const calls = writeCalls(h);
    page(h, params);
    page(h, { ...params, sig: params.sig.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')) });
    page(h, params, '');
    expect(writeCalls(h)).toBe(calls);
    expect(written(h)).toBe(before);
  });

  it('escapes every cell text it shows', () => {
    const h = actionsHarness({
      sheets: [
        {
          name: 'Tickets',
          rows: [
            ['ID', 'Title', 'Status', 'Owner'],
            ['T-<b>1', '</script><script>alert(1)</script> & "x"', 'New', '<img src=x>'],
          ],
        },
      ],
      config: { actions: [CLAIM] },
    });
    h.run('runScheduled');
    const html = page(h, paramsOf(linkFor(h, 'T-‹b›1', 'Claim')));
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>');
    expect(html).not.toContain('alert(1)</script>');
    expect(html).toContain('&lt;img src=x&gt; → ana@example.com');
    expect(html.match(/<script>/g)).toHaveLength(1);
  });

  it('says who is needed when Apps Script gives no address, and offers no Confirm button', () => {
    const h = actionsHarness();
    h.run('runScheduled');
    const html = page(h, paramsOf(linkFor(h, 'T-1', 'Claim')), '');
    expect(html).toMatch(/cannot tell who you are/);
    expect(html).not.toContain('<button');
  });
});

describe('links that act on nothing', () => {
  function setUp() {
    const h = actionsHarness();
    h.run('runScheduled');
    return { h, params: paramsOf(linkFor(h, 'T-1', 'Claim')) };
  }

  const other = (value: string) =>
    value.endsWith('a') ? `${value.slice(0, -1)}b` : `${value.slice(0, -1)}a`;

  it.each<[string, (p: Params, h: Harness) => unknown]>([
    ['a forged signature', (p) => ({ ...p, sig: other(p.sig) })],
    ['another action', (p) => ({ ...p, a: 'Resolve' })],
    ['another row', (p, h) => ({ ...p, r: JSON.parse(row(h, 'T-2')['Chat Ledger']).id })],
    ['another sheet', (p) => ({ ...p, s: '7' })],
    ['another time', (p) => ({ ...p, t: String(Number(p.t) + 1) })],
    ['a missing parameter', (p) => ({ a: p.a, s: p.s, r: p.r, t: p.t })],
    ['no parameters', () => ({})],
    ['a signature from another secret', (p) => ({ ...p, sig: 'A'.repeat(43) })],
  ])('%s: the page says it is not valid; confirming writes nothing', (_, alter) => {
    const { h, params } = setUp();
    const altered = alter(params, h);
    const before = written(h);
    expect(page(h, altered)).toMatch(/This link is not valid/);
    const result = confirm(h, altered);
    expect(result).toEqual({
      ok: false,
      outcome: 'refused',
      message: expect.stringMatching(/^This link is not valid.*Nothing was written\.$/),
    });
    expect(written(h)).toBe(before);
    expectNoSecret(h, result);
  });

  it('an expired link: the page says when it expired; actionLinkDays lengthens it', () => {
    const { h, params } = setUp();
    h.clock.advance(15 * 24 * 3600 * 1000);
    const before = written(h);
    expect(page(h, params)).toMatch(/This link expired on 2024-01-29 \(links work for 14 days\)/);
    expect(confirm(h, params).outcome).toBe('refused');
    expect(written(h)).toBe(before);
    h.properties.setProperty(
      'CHAT_RELAY_CONFIG',
      JSON.stringify({ actions: [CLAIM, RESOLVE], actionLinkDays: 30 }),
    );
    expect(confirm(h, params)).toMatchObject({ ok: true, outcome: 'done' });
  });

  it('a link issued in the future is not valid', () => {
    const { h, params } = setUp();
    const future = { ...params, t: String(Number(params.t) + 3600) };
    expect(page(h, future)).toMatch(/This link is not valid/);
  });

  it('an action no longer configured, a sheet no longer followed, a deleted row', () => {
    const { h, params } = setUp();
    h.properties.setProperty('CHAT_RELAY_CONFIG', JSON.stringify({ actions: [RESOLVE] }));
    expect(page(h, params)).toMatch(
      /The action “Claim” is no longer configured for sheet “Tickets”/,
    );
    expect(confirm(h, params).outcome).toBe('refused');
    h.workbook.addSheet('Other', [['Key'], ['k']]);
    h.properties.setProperty(
      'CHAT_RELAY_CONFIG',
      JSON.stringify({ sheet: 'Other', actions: [CLAIM] }),
    );
    expect(page(h, params)).toMatch(/no longer follows the sheet of this link/);
    h.properties.setProperty('CHAT_RELAY_CONFIG', JSON.stringify({ actions: [CLAIM] }));
    h.sheet().deleteRow(2);
    const before = written(h);
    expect(page(h, params)).toMatch(/The row of this link cannot be found/);
    expect(confirm(h, params).outcome).toBe('refused');
    expect(written(h)).toBe(before);
  });

  it('every link stops working once the secret is replaced from the sidebar, which never shows it', () => {
    const { h, params } = setUp();
    // The sidebar's button, behind a confirmation, calls settingsReplaceActionSecret.
    h.run('openSettings');
    const sidebar = h.runtime.ui.dialogs[0].html;
    expect(sidebar).toContain('id="secret-replace"');
    expect(sidebar).toMatch(
      /<div id="secret-confirm" hidden>\s*<button type="button" id="secret-go"/,
    );
    expect(sidebar).toContain('settingsReplaceActionSecret');
    const old = h.properties.getProperty(SECRET_PROPERTY);
    const replaced = h.run('settingsReplaceActionSecret') as { ok: boolean; message: string };
    expect(replaced).toEqual({
      ok: true,
      message: expect.stringMatching(/every link sent before/),
    });
    const secret = h.properties.getProperty(SECRET_PROPERTY) as string;
    expect(secret).not.toBe(old);
    expect(JSON.stringify(replaced)).not.toContain(secret);
    expect(page(h, params)).toMatch(/This link is not valid/);
    // New messages carry links signed with the new secret.
    h.sheet().setCell(3, 2, 'VPN down again');
    h.run('runScheduled');
    expect(confirm(h, paramsOf(linkFor(h, 'T-2', 'Claim'))).outcome).toBe('done');
  });
});

describe('confirming (actionConfirm)', () => {
  it('writes the row, posts its update at once, and the reply says who acted', () => {
    const h = actionsHarness({ format: 'text' });
    h.run('runScheduled');
    const posted = h.texts().length;
    const result = confirm(h, paramsOf(linkFor(h, 'T-1', 'Claim')));
    expect(result).toEqual({
      ok: true,
      outcome: 'done',
      message:
        "Done: Owner is now ana@example.com, Status is now Claimed. The row's thread in Chat shows it now.",
    });
    expect(row(h, 'T-1')).toMatchObject({ Owner: 'ana@example.com', Status: 'Claimed' });
    const replies = h.texts().slice(posted);
    expect(replies).toHaveLength(1);
    expect(replies[0]).toContain('_Row updated in Tickets · claimed from Chat by ana@example.com_');
    expect(replies[0]).toContain('*Status*: New → Claimed');
    expect(replies[0]).toContain('*Owner*: (empty) → ana@example.com');
    const thread = h
      .threads()
      .filter((t) => t.messages.some((m) => String(m.text).includes('T-1')))[0];
    expect(thread.messages).toHaveLength(2);
    // The reply carries the next action of the row; the record of who acted is gone from the ledger.
    expect(replies[0]).toMatch(/\|Resolve>$/);
    expect(row(h, 'T-1')['Chat Ledger']).not.toContain('"act"');
    // A later edit by hand names nobody.
    h.sheet().setCell(2, 2, 'Printer still on fire');
    h.run('runScheduled');
    expect(h.texts().pop()).not.toMatch(/from Chat/);
    expectNoSecret(h, result);
  });

  it('finds the row by its row ID in a sorted sheet, and with rows inserted above it', () => {
    const h = actionsHarness();
    h.run('runScheduled');
    const params = paramsOf(linkFor(h, 'T-1', 'Claim'));
    h.sheet().setFrozenRows(1);
    h.sheet().sort(1, false); // T-3, T-2, T-1
    h.sheet().insertRowsBefore(2, 2);
    expect(confirm(h, params).outcome).toBe('done');
    expect(h.table().map((r) => [r.ID, r.Status, r.Owner])).toEqual([
      ['', '', ''],
      ['', '', ''],
      ['T-3', 'Claimed', 'bo@example.com'],
      ['T-2', 'New', ''],
      ['T-1', 'Claimed', 'ana@example.com'],
    ]);
  });

  it('two people at once: the first claims the row, the second is told who did', () => {
    const h = actionsHarness();
    h.run('runScheduled');
    const params = paramsOf(linkFor(h, 'T-1', 'Claim'));
    // Both open the page before either confirms.
    expect(page(h, params, 'ana@example.com')).toContain('<button id="confirm"');
    expect(page(h, params, 'bo@example.com')).toContain('<button id="confirm"');
    expect(confirm(h, params, 'ana@example.com').outcome).toBe('done');
    const before = written(h);
    expect(confirm(h, params, 'bo@example.com')).toEqual({
      ok: false,
      outcome: 'no-longer',
      message:
        'Already claimed by ana@example.com: nothing was written. The row holds Owner: ana@example.com · Status: Claimed.',
    });
    expect(written(h)).toBe(before);
    expect(page(h, params, 'bo@example.com')).toMatch(/Already claimed by ana@example\.com/);
  });

  it('while another execution holds the lock, it waits, then says it is busy and writes nothing', () => {
    const h = actionsHarness();
    h.run('runScheduled');
    const params = paramsOf(linkFor(h, 'T-1', 'Claim'));
    const release = h.runtime.lock.holdForOtherExecution();
    const before = written(h);
    expect(confirm(h, params)).toEqual({
      ok: false,
      outcome: 'refused',
      message: 'Chat Relay is busy: try again in a minute. Nothing was written.',
    });
    expect(written(h)).toBe(before);
    release();
    expect(confirm(h, params).outcome).toBe('done');
  });

  it('a repeated confirm says it is already done and writes nothing', () => {
    const h = actionsHarness();
    h.run('runScheduled');
    const params = paramsOf(linkFor(h, 'T-1', 'Claim'));
    expect(confirm(h, params).outcome).toBe('done');
    const before = written(h);
    const posted = h.messages().length;
    expect(confirm(h, params)).toEqual({
      ok: true,
      outcome: 'already-done',
      message:
        'Already done: nothing was written. The row holds Owner: ana@example.com · Status: Claimed.',
    });
    expect(written(h)).toBe(before);
    expect(h.messages()).toHaveLength(posted);
  });

  it('when `when` no longer holds (the row was changed by hand), it writes nothing and says what the row holds', () => {
    const h = actionsHarness();
    h.run('runScheduled');
    const params = paramsOf(linkFor(h, 'T-2', 'Claim'));
    h.sheet().setCell(3, 3, 'Closed');
    const before = written(h);
    expect(confirm(h, params)).toEqual({
      ok: false,
      outcome: 'no-longer',
      message:
        'This row no longer matches “Claim”: nothing was written. The row holds Owner: (empty) · Status: Closed.',
    });
    expect(written(h)).toBe(before);
  });

  it('without an active user, nothing is written and the answer says why', () => {
    const h = actionsHarness();
    h.run('runScheduled');
    const before = written(h);
    const result = confirm(h, paramsOf(linkFor(h, 'T-1', 'Claim')), '');
    expect(result).toEqual({
      ok: false,
      outcome: 'refused',
      message: expect.stringMatching(/cannot tell who you are.*Nothing was written\.$/),
    });
    expect(written(h)).toBe(before);
  });

  it('writes {{_now}} as a date, and never a value as a formula', () => {
    const h = actionsHarness({
      config: {
        actions: [
          CLAIM,
          {
            label: 'Note',
            set: { Title: '=HYPERLINK("https://evil.example")', 'Resolved at': '{{_now}}' },
          },
        ],
      },
    });
    h.run('runScheduled');
    expect(confirm(h, paramsOf(linkFor(h, 'T-2', 'Note'))).outcome).toBe('done');
    const sheet = h.sheet();
    expect(sheet.typedValue(3, 2)).toBe('=HYPERLINK("https://evil.example")');
    expect(sheet.typedValue(3, 5)).toBeInstanceOf(Date);
  });

  it('leaves the update to the next run when the lock took too long to wait for', () => {
    const h = actionsHarness({ format: 'text' });
    h.run('runScheduled');
    const params = paramsOf(linkFor(h, 'T-1', 'Claim'));
    // Another execution holds the lock, and releases it while the confirm waits (10 s).
    const release = h.runtime.lock.holdForOtherExecution();
    const sleep = h.clock.sleep.bind(h.clock);
    h.clock.sleep = (ms: number) => {
      sleep(ms);
      release();
    };
    const posted = h.texts().length;
    const result = confirm(h, params);
    h.clock.sleep = sleep;
    expect(result).toEqual({
      ok: true,
      outcome: 'done',
      message:
        "Done: Owner is now ana@example.com, Status is now Claimed. The next run of Chat Relay posts it in the row's thread in Chat.",
    });
    expect(h.texts()).toHaveLength(posted);
    h.run('runScheduled');
    expect(h.texts()).toHaveLength(posted + 1);
    expect(h.texts()[posted]).toContain('· claimed from Chat by ana@example.com_');
  });
});

describe('a hand-edited Chat Outbox', () => {
  it('never sends a link the relay did not make for the row: the message is built again', () => {
    const h = actionsHarness({ format: 'text' });
    h.run('runScheduled');
    const claim = linkFor(h, 'T-2', 'Claim');
    // T-2 is in flight with its own Claim link, its outbox edited to point the button elsewhere.
    h.sheet().setCell(3, 2, 'VPN down again');
    h.chat.injectFault({ status: 503, times: 100 });
    h.run('runScheduled');
    h.chat.clearFaults();
    const column = h.sheet().displayRows()[0].indexOf('Chat Outbox') + 1;
    const outbox = h.sheet().displayValue(3, column);
    expect(outbox).toContain('|Claim>');
    const evil = 'https://evil.example/exec?a=Claim';
    const forged = outbox.replace(/<https:\/\/script\.google\.com[^|]*\|Claim>/, `<${evil}|Claim>`);
    expect(forged).not.toBe(outbox);
    h.sheet().setCell(3, column, forged);
    h.run('runScheduled');
    const sent = h.texts().pop() as string;
    expect(sent).not.toContain('evil.example');
    expect(sent).toContain('|Claim>');
    expect(claim).toContain(WEB_APP);
  });
});
