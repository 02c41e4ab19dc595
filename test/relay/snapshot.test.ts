import { diffSnapshot, takeSnapshot } from '../../src/relay/snapshot';

describe('snapshots and diffs', () => {
  const before = takeSnapshot([
    { label: 'ID', value: 'T-1' },
    { label: 'Status', value: 'Open' },
    { label: 'Notes', value: 'call back' },
  ]);

  it('lists changed, added and emptied fields', () => {
    expect(
      diffSnapshot(before.values, [
        { label: 'ID', value: 'T-1' },
        { label: 'Status', value: 'Closed' },
        { label: 'Owner', value: 'Ana' },
      ]),
    ).toEqual([
      { label: 'Status', before: 'Open', after: 'Closed' },
      { label: 'Owner', before: '', after: 'Ana' },
      { label: 'Notes', before: 'call back', after: '' },
    ]);
  });

  it('finds no change in the same values', () => {
    expect(
      diffSnapshot(before.values, [
        { label: 'Notes', value: 'call back' },
        { label: 'ID', value: 'T-1' },
        { label: 'Status', value: 'Open' },
      ]),
    ).toEqual([]);
  });

  it('keeps long values short but still detects a change past the cut', () => {
    const long = 'a'.repeat(2000);
    const snap = takeSnapshot([{ label: 'Body', value: long }]);
    expect(JSON.stringify(snap).length).toBeLessThan(1000);
    expect(diffSnapshot(snap.values, [{ label: 'Body', value: long }])).toEqual([]);
    const changed = diffSnapshot(snap.values, [{ label: 'Body', value: long + 'b' }]);
    expect(changed).toHaveLength(1);
    expect(changed[0].before.endsWith('…')).toBe(true);
  });

  it('stays within a cell whatever the number of columns', () => {
    const fields = Array.from({ length: 200 }, (_, i) => ({
      label: `F${i}`,
      value: 'z'.repeat(5000),
    }));
    expect(JSON.stringify(takeSnapshot(fields)).length).toBeLessThan(50000);
  });
});
