/**
 * Quiet hours hold reminders and digests too (issue 16 §4: "messages for rows,
 * reminders and digests are held"), through the bundle, in the local runtime:
 * scheduled runs every 5 minutes from Monday 18:00 to Tuesday 09:00 in
 * Europe/Paris (UTC+1 in January), quiet hours 19:00 to 08:00. A reminder due
 * at 19:15 waits for 08:00, unless its row matches `except`; the digest due at
 * 20:00 is posted by the first run after quiet hours, Tuesday 08:00, as
 * Monday's digest (Monday's date and requestId), exactly once.
 */
import { type MessageView } from '../../local/chat-emulator/model';
import { harness, type Harness } from '../../local/harness';
import { digestRequestId } from '../../src/relay/digest-schedule';

const MINUTE = 60000;
/** Paris wall time on Monday 15 (day 0) or Tuesday 16 (day 1) January 2024, as epoch ms. */
const paris = (day: 0 | 1, hours: number, minutes = 0) =>
  Date.UTC(2024, 0, 15 + day, hours - 1, minutes);

const LEAD = 'users/123';
const DIGEST = {
  name: 'Still new tonight',
  at: '20:00',
  when: { column: 'Status', equals: 'New' },
};
const CONFIG = {
  quietHours: { from: '19:00', to: '08:00', except: { column: 'Priority', equals: 'Urgent' } },
  reminders: [{ when: { column: 'Status', equals: 'New' }, after: '30m', mention: LEAD }],
  digests: [DIGEST],
};

const isDigest = (m: MessageView) => /^chat-relay-digest-/.test(m.threadKey ?? '');
const isReminder = (m: MessageView) => /Reminder:/.test(String(m.text));
/** "Tue 08:00": when a message was created, on Paris's wall clock. */
function parisTime(m: MessageView): string {
  const ms = Date.parse(m.createTime) + 60 * MINUTE;
  const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][new Date(ms).getUTCDay()];
  return `${day} ${new Date(ms).toISOString().slice(11, 16)}`;
}

/** Two rows added at 18:45, one urgent; then runs every 5 minutes until `until` (Tuesday 09:00). */
function night(config: Record<string, unknown> = CONFIG, until = paris(1, 9)): Harness {
  const h = harness({
    sheets: [{ name: 'Tickets', rows: [['ID', 'Title', 'Status', 'Priority']] }],
    config,
    timeZone: 'Europe/Paris',
    startAt: paris(0, 18),
  });
  for (let at = paris(0, 18); at <= until; at += 5 * MINUTE) {
    h.clock.advance(at - h.clock.now());
    if (at === paris(0, 18, 45)) {
      h.sheet().setRowValues(2, ['T-1', 'Printer jammed', 'New', 'Low']);
      h.sheet().setRowValues(3, ['T-2', 'Server room flooding', 'New', 'Urgent']);
    }
    h.run('runScheduled');
  }
  return h;
}

describe('quiet hours hold reminders and digests, and the first run after sends them once', () => {
  let h: Harness;
  beforeAll(() => {
    h = night();
  });

  it('holds the reminder of a row until 08:00; an urgent row (except) gets its reminder at once', () => {
    const reminders = h.messages().filter(isReminder);
    const keyOf = new Map(h.table().map((r) => [String(r['Chat Thread']), String(r.ID)]));
    expect(reminders.map((m) => `${keyOf.get(m.thread)} ${parisTime(m)}`)).toEqual([
      'T-2 Mon 19:15',
      'T-1 Tue 08:00',
    ]);
    expect(reminders.every((m) => String(m.text).startsWith(`<${LEAD}>`))).toBe(true);
  });

  it('posts the digest due at 20:00 at the first run after quiet hours (after midnight), as Monday’s, once', () => {
    const posted = h.messages().filter(isDigest);
    expect(posted.map(parisTime)).toEqual(['Tue 08:00']);
    expect(String(posted[0].text)).toContain('Monday 15 January 2024');
    const identity = { spreadsheetId: h.workbook.getId(), sheetId: h.sheet().getSheetId() };
    expect(posted[0].requestId).toBe(digestRequestId(identity, DIGEST.name, '2024-01-15'));
  });

  it('says in the runs’ summaries that the reminder and the digest are held, and until when', () => {
    const logs = h.runtime.logs.join('\n');
    expect(logs).toContain('1 reminder held until 08:00 (quiet hours)');
    expect(logs).toContain('1 digest held until 08:00 (quiet hours');
  });

  it('rows are never PENDING while their reminder waits', () => {
    expect(h.column('Chat Status')).toEqual(['SENT', 'SENT']);
  });

  it('a night run holding a digest asks the spreadsheet its time zone once, for quiet hours and digests', () => {
    const x = night(CONFIG, paris(0, 21));
    const asked = () => x.workbook.calls.byMethod['Spreadsheet.getSpreadsheetTimeZone'] ?? 0;
    const before = asked();
    x.clock.advance(5 * MINUTE);
    x.run('runScheduled');
    expect(x.runtime.logs[x.runtime.logs.length - 1]).toContain('1 digest held until 08:00');
    expect(asked() - before).toBe(1);
  });
});
