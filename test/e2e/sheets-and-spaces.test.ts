/**
 * Several sheets, several spaces: which sheets are followed, routing rows to
 * named webhooks, threads when a key or a route changes, isolation of broken
 * webhooks, and delivery to spaces in parallel. The built bundle in the local
 * runtime, against the Chat emulator.
 */
import { harness, SPACE, type SheetSpec } from '../../local/harness';

const FORM_URL = 'https://docs.google.com/forms/d/FORM-ID/viewform';

const TICKETS: SheetSpec = {
  name: 'Tickets',
  rows: [
    ['ID', 'Title', 'Team'],
    ['T-1', 'Printer on fire', 'INFRA'],
    ['T-2', 'VPN down', 'NETWORK'],
    ['T-3', 'Coffee machine', 'FACILITIES'],
  ],
};

const FORM: SheetSpec = {
  name: 'Form Responses 1',
  rows: [['Timestamp', 'Email Address', 'Request']],
  formUrl: FORM_URL,
};

const NOTES: SheetSpec = { name: 'Notes', rows: [['Topic'], ['not for Chat']] };

const ROUTES = {
  routes: [
    { when: { column: 'Team', equals: 'infra' }, webhook: 'INFRA' },
    { when: { column: 'Team', in: ['network', 'wan'] }, webhook: 'NETWORK' },
  ],
};

/** Every text posted anywhere, by space. */
function posted(h: ReturnType<typeof harness>, ...spaces: string[]) {
  return Object.fromEntries(spaces.map((s) => [s, h.texts(s)]));
}

