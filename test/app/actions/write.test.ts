/**
 * Writing a confirmed action into its row (src/app/actions/write.ts): the
 * ledger's record first, then each run of adjacent cells in one call, text
 * never as a formula, {{_now}} as a date, the cells between runs untouched.
 */
import { plannedCells } from '../../../src/app/actions/row-action';
import { Target, locate, verifyLink } from '../../../src/app/actions/target';
import { writeAction } from '../../../src/app/actions/write';
import { parseLedger } from '../../../src/relay/ledger-codec';
import { actionWorld, cellsOf, type ActionWorld } from './world';

function targetOf(w: ActionWorld, key: string, label: string): Target {
  const facts = verifyLink(w.actions, w.properties, w.params(key, label));
  if (!facts.ok) throw new Error(facts.error.message);
  const target = locate(w.actions, w.properties, facts.value);
  if (!target.ok) throw new Error(target.error.message);
  return target.value;
}

/** The (row, column, rows, columns) of each setValues, in order, and the values each wrote. */
function writesOf(w: ActionWorld) {
  const sheet = w.workbook.getSheetByName('Tickets')!;
  const writes: Array<[number, number, number, number]> & { values: unknown[][][] } = Object.assign(
    [],
    { values: [] },
  );
  const getRange = sheet.getRange.bind(sheet);
  jest.spyOn(sheet, 'getRange').mockImplementation((...args: unknown[]) => {
    const range = (getRange as (...a: unknown[]) => ReturnType<typeof sheet.getRange>)(...args);
    const setValues = range.setValues.bind(range);
    jest.spyOn(range, 'setValues').mockImplementation((values) => {
      writes.push(args.slice(0, 4) as [number, number, number, number]);
      writes.values.push(values);
      return setValues(values);
    });
    return range;
  });
  return writes;
}

const LEDGER_COLUMN = 11; // ID, Title, Status, Owner, Resolved at, then the Chat columns

describe('writeAction', () => {
  it('writes the ledger record, then the two adjacent cells in one call', () => {
    const w = actionWorld();
    const target = targetOf(w, 'T-1', 'Claim');
    const writes = writesOf(w);
    writeAction(target, plannedCells(target, 'ana@example.com'), 'ana@example.com', w.clock.now());
    expect([...writes]).toEqual([
      [2, LEDGER_COLUMN, 1, 1],
      [2, 3, 1, 2],
    ]);
    expect(cellsOf(w, 'T-1')).toMatchObject({ Status: 'Claimed', Owner: 'ana@example.com' });
    expect(parseLedger(cellsOf(w, 'T-1')['Chat Ledger'])!.action).toEqual({
      label: 'Claim',
      user: 'ana@example.com',
      at: w.clock.now(),
      values: { Owner: 'ana@example.com', Status: 'Claimed' },
      dated: [],
    });
  });

  it('writes cells apart in separate calls, leaving the one between as it is; {{_now}} as a date', () => {
    const w = actionWorld();
    const target = targetOf(w, 'T-3', 'Resolve');
    const writes = writesOf(w);
    const sheet = w.workbook.getSheetByName('Tickets')!;
    writeAction(target, plannedCells(target, 'bo@example.com'), 'bo@example.com', w.clock.now());
    expect([...writes]).toEqual([
      [4, LEDGER_COLUMN, 1, 1],
      [4, 3, 1, 1],
      [4, 5, 1, 1],
    ]);
    expect(cellsOf(w, 'T-3')).toMatchObject({ Status: 'Resolved', Owner: 'bo@example.com' });
    const at = sheet.getRange(4, 5).getValue();
    expect(at instanceof Date && at.getTime()).toBe(w.clock.now());
    expect(parseLedger(cellsOf(w, 'T-3')['Chat Ledger'])!.action).toMatchObject({
      values: { Status: 'Resolved' },
      dated: ['Resolved at'],
    });
  });

  it('writes a text that looks like a formula as text', () => {
    const w = actionWorld();
    const target = targetOf(w, 'T-1', 'Claim');
    const written = writesOf(w).values;
    writeAction(target, [{ label: 'Owner', before: '', text: '=1+1' }], '=1+1', w.clock.now());
    expect(written[1]).toEqual([["'=1+1"]]);
    expect(cellsOf(w, 'T-1').Owner).toBe('=1+1');
  });
});
