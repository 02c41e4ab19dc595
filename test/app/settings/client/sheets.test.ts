/** The spreadsheet's sheets as settingsLoad read them, and the data columns of a header row. */
import { entryFrom } from '../../../../src/app/settings/client/form';
import {
  autoSheets,
  entrySheet,
  headerRowOf,
  labelsOf,
  labelsOfRow,
  sheetNamed,
} from '../../../../src/app/settings/client/sheets';
import { S } from '../../../../src/app/settings/client/state';
import { loadResult } from './page';

describe('sheets', () => {
  beforeEach(() => {
    S.load = loadResult();
    S.auto = false;
  });

  it('sheetNamed: exactly, else ignoring case, else none', () => {
    S.load = loadResult({
      sheets: [
        { ...loadResult().sheets[0], name: 'tickets' },
        { ...loadResult().sheets[0], name: 'Tickets' },
      ],
    });
    expect(sheetNamed('Tickets')?.name).toBe('Tickets');
    expect(sheetNamed('TICKETS')?.name).toBe('tickets');
    expect(sheetNamed('Other')).toBeNull();
    expect(sheetNamed(undefined)).toBeNull();
  });

  it("autoSheets: the first sheet and every form's", () => {
    expect(autoSheets().map((s) => s.name)).toEqual(['Tickets', 'Form responses']);
  });

  it('entrySheet: the first sheet when following by default, else the one named', () => {
    expect(entrySheet(entryFrom({ sheet: 'notes' }))?.name).toBe('Notes');
    S.auto = true;
    expect(entrySheet(entryFrom({ sheet: 'notes' }))?.name).toBe('Tickets');
  });

  it('headerRowOf: a whole row number of at least 1', () => {
    expect(headerRowOf(entryFrom({ headerRow: 3 }))).toBe(3);
    expect(headerRowOf(entryFrom({ headerRow: 2.7 }))).toBe(2);
    expect(headerRowOf(entryFrom({ headerRow: 0 }))).toBe(1);
    expect(headerRowOf(entryFrom({ headerRow: 'x' }))).toBe(1);
  });

  it('labelsOfRow: as the relay labels them: relay columns left out once, blanks lettered, repeats numbered', () => {
    expect(
      labelsOfRow(['ID', ' Chat Status ', '', 'ID', 'Chat Status', ...Array(22).fill('x'), '']),
    ).toEqual([
      'ID',
      'Column C',
      'ID (2)',
      'Chat Status',
      'x',
      ...Array.from({ length: 21 }, (_, i) => `x (${i + 2})`),
      'Column AB',
    ]);
    expect(labelsOfRow(undefined)).toEqual([]);
  });

  it('labelsOf: the configured header row, else the row chosen among the first rows', () => {
    expect(labelsOf(entryFrom({ sheet: 'Tickets' }))).toEqual(['Created', 'Ticket ID', 'Title']);
    expect(labelsOf(entryFrom({ sheet: 'Tickets', headerRow: 2 }))).toEqual([
      '2026-03-01',
      'T-1',
      'Printer',
    ]);
    expect(labelsOf(entryFrom({ sheet: 'Missing' }))).toEqual([]);
  });
});
