import { MINUTES_PER_DAY, WEEKDAYS, clockText } from '../../src/config/clock';

describe('clockText', () => {
  it('writes minutes after midnight as "HH:MM"', () => {
    expect([0, 425, 480, 1140, 1439].map(clockText)).toEqual([
      '00:00',
      '07:05',
      '08:00',
      '19:00',
      '23:59',
    ]);
  });
});

describe('the week', () => {
  it('names the days Monday first, as the ISO week counts them', () => {
    expect(WEEKDAYS).toEqual(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
    expect(MINUTES_PER_DAY).toBe(1440);
  });
});
