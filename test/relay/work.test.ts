import { FakeClock, FakeSheet, Workbook } from '../../local/runtime';
import { ChatMessage } from '../../src/chat/message-types';
import { configProblem } from '../../src/config/problems';
import { RowMessage } from '../../src/relay/compose/types';
import { LedgerField, ledgerHeader } from '../../src/relay/columns';
import { requestIdFor, threadKeyFor } from '../../src/relay/ids';
import { parseLedger, parseOutbox, serializeLedger } from '../../src/relay/ledger-codec';
import { LedgerStore } from '../../src/relay/ledger-store';
import { recordOutcome } from '../../src/relay/outcome';
import { PlannedRow, routed } from '../../src/relay/plan';
import { PeopleSource } from '../../src/relay/people';
import { RowState } from '../../src/relay/row-state';
import { RuleContext } from '../../src/relay/rules';
import { Reason } from '../../src/relay/rows';
import { emptySummary } from '../../src/relay/summary';
import { WebhookState, WorkContext, WorkItem, errorText, prepareWork } from '../../src/relay/work';
import { KEY, TOKEN, expectNoSecrets, seededRandom, webhookUrl } from '../support/rig';
import { Opened, open, ruleContext } from '../support/tables';

const HEADERS = ['ID', 'Title', 'Team', 'Priority'];

interface Composed {
  message: RowMessage;
  position: number;
  mentions: string[];
  note: string;
}

/** One sheet and the work of its rows, run after run, with the relay's own code in between. */
class Bench {
  readonly workbook = new Workbook({ id: 'spreadsheet-1' });
  readonly sheet: FakeSheet;
  readonly clock = new FakeClock();
  readonly random = seededRandom(7);
  readonly composed: Composed[] = [];
  webhooks: { [name: string]: WebhookState } = { default: { ok: true } };
  baseline = false;
  o!: Opened;
  store!: LedgerStore;

  constructor(
    rows: string[][],
    private readonly config: Record<string, unknown> = {},
    headers: string[] = HEADERS,
    private readonly rules: RuleContext = ruleContext(),
  ) {
    this.sheet = this.workbook.addSheet('Tickets', [headers, ...rows]);
    this.reopen();
  }

  /** A new run: the table read again. */
  reopen(): this {
    this.o = open(this.workbook, this.sheet, this.config, true, this.rules);
    this.store = new LedgerStore(this.o.table);
    return this;
  }

  get identity() {
    return { spreadsheetId: 'spreadsheet-1', sheetId: this.sheet.getSheetId() };
  }

  context(): WorkContext {
    return {
      tableIndex: 0,
      table: this.o.table,
      rules: this.o.rules,
      identity: this.identity,
      random: this.random,
      now: () => this.clock.now(),
      baseline: this.baseline,
      webhook: (name) => this.webhooks[name] ?? { ok: false, reason: `no webhook "${name}"` },
      composer: {
        // eslint-disable-next-line @typescript-eslint/no-unused-vars
        compose: (message, row, mentions, threadKey, _rowId = null, note = ''): ChatMessage => {
          this.composed.push({ message, position: row.position, mentions, note });
          return { text: `${message.kind} #${this.composed.length}`, thread: { threadKey } };
        },
        reminder: (_row, text, mentions, threadKey): ChatMessage => ({
          text: `reminder: ${text.words} ${mentions.join(' ')}`,
          thread: { threadKey },
        }),
        isRowLink: () => false,
        isActionLink: () => false,
      },
      describeWebhook: (name) => `the ${name} space`,
    };
  }

  prepare(position: number, reason: Reason, copy = false): WorkItem {
    const planned: PlannedRow = { position, reason, copy, first: false };
    const read = this.store.readRows([position]).get(position) as RowState;
    return prepareWork(this.context(), routed(this.o.reader, this.o.rules, planned), read);
  }

  /** The write-ahead of a prepared item. */
  writeAhead(item: WorkItem): WorkItem {
    expect(this.store.write([item], true).size).toBe(1);
    return item;
  }

  /** Chat accepts every message of the item; the outcome is written. */
  deliver(item: WorkItem): WorkItem {
    this.writeAhead(item);
    const summary = emptySummary('Tickets');
    let n = 0;
    while (item.state.outbox.length) {
      n++;
      const send = item.state.outbox[0];
      recordOutcome(
        item,
        send,
        {
          ok: true,
          messageName: `spaces/S/messages/m${n}`,
          threadName: 'spaces/S/threads/t',
          attempts: 1,
        },
        this.clock.now(),
        summary,
      );
    }
    this.store.write([item], false);
    return item;
  }

  /** A user edit of one cell of a data row (position 0 is sheet row 2). */
  edit(position: number, header: string, value: string): this {
    const c = this.sheet.displayRows()[0].indexOf(header);
    this.sheet.setRowValues(position + 2, [value], c + 1);
    return this;
  }