describe('which sheets are followed', () => {
  it('without sheet or sheets: the first sheet and every sheet a form writes to, not the others', () => {
    const h = harness({ sheets: [TICKETS, NOTES, FORM] });
    h.sheet('Form Responses 1').setRowValues(2, ['1/2/2026 10:00', 'ana@example.com', 'Laptop']);
    h.run('sendPendingRows');
    const texts = h.texts();
    expect(texts).toHaveLength(4);
    expect(texts.filter((t) => t.includes('_New row in Form Responses 1_'))).toHaveLength(1);
    expect(texts.some((t) => t.includes('not for Chat'))).toBe(false);
    expect(h.sheet('Notes').displayRows()[0]).toEqual(['Topic']);
    // The summary names each sheet with its own counts.
    expect(h.lastAlert()).toMatch(/Sheet "Tickets": Sent 3 messages\./);
    expect(h.lastAlert()).toMatch(/Sheet "Form Responses 1": Sent 1 message\./);
  });

  it('a response its trigger could not send (lock taken) goes out with the next scheduled run', () => {
    const h = harness({ sheets: [TICKETS, FORM] });
    h.run('installTriggers');
    const release = h.runtime.lock.holdForOtherExecution();
    h.runtime.formSubmit('Form Responses 1', ['ana@example.com', 'Laptop']);
    expect(h.texts()).toHaveLength(0);
    release();
    h.clock.advance(5 * 60000);
    expect(h.runtime.runDueTimeTriggers()).toBe(1);
    const texts = h.texts();
    expect(texts.filter((t) => t.includes('Laptop'))).toHaveLength(1);
    expect(texts).toHaveLength(4);
    expect(h.column('Chat Status', 'Form Responses 1')).toEqual(['SENT']);
  });

  it('with "sheets": exactly those, each with its own settings over the top-level defaults', () => {
    const h = harness({
      sheets: [
        TICKETS,
        {
          name: 'Requests',
          rows: [
            ['Who', 'Ref', 'What'],
            ['ana', 'R-1', 'a chair'],
          ],
        },
        NOTES,
      ],
      config: {
        format: 'text',
        sheets: [{ sheet: 'Tickets' }, { sheet: 'Requests', keyColumn: 'Ref' }],
      },
    });
    h.run('runScheduled');
    const texts = h.texts();
    expect(texts).toHaveLength(4);
    expect(texts[3].split('\n')[0]).toBe('*R-1 · ana*');
    expect(h.sheet('Notes').displayRows()[0]).toEqual(['Topic']);
  });

  it('the flat form still means one sheet', () => {
    const h = harness({ sheets: [NOTES, TICKETS], config: { sheet: 'Tickets' } });
    h.run('runScheduled');
    expect(h.texts()).toHaveLength(3);
    expect(h.sheet('Notes').displayRows()[0]).toEqual(['Topic']);
  });

  it('sendSelectedRows on a sheet that is not followed alerts, naming the followed sheets, and sends nothing', () => {
    const h = harness({ sheets: [TICKETS, NOTES] });
    h.workbook.setActiveSheet(h.sheet('Notes'));
    h.sheet('Notes').setSelection(['A2']);
    h.run('sendSelectedRows');
    expect(h.lastAlert()).toMatch(/does not follow sheet "Notes" \(it follows: "Tickets"\)/);
    expect(h.texts()).toHaveLength(0);
  });

  it('handleFormSubmit leaves a response to a sheet that is not followed alone and logs why', () => {
    // The trigger was installed while the form's sheet was followed; then the configuration changed.
    const h = harness({ sheets: [TICKETS, FORM] });
    h.run('installTriggers');
    h.properties.setProperty(
      'CHAT_RELAY_CONFIG',
      JSON.stringify({ format: 'text', sheets: [{ sheet: 'Tickets' }] }),
    );
    h.run('sendPendingRows');
    h.runtime.formSubmit('Form Responses 1', ['ana@example.com', 'Laptop']);
    expect(h.texts()).toHaveLength(3);
    const logs = h.runtime.logs.join('\n');
    expect(logs).toMatch(/sheet "Form Responses 1", which is not followed/);
  });

  it('installTriggers installs the form trigger only when a followed sheet is a form sheet', () => {
    const notFollowed = harness({
      sheets: [TICKETS, FORM],
      config: { format: 'text', sheets: [{ sheet: 'Tickets' }] },
    });
    notFollowed.run('installTriggers');
    expect(
      notFollowed.runtime.scriptApp.getProjectTriggers().map((t) => t.getHandlerFunction()),
    ).toEqual(['runScheduled']);
    const followed = harness({ sheets: [TICKETS, FORM] });
    followed.run('installTriggers');
    expect(
      followed.runtime.scriptApp
        .getProjectTriggers()
        .map((t) => t.getHandlerFunction())
        .sort(),
    ).toEqual(['handleFormSubmit', 'runScheduled']);
    expect(followed.lastAlert()).toMatch(/relays each response to "Form Responses 1" at once/);
  });

  it('markAllRowsSent applies to every followed sheet and says how many rows of which sheets', () => {
    const h = harness({
      sheets: [TICKETS, { ...FORM, rows: [...FORM.rows, ['1/2/2026', 'a@x.org', 'x']] }],
    });
    h.run('markAllRowsSent');
    expect(h.runtime.ui.alerts[0]).toMatch(
      /mark 3 rows of sheet "Tickets", 1 row of sheet "Form Responses 1" as already sent\?/,
    );
    expect(h.column('Chat Status')).toEqual(['SENT', 'SENT', 'SENT']);
    expect(h.column('Chat Status', 'Form Responses 1')).toEqual(['SENT']);
    expect(h.texts()).toHaveLength(0);
  });
});

