/**
 * An action's label as what was done (src/relay/compose/action-words.ts):
 * the past participle from the table of common verbs, whatever the case and
 * spacing; a participle stands for itself; any other label has none, so its
 * sentence quotes the label instead of inventing a tense.
 */
import { pastParticiple } from '../../../src/relay/compose/action-words';

describe('pastParticiple', () => {
  it.each([
    ['Claim', 'claimed'],
    ['ACK', 'acknowledged'],
    ['Take', 'taken'],
    ['Stop', 'stopped'],
    ['Cancel', 'cancelled'],
    ['Deny', 'denied'],
    ['Take over', 'taken over'],
    ['  pick   UP ', 'picked up'],
    ['Done', 'done'],
  ])('%j: %j', (label, done) => {
    expect(pastParticiple(label)).toBe(done);
  });

  it.each([
    ['Closed', 'closed'],
    ['Taken over', 'taken over'],
    ['ACKNOWLEDGED', 'acknowledged'],
  ])('a participle stands for itself: %j', (label, done) => {
    expect(pastParticiple(label)).toBe(done);
  });

  it.each(['Stop all', 'Page the CTO', 'Claimx', '', 'constructor', 'toString', '__proto__'])(
    'knows no participle of %j',
    (label) => {
      expect(pastParticiple(label)).toBeNull();
    },
  );
});
