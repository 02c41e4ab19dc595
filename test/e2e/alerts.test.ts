/**
 * The daily trigger budget and the failure alerts (issue 15 §2 and §3),
 * through the built bundle in the local runtime, its triggers fired on the
 * FakeClock: each alert goes to the alertWebhook's space once per problem per
 * day, a broken alert webhook stops nothing, the record of run times stays
 * small, and the menu and the sidebar say what the schedule costs and who
 * installed the triggers.
 */
import { DEFAULT_API_KEY } from '../../local/chat-emulator/store';
import { harness, TICKETS, type Harness, type HarnessOptions } from '../../local/harness';
import { MAX_RUNS } from '../../src/app/health/state';

const MINUTE = 60 * 1000;
const DAY = 24 * 60 * MINUTE;
const ALERTS = 'ALRT';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A relay whose alerts go to the ALERTS webhook (space ALRT), its triggers installed by the menu. */
function relay(options: HarnessOptions = {}): Harness {
  const h = harness({
    ...options,
    config: { alertWebhook: 'ALERTS', ...(options.config ?? {}) },
  });
  h.addWebhook('ALERTS', ALERTS);
  h.run('installTriggers');
  return h;
}

/** Lets `minutes` pass, `times` over, firing the time-driven trigger each time (its failures are recorded, not thrown). */
function every(h: Harness, minutes: number, times: number, before?: (i: number) => void): void {
  for (let i = 0; i < times; i++) {
    before?.(i);
    h.clock.advance(minutes * MINUTE);
    try {
      h.runtime.runDueTimeTriggers();
    } catch {
      // runtime.triggerFailures has it, as Apps Script's failure e-mail would.
    }
  }
}

const alerts = (h: Harness) => h.texts(ALERTS);

/** Moves the clock to the next day (UTC), 09:00. */
function nextDay(h: Harness): void {
  const now = h.clock.now();
  h.clock.advance(Math.floor(now / DAY) * DAY + DAY + 9 * 60 * MINUTE - now);
}

function state(h: Harness): Json {
  return JSON.parse(h.properties.getProperty('CHAT_RELAY_STATE') ?? '{}');
}

function expectNoSecret(h: Harness, ...values: unknown[]): void {
  const text = values.map((v) => JSON.stringify(v)).join('\n') + h.runtime.logs.join('\n');
  for (const secret of [h.token, DEFAULT_API_KEY]) expect(text).not.toContain(secret);
}

