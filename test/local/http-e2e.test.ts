/**
 * End to end over real loopback HTTP: the built bundle (dist/Code.js) in the
 * local Apps Script runtime with the real clock and httpTransport(), posting
 * to https://chat.googleapis.com routed to the Chat emulator. The emulator
 * runs in a child process (httpTransport blocks this thread during each
 * request); the test sets it up and reads it back through its HTTP control
 * API, between bundle calls. Each test uses its own space, so Chat's
 * one-message-per-second pacing of one test never slows another.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { routeChatTo } from '../../local/chat-emulator/in-process';
import { spawnEmulator, type EmulatorProcess } from '../../local/chat-emulator/spawn';
import type { Fault } from '../../local/chat-emulator/store';
import {
  AppsScriptRuntime,
  httpTransport,
  PropertyStoreFake,
  RealClock,
  Workbook,
  type Transport,
} from '../../local/runtime';
import { bundle, TICKETS, type SheetSpec } from '../../local/harness';
import { cardOf, fieldMap } from './posted-cards';

const CHAT = 'https://chat.googleapis.com';
const FORM_URL = 'https://docs.google.com/forms/d/e/1FAIpQLSd-test/viewform';
const manifest = JSON.parse(
  fs.readFileSync(path.resolve(__dirname, '../../dist/appsscript.json'), 'utf8'),
) as { urlFetchWhitelist: string[]; timeZone: string };

let emulator: EmulatorProcess;
let http: Transport;
let spaceCounter = 0;

beforeAll(async () => {
  emulator = await spawnEmulator({ port: 0 });
  http = httpTransport({ timeoutMs: 10000 });
  // Start the transport's worker now, so its start-up is not part of a test's first request.
  http({ url: `${emulator.origin}/api/spaces`, method: 'GET', headers: {}, payload: '' });
}, 30000);

afterAll(async () => {
  await emulator?.close();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface SetupOptions {
  sheets?: SheetSpec[];
  config?: Record<string, unknown>;
  properties?: Record<string, string>;
}

/** A fresh space with one webhook, and the bundle in a runtime posting to it. */
async function setup(options: SetupOptions = {}) {
  const space = `AAAAhttp${++spaceCounter}`;
  const hook = await emulator.registerWebhook(space, 'Chat Relay');
  const webhookUrl = CHAT + hook.url.slice(emulator.origin.length);
  const workbook = new Workbook();
  // A sheet with a formUrl is a form's responses sheet; the spreadsheet's form is the first such.
  for (const spec of options.sheets ?? [TICKETS])
    workbook.addSheet(spec.name, spec.rows, spec.formats, { formUrl: spec.formUrl ?? null });
  const logs: string[] = [];
  const rt = new AppsScriptRuntime({
    workbook,
    properties: new PropertyStoreFake({
      CHAT_WEBHOOK_URL: webhookUrl,
      ...(options.config ? { CHAT_RELAY_CONFIG: JSON.stringify(options.config) } : {}),
      ...(options.properties ?? {}),
    }),
    clock: new RealClock(),
    transport: routeChatTo(emulator.origin, http),
    allowedOrigins: manifest.urlFetchWhitelist,
    scriptTimeZone: manifest.timeZone,
    onLog: (entry) => logs.push(entry.message),
  });
  rt.load(bundle());
  return {
    rt,
    space,
    token: hook.token,
    workbook,
    logs,
    fault: (fault: Fault) => emulator.injectFault({ space, ...fault }),
    messages: () => emulator.messages(space),
    threads: () => emulator.threads(space),
    table(name = 'Tickets') {
      const [header, ...rows] = workbook.sheet(name).displayRows();
      return rows.map((r) => Object.fromEntries(header.map((k, i) => [String(k), r[i] ?? ''])));
    },
    /** Request start times (runtime clock) of the POSTs so far. */
    postTimes: () => rt.urlFetch.requests.filter((r) => r.method === 'POST').map((r) => r.at),
  };
}

const gaps = (times: number[]) => times.slice(1).map((t, i) => t - times[i]);