describe('routes', () => {
  function routed() {
    const h = harness({ sheets: [TICKETS], config: ROUTES });
    h.addWebhook('INFRA', 'INFRA1');
    h.addWebhook('NETWORK', 'NETW1');
    return h;
  }

  it('the first route whose condition holds decides the webhook; no match means the sheet’s', () => {
    const h = routed();
    h.run('runScheduled');
    const texts = posted(h, 'INFRA1', 'NETW1', SPACE);
    expect(texts.INFRA1).toHaveLength(1);
    expect(texts.INFRA1[0]).toContain('T-1');
    expect(texts.NETW1).toHaveLength(1);
    expect(texts.NETW1[0]).toContain('T-2');
    expect(texts[SPACE]).toHaveLength(1);
    expect(texts[SPACE][0]).toContain('T-3');
  });

  it('a row whose route changes is posted in full to its new space; the old thread gets a one-line note', () => {
    const h = routed();
    h.run('runScheduled');
    const oldThread = h.table()[0]['Chat Thread'];
    h.sheet().setRowValues(2, ['T-1', 'Printer on fire', 'NETWORK']);
    h.run('runScheduled');
    const network = h.texts('NETW1');
    expect(network).toHaveLength(2);
    expect(network[1]).toMatch(/_Row moved here from Tickets_/);
    expect(network[1]).toContain('*Title*: Printer on fire');
    const infra = h.threads('INFRA1');
    expect(infra).toHaveLength(1);
    expect(infra[0].messages).toHaveLength(2);
    expect(String(infra[0].messages[1].text)).toMatch(/the NETWORK space/);
    expect(String(infra[0].messages[1].text)).toMatch(/Team.*INFRA → NETWORK/);
    const newThread = h.table()[0]['Chat Thread'];
    expect(newThread).not.toBe(oldThread);
    expect(h.threads('NETW1').some((t) => t.name === newThread)).toBe(true);
    // Settled: nothing more.
    h.run('runScheduled');
    expect(h.texts('NETW1')).toHaveLength(2);
    expect(h.texts('INFRA1')).toHaveLength(2);
  });

  it('a moved row whose note to the old thread failed ends SENT with no error once the note goes out', () => {
    const h = routed();
    h.run('runScheduled');
    h.sheet().setRowValues(2, ['T-1', 'Printer on fire', 'NETWORK']);
    // The old space (INFRA1) is down for this run: the note cannot be left there yet.
    h.chat.injectFault({ status: 503, space: 'INFRA1', times: Infinity });
    h.run('runScheduled');
    expect(h.texts('NETW1')).toHaveLength(2);
    expect(h.table()[0]['Chat Status']).toBe('PENDING');
    expect(h.table()[0]['Chat Error']).toMatch(/^Will retry: /);

    h.chat.clearFaults();
    h.run('runScheduled');
    expect(h.threads('INFRA1')[0].messages).toHaveLength(2);
    expect(h.texts('NETW1')).toHaveLength(2);
    const row = h.table()[0];
    expect([row['Chat Status'], row['Chat Error']]).toEqual(['SENT', '']);
    expect(h.threads('NETW1').some((t) => t.name === row['Chat Thread'])).toBe(true);
  });

  it('a row whose key changes replies in the thread it started in', () => {
    const h = harness({ sheets: [TICKETS] });
    h.run('runScheduled');
    const thread = h.table()[0]['Chat Thread'];
    h.sheet().setRowValues(2, ['T-7'], 1);
    h.run('runScheduled');
    const reply = h.texts()[3];
    expect(reply).toContain('*ID*: T-5 → T-7'.replace('T-5', 'T-1'));
    expect(h.table()[0]['Chat Thread']).toBe(thread);
    expect(h.threads().find((t) => t.name === thread)?.messages).toHaveLength(2);
  });

  it('a row whose route and key change together takes its new key’s thread; its old key’s is left to others', () => {
    const h = routed();
    h.run('runScheduled');
    h.sheet().setRowValues(2, ['T-9', 'Printer on fire', 'NETWORK']);
    h.run('runScheduled');
    expect(h.threads('INFRA1')[0].messages).toHaveLength(2);
    // A new row with the key the moved row had starts its own thread in that space.
    h.sheet().setRowValues(5, ['T-1', 'Toner low', 'NETWORK']);
    h.run('runScheduled');
    const threads = h.threads('NETW1').map((t) => t.messages.map((m) => String(m.text)));
    expect(threads).toHaveLength(3);
    threads.forEach((messages) => expect(messages).toHaveLength(1));
    expect(threads[1][0]).toMatch(/_Row moved here from Tickets_/);
    expect(threads[1][0]).toContain('T-9');
    expect(threads[2][0]).toContain('Toner low');
  });

  it('rows that share a key at their first message share its thread', () => {
    const h = harness({
      sheets: [
        {
          name: 'Tickets',
          rows: [
            ['ID', 'Note'],
            ['T-1', 'a'],
            ['T-1', 'b'],
          ],
        },
      ],
    });
    h.run('runScheduled');
    expect(h.threads()).toHaveLength(1);
    expect(h.threads()[0].messages).toHaveLength(2);
  });
});

