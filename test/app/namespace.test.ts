import { ChatRelay_ } from '../../src/app/namespace';
import { entryPoints } from '../support/entry-points';

describe('ChatRelay_', () => {
  it('has a member for every entry point of src/index.ts, and nothing else', () => {
    expect(Object.keys(ChatRelay_).sort()).toEqual(entryPoints().sort());
  });
});
