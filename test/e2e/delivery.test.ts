/** End-to-end delivery semantics: failures, retries, kills, overlaps, the time budget. */
import { harness, SPACE } from '../../local/harness';

const rows = (n: number) => [
  ['ID', 'Title'],
  ...Array.from({ length: n }, (_, i) => [`T-${i + 1}`, `row ${i + 1}`]),
];

describe('transient failures', () => {
  it('retries a 503 and a 429 with Retry-After within the run, without duplicates', () => {
    const h = harness();
    h.chat.injectFault({ status: 503, times: 2 });
    h.chat.injectFault({ status: 429, retryAfter: '3', times: 1 });
    h.run('runScheduled');
    expect(h.texts()).toHaveLength(3);
    expect(h.column('Chat Status')).toEqual(['SENT', 'SENT', 'SENT']);
    expect(h.chat.stats().creates).toBe(3);
  });

  it('leaves a row PENDING with the reason when retries run out, and a later run sends it once', () => {
    const h = harness({ sheets: [{ name: 'Tickets', rows: rows(5) }] });
    h.chat.injectFault({ status: 503, times: 1000 });
    h.run('runScheduled');
    expect(h.texts()).toHaveLength(0);
    const table = h.table();
    // The run stops after three transient failures in a row; every row is still there for later.
    expect(table.slice(0, 3).map((r) => r['Chat Status'])).toEqual([
      'PENDING',
      'PENDING',
      'PENDING',
    ]);
    expect(table[0]['Chat Error']).toMatch(/^Will retry: .*503/);
    expect(table.some((r) => r['Chat Error'].includes(h.token))).toBe(false);

    h.chat.clearFaults();
    h.run('runScheduled');
    expect(h.texts()).toHaveLength(5);
    expect(new Set(h.texts()).size).toBe(5);
    expect(h.column('Chat Status')).toEqual(Array(5).fill('SENT'));
    expect(h.column('Chat Error')).toEqual(Array(5).fill(''));
  });

  it('never duplicates a message whose response was lost after Chat committed it', () => {
    const h = harness();
    h.chat.injectFault({ drop: 'after-commit', times: 1 });
    h.run('runScheduled');
    expect(h.texts()).toHaveLength(3);
    expect(h.chat.stats().deduplicated).toBe(1);
  });
});

describe('permanent failures', () => {
  it('marks the row FAILED with Chat’s message and leaves it until it changes or is sent from the menu', () => {
    const h = harness();
    h.chat.injectFault({ status: 400, times: 1 });
    h.run('runScheduled');
    expect(h.texts()).toHaveLength(2);
    const failed = h.table()[0];
    expect(failed['Chat Status']).toBe('FAILED');
    expect(failed['Chat Error']).toMatch(/400/);

    h.run('runScheduled');
    expect(h.texts()).toHaveLength(2);

    h.sheet().setSelection(['A2']);
    h.run('sendSelectedRows');
    expect(h.texts()).toHaveLength(3);
    expect(h.table()[0]['Chat Status']).toBe('SENT');
    expect(h.table()[0]['Chat Error']).toBe('');
  });

  it('retries a FAILED row after its data changes', () => {
    const h = harness();
    h.chat.injectFault({ status: 400, times: 1 });
    h.run('runScheduled');
    expect(h.table()[0]['Chat Status']).toBe('FAILED');
    h.sheet().setRowValues(2, ['T-1', 'Printer still on fire', 1234.5, '']);
    h.run('runScheduled');
    expect(h.table()[0]['Chat Status']).toBe('SENT');
    expect(h.texts()[2]).toContain('Printer still on fire');
  });
});

