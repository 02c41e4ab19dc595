import {
  Ledger,
  OutboxEntry,
  newLedger,
  parseLedger,
  parseOutbox,
  rowIdOf,
  serializeLedger,
  serializeOutbox,
} from '../../src/relay/ledger-codec';

const FULL: Ledger = {
  rowId: 'rk3x9',
  sendCount: 3,
  requestId: 'chat-relay-abc-3',
  sendingVersion: 'v1:0123456789abcdef',
  delivered: { ID: 'T-1', Status: 'Open' },
  deliveredPartial: true,
  threadKey: 'chat-relay-thread',
  webhook: 'OPS',
  sendingValues: { values: { ID: 'T-1', Status: 'Closed' }, partial: true },
  visible: {
    status: 'PENDING',
    thread: 'spaces/S/threads/T',
    sentAt: Date.UTC(2026, 0, 2, 10, 0),
    error: 'Will retry: 503',
    version: 'v1:0011',
  },
};

describe('newLedger', () => {
  it('starts a row with its ID and nothing sent', () => {
    expect(newLedger('r1')).toEqual({
      rowId: 'r1',
      sendCount: 0,
      requestId: '',
      sendingVersion: '',
      delivered: {},
      deliveredPartial: false,
      threadKey: '',
      webhook: '',
      sendingValues: null,
      visible: null,
    });
  });
});

describe('serializeLedger / parseLedger', () => {
  it('round-trips every field', () => {
    expect(parseLedger(serializeLedger(FULL))).toEqual(FULL);
    const plain = { ...newLedger('r2'), sendCount: 1, requestId: 'q', sendingVersion: 'v1:x' };
    expect(parseLedger(serializeLedger(plain))).toEqual(plain);
  });

  it('stores short keys, the row ID first, and leaves out what is empty', () => {
    expect(JSON.parse(serializeLedger(FULL))).toEqual({
      id: 'rk3x9',
      n: 3,
      req: 'chat-relay-abc-3',
      att: 'v1:0123456789abcdef',
      snap: { ID: 'T-1', Status: 'Open' },
      partial: true,
      tk: 'chat-relay-thread',
      hook: 'OPS',
      pend: { ID: 'T-1', Status: 'Closed' },
      pendPartial: true,
      vis: {
        st: 'PENDING',
        th: 'spaces/S/threads/T',
        at: Date.UTC(2026, 0, 2, 10, 0),
        er: 'Will retry: 503',
        v: 'v1:0011',
      },
    });
    expect(serializeLedger(FULL).indexOf('{"id":')).toBe(0);
    expect(serializeLedger(newLedger('r1'))).toBe('{"id":"r1","n":0,"req":"","att":"","snap":{}}');
  });

  it('reads a ledger written before thread keys, webhooks and pending values were kept', () => {
    const old = '{"id":"r1","n":2,"req":"chat-relay-x-2","att":"v1:aa","snap":{"ID":"T-1"}}';
    expect(parseLedger(old)).toEqual({
      rowId: 'r1',
      sendCount: 2,
      requestId: 'chat-relay-x-2',
      sendingVersion: 'v1:aa',
      delivered: { ID: 'T-1' },
      deliveredPartial: false,
      threadKey: '',
      webhook: '',
      sendingValues: null,
      visible: null,
    });
  });

  it('reads a Chat Sent At kept as text, and treats a damaged copy of the visible cells as text', () => {
    const cell =
      '{"id":"r1","n":1,"req":"","att":"","snap":{},"vis":{"st":"SENT","at":"yesterday","er":7}}';
    expect(parseLedger(cell)?.visible).toEqual({
      status: 'SENT',
      thread: '',
      sentAt: 'yesterday',
      error: '',
      version: '',
    });
  });

  it('tolerates missing or damaged optional parts', () => {
    expect(parseLedger('{"id":"r1","n":1,"snap":[1],"pend":"x","tk":5}')).toEqual({
      ...newLedger('r1'),
      sendCount: 1,
    });
  });

  it.each<[string, unknown]>([
    ['an empty cell', ''],
    ['text', 'hello'],
    ['a number', 5],
    ['null', null],
    ['broken JSON', '{"id":"r1",'],
    ['JSON without an ID', '{"n":1}'],
    ['JSON without a count', '{"id":"r1"}'],
    ['an array', '[1]'],
  ])('reads no ledger from %s', (_name, cell) => {
    expect(parseLedger(cell)).toBeNull();
  });
});