describe('isolation of a broken webhook', () => {
  it('a malformed named webhook stops only its rows: they stay PENDING with the reason, the others are sent', () => {
    const h = harness({ sheets: [TICKETS], config: ROUTES });
    h.addWebhook('NETWORK', 'NETW1');
    h.properties.setProperty(
      'CHAT_WEBHOOK_URL_INFRA',
      'https://chat.googleapis.com/v1/spaces/X/messages?key=SECRETKEY',
    );
    let error: unknown = null;
    try {
      h.runtime.callAsTrigger('runScheduled', {});
    } catch (e) {
      error = e;
    }
    expect(h.texts('NETW1')).toHaveLength(1);
    expect(h.texts()).toHaveLength(1);
    const t1 = h.table()[0];
    expect(t1['Chat Status']).toBe('PENDING');
    expect(t1['Chat Error']).toMatch(/CHAT_WEBHOOK_URL_INFRA is not a Chat webhook URL/);
    // The trigger run fails afterwards, naming the property, so Apps Script e-mails the owner.
    expect(String(error)).toMatch(/CHAT_WEBHOOK_URL_INFRA is not a Chat webhook URL/);
    expect(String(error)).not.toContain('SECRETKEY');
    // Once fixed, the next run sends the row.
    h.addWebhook('INFRA', 'INFRA1');
    h.run('runScheduled');
    expect(h.texts('INFRA1')).toHaveLength(1);
    expect(h.table()[0]['Chat Status']).toBe('SENT');
  });

  it('a named webhook Chat refuses (404) stops only its rows', () => {
    const h = harness({ sheets: [TICKETS], config: ROUTES });
    h.addWebhook('INFRA', 'INFRA1');
    h.addWebhook('NETWORK', 'NETW1');
    h.chat.injectFault({ status: 404, space: 'INFRA1', times: Infinity });
    h.run('sendPendingRows');
    expect(h.texts('NETW1')).toHaveLength(1);
    expect(h.texts()).toHaveLength(1);
    expect(h.column('Chat Status')).toEqual(['PENDING', 'SENT', 'SENT']);
    expect(h.lastAlert()).toMatch(/Chat refused the webhook in CHAT_WEBHOOK_URL_INFRA/);
  });

  it('a malformed named webhook no followed sheet uses blocks nothing; Test webhooks still reports it', () => {
    const h = harness({ sheets: [TICKETS] });
    h.properties.setProperty('CHAT_WEBHOOK_URL_OLD', 'not a url');
    h.run('runScheduled');
    expect(h.texts()).toHaveLength(3);
    h.run('testWebhooks');
    expect(h.lastAlert()).toMatch(/✘ CHAT_WEBHOOK_URL_OLD is not a Chat webhook URL/);
    expect(h.lastAlert()).toMatch(/✔ CHAT_WEBHOOK_URL \(space AAAA\): message delivered/);
  });

  it('a webhook NAME with no such property is a configuration error naming the name and the property', () => {
    const h = harness({ sheets: [TICKETS], config: { webhook: 'OPS' } });
    h.run('sendPendingRows');
    expect(h.lastAlert()).toMatch(/nothing was sent/);
    expect(h.lastAlert()).toMatch(
      /names the webhook "OPS", but the Script Property CHAT_WEBHOOK_URL_OPS is not set/,
    );
    expect(h.runtime.urlFetch.requests).toHaveLength(0);
  });
});