  /** A relay cell of a data row, as the sheet holds it. */
  cell(position: number, field: LedgerField): unknown {
    const column = this.sheet.displayRows()[0].indexOf(ledgerHeader(field));
    return this.sheet.rows()[position + 1][column];
  }

  lastComposed(): Composed {
    return this.composed[this.composed.length - 1];
  }
}

const status = (item: WorkItem) => item.state.status;

describe('prepareWork: a new row', () => {
  it('sends its first message in a new thread keyed by its key, PENDING until delivered', () => {
    const b = new Bench([['T-1', 'Printer jammed', 'Desk', 'P2']]);
    const item = b.prepare(0, 'new');
    expect(item.noMessage).toBeNull();
    expect(status(item)).toBe('PENDING');
    expect(b.composed).toEqual([
      {
        message: {
          kind: 'new',
          fields: [
            { label: 'Title', value: 'Printer jammed' },
            { label: 'Team', value: 'Desk' },
            { label: 'Priority', value: 'P2' },
          ],
        },
        position: 0,
        mentions: [],
        note: '',
      },
    ]);
    const threadKey = threadKeyFor(b.identity, 'T-1');
    const requestId = requestIdFor(
      b.identity,
      'T-1',
      item.state.ledger.rowId,
      item.values.version,
      1,
    );
    expect(item.state.outbox).toEqual([
      {
        webhook: 'default',
        requestId,
        role: 'primary',
        message: { text: 'new #1', thread: { threadKey } },
      },
    ]);
    expect(item.state.ledger).toMatchObject({
      sendCount: 1,
      requestId,
      sendingVersion: item.values.version,
    });
    expect(item.state.ledger.rowId).toMatch(/^r[0-9a-z]+$/);
    expect(item.state.ledger.sendingValues).toEqual({
      values: { ID: 'T-1', Title: 'Printer jammed', Team: 'Desk', Priority: 'P2' },
      partial: false,
    });
    // The write-ahead holds the ledger and the outbox, exactly as sent.
    b.writeAhead(item);
    expect(parseLedger(b.cell(0, 'ledger'))).toEqual(item.state.ledger);
    expect(parseOutbox(b.cell(0, 'outbox'))).toEqual(item.state.outbox);
  });

  it('is SENT once delivered, its values and thread recorded', () => {
    const b = new Bench([['T-1', 'Printer', 'Desk', 'P2']]);
    const item = b.deliver(b.prepare(0, 'new'));
    b.reopen();
    expect(b.cell(0, 'status')).toBe('SENT');
    expect(b.cell(0, 'thread')).toBe('spaces/S/threads/t');
    expect(b.cell(0, 'outbox')).toBe('');
    expect(b.cell(0, 'version')).toBe(item.values.version);
    const ledger = parseLedger(b.cell(0, 'ledger'));
    expect(ledger).toMatchObject({
      threadKey: threadKeyFor(b.identity, 'T-1'),
      webhook: 'default',
      sendingValues: null,
      delivered: { ID: 'T-1', Title: 'Printer', Team: 'Desk', Priority: 'P2' },
    });
  });
});

describe('prepareWork: a row in flight', () => {
  it('resumes the very messages of its outbox, with their requestIds, composing nothing', () => {
    const b = new Bench([['T-1', 'Printer', 'Desk', 'P2']]);
    const first = b.writeAhead(b.prepare(0, 'new'));
    // The run was killed after its write-ahead; the next run finds the row PENDING.
    b.reopen();
    b.composed.length = 0;
    const again = b.prepare(0, 'pending');
    expect(again.state.outbox).toEqual(first.state.outbox);
    expect(again.state.ledger).toEqual(first.state.ledger);
    expect(again.threadKey).toBe(threadKeyFor(b.identity, 'T-1'));
    expect(again.webhook).toBe('default');
    expect(b.composed).toEqual([]);
  });

  it('resumes as it was sent even when the row changed since', () => {
    const b = new Bench([['T-1', 'Printer', 'Desk', 'P2']]);
    const first = b.writeAhead(b.prepare(0, 'new'));
    b.edit(0, 'Title', 'Printer (fixed)').reopen();
    const again = b.prepare(0, 'pending');
    expect(again.state.outbox).toEqual(first.state.outbox);
    expect(again.sendingVersion).toBe(first.values.version);
    expect(again.sendingValues.values.Title).toBe('Printer');
  });

  it('is held when a webhook of its outbox cannot be used now', () => {
    const b = new Bench([['T-1', 'Printer', 'Desk', 'P2']]);
    b.writeAhead(b.prepare(0, 'new'));
    b.reopen().webhooks = { default: { ok: false, reason: 'CHAT_WEBHOOK_URL is empty' } };
    const held = b.prepare(0, 'pending');
    expect(held.noMessage).toBe('held');
    expect(held.state.outbox).toEqual([]);
    expect(status(held)).toBe('PENDING');
  });

  it('when selected from the menu, composes anew; unchanged, with the same requestId', () => {
    const b = new Bench([['T-1', 'Printer', 'Desk', 'P2']]);
    const first = b.writeAhead(b.prepare(0, 'new'));
    b.reopen();
    const selected = b.prepare(0, 'selected');
    expect(b.composed).toHaveLength(2);
    // Chat returns the message it may already have created for this requestId.
    expect(selected.state.ledger.sendCount).toBe(1);
    expect(selected.state.outbox[0].requestId).toBe(first.state.outbox[0].requestId);
    b.edit(0, 'Priority', 'P1').reopen();
    const changed = b.prepare(0, 'selected');
    expect(changed.state.ledger.sendCount).toBe(2);
    expect(changed.state.outbox[0].requestId).not.toBe(first.state.outbox[0].requestId);
  });

  it('retries a PENDING row without an outbox with the same requestId', () => {
    const b = new Bench([['T-1', 'Printer', 'Desk', 'P2']]);
    const first = b.writeAhead(b.prepare(0, 'new'));
    const sent = first.state.outbox[0];
    first.state.outbox = [];
    b.store.write([first], false);
    b.reopen();
    const again = b.prepare(0, 'pending');
    expect(again.state.ledger.sendCount).toBe(1);
    expect(again.state.outbox[0].requestId).toBe(sent.requestId);
  });
});

