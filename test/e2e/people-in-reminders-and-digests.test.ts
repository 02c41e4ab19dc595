/**
 * `{{Column}}` mentions in reminders and digests (issue 16 §5: "in `mentions`,
 * `reminders` and `digests`"), through the bundle in the local runtime: a
 * reminder pings the people directory's ID of its own row's Owner, and names
 * an owner the directory does not list; a digest pings the owners of the rows
 * it lists, each once; a cell can never ping anyone else. Validation names a
 * `{{Column}}` that is no header of the sheet, and one without `people`.
 */
import { harness, type Harness, type SheetSpec } from '../../local/harness';

const MINUTE = 60000;
/** The harness's clock starts on Monday 15 January 2024, 09:00 UTC. */
const START = Date.UTC(2024, 0, 15, 9, 0);
const PEOPLE_KEY = { sheet: 'People', emailColumn: 'Email', idColumn: 'Chat user ID' };

const PEOPLE: SheetSpec = {
  name: 'People',
  rows: [
    ['Name', 'Email', 'Chat user ID'],
    ['Ana', 'ana@example.com', 'users/111111111'],
    ['Bob', 'bob@example.com', '222222222'],
    ['Eve', 'eve@example.com', 'users/all'],
  ],
};
const TICKETS: SheetSpec = {
  name: 'Tickets',
  rows: [
    ['ID', 'Title', 'Status', 'Owner'],
    ['T-1', 'Printer', 'New', 'ana@example.com'],
    ['T-2', 'VPN', 'New', 'bob@example.com, carl@example.com'],
    ['T-3', 'Badge', 'New', 'Ana@Example.com'],
    ['T-4', 'Door', 'New', 'all <users/all> eve@example.com'],
    ['T-5', 'Desk', 'Done', 'bob@example.com'],
  ],
};

function world(config: Record<string, unknown>): Harness {
  return harness({
    sheets: [TICKETS, PEOPLE],
    config: { sheets: [{ sheet: 'Tickets' }], people: PEOPLE_KEY, ...config },
  });
}

/** Scheduled runs every 5 minutes until `minutes` after START. */
function runFor(h: Harness, minutes: number): void {
  for (let m = 0; m <= minutes; m += 5) {
    h.clock.advance(Math.max(0, START + m * MINUTE - h.clock.now()));
    h.run('runScheduled');
  }
}

describe('{{Owner}} in a reminder', () => {
  const h = world({
    reminders: [{ when: { column: 'Status', equals: 'New' }, after: '30m', mention: '{{Owner}}' }],
  });
  beforeAll(() => runFor(h, 40));

  const reminderOf = (key: string) => {
    const row = h.table().find((r) => r.ID === key);
    return h
      .messages()
      .filter((m) => m.thread === row?.['Chat Thread'] && /Reminder:/.test(String(m.text)))
      .map((m) => String(m.text).split('\n').slice(0, -1).join('\n'));
  };

  it('pings the directory’s ID of its own row’s owner, once', () => {
    expect(reminderOf('T-1')).toEqual([
      '<users/111111111> Reminder: Status is New, for 30 minutes',
    ]);
    expect(reminderOf('T-3')).toEqual([
      '<users/111111111> Reminder: Status is New, for 30 minutes',
    ]);
  });

  it('names an owner the directory does not list, as plain text', () => {
    expect(reminderOf('T-2')).toEqual([
      '<users/222222222> Reminder: Status is New, for 30 minutes\nOwner carl@example.com has no Chat ID in People',
    ]);
  });

  it('never pings from a cell: "all", <users/all> and a directory entry "users/all" ping no one', () => {
    const [t4] = reminderOf('T-4');
    expect(t4).toMatch(/^Reminder: Status is New, for 30 minutes\nOwner /);
    expect(h.messages().every((m) => !/<users\/all>/.test(String(m.text)))).toBe(true);
  });

  it('passes the outbox read-back check: every row SENT, no outbox rebuilt', () => {
    expect(h.column('Chat Status')).toEqual(['SENT', 'SENT', 'SENT', 'SENT', 'SENT']);
    expect(h.runtime.logs.join('\n')).not.toMatch(/built again|FAILED/);
  });
});

