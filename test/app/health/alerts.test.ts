import {
  AlertTarget,
  Problem,
  alertMessage,
  alertRequestId,
  budgetProblem,
  configProblem,
  sendAlerts,
  stuckProblem,
  webhookProblems,
} from '../../../src/app/health/alerts';
import { projectBudget } from '../../../src/app/health/budget';
import { dayOf, emptyState } from '../../../src/app/health/state';
import { createChatClient } from '../../../src/chat/client';
import { emptySummary } from '../../../src/relay/summary';
import { appRig, expectNoSecrets, KEY, TOKEN, webhook, webhookUrl } from '../../support/rig';

const HOUR = 60 * 60 * 1000;
const place = { id: () => 'sheet-id-1', name: () => 'Helpdesk', url: () => 'https://sheets/x' };

describe('the problems', () => {
  it('a bad configuration: its first problem, how many more, and what to do', () => {
    const p = configProblem(['CHAT_RELAY_CONFIG key "keyColum" is not a known key', 'second']);
    expect(p.label).toBe('the configuration is invalid');
    expect(p.text).toBe(
      'Chat Relay cannot run, so nothing is sent: CHAT_RELAY_CONFIG key "keyColum" is not a known key (and 1 more problem). Fix it in Chat Relay → Settings… (or the Script Properties); the next run then sends what waited.',
    );
    // The same first problem is the same problem (alerted once a day); another one is not.
    expect(configProblem(['CHAT_RELAY_CONFIG key "keyColum" is not a known key']).key).toBe(p.key);
    expect(configProblem(['another']).key).not.toBe(p.key);
  });

  it('a webhook Chat refused or that is unusable, by NAME', () => {
    const problems = webhookProblems({
      sheets: [],
      stopped: [],
      refused: [{ webhook: 'INFRA', message: '404 NOT_FOUND: not found' }],
      broken: [{ webhook: 'OPS', message: 'CHAT_WEBHOOK_URL_OPS is not a Chat webhook URL' }],
    });
    expect(problems.map((p) => [p.key, p.label])).toEqual([
      ['webhook:INFRA', 'Chat refused the webhook INFRA'],
      ['webhook:OPS', 'the webhook OPS is unusable'],
    ]);
    expect(problems[0].text).toBe(
      'Chat refused the webhook INFRA (CHAT_WEBHOOK_URL_INFRA): 404 NOT_FOUND: not found. Its rows stay PENDING until it works: replace its URL under Webhooks in Chat Relay → Settings…, then press Test.',
    );
  });

  it('rows PENDING: only once runs have left some for more than an hour', () => {
    const now = Date.UTC(2024, 0, 15, 12);
    expect(stuckProblem(3, now - HOUR + 1, now)).toBeNull();
    expect(stuckProblem(0, now - 5 * HOUR, now)).toBeNull();
    expect(stuckProblem(3, null, now)).toBeNull();
    expect(stuckProblem(3, now - HOUR, now)).toMatchObject({
      key: 'pending',
      label: '3 rows PENDING for more than an hour',
    });
    expect(stuckProblem(1, now - 2.5 * HOUR, now)?.text).toMatch(
      /^1 row has been waiting PENDING for more than 2 hours\. Read their Chat Error/,
    );
  });

  it('the budget: only over the cap, measured over at least 3 runs', () => {
    expect(budgetProblem(projectBudget(40, 2, 1))).toBeNull();
    expect(budgetProblem(projectBudget(40, 3, 5))).toBeNull(); // over half, not over the cap
    const p = budgetProblem(projectBudget(40, 3, 1));
    expect(p?.key).toBe('budget');
    expect(p?.text).toMatch(
      /^About 40 s a run, every minute: ~16 h a day, over Apps Script's 6 h cap\./,
    );
    expect(p?.text).toMatch(
      /Change the schedule under Schedule in Chat Relay → Settings… and press Start\.$/,
    );
  });
});