describe('prepareWork: an outbox not as the relay wrote it', () => {
  const mentions = { mentions: [{ when: { column: 'Priority', equals: 'P1' }, mention: 'all' }] };

  /** A row written ahead, its outbox's text then prefixed by hand. */
  function edited(priority: string, prefix: string) {
    const b = new Bench([['T-1', 'Printer', 'Desk', priority]], mentions);
    const first = b.writeAhead(b.prepare(0, 'new'));
    const entries = JSON.parse(String(b.cell(0, 'outbox')));
    entries[0].msg.text = `${prefix}${entries[0].msg.text}`;
    b.edit(0, 'Chat Outbox', JSON.stringify(entries)).reopen();
    b.composed.length = 0;
    return { b, first };
  }

  it('rebuilds the message from the row when the outbox carries a mention its rules do not give', () => {
    const { b, first } = edited('P2', '<users/all> ');
    const again = b.prepare(0, 'pending');
    expect(again.outboxRebuilt).toBe(true);
    expect(b.composed.map((c) => [c.message.kind, c.mentions])).toEqual([['new', []]]);
    expect(again.state.outbox[0].message.text).toBe('new #1');
    // The same send: Chat returns the message it may already have created for this requestId.
    expect(again.state.outbox[0].requestId).toBe(first.state.outbox[0].requestId);
  });

  it('rebuilds the message from the row when the outbox is damaged', () => {
    const b = new Bench([['T-1', 'Printer', 'Desk', 'P2']]);
    const first = b.writeAhead(b.prepare(0, 'new'));
    b.edit(0, 'Chat Outbox', String(b.cell(0, 'outbox')).slice(0, -3)).reopen();
    const again = b.prepare(0, 'pending');
    expect(again.outboxRebuilt).toBe(true);
    expect(again.state.outbox[0].requestId).toBe(first.state.outbox[0].requestId);
    expect(b.lastComposed().message.kind).toBe('new');
  });

  it('resumes a mention the rules gave the values in flight, even when the row changed since', () => {
    const { b } = edited('P1', '<users/all>\n');
    b.edit(0, 'Priority', 'P2').reopen();
    const again = b.prepare(0, 'pending');
    expect(again.outboxRebuilt).toBe(false);
    expect(again.state.outbox[0].message.text).toBe('<users/all>\nnew #1');
    expect(b.composed).toEqual([]);
  });

  it('does not count a row sent from the menu, which composes anew anyway', () => {
    const { b } = edited('P2', '<users/all> ');
    expect(b.prepare(0, 'selected').outboxRebuilt).toBe(false);
  });

  it('does not count a row that sends no message: marked as sent, or held for its webhook', () => {
    const marked = edited('P2', '<users/all> ').b;
    marked.baseline = true;
    expect(marked.prepare(0, 'pending')).toMatchObject({
      noMessage: 'marked',
      outboxRebuilt: false,
    });
    const held = edited('P2', '<users/all> ').b;
    held.webhooks = { default: { ok: false, reason: 'CHAT_WEBHOOK_URL is empty' } };
    expect(held.prepare(0, 'pending')).toMatchObject({ noMessage: 'held', outboxRebuilt: false });
  });
});