describe('configuration v2 errors send nothing', () => {
  const cases: Array<[string, Record<string, unknown>, RegExp]> = [
    [
      'sheet beside sheets',
      { sheet: 'Tickets', sheets: [{ sheet: 'Tickets' }] },
      /key "sheet" cannot stand beside "sheets"/,
    ],
    [
      'the same sheet twice',
      { sheets: [{ sheet: 'Tickets' }, { sheet: 'tickets' }] },
      /key "sheets\[1\]\.sheet" names the sheet "tickets" again/,
    ],
    [
      'a route on an unknown column',
      { routes: [{ when: { column: 'Teem', equals: 'x' }, webhook: 'X' }] },
      /names "Teem", which is not a header of sheet "Tickets" \(did you mean "Team"\?\)/,
    ],
    ['an unknown operator', { sendWhen: { column: 'Team', is: 'x' } }, /unknown operator "is"/],
    [
      'a bad regular expression',
      { sendWhen: { column: 'Team', matches: '(' } },
      /is not a valid regular expression/,
    ],
  ];
  it.each(cases)('%s', (_, config, problem) => {
    const h = harness({ sheets: [TICKETS], config });
    h.properties.setProperty('CHAT_WEBHOOK_URL_X', h.webhookUrl);
    h.run('sendPendingRows');
    expect(h.lastAlert()).toMatch(/nothing was sent/);
    expect(h.lastAlert()).toMatch(problem);
    expect(h.runtime.urlFetch.requests).toHaveLength(0);
    expect(h.sheet().displayRows()[0]).toEqual(['ID', 'Title', 'Team']);
  });
});

describe('configuration errors name the sheet, beside the key path', () => {
  const BAD_OP = { column: 'Team', eq: 'x' };
  const BAD_REGEX = { column: 'Team', matches: '(' };
  const cases: Array<[string, Record<string, unknown>, string]> = [
    [
      'an unknown operator in a route of a "sheets" entry',
      { sheets: [{ sheet: 'Tickets', routes: [{ when: BAD_OP, webhook: 'X' }] }] },
      'CHAT_RELAY_CONFIG key "sheets[0].routes[0].when" (sheet "Tickets") has an unknown operator "eq"',
    ],
    [
      'a bad regular expression in sendWhen of the flat form',
      { sheet: 'Tickets', sendWhen: BAD_REGEX },
      'CHAT_RELAY_CONFIG key "sendWhen.matches" (sheet "Tickets") is not a valid regular expression',
    ],
    [
      'a top-level mention beside "sheets": the sheets it applies to',
      {
        mentions: [{ when: BAD_OP, mention: 'all' }],
        sheets: [{ sheet: 'Tickets' }, { sheet: 'Form Responses 1' }],
      },
      'CHAT_RELAY_CONFIG key "mentions[0].when" (default for sheets "Tickets", "Form Responses 1") has an unknown operator "eq"',
    ],
    [
      'a top-level default without "sheets": every followed sheet',
      { sendWhen: BAD_OP },
      'CHAT_RELAY_CONFIG key "sendWhen" (default for every followed sheet) has an unknown operator "eq"',
    ],
    [
      'a template of a "sheets" entry',
      { sheets: [{ sheet: 'Form Responses 1', title: '{{Request' }] },
      'CHAT_RELAY_CONFIG key "sheets[0].title" (sheet "Form Responses 1") ',
    ],
  ];
  it.each(cases)('%s', (_, config, text) => {
    const h = harness({ sheets: [TICKETS, FORM], config });
    h.properties.setProperty('CHAT_WEBHOOK_URL_X', h.webhookUrl);
    h.run('sendPendingRows');
    expect(h.lastAlert()).toMatch(/nothing was sent/);
    expect(h.lastAlert()).toContain(text);
    // The trigger's error (and so Apps Script's failure e-mail) says the same.
    expect(() => h.run('runScheduled')).toThrow(text);
    // So does the sidebar, with the path that puts the problem next to its field.
    const saved = h.run('settingsSave', JSON.stringify(config)) as {
      ok: boolean;
      errors: Array<{ path: string; text: string }>;
    };
    expect(saved.ok).toBe(false);
    expect(saved.errors.map((e) => e.text)).toContainEqual(expect.stringContaining(text));
    expect(saved.errors.map((e) => e.path)).toContain(/key "([^"]+)"/.exec(text)![1]);
    expect(h.runtime.urlFetch.requests).toHaveLength(0);
  });
});