describe('rowIdOf', () => {
  it('reads the ID of a serialized ledger without parsing the JSON', () => {
    const cell = serializeLedger(FULL);
    const parse = jest.spyOn(JSON, 'parse');
    try {
      expect(rowIdOf(cell)).toBe('rk3x9');
      expect(parse).not.toHaveBeenCalled();
    } finally {
      parse.mockRestore();
    }
  });

  it('parses a ledger whose ID is not first, or holds an escape', () => {
    expect(rowIdOf('{"n":1,"id":"r7"}')).toBe('r7');
    expect(rowIdOf(serializeLedger({ ...FULL, rowId: 'a"b' }))).toBe('a"b');
  });

  it('reads no ID from what is not a ledger', () => {
    expect(rowIdOf('')).toBeNull();
    expect(rowIdOf(42)).toBeNull();
    expect(rowIdOf('{"id":5,"n":1}')).toBeNull();
    expect(rowIdOf('{"n":1}')).toBeNull();
  });
});

describe('serializeOutbox / parseOutbox', () => {
  const entries: OutboxEntry[] = [
    {
      webhook: 'OPS',
      requestId: 'chat-relay-abc-2',
      role: 'primary',
      message: { text: 'T-1 changed', thread: { threadKey: 'k2' } },
    },
    {
      webhook: 'default',
      requestId: 'chat-relay-abc-2-moved',
      role: 'notice',
      message: { text: 'moved', thread: { threadKey: 'k1' } },
    },
  ];

  it('round-trips the messages in flight, exactly', () => {
    const cell = serializeOutbox(entries);
    expect(parseOutbox(cell)).toEqual(entries);
    expect(JSON.parse(cell)[0]).toEqual({
      hook: 'OPS',
      req: 'chat-relay-abc-2',
      role: 'primary',
      msg: { text: 'T-1 changed', thread: { threadKey: 'k2' } },
    });
  });

  it('is an empty cell when nothing is in flight', () => {
    expect(serializeOutbox([])).toBe('');
    expect(parseOutbox('')).toEqual([]);
  });

  it('reads an entry without a role (written before roles were kept) as the primary message', () => {
    expect(
      parseOutbox(JSON.stringify([{ hook: 'default', req: 'r1', msg: { text: 'x' } }])),
    ).toEqual([{ webhook: 'default', requestId: 'r1', message: { text: 'x' }, role: 'primary' }]);
  });

  it.each<[string, unknown]>([
    ['an entry without a requestId', { hook: 'default', msg: { text: 'x' } }],
    ['an entry that is not an object', null],
    ['a webhook NAME that is not text', { hook: 3, req: 'r2', msg: { text: 'x' } }],
    ['an unknown role', { hook: 'default', req: 'r', role: 'boss', msg: { text: 'x' } }],
    ['a field the relay never writes', { hook: 'default', req: 'r', msg: { text: 'x' }, at: 1 }],
    ['a message without text or card', { hook: 'default', req: 'r', msg: { thread: {} } }],
    [
      'a message field the composer never makes',
      { hook: 'default', req: 'r', msg: { text: 'x', privateMessageViewer: {} } },
    ],
  ])('reads no outbox (lost) from one holding %s beside a good entry', (_name, entry) => {
    const good = { hook: 'default', req: 'r1', msg: { text: 'x' } };
    expect(parseOutbox(JSON.stringify([good, entry]))).toBeNull();
  });

  it.each<unknown>(['[broken', '{"hook":"x"}', 5, 'hello'])(
    'reads no outbox (lost) from %p',
    (cell) => {
      expect(parseOutbox(cell)).toBeNull();
    },
  );

  it.each<unknown>(['', null, undefined])('reads nothing in flight from %p', (cell) => {
    expect(parseOutbox(cell)).toEqual([]);
  });
});