describe('an alert for each problem an admin must fix, once per problem per day', () => {
  it('the configuration is invalid: alerted once today, again the next day; the run still fails', () => {
    const h = relay();
    every(h, 5, 1);
    expect(h.texts()).toHaveLength(3);
    h.properties.setProperty(
      'CHAT_RELAY_CONFIG',
      JSON.stringify({ format: 'text', alertWebhook: 'ALERTS', keyColum: 'ID' }),
    );
    every(h, 5, 6);
    expect(alerts(h)).toEqual([
      expect.stringMatching(
        /^⚠ \*Chat Relay\* in "[^"]+": Chat Relay cannot run, so nothing is sent: CHAT_RELAY_CONFIG key "keyColum" is not a known key \(did you mean "keyColumn"\?\)/,
      ),
    ]);
    expect(alerts(h)[0]).toMatch(
      /\n<https:\/\/docs\.google\.com\/spreadsheets\/d\/[^|]+\|Open the spreadsheet>$/,
    );
    const failures = h.runtime.triggerFailures.map((f) => f.error.message);
    expect(failures).toHaveLength(6);
    expect(failures[0]).toMatch(
      /\nAlert sent to the ALERTS space: the configuration is invalid\.$/,
    );
    // The later runs of the day stay quiet about it.
    expect(failures[1]).not.toMatch(/Alert/);
    nextDay(h);
    every(h, 5, 2);
    expect(alerts(h)).toHaveLength(2);
    expectNoSecret(h, alerts(h), failures);
  });

  it('even when the configuration is not JSON any more (smart quotes)', () => {
    const h = relay();
    h.properties.setProperty('CHAT_RELAY_CONFIG', '{“alertWebhook”: “ALERTS”, “format”: “text”}');
    every(h, 5, 3);
    expect(alerts(h)).toHaveLength(1);
    expect(alerts(h)[0]).toMatch(/Chat Relay cannot run, so nothing is sent: CHAT_RELAY_CONFIG/);
  });

  it('a webhook Chat refuses: alerted once a day by NAME, while its rows wait PENDING', () => {
    const h = relay();
    h.chat.injectFault({ status: 404, space: 'AAAA', times: Infinity });
    every(h, 5, 4);
    const refused = () => alerts(h).filter((t) => /Chat refused the webhook default/.test(t));
    expect(refused()).toHaveLength(1);
    expect(refused()[0]).toMatch(
      /Chat refused the webhook default \(CHAT_WEBHOOK_URL\): .*404.*Its rows stay PENDING until it works/,
    );
    expect(h.column('Chat Status')).toEqual(['PENDING', 'PENDING', 'PENDING']);
    nextDay(h);
    every(h, 5, 2);
    expect(refused()).toHaveLength(2);
    expectNoSecret(h, alerts(h));
  });

  it('rows PENDING for more than an hour: alerted once, after the hour, and again the next day', () => {
    const h = relay();
    h.chat.injectFault({ status: 503, space: 'AAAA', times: Infinity });
    const pending = () => alerts(h).filter((t) => /waiting PENDING/.test(t));
    every(h, 5, 11); // 55 minutes of runs leaving the rows PENDING
    expect(pending()).toEqual([]);
    every(h, 5, 6);
    expect(pending()).toEqual([
      expect.stringMatching(
        /: 3 rows have been waiting PENDING for more than 1 hour\. Read their Chat Error/,
      ),
    ]);
    nextDay(h);
    every(h, 5, 1);
    expect(pending()).toHaveLength(2);
  });

  it('rows PENDING that went out are no news: the hour starts again', () => {
    const h = relay();
    h.chat.injectFault({ status: 503, space: 'AAAA', times: Infinity });
    every(h, 5, 8);
    h.chat.clearFaults();
    every(h, 5, 1);
    expect(h.column('Chat Status')).toEqual(['SENT', 'SENT', 'SENT']);
    expect(state(h).s).toBeUndefined();
    every(h, 5, 12);
    expect(alerts(h).filter((t) => /PENDING/.test(t))).toEqual([]);
  });

  it('the daily trigger budget: alerted once runs are measured over the cap', () => {
    // Every run posts one new row, and Chat takes 20 s to answer: ~20 s a run, every minute.
    const h = relay({ config: { scheduleMinutes: 1 }, latencyMs: 20000 });
    const sheet = h.sheet();
    const addRow = (i: number) => sheet.setRowValues(sheet.lastRow() + 1, [`N-${i}`, `new ${i}`]);
    every(h, 1, 2, addRow);
    const budget = () => alerts(h).filter((t) => /cap/.test(t));
    expect(budget()).toEqual([]); // two runs are not enough to tell
    every(h, 1, 6, addRow);
    expect(budget()).toEqual([
      expect.stringMatching(
        /: About \d\d s a run, every minute: ~\d+ h a day, over Apps Script's 6 h cap\. Choose \d+ minutes or more\. .*Change the schedule under Schedule in Chat Relay → Settings… and press Start\./,
      ),
    ]);
    nextDay(h);
    every(h, 1, 1, addRow);
    expect(budget()).toHaveLength(2);
  });
});

describe('a broken alert webhook never stops the relay', () => {
  it('refused by Chat: every row of the working webhooks is sent, and the summary says the alert was not', () => {
    const h = relay({
      config: { routes: [{ when: { column: 'ID', equals: 'T-2' }, webhook: 'INFRA' }] },
    });
    h.addWebhook('INFRA', 'INFRA1');
    h.chat.injectFault({ status: 404, space: 'INFRA1', times: Infinity });
    h.chat.injectFault({ status: 404, space: ALERTS, times: Infinity });
    h.run('sendPendingRows');
    expect(h.column('Chat Status')).toEqual(['SENT', 'PENDING', 'SENT']);
    expect(h.texts()).toHaveLength(2);
    expect(alerts(h)).toEqual([]);
    expect(h.lastAlert()).toMatch(
      /\n\nThe alert to the ALERTS space could not be sent \(.*404.*\): Chat refused the webhook INFRA\.$/,
    );
    // Refused for good: not tried again today.
    const posts = h.runtime.urlFetch.requests.filter((r) => r.url.includes(ALERTS)).length;
    h.run('sendPendingRows');
    expect(h.runtime.urlFetch.requests.filter((r) => r.url.includes(ALERTS))).toHaveLength(posts);
    expectNoSecret(h, h.runtime.ui.alerts);
  });

  it('its property gone: the run goes on and says why no alert was sent', () => {
    const h = relay();
    h.properties.setProperty('CHAT_WEBHOOK_URL_ALERTS', 'not a url');
    h.chat.injectFault({ status: 404, space: 'AAAA', times: Infinity });
    h.run('sendPendingRows');
    expect(h.lastAlert()).toMatch(
      /The alert to the ALERTS space could not be sent \(CHAT_WEBHOOK_URL_ALERTS is not a Chat webhook URL: .*\): Chat refused the webhook default\./,
    );
  });

  it('without alertWebhook, no alert and no state beyond the run times', () => {
    const h = harness();
    h.run('installTriggers');
    h.chat.injectFault({ status: 404, space: 'AAAA', times: Infinity });
    every(h, 5, 20);
    expect(h.chat.spaces().map((s) => s.name)).toEqual(['spaces/AAAA']);
    expect(state(h).a).toBeUndefined();
  });
});