describe('parallel delivery', () => {
  function spaces(k: number, rowsPerSpace: number, latencyMs = 300) {
    const teams = Array.from({ length: k }, (_, i) => `TEAM${i}`);
    const rows = [['ID', 'Title', 'Team']];
    for (let r = 0; r < rowsPerSpace; r++) {
      teams.forEach((team, t) => rows.push([`T-${t}-${r}`, `row ${r}`, team]));
    }
    const h = harness({
      sheets: [{ name: 'Tickets', rows }],
      latencyMs,
      config: {
        routes: teams.map((team) => ({ when: { column: 'Team', equals: team }, webhook: team })),
      },
    });
    teams.forEach((team) => h.addWebhook(team, `S${team}`));
    return { h, teams };
  }

  it('sends to different spaces together, at most one request per space in each fetchAll batch', () => {
    const { h, teams } = spaces(3, 4);
    h.run('runScheduled');
    teams.forEach((team) => expect(h.texts(`S${team}`)).toHaveLength(4));
    const requests = h.runtime.urlFetch.requests;
    // Requests sent together share their send time: never two to one space at once.
    const bySendTime = new Map<number, string[]>();
    requests.forEach((r) => {
      const space = /spaces\/([^/]+)\/messages/.exec(r.url)![1];
      bySendTime.set(r.at, (bySendTime.get(r.at) ?? []).concat(space));
    });
    for (const group of bySendTime.values()) expect(new Set(group).size).toBe(group.length);
    expect([...bySendTime.values()].some((g) => g.length === 3)).toBe(true);
    // Each space is paced on its own: 1 s between two creates in one space.
    teams.forEach((team) => {
      const times = requests.filter((r) => r.url.includes(`S${team}/`)).map((r) => r.at);
      for (let i = 1; i < times.length; i++)
        expect(times[i] - times[i - 1]).toBeGreaterThanOrEqual(1000);
    });
  });

  it('with K spaces a run delivers about K times the messages of one space in the same budget', () => {
    // A slow network (800 ms a request): one request at a time could not keep 4 spaces busy.
    const one = spaces(1, 300, 800).h;
    one.run('runScheduled');
    const single = one.messages(`STEAM0`).length;
    const { h, teams } = spaces(4, 300, 800);
    h.run('runScheduled');
    const four = teams.reduce((sum, team) => sum + h.messages(`S${team}`).length, 0);
    expect(single).toBeGreaterThan(100);
    expect(single).toBeLessThan(300);
    expect(four).toBeGreaterThan(single * 3.6);
  });

  it('testWebhooks tests every webhook in one batch', () => {
    const h = harness({ sheets: [TICKETS] });
    h.addWebhook('INFRA', 'INFRA1');
    h.addWebhook('NETWORK', 'NETW1');
    h.run('testWebhooks');
    const times = new Set(h.runtime.urlFetch.requests.map((r) => r.at));
    expect(h.runtime.urlFetch.requests).toHaveLength(3);
    expect(times.size).toBe(1);
    expect(h.lastAlert()).toMatch(/CHAT_WEBHOOK_URL_INFRA \(space INFRA1\): message delivered/);
  });
});