describe('reminder clocks in the ledger', () => {
  const T0 = Date.UTC(2026, 0, 5, 9, 0);
  const clocks = {
    d5f96eebef86: { since: T0, last: T0 + 3600000, count: 2 },
    'a1b2c3d4e5f6~2': { since: T0 + 60000, last: 0, count: 0 },
  };

  it('round-trips each rule’s clock, under short keys', () => {
    const ledger: Ledger = { ...FULL, reminders: clocks };
    const cell = serializeLedger(ledger);
    expect(parseLedger(cell)).toEqual(ledger);
    expect(JSON.parse(cell).rem).toEqual({
      d5f96eebef86: { s: T0, l: T0 + 3600000, n: 2 },
      'a1b2c3d4e5f6~2': { s: T0 + 60000, l: 0, n: 0 },
    });
    expect(rowIdOf(cell)).toBe(FULL.rowId);
  });

  it('keeps no clock when none runs, and reads a ledger of an earlier version as keeping none', () => {
    expect(JSON.parse(serializeLedger({ ...FULL, reminders: {} })).rem).toBeUndefined();
    const old = serializeLedger(FULL);
    expect(old).not.toMatch(/"rem"/);
    const read = parseLedger(old) as Ledger;
    expect(read.reminders).toBeUndefined();
    expect(read).toEqual(FULL);
  });

  it('leaves out a damaged clock (it starts over), keeping the others and the rest of the ledger', () => {
    const stored = JSON.parse(serializeLedger({ ...FULL, reminders: clocks }));
    stored.rem['d5f96eebef86'].s = 'yesterday';
    stored.rem.bad = null;
    const read = parseLedger(JSON.stringify(stored)) as Ledger;
    expect(read.reminders).toEqual({ 'a1b2c3d4e5f6~2': clocks['a1b2c3d4e5f6~2'] });
    expect(read.delivered).toEqual(FULL.delivered);
    expect(parseLedger(JSON.stringify({ ...stored, rem: 'x' }))?.reminders).toEqual({});
  });
});

describe('reminders in the outbox', () => {
  const reminder: OutboxEntry = {
    webhook: 'OPS',
    requestId: 'chat-relay-abc-r1',
    role: 'reminder',
    reminder: { rule: 'd5f96eebef86', since: 1, last: 2, count: 1 },
    message: {
      text: '<users/123> Reminder: Status is New, for 30 minutes',
      thread: { threadKey: 'k' },
    },
  };

  it('round-trips a reminder with its rule and the clock it leaves once in', () => {
    const cell = serializeOutbox([reminder]);
    expect(parseOutbox(cell)).toEqual([reminder]);
    expect(JSON.parse(cell)[0]).toEqual({
      hook: 'OPS',
      req: 'chat-relay-abc-r1',
      role: 'reminder',
      msg: reminder.message,
      rem: { r: 'd5f96eebef86', s: 1, l: 2, n: 1 },
    });
  });

  it.each<[string, unknown]>([
    [
      'a reminder without its rule',
      { hook: 'OPS', req: 'r', role: 'reminder', msg: { text: 'x' } },
    ],
    [
      'a reminder with a damaged clock',
      {
        hook: 'OPS',
        req: 'r',
        role: 'reminder',
        msg: { text: 'x' },
        rem: { r: 'a', s: 'x', l: 0, n: 1 },
      },
    ],
    [
      'a primary message naming a rule',
      {
        hook: 'OPS',
        req: 'r',
        role: 'primary',
        msg: { text: 'x' },
        rem: { r: 'a', s: 1, l: 0, n: 1 },
      },
    ],
  ])('reads no outbox (lost) from %s', (_name, entry) => {
    expect(parseOutbox(JSON.stringify([entry]))).toBeNull();
  });
});