describe('the bundle over loopback HTTP against the Chat emulator', () => {
  it('threads rows by key and posts later changes as replies in the thread', async () => {
    const t = await setup({
      sheets: [
        {
          name: 'Tickets',
          rows: [
            ['ID', 'Title', 'Amount'],
            ['T-1', 'Printer on fire 🔥', 1234.5],
            ['T-2', 'Coffee machine', 3],
            ['T-1', 'Printer: order toner', ''],
          ],
          formats: [[], [null, null, '$#,##0.00'], [null, null, '$#,##0.00'], []],
        },
      ],
    });
    t.rt.callAsTrigger('runScheduled');
    let threads = await t.threads();
    expect(threads.map((th) => th.messages.map((m) => m.threadReply))).toEqual([
      [false, true],
      [false],
    ]);
    // Cards, the default: one decorated text per field, the update as old → new.
    const card = (m: unknown) => JSON.stringify((m as { cardsV2: unknown }).cardsV2);
    expect(card(threads[0].messages[0])).toContain('"topLabel":"Amount","text":"$1,234.50"');
    expect(card(threads[0].messages[1])).toContain('Printer: order toner');
    const table = t.table();
    expect(table.map((r) => r['Chat Status'])).toEqual(['SENT', 'SENT', 'SENT']);
    expect(table.map((r) => r['Chat Thread'])).toEqual([
      threads[0].name,
      threads[1].name,
      threads[0].name,
    ]);

    await sleep(1100); // a later execution, as Apps Script would run it
    t.workbook.sheet('Tickets').setRowValues(3, ['Espresso machine'], 2);
    t.rt.callAsTrigger('runScheduled');
    threads = await t.threads();
    expect(threads).toHaveLength(2);
    const reply = threads[1].messages[1];
    expect(reply.threadReply).toBe(true);
    const header = (
      reply as { cardsV2: Array<{ card: { header: { title: string; subtitle: string } } }> }
    ).cardsV2[0].card.header;
    expect(header).toEqual({ title: 'T-2 · Espresso machine', subtitle: 'Row updated in Tickets' });
    expect(card(reply)).toContain('Coffee machine → Espresso machine');
    expect(reply.fallbackText).toBe('T-2 · Espresso machine — row updated in Tickets');
    expect(await t.messages()).toHaveLength(4);
  });

  it('retries a 503 and a 429, honouring Retry-After, and sends the row once', async () => {
    const t = await setup({ sheets: [{ name: 'Tickets', rows: [['ID'], ['T-1']] }] });
    await t.fault({ status: 503 });
    await t.fault({ status: 429, retryAfter: '2' });
    t.rt.callAsTrigger('runScheduled');
    const times = t.postTimes();
    expect(t.rt.urlFetch.requests.map((r) => r.status)).toEqual([503, 429, 200]);
    expect(gaps(times)[1]).toBeGreaterThanOrEqual(2000);
    expect(t.logs.join('\n')).toMatch(/attempt 1\/5 failed \(HTTP 503 UNAVAILABLE/);
    expect(t.logs.join('\n')).toMatch(
      /attempt 2\/5 failed \(HTTP 429 RESOURCE_EXHAUSTED.*retrying in 2000 ms/,
    );
    expect(await t.messages()).toHaveLength(1);
    expect(t.table()[0]).toMatchObject({ 'Chat Status': 'SENT', 'Chat Error': '' });
    // One logical message: every attempt carried the same requestId.
    const ids = t.rt.urlFetch.requests.map((r) => new URL(r.url).searchParams.get('requestId'));
    expect(new Set(ids).size).toBe(1);
  });

  it('deduplicates by requestId when a response is lost after Chat stored the message', async () => {
    const t = await setup({ sheets: [{ name: 'Tickets', rows: [['ID'], ['T-1']] }] });
    const before = await emulator.stats();
    await t.fault({ drop: 'after-commit' });
    await t.fault({ drop: 'before-commit' });
    t.rt.callAsTrigger('runScheduled');
    const requests = t.rt.urlFetch.requests;
    expect(requests.map((r) => r.error ?? r.status)).toEqual([
      expect.stringMatching(/^dropped|Address unavailable/),
      expect.stringMatching(/^dropped|Address unavailable/),
      200,
    ]);
    expect(new Set(requests.map((r) => new URL(r.url).searchParams.get('requestId'))).size).toBe(1);
    const messages = await t.messages();
    expect(messages).toHaveLength(1);
    const after = await emulator.stats();
    expect(after.deduplicated - before.deduplicated).toBe(1);
    expect(t.table()[0]).toMatchObject({
      'Chat Status': 'SENT',
      'Chat Thread': messages[0].thread,
    });
    expect(t.logs.join('\n')).not.toContain(t.token);
  });

  it('paces a normal run to one message per second per space: no 429 at all', async () => {
    const t = await setup({
      sheets: [
        {
          name: 'Tickets',
          rows: [
            ['ID', 'N'],
            ['A', 1],
            ['B', 2],
            ['C', 3],
            ['D', 4],
            ['E', 5],
          ],
        },
      ],
    });
    const before = await emulator.stats();
    t.rt.callAsTrigger('runScheduled');
    const after = await emulator.stats();
    expect(t.table().map((r) => r['Chat Status'])).toEqual([
      'SENT',
      'SENT',
      'SENT',
      'SENT',
      'SENT',
    ]);
    for (const gap of gaps(t.postTimes())) expect(gap).toBeGreaterThanOrEqual(1000);
    expect(after.createsBySpace[t.space]).toBe(5);
    // What Chat saw: every create at least a second after the previous one, so no quota 429s.
    const created = (await t.messages()).map((m) => Date.parse(m.createTime));
    expect(after.rejected429 - before.rejected429).toBe(0);
    expect(t.rt.urlFetch.requests.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    for (const gap of gaps(created)) expect(gap).toBeGreaterThanOrEqual(1000);
  });

  it('a bad configuration shows the problem in the menu and posts nothing', async () => {
    const t = await setup({ config: { sheet: 'Nope' } });
    t.rt.call('sendPendingRows');
    expect(t.rt.ui.alerts.at(-1)).toMatch(
      /cannot send pending rows: nothing was sent[\s\S]*key "sheet" is "Nope", but that sheet does not exist \(sheets: Tickets\)/,
    );
    expect(() => t.rt.callAsTrigger('runScheduled')).toThrow(/misconfigured.*"Nope"/);

    const leaky = await setup({
      properties: {
        CHAT_WEBHOOK_URL: 'https://example.com/v1/spaces/X/messages?key=k&token=SECRETTOKEN',
      },
    });
    leaky.rt.call('sendPendingRows');
    const alert = String(leaky.rt.ui.alerts.at(-1));
    expect(alert).toMatch(/CHAT_WEBHOOK_URL is not a Chat webhook URL/);
    expect(alert).not.toContain('SECRETTOKEN');

    expect(t.rt.urlFetch.requests).toEqual([]);
    expect(leaky.rt.urlFetch.requests).toEqual([]);
    expect(await t.messages()).toEqual([]);
    expect(t.table().map((r) => r['Chat Status'])).toEqual([undefined, undefined, undefined]);
  });

  it('relays form submissions through the installed trigger, one thread per respondent', async () => {
    const t = await setup({
      config: { keyColumn: 'Email Address' },
      sheets: [
        {
          name: 'Form Responses 1',
          rows: [['Timestamp', 'Email Address', 'Request']],
          formUrl: FORM_URL,
        },
      ],
    });
    t.rt.call('installTriggers');
    expect(t.rt.ui.alerts.at(-1)).toContain('Installed a form-submit trigger');
    t.rt.formSubmit('Form Responses 1', ['ana@example.com', 'New laptop <users/all>']);
    await sleep(1100);
    t.rt.formSubmit('Form Responses 1', ['ana@example.com', 'Also a mouse']);
    expect(t.rt.triggerFailures).toEqual([]);
    const threads = await t.threads();
    expect(threads).toHaveLength(1);
    expect(threads[0].messages.map((m) => m.threadReply)).toEqual([false, true]);
    const [first, second] = threads[0].messages;
    expect(fieldMap(first)).toMatchObject({
      'Email Address': 'ana@example.com',
      Request: 'New laptop ‹users/all›', // shown, but made inert: it pings no one
    });
    expect(first.text).toBeUndefined(); // no configured mention: nothing above the card
    expect(JSON.stringify(first)).not.toContain('<users/all>');
    expect(cardOf(first).header?.subtitle).toBe('New row in Form Responses 1');
    expect(fieldMap(second).Request).toBe('Also a mouse');
    expect(t.table('Form Responses 1').map((r) => r['Chat Status'])).toEqual(['SENT', 'SENT']);
  });
});