describe('prepareWork: rows settled without a message', () => {
  it('fails a row whose key is empty, saying which column to fill in', () => {
    const b = new Bench([['', 'Printer', 'Desk', 'P2']]);
    const item = b.prepare(0, 'new');
    expect(item.noMessage).toBe('failed');
    expect(item.state.outbox).toEqual([]);
    expect(status(item)).toBe('FAILED');
    expect(item.state.error).toBe('The key column "ID" is empty: fill it in to send this row');
    expect(item.state.ledger.sendingVersion).toBe(item.values.version);
    expect(b.composed).toEqual([]);
  });

  it('marks a row as sent on a baseline, recording its values, without a message', () => {
    const b = new Bench([['T-1', 'Printer', 'Desk', 'P2']]);
    b.baseline = true;
    const item = b.prepare(0, 'new');
    expect(item.noMessage).toBe('marked');
    expect(item.state.outbox).toEqual([]);
    expect(status(item)).toBe('SENT');
    expect(item.state.version).toBe(item.values.version);
    expect(item.state.ledger.delivered).toEqual({
      ID: 'T-1',
      Title: 'Printer',
      Team: 'Desk',
      Priority: 'P2',
    });
    expect(b.composed).toEqual([]);
  });

  it('rebuilds a SENT row that lost its version and ledger, without a message', () => {
    const b = new Bench([['T-1', 'Printer', 'Desk', 'P2']]);
    b.edit(0, 'Chat Status', 'SENT').reopen();
    const item = b.prepare(0, 'rebuild');
    expect(item.noMessage).toBe('rebuilt');
    expect(item.state.outbox).toEqual([]);
    expect(status(item)).toBe('SENT');
    expect(item.state.version).toBe(item.values.version);
    expect(b.composed).toEqual([]);
  });

  it('rebuilds a SENT row that lost its version only, and posts what changed since delivery', () => {
    const b = new Bench([['T-1', 'Printer', 'Desk', 'P2']]);
    b.deliver(b.prepare(0, 'new'));
    b.edit(0, 'Chat Version', '').reopen();
    expect(b.prepare(0, 'rebuild').noMessage).toBe('rebuilt');
    b.edit(0, 'Chat Version', '').edit(0, 'Priority', 'P1').reopen();
    const changed = b.prepare(0, 'rebuild');
    expect(changed.noMessage).toBeNull();
    expect(b.lastComposed().message).toEqual({
      kind: 'update',
      changes: [{ label: 'Priority', before: 'P2', after: 'P1' }],
    });
  });

  it('settles quietly a change in a column not watched, recording the new values', () => {
    const b = new Bench([['T-1', 'Printer', 'Desk', 'P2']], { watchColumns: ['Priority'] });
    b.deliver(b.prepare(0, 'new'));
    b.edit(0, 'Title', 'Printer (typo fixed)').reopen();
    const quiet = b.prepare(0, 'changed');
    expect(quiet.noMessage).toBe('quiet');
    expect(status(quiet)).toBe('SENT');
    expect(quiet.state.version).toBe(quiet.values.version);
    expect(quiet.state.ledger.delivered.Title).toBe('Printer (typo fixed)');
    expect(b.composed).toHaveLength(1);
  });

  it('shows only the watched changes when a watched column changed too', () => {
    const b = new Bench([['T-1', 'Printer', 'Desk', 'P2']], { watchColumns: ['Priority'] });
    b.deliver(b.prepare(0, 'new'));
    b.edit(0, 'Title', 'Printer!').edit(0, 'Priority', 'P1').reopen();
    expect(b.prepare(0, 'changed').noMessage).toBeNull();
    expect(b.lastComposed().message).toEqual({
      kind: 'update',
      changes: [{ label: 'Priority', before: 'P2', after: 'P1' }],
    });
  });
  it('with columns, shows only the changes of the shown columns, in their order', () => {
    const b = new Bench([['T-1', 'Printer', 'Desk', 'P2']], { columns: ['Priority', 'Title'] });
    b.deliver(b.prepare(0, 'new'));
    b.edit(0, 'Title', 'Printer!').edit(0, 'Team', 'Infra').edit(0, 'Priority', 'P1').reopen();
    expect(b.prepare(0, 'changed').noMessage).toBeNull();
    expect(b.lastComposed().message).toEqual({
      kind: 'update',
      changes: [
        { label: 'Priority', before: 'P2', after: 'P1' },
        { label: 'Title', before: 'Printer', after: 'Printer!' },
      ],
    });
  });

  it('with columns, settles quietly a change in columns not shown (the key included)', () => {
    const b = new Bench([['T-1', 'Printer', 'Desk', 'P2']], { columns: ['Priority', 'Title'] });
    b.deliver(b.prepare(0, 'new'));
    b.edit(0, 'Team', 'Infra').edit(0, 'ID', 'T-9').reopen();
    const quiet = b.prepare(0, 'changed');
    expect(quiet.noMessage).toBe('quiet');
    expect(quiet.state.ledger.delivered.Team).toBe('Infra');
    expect(b.composed).toHaveLength(1);
  });

  it('shows a watched column’s changes after the shown ones, even when columns leaves it out', () => {
    const b = new Bench([['T-1', 'Printer', 'Desk', 'P2']], {
      columns: ['Priority', 'Title'],
      watchColumns: ['Team', 'Title', 'Priority'],
    });
    b.deliver(b.prepare(0, 'new'));
    b.edit(0, 'Team', 'Infra').edit(0, 'Title', 'Printer!').edit(0, 'Priority', 'P1').reopen();
    b.prepare(0, 'changed');
    expect(b.lastComposed().message).toEqual({
      kind: 'update',
      changes: [
        { label: 'Priority', before: 'P2', after: 'P1' },
        { label: 'Title', before: 'Printer', after: 'Printer!' },
        { label: 'Team', before: 'Desk', after: 'Infra' },
      ],
    });
  });
});