describe('wording', () => {
  it('a run stopped by its time budget says Apps Script’s time limit was reached and how many rows go next', () => {
    const rows = [
      ['ID', 'Title'],
      ...Array.from({ length: 320 }, (_, i) => [`T-${i}`, `row ${i}`]),
    ];
    const h = harness({ sheets: [{ name: 'Tickets', rows }], latencyMs: 50 });
    h.run('sendPendingRows');
    const alert = h.lastAlert();
    expect(alert).toMatch(
      /Stopped early: Apps Script's time limit for one run was reached; \d+ rows go out with the next run\./,
    );
    expect(alert).not.toMatch(/Chat is not accepting messages/);
    const left = Number(/(\d+) rows go out with the next run/.exec(alert)![1]);
    expect(h.column('Chat Status').filter((s) => s !== 'SENT')).toHaveLength(left);
  });
});

describe('top-level keys and a form sheet followed by default', () => {
  it('a keyColumn the form sheet lacks: its first column is its key, and the summary says so', () => {
    const h = harness({
      sheets: [
        TICKETS,
        { ...FORM, rows: [...FORM.rows, ['1/2/2026', 'ana@example.com', 'Laptop']] },
      ],
      config: { format: 'text', keyColumn: 'ID' },
    });
    h.run('sendPendingRows');
    expect(h.texts()).toHaveLength(4);
    expect(h.column('Chat Status', 'Form Responses 1')).toEqual(['SENT']);
    expect(h.lastAlert()).toContain(
      'Note: Sheet "Form Responses 1" is followed because a form writes to it, and not every top-level setting fits it: keyColumn (no column "ID"): its first column, "Timestamp", is the key. Every other setting applies to it.',
    );
  });

  it('it keeps every other setting: a Draft form row is not posted under "Status is not Draft", as the issue had it', () => {
    const h = harness({
      sheets: [
        {
          name: 'Tickets',
          rows: [
            ['ID', 'Status', 'Title'],
            ['T-1', 'Open', 'Printer on fire'],
            ['T-2', 'Draft', 'Half-written ticket'],
          ],
        },
        {
          name: 'Form Responses 1',
          rows: [
            ['Timestamp', 'Status', 'Request'],
            [new Date(Date.UTC(2026, 0, 2, 9)), 'Draft', 'a draft request'],
            [new Date(Date.UTC(2026, 0, 2, 10)), 'Submitted', 'a new laptop'],
          ],
          formUrl: FORM_URL,
        },
      ],
      // The sidebar's "Every followed sheet" card: top-level keys, no "sheets".
      config: { keyColumn: 'ID', sendWhen: { column: 'Status', notEquals: 'Draft' } },
    });
    h.run('runScheduled');
    const texts = h.texts();
    expect(texts.filter((t) => /draft/i.test(t))).toEqual([]);
    expect(texts.filter((t) => t.includes('a new laptop'))).toHaveLength(1);
    expect(texts.filter((t) => t.includes('Printer on fire'))).toHaveLength(1);
    expect(texts).toHaveLength(2);
    expect(h.column('Chat Status', 'Form Responses 1')).toEqual(['', 'SENT']);
    // The run's log names the fallback, and what still applies.
    const logs = h.runtime.logs.join('\n');
    expect(logs).toContain(
      'Chat Relay: Sheet "Form Responses 1" is followed because a form writes to it, and not every top-level setting fits it: keyColumn (no column "ID"): its first column, "Timestamp", is the key. Every other setting applies to it.',
    );
    expect(logs).toMatch(
      /Sheet "Form Responses 1": Sent 1 message, 1 row waiting for its sendWhen/,
    );
    // The menu's summary says it too.
    h.run('sendPendingRows');
    expect(h.lastAlert()).toMatch(/Note: Sheet "Form Responses 1" is followed because a form/);
  });

  it('the first sheet gets no such allowance: a wrong keyColumn there is an error', () => {
    const h = harness({ sheets: [TICKETS, FORM], config: { keyColumn: 'Ref' } });
    h.run('sendPendingRows');
    expect(h.lastAlert()).toMatch(/nothing was sent/);
    expect(h.lastAlert()).toMatch(
      /key "keyColumn" is "Ref", which is not a header in row 1 of sheet "Tickets"/,
    );
  });
});