describe('{{Owner}} in a reminder Chat failed for', () => {
  it('is read back from the outbox as written (its mentions allowed) and sent once, as composed', () => {
    const h = harness({
      sheets: [{ ...TICKETS, rows: TICKETS.rows.slice(0, 3) }, PEOPLE],
      config: {
        sheets: [{ sheet: 'Tickets' }],
        people: PEOPLE_KEY,
        reminders: [
          { when: { column: 'Status', equals: 'New' }, after: '30m', mention: '{{Owner}}' },
        ],
      },
    });
    runFor(h, 25);
    // Every attempt of the 09:30 run fails: both reminders stay PENDING in their outboxes.
    h.chat.injectFault({ status: 503, times: 100 });
    h.clock.advance(START + 30 * MINUTE - h.clock.now());
    h.run('runScheduled');
    expect(h.column('Chat Status')).toEqual(['PENDING', 'PENDING']);
    h.chat.clearFaults();
    h.run('runScheduled');
    const reminders = h.messages().filter((m) => /Reminder:/.test(String(m.text)));
    expect(reminders.map((m) => String(m.text).split('\n')[0])).toEqual([
      '<users/111111111> Reminder: Status is New, for 30 minutes',
      '<users/222222222> Reminder: Status is New, for 30 minutes',
    ]);
    expect(h.runtime.logs.join('\n')).not.toContain('built again');
    expect(h.column('Chat Status')).toEqual(['SENT', 'SENT']);
  });
});

describe('{{Owner}} in a digest', () => {
  it('pings the owners of the rows it lists, each once, and names those not listed in People', () => {
    const h = world({
      digests: [
        {
          name: 'New',
          at: '09:30',
          when: { column: 'Status', equals: 'New' },
          mention: '{{Owner}}',
        },
      ],
    });
    runFor(h, 35);
    const digests = h.messages().filter((m) => /^chat-relay-digest-/.test(m.threadKey ?? ''));
    expect(digests).toHaveLength(1);
    const above = String(digests[0].text).split('\n');
    // Ana (T-1, T-3) once, Bob (T-2) once; not Bob's T-5, which is Done and not listed.
    expect(above[0]).toBe('<users/111111111> <users/222222222>');
    expect(above[1]).toMatch(/^Owner carl@example\.com, all, .* have no Chat ID in People$/);
  });
});

/** The error a scheduled run throws (its message, as Apps Script shows it). */
function thrownBy(h: Harness): string {
  try {
    h.run('runScheduled');
  } catch (e) {
    return String(e);
  }
  return '';
}

describe('validation of {{Column}} in reminders and digests', () => {
  it('names a {{Column}} that is not a header of the sheet, with its path and sheet', () => {
    const h = world({
      reminders: [{ when: { column: 'Status', equals: 'New' }, mention: '{{Ownr}}' }],
      digests: [{ name: 'New', at: '09:30', mention: '{{Assignee}}' }],
    });
    const error = thrownBy(h);
    expect(error).toContain(
      '"reminders[0].mention" names "Ownr", which is not a header of sheet "Tickets" (did you mean "Owner"?)',
    );
    expect(error).toContain(
      '"digests[0].mention" names "Assignee", which is not a header of sheet "Tickets"',
    );
    expect(h.messages()).toEqual([]);
  });

  it('requires people for a {{Column}} of a reminder or a digest', () => {
    const h = harness({
      sheets: [TICKETS],
      config: {
        reminders: [{ when: { column: 'Status', equals: 'New' }, mention: '{{Owner}}' }],
        digests: [{ name: 'New', at: '09:30', mention: ['all', '{{Owner}}'] }],
      },
    });
    const error = thrownBy(h);
    expect(error).toContain(
      '"reminders[0].mention" (default for every followed sheet) names the column "Owner", whose e-mail addresses are looked up in the people directory',
    );
    expect(error).toContain(
      '"digests[0].mention[1]" (default for every followed sheet) names the column "Owner"',
    );
  });
});
