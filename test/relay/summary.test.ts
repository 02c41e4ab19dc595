import { RunReport, emptySummary, totals } from '../../src/relay/summary';

describe('emptySummary', () => {
  it('counts nothing yet', () => {
    expect(emptySummary('Tickets')).toEqual({
      sheet: 'Tickets',
      planned: 0,
      sent: 0,
      pending: 0,
      failed: 0,
      quiet: 0,
      marked: 0,
      rebuilt: 0,
      outboxRebuilt: 0,
      repaired: 0,
      held: 0,
      waitsForPeople: 0,
      moved: 0,
      reminded: 0,
      waiting: 0,
      notReached: 0,
      heldForQuietHours: 0,
      remindersHeld: 0,
      heldSubmitted: 0,
      quietUntil: '',
      digests: 0,
      digestsLeft: 0,
      digestsFailed: 0,
      digestsHeld: 0,
    });
  });
});

describe('totals', () => {
  it('adds up every count of every sheet', () => {
    const report: RunReport = {
      sheets: [
        { ...emptySummary('A'), planned: 3, sent: 2, pending: 1, waiting: 4 },
        { ...emptySummary('B'), planned: 5, sent: 1, failed: 2, held: 1, notReached: 1, moved: 1 },
        {
          ...emptySummary('C'),
          planned: 2,
          heldForQuietHours: 2,
          heldSubmitted: 1,
          quietUntil: '08:00',
        },
      ],
      stopped: [],
      refused: [],
      broken: [],
    };
    expect(totals(report)).toEqual({
      ...emptySummary(''),
      planned: 10,
      heldForQuietHours: 2,
      heldSubmitted: 1,
      sent: 3,
      pending: 1,
      failed: 2,
      held: 1,
      notReached: 1,
      moved: 1,
      waiting: 4,
    });
  });

  it('is all zeros for no sheet', () => {
    expect(totals({ sheets: [], stopped: [], refused: [], broken: [] })).toEqual(emptySummary(''));
  });
});
