/** The end of a run (src/app/health/watch.ts) as relayUnderLock does it, on the unit rig. */
import { STATE_PROPERTY, parseState } from '../../../src/app/health/state';
import { stuckSince } from '../../../src/app/health/watch';
import {
  RunOutcome,
  menuReport,
  relayUnderLock,
  throwIfMisconfigured,
} from '../../../src/app/relay-under-lock';
import { emptySummary } from '../../../src/relay/summary';
import { appRig } from '../../support/rig';

const TICKETS = [
  ['ID', 'Title'],
  ['T-1', 'Printer'],
  ['T-2', 'Badge'],
];
const due = () => ({ kind: 'due' as const });

function rig(config: Record<string, unknown> = {}, extra: Record<string, string> = {}) {
  const r = appRig({
    properties: (hook) => ({
      CHAT_WEBHOOK_URL: hook('AAAA'),
      CHAT_WEBHOOK_URL_ALERTS: hook('ALRT'),
      CHAT_RELAY_CONFIG: JSON.stringify({ format: 'text', alertWebhook: 'ALERTS', ...config }),
      ...extra,
    }),
  });
  r.workbook.addSheet('Tickets', TICKETS);
  return r;
}

function run(r: ReturnType<typeof rig>, origin: 'menu' | 'scheduled' = 'scheduled'): RunOutcome {
  const startedAt = r.clock.now();
  r.clock.advance(1500); // the execution's start-up, before the run reads anything
  return relayUnderLock(r.services, { origin, startedAt, select: due });
}

describe('a run records its time', () => {
  it('a trigger run adds its duration to CHAT_RELAY_STATE; a menu run does not', () => {
    const r = rig();
    run(r, 'menu');
    expect(r.properties.getProperty(STATE_PROPERTY)).toBeNull();
    const startedAt = r.clock.now();
    run(r);
    const state = parseState(r.properties.getProperty(STATE_PROPERTY));
    expect(state.runs).toHaveLength(1);
    // Idle, it took the start-up only: 1.5 s, from the execution's start.
    expect(state.runs[0].ms).toBe(1500);
    expect(state.runs[0].at).toBe(Math.round((startedAt + 1500) / 1000) * 1000);
  });

  it('still reads the Script Properties once, and writes them at most once', () => {
    const r = rig();
    const getProperties = jest.spyOn(r.properties, 'getProperties');
    const getProperty = jest.spyOn(r.properties, 'getProperty');
    const setProperty = jest.spyOn(r.properties, 'setProperty');
    r.chat.injectFault({ status: 404, space: 'AAAA', times: Infinity });
    const outcome = run(r);
    expect(outcome.kind === 'done' && outcome.alerts).toEqual([
      'Alert sent to the ALERTS space: Chat refused the webhook default.',
    ]);
    expect(getProperties).toHaveBeenCalledTimes(1);
    expect(getProperty).not.toHaveBeenCalled();
    expect(setProperty).toHaveBeenCalledTimes(1);
  });
});

describe('the summary of a run says where its alerts went', () => {
  it('in the menu report, the log and the error of a trigger run', () => {
    const r = rig();
    r.chat.injectFault({ status: 404, space: 'AAAA', times: Infinity });
    const outcome = run(r);
    const line = 'Alert sent to the ALERTS space: Chat refused the webhook default.';
    expect(menuReport(outcome, 'send')).toContain(`\n\n${line}`);
    expect(() => throwIfMisconfigured(outcome)).toThrow(line);
    expect(r.logs.lines).toContain(`Chat Relay: ${line}`);
  });

  it('for a refused configuration too', () => {
    const r = rig({ keyColum: 'ID' });
    const outcome = run(r);
    expect(outcome).toMatchObject({
      kind: 'misconfigured',
      alerts: ['Alert sent to the ALERTS space: the configuration is invalid.'],
    });
    expect(menuReport(outcome, 'send pending rows')).toMatch(
      /nothing was sent\.\n\n• CHAT_RELAY_CONFIG key "keyColum".*\n\nAlert sent to the ALERTS space: the configuration is invalid\.$/s,
    );
    expect(() => throwIfMisconfigured(outcome)).toThrow(
      /is misconfigured: .*\nAlert sent to the ALERTS space: the configuration is invalid\./s,
    );
  });
});

describe('a failure of its own never fails the run', () => {
  it('a property write refused is logged; the rows were sent and the outcome stands', () => {
    const r = rig();
    jest.spyOn(r.properties, 'setProperty').mockImplementation(() => {
      throw new Error('Service invoked too many times: properties');
    });
    const outcome = run(r);
    expect(outcome.kind).toBe('done');
    expect(r.chat.messages('AAAA')).toHaveLength(2);
    expect(r.logs.lines).toContain(
      'Chat Relay: could not record the run or send alerts: Service invoked too many times: properties',
    );
    expect(r.locks.holder).toBeNull();
  });
});

describe('stuckSince', () => {
  const report = (counts: Partial<ReturnType<typeof emptySummary>>) => ({
    sheets: [{ ...emptySummary('T'), ...counts }],
    stopped: [],
    refused: [],
    broken: [],
  });

  it('starts with the first run that leaves rows PENDING, and holds while runs do', () => {
    expect(stuckSince(null, report({ pending: 2 }), 1000)).toBe(1000);
    expect(stuckSince(500, report({ held: 1 }), 1000)).toBe(500);
  });

  it('ends with a run that left nothing behind; a run cut short says nothing', () => {
    expect(stuckSince(500, report({ sent: 3 }), 1000)).toBeNull();
    expect(stuckSince(500, report({ sent: 3, notReached: 4 }), 1000)).toBe(500);
    expect(stuckSince(null, report({ notReached: 4 }), 1000)).toBeNull();
  });
});
