import { Workbook, formatJavaDate } from '../../local/runtime';
import { ruleContextOf } from '../../src/app/rule-context';
import { spreadsheetTimeZone } from '../../src/app/services';
import { offsetMinutesOf } from '../../src/config/dates';
import { parseSettings } from '../../src/config/settings';

const services = (now: number) => ({
  clock: { now: () => now, sleep: () => undefined },
  formatDate: (date: Date, timeZone: string, pattern: string) =>
    formatJavaDate(date, timeZone, pattern),
});

describe('offsetMinutesOf', () => {
  it('reads Utilities.formatDate’s Z', () => {
    expect(offsetMinutesOf('+0100')).toBe(60);
    expect(offsetMinutesOf('-0530')).toBe(-330);
    expect(offsetMinutesOf('+00:00')).toBe(0);
    expect(() => offsetMinutesOf('GMT')).toThrow('Utilities.formatDate gave "GMT"');
  });
});

describe('spreadsheetTimeZone', () => {
  it('reads clocks in the spreadsheet’s time zone, asking its name once, on first use', () => {
    const workbook = new Workbook({ timeZone: 'America/New_York' });
    let asked = 0;
    const zone = spreadsheetTimeZone(services(0), () => (asked++, workbook));
    expect(asked).toBe(0);
    expect(zone.format(Date.UTC(2026, 0, 15), 'Z')).toBe('-0500');
    expect(zone.format(Date.UTC(2026, 6, 15), 'Z')).toBe('-0400');
    expect(zone.name()).toBe('America/New_York');
    expect(workbook.calls.byMethod['Spreadsheet.getSpreadsheetTimeZone']).toBe(1);
  });

  it('reads a clock in another time zone, by name, without asking the spreadsheet', () => {
    const workbook = new Workbook({ timeZone: 'America/New_York' });
    const zone = spreadsheetTimeZone(services(0), () => workbook);
    expect(zone.format(Date.UTC(2026, 0, 15, 9, 5), 'yyyy-MM-dd HH:mm', 'Europe/Paris')).toBe(
      '2026-01-15 10:05',
    );
    expect(workbook.calls.total).toBe(0);
  });
});

describe('ruleContextOf', () => {
  const settings = (config: unknown) => {
    const parsed = parseSettings(JSON.stringify(config));
    if (!parsed.ok) throw new Error(parsed.error.map((p) => p.text).join('\n'));
    return parsed.value;
  };

  it('shares the zone it is given: one getSpreadsheetTimeZone for the use case', () => {
    const workbook = new Workbook({ timeZone: 'Asia/Tokyo' });
    const zone = spreadsheetTimeZone(services(0), () => workbook);
    const contextOf = ruleContextOf(services(Date.UTC(2026, 2, 10, 16)), () => workbook, zone);
    expect(contextOf(settings({})).time.today()).toBe(Date.UTC(2026, 2, 11) / 86400000);
    expect(contextOf(settings({})).time.today()).toBe(Date.UTC(2026, 2, 11) / 86400000);
    expect(zone.name()).toBe('Asia/Tokyo');
    expect(workbook.calls.byMethod['Spreadsheet.getSpreadsheetTimeZone']).toBe(1);
  });

  it('evaluates at the clock’s now, in the spreadsheet’s time zone, read only when asked', () => {
    const workbook = new Workbook({ timeZone: 'Asia/Tokyo' });
    const context = ruleContextOf(
      services(Date.UTC(2026, 2, 10, 16)),
      () => workbook,
    )(settings({}));
    expect(context.people).toBeNull();
    expect(workbook.calls.total).toBe(0);
    // 01:00 on the 11th in Tokyo.
    expect(context.time.now).toBe(Date.UTC(2026, 2, 10, 16));
    expect(context.time.today()).toBe(Date.UTC(2026, 2, 11) / 86400000);
  });

  it('finds the directory sheet by name, else ignoring case, when it is first needed', () => {
    const workbook = new Workbook();
    workbook.addSheet('Tickets', [['ID']]);
    workbook.addSheet('Team People', [
      ['Email', 'Chat user ID'],
      ['ana@x.org', '1'],
    ]);
    const contextOf = ruleContextOf(services(0), () => workbook);
    const context = contextOf(settings({ people: { sheet: 'team people' } }));
    expect(workbook.calls.total).toBe(0);
    const read = context.people!.directory();
    expect(read.ok && read.value.mentionsOf('ana@x.org')).toEqual(['users/1']);
    const missing = contextOf(settings({ people: { sheet: 'Staff' } })).people!.directory();
    expect(!missing.ok && missing.error.message).toBe(
      'is "Staff", but that sheet does not exist (sheets: Tickets, Team People)',
    );
  });
});
