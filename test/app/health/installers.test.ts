/**
 * Who installed the relay's triggers (CHAT_RELAY_TRIGGERS): recorded by Install
 * triggers and Start, forgotten by Remove triggers and Stop, read back by
 * every editor's sidebar and by runs (the period, for the budget).
 */
import {
  TRIGGERS_PROPERTY,
  forgetInstall,
  installedMinutes,
  readInstalls,
  recordInstall,
} from '../../../src/app/health/installers';
import { PropertyStoreFake } from '../../../local/runtime';

const ANA = { email: 'ana@example.com', minutes: 5, at: 1000 };
const BO = { email: 'bo@example.com', minutes: 15, at: 2000 };

describe('installers', () => {
  it('records each install, oldest first, in a compact form', () => {
    const properties = new PropertyStoreFake();
    recordInstall(properties, ANA);
    recordInstall(properties, BO);
    expect(readInstalls(properties)).toEqual([ANA, BO]);
    expect(JSON.parse(properties.getProperty(TRIGGERS_PROPERTY) as string)).toEqual([
      { e: 'ana@example.com', m: 5, t: 1000 },
      { e: 'bo@example.com', m: 15, t: 2000 },
    ]);
  });

  it('a user who installs again replaces their earlier install, and becomes the latest', () => {
    const properties = new PropertyStoreFake();
    recordInstall(properties, ANA);
    recordInstall(properties, BO);
    recordInstall(properties, { ...ANA, minutes: 30, at: 3000 });
    expect(readInstalls(properties)).toEqual([BO, { ...ANA, minutes: 30, at: 3000 }]);
    expect(installedMinutes(properties, 1)).toBe(30);
  });

  it('keeps the last 10 installers', () => {
    const properties = new PropertyStoreFake();
    for (let i = 0; i < 12; i++) {
      recordInstall(properties, { email: `u${i}@example.com`, minutes: 5, at: i });
    }
    const emails = readInstalls(properties).map((i) => i.email);
    expect(emails).toHaveLength(10);
    expect(emails[0]).toBe('u2@example.com');
    expect(emails[9]).toBe('u11@example.com');
  });

  it('forgets a user who removed their triggers; the property goes with the last one', () => {
    const properties = new PropertyStoreFake();
    recordInstall(properties, ANA);
    recordInstall(properties, BO);
    forgetInstall(properties, 'bo@example.com');
    expect(readInstalls(properties)).toEqual([ANA]);
    expect(installedMinutes(properties, 1)).toBe(5);
    forgetInstall(properties, 'nobody@example.com');
    expect(readInstalls(properties)).toEqual([ANA]);
    forgetInstall(properties, 'ana@example.com');
    expect(properties.getProperty(TRIGGERS_PROPERTY)).toBeNull();
  });

  it('the period is the configured one when no install is recorded', () => {
    expect(installedMinutes(new PropertyStoreFake(), 10)).toBe(10);
  });

  it('an address Apps Script did not tell is kept, as ""', () => {
    const properties = new PropertyStoreFake();
    recordInstall(properties, { ...ANA, email: '' });
    expect(readInstalls(properties)).toEqual([{ ...ANA, email: '' }]);
  });

  it('reads nothing unreadable: not JSON, not a list, entries of the wrong shape', () => {
    const read = (raw: string) => readInstalls(new PropertyStoreFake({ [TRIGGERS_PROPERTY]: raw }));
    expect(read('{not json')).toEqual([]);
    expect(read('{"e":"a"}')).toEqual([]);
    expect(
      read(
        JSON.stringify([
          null,
          'x',
          { e: 'a@example.com', m: '5', t: 1 },
          { e: 7, m: 5, t: 1 },
          { e: 'b@example.com', m: 5 },
          { e: 'c@example.com', m: 5, t: 9 },
        ]),
      ),
    ).toEqual([{ email: 'c@example.com', minutes: 5, at: 9 }]);
  });
});
