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

describe('takeSnapshot limits', () => {
  it('keeps short values whole, as given', () => {
    expect(takeSnapshot([{ label: 'ID', value: 'T-1' }])).toEqual({
      values: { ID: 'T-1' },
      partial: false,
    });
  });

  it('cuts shorter and shorter until the JSON fits', () => {
    const fields = Array.from({ length: 10 }, (_, i) => ({
      label: `F${i}`,
      value: 'y'.repeat(300),
    }));
    const snap = takeSnapshot(fields, 2000);
    expect(snap.partial).toBe(false);
    expect(JSON.stringify(snap.values).length).toBeLessThanOrEqual(2000);
    expect(Object.keys(snap.values)).toHaveLength(10);
    // A change past the cut is still seen, an unchanged value is not.
    expect(diffSnapshot(snap.values, fields)).toEqual([]);
    const changed = fields.map((f, i) => (i === 3 ? { ...f, value: f.value + 'z' } : f));
    expect(diffSnapshot(snap.values, changed).map((c) => c.label)).toEqual(['F3']);
  });

  it('keeps nothing, and says so, when not even the labels fit', () => {
    const fields = Array.from({ length: 50 }, (_, i) => ({ label: `Label ${i}`, value: 'v' }));
    expect(takeSnapshot(fields, 100)).toEqual({ values: {}, partial: true });
  });

  it('never cuts a surrogate pair in two', () => {
    const snap = takeSnapshot([{ label: 'E', value: 'a' + '😀'.repeat(400) }]);
    const kept = snap.values.E.split('\u001f')[0];
    expect(kept.endsWith('…')).toBe(true);
    expect(/[\uD800-\uDBFF]…$/.test(kept)).toBe(false);
  });
});

describe('diffSnapshot', () => {
  it('does not list a field empty before and still absent', () => {
    expect(diffSnapshot({ ID: 'T-1', Notes: '' }, [{ label: 'ID', value: 'T-1' }])).toEqual([]);
  });

  it('shows the kept part of a cut value as its value before', () => {
    const long = 'b'.repeat(1000);
    const snap = takeSnapshot([{ label: 'Body', value: long }]);
    const [change] = diffSnapshot(snap.values, []);
    expect(change.label).toBe('Body');
    expect(change.after).toBe('');
    expect(change.before).toMatch(/^b+…$/);
  });
});