describe('prepareWork: updates', () => {
  it('posts the changes since delivery in the row thread, with a new requestId', () => {
    const b = new Bench([['T-1', 'Printer', 'Desk', 'P2']]);
    const first = b.deliver(b.prepare(0, 'new'));
    b.edit(0, 'Priority', 'P1').edit(0, 'Title', '').reopen();
    const update = b.prepare(0, 'changed');
    expect(b.lastComposed().message).toEqual({
      kind: 'update',
      changes: [
        { label: 'Priority', before: 'P2', after: 'P1' },
        { label: 'Title', before: 'Printer', after: '' },
      ],
    });
    expect(update.state.ledger.sendCount).toBe(2);
    expect(update.state.ledger.rowId).toBe(first.state.ledger.rowId);
    expect(update.state.outbox[0].requestId).toBe(
      requestIdFor(b.identity, 'T-1', first.state.ledger.rowId, update.values.version, 2),
    );
    expect(update.state.outbox[0].message.thread).toEqual({
      threadKey: threadKeyFor(b.identity, 'T-1'),
    });
    expect(status(update)).toBe('PENDING');
  });

  it('keeps the row in its thread when its key changes', () => {
    const b = new Bench([['T-1', 'Printer', 'Desk', 'P2']]);
    b.deliver(b.prepare(0, 'new'));
    b.edit(0, 'ID', 'T-100').reopen();
    const update = b.prepare(0, 'changed');
    expect(b.lastComposed().message).toEqual({
      kind: 'update',
      changes: [{ label: 'ID', before: 'T-1', after: 'T-100' }],
    });
    expect(update.state.outbox[0].message.thread).toEqual({
      threadKey: threadKeyFor(b.identity, 'T-1'),
    });
  });

  it('finds the thread of a ledger written before thread keys were kept by the key delivered', () => {
    const b = new Bench([['T-1', 'Printer', 'Desk', 'P2']]);
    const first = b.deliver(b.prepare(0, 'new'));
    const old = { ...first.state.ledger, threadKey: '', webhook: '' };
    b.edit(0, 'Chat Ledger', serializeLedger(old)).edit(0, 'ID', 'T-2').reopen();
    const update = b.prepare(0, 'changed');
    expect(update.state.outbox[0].message.thread).toEqual({
      threadKey: threadKeyFor(b.identity, 'T-1'),
    });
  });

  it('shows every field when the values delivered could not be kept', () => {
    const b = new Bench([['T-1', 'Printer', 'Desk', 'P2']]);
    const first = b.deliver(b.prepare(0, 'new'));
    const partial = { ...first.state.ledger, delivered: {}, deliveredPartial: true };
    b.edit(0, 'Chat Ledger', serializeLedger(partial)).edit(0, 'Priority', 'P1').reopen();
    b.prepare(0, 'changed');
    expect(b.lastComposed().message.kind).toBe('changed');
    b.prepare(0, 'selected');
    expect(b.lastComposed().message.kind).toBe('resend');
  });

  it('re-sends an unchanged row selected from the menu, and updates a changed one', () => {
    const b = new Bench([['T-1', 'Printer', 'Desk', 'P2']]);
    b.deliver(b.prepare(0, 'new'));
    b.reopen();
    const resend = b.prepare(0, 'selected');
    expect(b.lastComposed().message.kind).toBe('resend');
    expect(resend.state.ledger.sendCount).toBe(2);
    b.edit(0, 'Team', 'Infra').reopen();
    b.prepare(0, 'selected');
    expect(b.lastComposed().message).toEqual({
      kind: 'update',
      changes: [{ label: 'Team', before: 'Desk', after: 'Infra' }],
    });
  });
});