describe('alertMessage', () => {
  it('names the spreadsheet and links it; nothing from a cell or the configuration can ping, link or leak', () => {
    const problem: Problem = {
      key: 'x',
      label: 'x',
      text: `Bad <users/all> value, see ${webhookUrl('AAAA')}`,
    };
    const text = alertMessage(problem, { ...place, name: () => 'Ops <users/all>' });
    expect(text).toMatch(/^⚠ \*Chat Relay\* in "Ops ‹users\/all›": Bad ‹users\/all› value/);
    expect(text.endsWith('\n<https://sheets/x|Open the spreadsheet>')).toBe(true);
    expect(text).not.toContain('<users/all>');
    expectNoSecrets([KEY, TOKEN], text);
  });

  it('has a requestId of the spreadsheet, the problem and the day', () => {
    const id = alertRequestId('s1', 'budget', 19737);
    expect(id).toMatch(/^chat-relay-alert-[0-9a-f]{32}$/);
    expect(alertRequestId('s1', 'budget', 19737)).toBe(id);
    expect(alertRequestId('s2', 'budget', 19737)).not.toBe(id);
    expect(alertRequestId('s1', 'pending', 19737)).not.toBe(id);
    expect(alertRequestId('s1', 'budget', 19738)).not.toBe(id);
  });
});

describe('sendAlerts', () => {
  const A: Problem = { key: 'a', label: 'problem A', text: 'A is wrong' };
  const B: Problem = { key: 'b', label: 'problem B', text: 'B is wrong' };

  function setup() {
    const rig = appRig();
    const url = rig.hookUrl('ALRT');
    const target: AlertTarget = { name: 'ALERTS', webhook: webhook(url) };
    const day = dayOf(rig.clock.now());
    const deps = {
      client: () => createChatClient(rig.services.http(), rig.clock, { random: () => 0 }),
      place,
      day,
      deadline: rig.clock.now() + 20000,
    };
    return { rig, target, day, deps };
  }

  it('posts each problem not alerted today, once, and records the day', () => {
    const { rig, target, day, deps } = setup();
    const state = { ...emptyState(), alerts: { b: day } };
    const sent = sendAlerts([A, B, A], state, target, deps);
    expect(rig.chat.messages('ALRT').map((m) => m.text)).toEqual([
      '⚠ *Chat Relay* in "Helpdesk": A is wrong\n<https://sheets/x|Open the spreadsheet>',
    ]);
    expect(rig.chat.messages('ALRT')[0].requestId).toBe(alertRequestId('sheet-id-1', 'a', day));
    expect(sent.lines).toEqual(['Alert sent to the ALERTS space: problem A.']);
    expect(sent.state.alerts).toEqual({ a: day, b: day });
  });

  it('posts nothing, and makes no client, when every problem was alerted today', () => {
    const { target, day, deps } = setup();
    const client = jest.fn(deps.client);
    const state = { ...emptyState(), alerts: { a: day } };
    const sent = sendAlerts([A], state, target, { ...deps, client });
    expect(sent).toEqual({ state, lines: [] });
    expect(client).not.toHaveBeenCalled();
  });

  it('a refused alert webhook: said, recorded for the day (not retried every run)', () => {
    const { rig, target, day, deps } = setup();
    rig.chat.injectFault({ status: 404, space: 'ALRT', times: Infinity });
    const sent = sendAlerts([A], emptyState(), target, deps);
    expect(sent.lines).toEqual([
      expect.stringMatching(
        /^The alert to the ALERTS space could not be sent \(.*404.*\): problem A\.$/,
      ),
    ]);
    expect(sent.state.alerts).toEqual({ a: day });
  });

  it('an alert webhook failing for now: said, and left for the next run to try again', () => {
    const { rig, target, deps } = setup();
    rig.chat.injectFault({ status: 503, space: 'ALRT', times: Infinity });
    const sent = sendAlerts([A], emptyState(), target, deps);
    expect(sent.lines[0]).toMatch(/^The alert to the ALERTS space could not be sent/);
    expect(sent.state.alerts).toEqual({});
  });

  it('an unusable alert webhook property: said, without posting', () => {
    const { rig, day, deps } = setup();
    const target: AlertTarget = {
      name: 'ALERTS',
      webhook: null,
      reason: 'CHAT_WEBHOOK_URL_ALERTS is not set',
    };
    const sent = sendAlerts([A], emptyState(), target, deps);
    expect(sent.lines).toEqual([
      'The alert to the ALERTS space could not be sent (CHAT_WEBHOOK_URL_ALERTS is not set): problem A.',
    ]);
    expect(sent.state.alerts).toEqual({ a: day });
    expect(rig.http.requests).toEqual([]);
  });
});

describe('problems of a run with nothing wrong', () => {
  it('are none', () => {
    expect(
      webhookProblems({ sheets: [emptySummary('T')], stopped: [], refused: [], broken: [] }),
    ).toEqual([]);
  });
});
