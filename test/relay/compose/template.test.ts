import {
  defaultTitle,
  eventLine,
  fallbackLine,
  MAX_TITLE_CHARS,
  renderTemplate,
  subtitleOf,
  titleOf,
} from '../../../src/relay/compose/template';
import { RowMessage } from '../../../src/relay/compose/types';
import { context, template } from './context';

const NEW: RowMessage = { kind: 'new', fields: [] };

describe('renderTemplate', () => {
  it('fills the built-ins: key, sheet, spreadsheet and row number', () => {
    expect(
      renderTemplate(
        template('{{_key}} in {{_sheet}} ({{_spreadsheet}}), row {{_row}}'),
        context(),
      ),
    ).toBe('T-3 in Tickets (Helpdesk), row 5');
  });

  it('fills {{Header}} with the display value the context gives for that column', () => {
    const placeholder = jest.fn((name: string) => (name === 'Status' ? 'Open' : `<${name}>`));
    const out = renderTemplate(template('[{{Status}}] {{ Due date }}'), context({ placeholder }));
    expect(placeholder.mock.calls.map((c) => c[0])).toEqual(['Status', 'Due date']);
    expect(out).toBe('[Open] \u2039Due date\u203a');
  });

  it('neutralises cell values and the template text alike, and keeps them on one line', () => {
    const out = renderTemplate(
      template('<users/all> {{Title}}'),
      context({ placeholder: () => 'line one\nline two <https://evil.example|x>' }),
    );
    expect(out).not.toMatch(/[<>]/);
    expect(out).toBe('\u2039users/all\u203a line one line two \u2039https://evil.example|x\u203a');
  });

  it('gives an empty text for an empty column', () => {
    expect(renderTemplate(template('{{Nope}}'), context())).toBe('');
  });
});

describe('titleOf', () => {
  it('defaults to the key, a middle dot, then the first data field after the key', () => {
    expect(titleOf(context())).toBe('T-3 · Badge reader at door B');
  });

  it('is just the key when the row has no other field', () => {
    expect(titleOf(context({}, []))).toBe('T-3');
  });

  it('skips a blank first field, and names the row when there is nothing at all', () => {
    const blankFirst = context({}, [
      { label: 'Title', value: '  ' },
      { label: 'Status', value: 'Open' },
    ]);
    expect(defaultTitle(blankFirst)).toBe('T-3 · Open');
    expect(defaultTitle({ key: { label: 'ID', value: '' }, allFields: [], rowNumber: 9 })).toBe(
      'Row 9',
    );
  });

  it('uses the title template when one is configured', () => {
    expect(titleOf(context({ title: template('{{Status}}: {{Title}} ({{_key}})') }))).toBe(
      'Open: Badge reader at door B (T-3)',
    );
  });

  it('falls back to the default when the template renders blank', () => {
    expect(titleOf(context({ title: template('{{Missing}}') }))).toBe(
      'T-3 · Badge reader at door B',
    );
  });

  it('cuts a long title with a visible mark', () => {
    const title = titleOf(context({}, [{ label: 'Title', value: 'x'.repeat(5000) }]));
    expect(title.length).toBeLessThanOrEqual(MAX_TITLE_CHARS);
    expect(title.startsWith('T-3 · xxx')).toBe(true);
    expect(title.endsWith('\u2026 [truncated]')).toBe(true);
  });
});

describe('subtitleOf', () => {
  it('is null without a template (the event is the default subtitle)', () => {
    expect(subtitleOf(context())).toBeNull();
  });

  it('renders the configured template', () => {
    expect(subtitleOf(context({ subtitle: template('Owner: {{Owner}}') }))).toBe(
      'Owner: ana@example.com',
    );
  });
});

describe('eventLine', () => {
  it('names what happened and where, for every kind of message', () => {
    const change = { label: 'Team', before: 'INFRA', after: 'NETWORK' };
    const lines = (
      [
        { kind: 'new', fields: [] },
        { kind: 'resend', fields: [] },
        { kind: 'update', changes: [change] },
        { kind: 'changed', fields: [] },
        { kind: 'moved-in', fields: [], changes: [change] },
        { kind: 'moved-out', destination: 'Network team', changes: [change] },
      ] as RowMessage[]
    ).map((m) => eventLine(m, 'Tickets'));
    expect(lines).toEqual([
      'New row in Tickets',
      'Row re-sent from Tickets',
      'Row updated in Tickets',
      'Row updated in Tickets (all fields as they are now)',
      'Row moved here from Tickets',
      'Row moved to Network team',
    ]);
  });

  it('says who acted from Chat: the verb when it is known, else the label as it is', () => {
    const update = (action: string): RowMessage => ({
      kind: 'update',
      changes: [{ label: 'Status', before: 'New', after: 'x' }],
      actedFrom: { action, user: 'ana@example.com' },
    });
    expect(eventLine(update('Claim'), 'Tickets')).toBe(
      'Row updated in Tickets · claimed from Chat by ana@example.com',
    );
    expect(eventLine(update('Stop'), 'Tickets')).toBe(
      'Row updated in Tickets · stopped from Chat by ana@example.com',
    );
    expect(eventLine(update('Take'), 'Tickets')).toBe(
      'Row updated in Tickets · taken from Chat by ana@example.com',
    );
    expect(eventLine(update('Page the CTO'), 'Tickets')).toBe(
      'Row updated in Tickets · “Page the CTO” from Chat by ana@example.com',
    );
  });

  it('neutralises the sheet name and the destination', () => {
    expect(eventLine(NEW, '<users/all>')).toBe('New row in \u2039users/all\u203a');
    expect(
      eventLine({ kind: 'moved-out', destination: '<users/123>', changes: [] }, 'Tickets'),
    ).not.toMatch(/</);
  });
});

describe('fallbackLine', () => {
  it('sums the message up in one line: title — event', () => {
    expect(fallbackLine(NEW, context())).toBe('T-3 · Badge reader at door B — new row in Tickets');
  });

  it('stays within 200 characters, the event kept whole', () => {
    const line = fallbackLine(
      { kind: 'update', changes: [] },
      context({}, [{ label: 'Title', value: 'y'.repeat(3000) }]),
    );
    expect(line.length).toBeLessThanOrEqual(200);
    expect(line.endsWith(' — row updated in Tickets')).toBe(true);
    expect(line).toContain('[truncated]');
  });
});