describe('prepareWork: routes', () => {
  const routes = { routes: [{ when: { column: 'Team', equals: 'Infra' }, webhook: 'INFRA' }] };

  it('sends a row to the webhook of its route', () => {
    const b = new Bench([['T-1', 'Printer', 'Infra', 'P2']], routes);
    b.webhooks.INFRA = { ok: true };
    const item = b.prepare(0, 'new');
    expect(item.state.outbox.map((s) => s.webhook)).toEqual(['INFRA']);
    expect(item.webhook).toBe('INFRA');
  });

  it('moves a row whose route changed: the full row to the new space, a notice in the old thread', () => {
    const b = new Bench([['T-1', 'Printer', 'Desk', 'P2']], routes);
    b.webhooks.INFRA = { ok: true };
    const first = b.deliver(b.prepare(0, 'new'));
    b.edit(0, 'Team', 'Infra').edit(0, 'Title', 'Printer on fire').reopen();
    const moved = b.prepare(0, 'changed');
    const [movedIn, movedOut] = b.composed.slice(-2);
    expect(movedIn.message).toEqual({
      kind: 'moved-in',
      fields: [
        { label: 'Title', value: 'Printer on fire' },
        { label: 'Team', value: 'Infra' },
        { label: 'Priority', value: 'P2' },
      ],
      changes: [{ label: 'Team', before: 'Desk', after: 'Infra' }],
    });
    expect(movedOut.message).toEqual({
      kind: 'moved-out',
      destination: 'the INFRA space',
      changes: [{ label: 'Team', before: 'Desk', after: 'Infra' }],
    });
    expect(movedOut.mentions).toEqual([]);
    const requestId = moved.state.ledger.requestId;
    expect(moved.state.outbox).toEqual([
      {
        webhook: 'INFRA',
        requestId,
        role: 'primary',
        message: { text: 'moved-in #2', thread: { threadKey: threadKeyFor(b.identity, 'T-1') } },
      },
      {
        webhook: 'default',
        requestId: `${requestId}-moved`,
        role: 'notice',
        message: { text: 'moved-out #3', thread: { threadKey: first.threadKey } },
      },
    ]);
    expect(moved.webhook).toBe('INFRA');
  });

  it('with columns, says what moved a row only with the columns it shows', () => {
    const b = new Bench([['T-1', 'Printer', 'Desk', 'P2']], { ...routes, columns: ['Title'] });
    b.webhooks.INFRA = { ok: true };
    b.deliver(b.prepare(0, 'new'));
    b.edit(0, 'Team', 'Infra').edit(0, 'Title', 'Printer on fire').reopen();
    b.prepare(0, 'changed');
    const [movedIn, movedOut] = b.composed.slice(-2);
    expect(movedIn.message).toMatchObject({ kind: 'moved-in', changes: [] });
    expect(movedOut.message).toMatchObject({ kind: 'moved-out', changes: [] });
  });

  it('moves a row whose route and key changed together to its new key’s thread there', () => {
    const b = new Bench([['T-1', 'Printer', 'Desk', 'P2']], routes);
    b.webhooks.INFRA = { ok: true };
    b.deliver(b.prepare(0, 'new'));
    b.edit(0, 'Team', 'Infra').edit(0, 'ID', 'T-9').reopen();
    const moved = b.prepare(0, 'changed');
    expect(moved.state.outbox.map((s) => [s.webhook, s.role, s.message.thread])).toEqual([
      ['INFRA', 'primary', { threadKey: threadKeyFor(b.identity, 'T-9') }],
      ['default', 'notice', { threadKey: threadKeyFor(b.identity, 'T-1') }],
    ]);
    b.deliver(moved);
    // Its next change replies in the thread it moved to.
    b.edit(0, 'Title', 'Printer fixed').reopen();
    const update = b.prepare(0, 'changed');
    expect(update.state.outbox.map((s) => [s.webhook, s.message.thread])).toEqual([
      ['INFRA', { threadKey: threadKeyFor(b.identity, 'T-9') }],
    ]);
  });

  it('a move resumed before anything went out records the new space', () => {
    const b = new Bench([['T-1', 'Printer', 'Desk', 'P2']], routes);
    b.webhooks.INFRA = { ok: true };
    b.deliver(b.prepare(0, 'new'));
    b.edit(0, 'Team', 'Infra').reopen();
    b.writeAhead(b.prepare(0, 'changed'));
    // The run ends before it sends: the next run resumes both messages.
    b.reopen();
    const resumed = b.prepare(0, 'pending');
    expect(resumed.state.outbox.map((s) => [s.webhook, s.role])).toEqual([
      ['INFRA', 'primary'],
      ['default', 'notice'],
    ]);
    b.deliver(resumed);
    expect(parseLedger(b.reopen().cell(0, 'ledger'))?.webhook).toBe('INFRA');
    b.edit(0, 'Title', 'Printer fixed').reopen();
    const update = b.prepare(0, 'changed');
    expect(b.lastComposed().message.kind).toBe('update');
    expect(update.state.outbox.map((s) => s.webhook)).toEqual(['INFRA']);
  });

  it('a move resumed after its message went out records the new space', () => {
    const b = new Bench([['T-1', 'Printer', 'Desk', 'P2']], routes);
    b.webhooks.INFRA = { ok: true };
    b.deliver(b.prepare(0, 'new'));
    b.edit(0, 'Team', 'Infra').reopen();
    const moved = b.writeAhead(b.prepare(0, 'changed'));
    const summary = emptySummary('Tickets');
    const ok = {
      ok: true as const,
      messageName: 'm',
      threadName: 'spaces/I/threads/t',
      attempts: 1,
    };
    recordOutcome(moved, moved.state.outbox[0], ok, b.clock.now(), summary);
    b.store.write([moved], false);
    // The next run: only the notice is left to send.
    b.reopen();
    const resumed = b.prepare(0, 'pending');
    expect(resumed.state.outbox.map((s) => s.role)).toEqual(['notice']);
    b.deliver(resumed);
    expect(parseLedger(b.reopen().cell(0, 'ledger'))?.webhook).toBe('INFRA');
    b.edit(0, 'Title', 'Printer fixed').reopen();
    b.prepare(0, 'changed');
    expect(b.lastComposed().message.kind).toBe('update');
  });

  it('leaves no notice when the old webhook cannot be used', () => {
    const b = new Bench([['T-1', 'Printer', 'Desk', 'P2']], routes);
    b.webhooks.INFRA = { ok: true };
    b.deliver(b.prepare(0, 'new'));
    b.edit(0, 'Team', 'Infra').reopen();
    b.webhooks.default = { ok: false, reason: 'CHAT_WEBHOOK_URL is empty' };
    expect(b.prepare(0, 'changed').state.outbox.map((s) => s.role)).toEqual(['primary']);
  });

  it('holds a row whose webhook cannot be used, PENDING, saying why', () => {
    const b = new Bench([['T-1', 'Printer', 'Infra', 'P2']], routes);
    b.webhooks.INFRA = { ok: false, reason: 'CHAT_WEBHOOK_URL_INFRA is empty' };
    const held = b.prepare(0, 'new');
    expect(held.noMessage).toBe('held');
    expect(held.state.outbox).toEqual([]);
    expect(status(held)).toBe('PENDING');
    expect(held.state.error).toBe(
      'Not sent: the webhook "INFRA" cannot be used: CHAT_WEBHOOK_URL_INFRA is empty. It goes out once the webhook is fixed.',
    );
    expect(held.state.outbox).toEqual([]);
    b.webhooks.default = { ok: false, reason: 'CHAT_WEBHOOK_URL is empty' };
    b.edit(0, 'Team', 'Desk').reopen();
    expect(b.prepare(0, 'new').state.error).toBe(
      'Not sent: the webhook cannot be used: CHAT_WEBHOOK_URL is empty. It goes out once the webhook is fixed.',
    );
  });
});