describe('the record of run times', () => {
  it('grows with the trigger runs up to its size, and stays far within a property value', () => {
    const h = relay({ latencyMs: 3000 });
    const sheet = h.sheet();
    const lengths: number[] = [];
    every(h, 5, 60, (i) => {
      for (let n = 0; n < i % 4; n++) sheet.setRowValues(sheet.lastRow() + 1, [`N-${i}-${n}`, 'x']);
      lengths.push((state(h).r ?? []).length);
    });
    expect(lengths.slice(0, 4)).toEqual([0, 1, 2, 3]);
    expect(Math.max(...lengths)).toBe(MAX_RUNS);
    expect(state(h).r).toHaveLength(MAX_RUNS);
    expect((h.properties.getProperty('CHAT_RELAY_STATE') as string).length).toBeLessThan(1000);
  });

  it('an idle schedule writes it about every 15 minutes, not at every run', () => {
    const h = relay({ config: { scheduleMinutes: 1 } });
    every(h, 1, 10); // the rows go out, the record fills
    const value = () => h.properties.getProperty('CHAT_RELAY_STATE');
    let writes = 0;
    let last = value();
    every(h, 1, 60, () => {
      if (value() !== last) writes++;
      last = value();
    });
    // Each write adds a run (so changes the value): one every 16 runs, a minute apart.
    expect(writes).toBeGreaterThanOrEqual(3);
    expect(writes).toBeLessThanOrEqual(4);
  });
});

describe('what the schedule costs, and who installed the triggers', () => {
  it("Install triggers' summary says who gets the failure e-mails and what the period costs a day", () => {
    const h = relay({ config: { scheduleMinutes: 1 }, latencyMs: 20000 });
    expect(h.lastAlert()).toContain(
      "They run as you (user@example.com): Apps Script e-mails a summary of their failures to the user who installed them, not to the spreadsheet's owner.",
    );
    expect(h.lastAlert()).toMatch(/\nTime per run: not measured yet/);
    const sheet = h.sheet();
    every(h, 1, 5, (i) => sheet.setRowValues(sheet.lastRow() + 1, [`N-${i}`, 'x']));
    h.run('installTriggers');
    expect(h.lastAlert()).toMatch(
      /\nAbout \d\d s a run, every minute: ~\d+ h a day, over Apps Script's 6 h cap\. Choose \d+ minutes or more\. Apps Script allows a user's triggers 6 h a day on Google Workspace \(90 min on a consumer account\)/,
    );
  });

  it('the sidebar gets the measured time, each period’s cost, and who installed the triggers', () => {
    const h = relay({ config: { scheduleMinutes: 1 }, latencyMs: 20000 });
    const sheet = h.sheet();
    every(h, 1, 5, (i) => sheet.setRowValues(sheet.lastRow() + 1, [`N-${i}`, 'x']));
    // Another editor opens the sidebar: Apps Script shows them none of these triggers, but the record does.
    h.runtime.activeUser = 'editor@example.com';
    const load = h.run('settingsLoad') as Json;
    expect(load.triggers).toMatchObject({ scheduled: false });
    expect(load.owners).toEqual({
      triggersInstalledBy: ['user@example.com'],
      triggersNote:
        'The triggers were installed by user@example.com: they run as that user, and Apps Script e-mails their failures to that user.',
    });
    expect(load.budget).toMatchObject({ minutes: 1, runsMeasured: 5, warn: true, over: true });
    // The first run sent the sheet's 3 rows, each later one its new row: 20 s a message.
    expect(load.budget.secondsPerRun).toBeGreaterThan(20);
    expect(load.budget.secondsPerRun).toBeLessThan(60);
    expect(load.budget.projection).toMatch(/^About \d\d s a run, every minute: ~\d+ h a day, over/);
    expect(load.budget.periods.map((p: Json) => [p.minutes, p.warn, p.over])).toEqual([
      [1, true, true],
      [5, false, false],
      [10, false, false],
      [15, false, false],
      [30, false, false],
    ]);
    // Their own Start records them too; Stop takes only them out again.
    const started = h.run('settingsInstallTriggers') as Json;
    expect(started.owners.triggersInstalledBy).toEqual(['user@example.com', 'editor@example.com']);
    expect(started.owners.triggersNote).toMatch(
      /^The triggers were installed by user@example.com and editor@example.com: the relay runs under each of these accounts/,
    );
    const stopped = h.run('settingsRemoveTriggers') as Json;
    expect(stopped.owners.triggersInstalledBy).toEqual(['user@example.com']);
  });

  it('the menu run reports no timing of its own: only trigger runs count against the budget', () => {
    const h = harness({ sheets: [TICKETS] });
    h.run('sendPendingRows');
    h.run('sendPendingRows');
    expect(h.properties.getProperty('CHAT_RELAY_STATE')).toBeNull();
  });
});