describe('kills and overlaps', () => {
  it('loses nothing and posts nothing twice when a run is killed at any instant', () => {
    // One reference run measures how long a full run takes on the fake clock.
    const reference = harness({ sheets: [{ name: 'Tickets', rows: rows(4) }] });
    const started = reference.clock.now();
    reference.runtime.call('runScheduled');
    const duration = reference.clock.now() - started;
    expect(reference.texts()).toHaveLength(4);

    let killed = 0;
    for (let limit = 0; limit <= duration; limit += 100) {
      const h = harness({ sheets: [{ name: 'Tickets', rows: rows(4) }], maxExecutionMs: limit });
      try {
        h.runtime.call('runScheduled');
      } catch (e) {
        expect(String(e)).toMatch(/Exceeded maximum execution time/);
        killed++;
      }
      h.clock.advance(60000);
      h.restart(360000);
      h.run('runScheduled');
      const texts = h.texts();
      expect(texts).toHaveLength(4);
      expect(new Set(texts).size).toBe(4);
      expect(h.column('Chat Status')).toEqual(Array(4).fill('SENT'));
    }
    expect(killed).toBeGreaterThan(20);
  });

  it('a scheduled run that finds the lock taken exits quietly and posts nothing', () => {
    const h = harness();
    const release = h.runtime.lock.holdForOtherExecution();
    expect(() => h.run('runScheduled')).not.toThrow();
    expect(h.texts()).toHaveLength(0);
    // It did not even touch the sheet.
    expect(h.sheet().displayRows()[0]).toEqual(['ID', 'Title', 'Amount', 'Due']);
    release();
    h.run('runScheduled');
    expect(h.texts()).toHaveLength(3);
  });

  it('a menu run tells the user another run is in progress', () => {
    const h = harness();
    const release = h.runtime.lock.holdForOtherExecution();
    h.run('sendPendingRows');
    expect(h.lastAlert()).toMatch(/Another Chat Relay run is in progress/);
    expect(h.texts()).toHaveLength(0);
    release();
  });

  it('two runs back to back send each row once', () => {
    const h = harness();
    h.run('runScheduled');
    h.run('sendPendingRows');
    expect(h.texts()).toHaveLength(3);
    expect(h.lastAlert()).toMatch(/Nothing to send/);
  });
});

describe('time budget', () => {
  it('starts no send after 270 s; the next run carries on, without duplicates', () => {
    const h = harness({ sheets: [{ name: 'Tickets', rows: rows(20) }], latencyMs: 30000 });
    const started = h.clock.now();
    h.runtime.call('runScheduled');
    const first = h.texts().length;
    expect(first).toBeGreaterThan(5);
    expect(first).toBeLessThan(20);
    const lastPost = Math.max(...h.runtime.urlFetch.requests.map((r) => r.at));
    expect(lastPost - started).toBeLessThanOrEqual(270000);
    expect(h.clock.now() - started).toBeLessThan(360000);
    h.clock.advance(300000);
    h.run('runScheduled');
    h.run('runScheduled');
    expect(h.texts()).toHaveLength(20);
    expect(new Set(h.texts()).size).toBe(20);
    expect(h.column('Chat Status')).toEqual(Array(20).fill('SENT'));
  });
});

describe('pacing', () => {
  it('never exceeds 1 create per second per space: no 429 in a normal run', () => {
    const h = harness({ sheets: [{ name: 'Tickets', rows: rows(30) }], latencyMs: 50 });
    h.run('runScheduled');
    expect(h.texts()).toHaveLength(30);
    expect(h.chat.stats().rejected429).toBe(0);
    const times = h.chat.messages(SPACE).map((m) => Date.parse(String(m.createTime)));
    for (let i = 1; i < times.length; i++)
      expect(times[i] - times[i - 1]).toBeGreaterThanOrEqual(1000);
  });

  it('runs that follow each other at once (a burst of form submissions) see no 429 either', () => {
    const h = harness({ sheets: [{ name: 'Tickets', rows: rows(2) }], latencyMs: 50 });
    h.runtime.call('runScheduled');
    h.sheet().setRowValues(4, ['T-3', 'row 3']);
    h.runtime.call('runScheduled');
    h.sheet().setRowValues(5, ['T-4', 'row 4']);
    h.runtime.call('sendPendingRows');
    expect(h.texts()).toHaveLength(4);
    expect(h.chat.stats().rejected429).toBe(0);
  });
});