describe('prepareWork: mentions', () => {
  const mentions = { mentions: [{ when: { column: 'Priority', equals: 'P1' }, mention: 'all' }] };

  it('mentions on a new row whose rule holds', () => {
    const b = new Bench([['T-1', 'Printer', 'Desk', 'P1']], mentions);
    b.prepare(0, 'new');
    expect(b.lastComposed().mentions).toEqual(['all']);
  });

  it('mentions on an update only when the rule newly holds', () => {
    const b = new Bench([['T-1', 'Printer', 'Desk', 'P2']], mentions);
    b.deliver(b.prepare(0, 'new'));
    expect(b.lastComposed().mentions).toEqual([]);
    b.edit(0, 'Priority', 'P1').reopen();
    b.deliver(b.prepare(0, 'changed'));
    expect(b.lastComposed().mentions).toEqual(['all']);
    b.edit(0, 'Title', 'Printer still jammed').reopen();
    b.deliver(b.prepare(0, 'changed'));
    expect(b.lastComposed().message.kind).toBe('update');
    expect(b.lastComposed().mentions).toEqual([]);
  });
});

describe('prepareWork: mentions on a date', () => {
  const DUE = ['ID', 'Title', 'Due'];
  const CONFIG = { mentions: [{ when: { column: 'Due', before: 'today' }, mention: 'users/5' }] };
  // The relay's unit tests run on 2026-03-10 (UTC): the 9th is past due.
  const overdue = new Date(Date.UTC(2026, 2, 9));

  it('pings once when the row is past due, not again at an edit that leaves the date alone', () => {
    const rows = [['T-1', 'Printer', overdue]] as unknown as string[][];
    const b = new Bench(rows, CONFIG, DUE);
    b.deliver(b.prepare(0, 'new'));
    expect(b.lastComposed().mentions).toEqual(['users/5']);
    b.edit(0, 'Title', 'Printer jammed').reopen();
    b.deliver(b.prepare(0, 'changed'));
    expect(b.lastComposed()).toMatchObject({ message: { kind: 'update' }, mentions: [] });
  });

  it('pings at the edit that makes the row past due', () => {
    const later = new Date(Date.UTC(2026, 2, 20));
    const b = new Bench([['T-1', 'Printer', later]] as unknown as string[][], CONFIG, DUE);
    b.deliver(b.prepare(0, 'new'));
    expect(b.lastComposed().mentions).toEqual([]);
    b.sheet.setRowValues(2, [overdue], 3);
    b.reopen();
    b.deliver(b.prepare(0, 'changed'));
    expect(b.lastComposed().mentions).toEqual(['users/5']);
  });
});

