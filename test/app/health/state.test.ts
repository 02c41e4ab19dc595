import {
  MAX_RUNS,
  MAX_STATE_CHARS,
  RelayState,
  dayOf,
  emptyState,
  forgetOldAlerts,
  parseState,
  secondsPerRun,
  serializeState,
  withRun,
  worthWriting,
} from '../../../src/app/health/state';

const T0 = Date.UTC(2024, 0, 15, 9, 0, 0);
const MIN = 60 * 1000;

/** A state of `n` runs of `ms` each, one a minute, the last at T0. */
function runs(n: number, ms: number): RelayState {
  let state = emptyState();
  for (let i = n - 1; i >= 0; i--) state = withRun(state, { at: T0 - i * MIN, ms });
  return state;
}

describe('the state property', () => {
  it('round-trips runs (to the second), alerts and stuckSince', () => {
    const state: RelayState = {
      runs: [
        { at: T0, ms: 1234 },
        { at: T0 + MIN, ms: 40000 },
      ],
      alerts: { 'webhook:OPS': dayOf(T0), pending: dayOf(T0) },
      stuckSince: T0 - 2 * 60 * MIN,
    };
    expect(parseState(serializeState(state))).toEqual(state);
    expect(parseState(serializeState(emptyState()))).toEqual(emptyState());
  });

  it('forgets what it cannot read, never throws', () => {
    for (const raw of [null, '', 'not json', '[]', '42', 'null', '{"r": "x", "a": [1], "s": "y"}'])
      expect(parseState(raw)).toEqual(emptyState());
    expect(parseState('{"r": [[1, 2], ["x", 3], [4], [5, -1]], "a": {"k": 1, "j": "x"}}')).toEqual({
      runs: [{ at: 1000, ms: 2 }],
      alerts: { k: 1 },
      stuckSince: null,
    });
  });

  it('keeps the last MAX_RUNS runs, oldest first', () => {
    const state = runs(MAX_RUNS + 5, 100);
    expect(state.runs).toHaveLength(MAX_RUNS);
    expect(state.runs[MAX_RUNS - 1].at).toBe(T0);
    expect(parseState(serializeState(state)).runs).toHaveLength(MAX_RUNS);
  });

  it('stays within the limit of a property value however many alerts were sent', () => {
    const alerts: RelayState['alerts'] = {};
    for (let i = 0; i < 2000; i++) alerts[`webhook:HOOK_NUMBER_${i}`] = 19000 + (i % 3);
    const text = serializeState({ ...runs(MAX_RUNS, 270000), alerts });
    expect(text.length).toBeLessThanOrEqual(MAX_STATE_CHARS);
    const back = parseState(text);
    // The runs stay; the alerts of the oldest days went first.
    expect(back.runs).toHaveLength(MAX_RUNS);
    expect(Object.values(back.alerts)).toContain(19002);
    expect(Object.values(back.alerts)).not.toContain(19000);
    expect(serializeState(runs(MAX_RUNS, 270000)).length).toBeLessThan(1000);
  });

  it('gives the mean seconds per run', () => {
    expect(secondsPerRun(emptyState())).toBeNull();
    const state = withRun(runs(3, 1000), { at: T0 + MIN, ms: 5000 });
    expect(secondsPerRun(state)).toBe(2);
  });

  it("keeps only today's alerts", () => {
    const today = dayOf(T0);
    const state = { ...emptyState(), alerts: { a: today, b: today - 1 } };
    expect(forgetOldAlerts(state, today).alerts).toEqual({ a: today });
    expect(dayOf(Date.UTC(2024, 0, 15, 23, 59))).toBe(today);
    expect(dayOf(Date.UTC(2024, 0, 16, 0, 0))).toBe(today + 1);
  });
});

describe('worthWriting', () => {
  const sample = (ms: number, at = T0 + MIN) => ({ at, ms });

  it('takes every run while the record is short', () => {
    const before = runs(4, 1000);
    expect(worthWriting(before, withRun(before, sample(1000)), sample(1000))).toBe(true);
  });

  it('skips a run close to the mean, so an idle schedule rarely writes', () => {
    const before = runs(10, 1000);
    expect(worthWriting(before, withRun(before, sample(1400)), sample(1400))).toBe(false);
    expect(worthWriting(before, withRun(before, sample(600)), sample(600))).toBe(false);
  });

  it('takes a run far from the mean (a quarter, and at least half a second)', () => {
    const before = runs(10, 4000);
    expect(worthWriting(before, withRun(before, sample(5001)), sample(5001))).toBe(true);
    expect(worthWriting(before, withRun(before, sample(2999)), sample(2999))).toBe(true);
    expect(worthWriting(before, withRun(before, sample(4999)), sample(4999))).toBe(false);
  });

  it('takes a run when the newest recorded is 15 minutes old', () => {
    const before = runs(10, 1000);
    const late = sample(1000, T0 + 15 * MIN);
    expect(worthWriting(before, withRun(before, late), late)).toBe(true);
    const early = sample(1000, T0 + 14 * MIN);
    expect(worthWriting(before, withRun(before, early), early)).toBe(false);
  });

  it('always writes a change of alerts or of stuckSince, and nothing else without a run', () => {
    const before = runs(10, 1000);
    const alerted = { ...before, alerts: { budget: dayOf(T0) } };
    expect(worthWriting(before, alerted, null)).toBe(true);
    expect(worthWriting(before, { ...before, stuckSince: T0 }, null)).toBe(true);
    expect(worthWriting(alerted, { ...alerted, alerts: {} }, null)).toBe(true);
    expect(worthWriting(before, { ...before }, null)).toBe(false);
  });
});
