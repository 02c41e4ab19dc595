import {
  DAILY_CAP_HOURS,
  hoursPerDay,
  periodUnderHalf,
  projectBudget,
} from '../../../src/app/health/budget';

const CAP_NOTE =
  "Apps Script allows a user's triggers 6 h a day on Google Workspace (90 min on a consumer account); once spent, every trigger fails until the next day, form submissions included.";

describe('projectBudget', () => {
  it('says the example of the issue: 40 s a run every minute is far over the 6 h cap', () => {
    const p = projectBudget(40, 12, 1);
    expect(p).toMatchObject({ hoursPerDay: 16, warn: true, over: true, suggestedMinutes: 10 });
    expect(p.text).toBe(
      `About 40 s a run, every minute: ~16 h a day, over Apps Script's 6 h cap. Choose 10 minutes or more. ${CAP_NOTE}`,
    );
  });

  it('warns over half the cap, and suggests the smallest period under half', () => {
    // 40 s every 5 minutes: 288 runs, 3.2 h.
    const p = projectBudget(40, 12, 5);
    expect(p).toMatchObject({ warn: true, over: false, suggestedMinutes: 10 });
    expect(p.hoursPerDay).toBeCloseTo(3.2);
    expect(p.text).toBe(
      `About 40 s a run, every 5 minutes: ~3.2 h a day, over half of Apps Script's 6 h cap. Choose 10 minutes or more. ${CAP_NOTE}`,
    );
    // Exactly half is not over half: 37.5 s every 5 minutes is 3 h.
    expect(projectBudget(37.5, 3, 5).warn).toBe(false);
    expect(projectBudget(37.6, 3, 5).warn).toBe(true);
  });

  it('says the cost within the cap plainly, in minutes below an hour', () => {
    expect(projectBudget(2, 5, 5)).toMatchObject({
      warn: false,
      over: false,
      suggestedMinutes: null,
      text: "About 2 s a run, every 5 minutes: ~10 min a day, within Apps Script's 6 h daily cap for triggers.",
    });
    expect(projectBudget(0.25, 5, 30).text).toBe(
      "About 0.3 s a run, every 30 minutes: under a minute a day, within Apps Script's 6 h daily cap for triggers.",
    );
    expect(projectBudget(0, 5, 30).text).toMatch(/^Under 0.1 s a run, every 30 minutes: /);
    expect(projectBudget(12.4, 5, 10).text).toBe(
      "About 12 s a run, every 10 minutes: ~30 min a day, within Apps Script's 6 h daily cap for triggers.",
    );
    expect(projectBudget(20, 5, 5).text).toMatch(/: ~1.6 h a day, within /);
  });

  it('when no period keeps under half, suggests the longest and says what it still costs', () => {
    const p = projectBudget(270, 4, 5);
    expect(p).toMatchObject({ over: true, suggestedMinutes: 30 });
    expect(p.text).toContain('Choose 30 minutes (even then ~3.6 h a day).');
    const longest = projectBudget(270, 4, 30);
    expect(longest).toMatchObject({ warn: true, over: false, suggestedMinutes: 30 });
    expect(longest.text).toContain('Runs this long usually mean a backlog');
  });

  it('says when nothing was measured yet', () => {
    for (const p of [projectBudget(null, 0, 5), projectBudget(3, 0, 5)]) {
      expect(p).toMatchObject({
        secondsPerRun: null,
        hoursPerDay: null,
        warn: false,
        over: false,
        suggestedMinutes: null,
        text: 'Time per run: not measured yet (it is measured from the first runs of the triggers).',
      });
    }
  });
});

describe('hoursPerDay and periodUnderHalf', () => {
  it('count the runs of a day', () => {
    expect(hoursPerDay(3600, 60)).toBe(24);
    expect(hoursPerDay(30, 1)).toBe(12);
    expect(DAILY_CAP_HOURS).toBe(6);
  });

  it('pick the smallest schedule period at or under half the cap', () => {
    expect(periodUnderHalf(7.5)).toBe(1); // 3 h a day
    expect(periodUnderHalf(7.6)).toBe(5);
    expect(periodUnderHalf(40)).toBe(10);
    expect(periodUnderHalf(225)).toBe(30); // 3 h a day every 30 minutes
    expect(periodUnderHalf(226)).toBeNull();
  });
});