describe('prepareWork: pings from the people directory', () => {
  const OWNED = ['ID', 'Title', 'Owner'];
  const CONFIG = {
    people: { sheet: 'People' },
    mentions: [{ when: { column: 'Title', matches: '.' }, mention: '{{Owner}}' }],
  };
  const IDS: { [address: string]: string[] } = {
    'ana@x.org': ['users/1'],
    'bob@x.org': ['users/2'],
  };

  function people(readable = true): PeopleSource {
    return {
      directory: () =>
        readable
          ? {
              ok: true,
              value: {
                sheet: 'People',
                size: 2,
                ignored: [],
                mentionsOf: (a) => IDS[a.toLowerCase()] || [],
              },
            }
          : {
              ok: false,
              error: configProblem('people.sheet', 'is "People", but that sheet does not exist'),
            },
      report: () => null,
    };
  }

  const bench = (owner: string, readable = true) =>
    new Bench(
      [['T-1', 'Printer', owner]],
      CONFIG,
      OWNED,
      ruleContext({ people: people(readable) }),
    );

  it('pings the owner by the directory ID, and names the addresses it does not list', () => {
    const b = bench('ana@x.org, zed@x.org');
    b.prepare(0, 'new');
    expect(b.lastComposed()).toMatchObject({
      mentions: ['users/1'],
      note: 'Owner zed@x.org has no Chat ID in People',
    });
  });

  it('pings a new owner on an update, and not the owner it already pinged', () => {
    const b = bench('ana@x.org');
    b.deliver(b.prepare(0, 'new'));
    b.edit(0, 'Title', 'Printer jammed').reopen();
    b.deliver(b.prepare(0, 'changed'));
    expect(b.lastComposed()).toMatchObject({ mentions: [], note: '' });
    b.edit(0, 'Owner', 'ana@x.org bob@x.org zed@x.org').reopen();
    b.deliver(b.prepare(0, 'changed'));
    expect(b.lastComposed()).toMatchObject({
      mentions: ['users/2'],
      note: 'Owner zed@x.org has no Chat ID in People',
    });
  });

  it('resumes an outbox pinging the row owner; rebuilds one pinging anyone else', () => {
    const resumed = (prefix: string) => {
      const b = bench('ana@x.org');
      b.writeAhead(b.prepare(0, 'new'));
      const entries = JSON.parse(String(b.cell(0, 'outbox')));
      entries[0].msg.text = `${prefix}${entries[0].msg.text}`;
      b.edit(0, 'Chat Outbox', JSON.stringify(entries)).reopen();
      return b.prepare(0, 'pending');
    };
    expect(resumed('<users/1>\n')).toMatchObject({ outboxRebuilt: false });
    expect(resumed('<users/1>\n').state.outbox[0].message.text).toBe('<users/1>\nnew #1');
    expect(resumed('<users/2>\n')).toMatchObject({ outboxRebuilt: true });
    expect(resumed('<users/all>\n')).toMatchObject({ outboxRebuilt: true });
  });

  it('keeps a row PENDING, saying why, while the directory it pings from cannot be read', () => {
    const b = bench('ana@x.org', false);
    const item = b.prepare(0, 'new');
    expect(item.noMessage).toBe('waitsForPeople');
    expect(item.state.outbox).toEqual([]);
    expect(status(item)).toBe('PENDING');
    expect(item.state.error).toBe(
      'Not sent: its message pings someone from the people directory, which cannot be read: CHAT_RELAY_CONFIG key "people.sheet" is "People", but that sheet does not exist. It goes out once the directory is fixed.',
    );
    expect(b.composed).toEqual([]);
    // A row whose cell names no one needs no directory: it goes out.
    const nobody = bench('', false);
    expect(nobody.prepare(0, 'new').noMessage).toBeNull();
  });
});

describe('prepareWork: a copied row', () => {
  it('starts its own history: a new row ID, none of the original Chat cells', () => {
    const b = new Bench([
      ['T-1', 'Printer', 'Desk', 'P2'],
      ['T-2', 'Printer', 'Desk', 'P2'],
    ]);
    const original = b.deliver(b.prepare(0, 'new'));
    b.reopen();
    // The user copies row 2 with its Chat cells over row 3, then edits the key.
    const values = b.sheet.rows()[1].slice(4);
    b.sheet.setRowValues(3, values, 5);
    b.edit(1, 'ID', 'T-2').reopen();
    const copy = b.prepare(1, 'new', true);
    expect(copy.state.ledger.rowId).not.toBe(original.state.ledger.rowId);
    expect(copy.state.ledger.sendCount).toBe(1);
    expect(b.lastComposed().message.kind).toBe('new');
    expect(copy.state.thread).toBe('');
    expect(copy.state.sentAt).toBe('');
    expect(copy.state.outbox[0].message.thread).toEqual({
      threadKey: threadKeyFor(b.identity, 'T-2'),
    });
  });
});

describe('errorText', () => {
  it('is redacted, on one line, short, and never a formula', () => {
    const text = errorText(`=Chat said:\n  bad ${webhookUrl()} ${'x'.repeat(600)}`);
    expectNoSecrets([KEY, TOKEN], text);
    expect(text).not.toContain('\n');
    expect(text.startsWith("'=Chat said: bad https://chat.googleapis.com")).toBe(true);
    expect(text.length).toBeLessThanOrEqual(501);
    expect(text.endsWith('…')).toBe(true);
  });
});
