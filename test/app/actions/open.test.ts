/**
 * doGet (src/app/actions/open.ts): a valid link shows the row, what will be
 * written and as whom, with a Confirm button; every other case a page that
 * says why, without one. It writes nothing, reads the Script Properties
 * once, never throws, and no page or log line holds the secret.
 */
import { NO_USER, openAction } from '../../../src/app/actions/open';
import { SECRET_PROPERTY } from '../../../src/app/actions/secret';
import { HtmlOutputFake } from '../../../local/runtime';
import { actionWorld, type ActionWorld } from './world';

function open(w: ActionWorld, parameter: unknown): HtmlOutputFake {
  return openAction(w.actions, { parameter }) as unknown as HtmlOutputFake;
}

function snapshot(w: ActionWorld): string {
  return JSON.stringify([
    w.workbook.getSheetByName('Tickets')!.displayRows(),
    w.properties.getProperties(),
  ]);
}

describe('openAction', () => {
  it('shows the confirmation page of a valid link, titled Chat Relay, writing nothing', () => {
    const w = actionWorld();
    const before = snapshot(w);
    const params = w.params('T-1', 'Claim');
    const page = open(w, params);
    const html = page.getContent();
    expect(page.getTitle()).toBe('Chat Relay');
    expect(html).toContain('<h1>Claim</h1>');
    expect(html).toContain('Printer on fire');
    expect(html).toContain('<tr><th>Owner</th><td>(empty) \u2192 ana@example.com</td></tr>');
    expect(html).toContain('<tr><th>Status</th><td>New \u2192 Claimed</td></tr>');
    expect(html).toContain('As ana@example.com');
    expect(html).toContain(`.actionConfirm(${JSON.stringify(params)})`);
    expect(snapshot(w)).toBe(before);
  });

  it('reads the Script Properties once', () => {
    const w = actionWorld();
    const params = w.params('T-1', 'Claim');
    const read = jest.spyOn(w.properties, 'getProperties');
    const one = jest.spyOn(w.properties, 'getProperty');
    open(w, params);
    expect(read).toHaveBeenCalledTimes(1);
    expect(one).not.toHaveBeenCalled();
  });

  it('shows the date of confirming for {{_now}}', () => {
    const w = actionWorld();
    const html = open(w, w.params('T-3', 'Resolve')).getContent();
    expect(html).toContain(
      '<tr><th>Resolved at</th><td>(empty) \u2192 the date and time you confirm</td></tr>',
    );
  });

  it('without a visitor Apps Script names: says so, with no button', () => {
    const w = actionWorld();
    w.visitor.email = '';
    const html = open(w, w.params('T-1', 'Claim')).getContent();
    expect(html).toContain(`${NO_USER} Nothing was written.`);
    expect(html).not.toContain('<button');
  });

  it('a link changed, or none: "Link not valid", with no button', () => {
    const w = actionWorld();
    const params = w.params('T-1', 'Claim');
    for (const parameter of [{ ...params, r: `${params.r}0` }, undefined]) {
      const html = open(w, parameter).getContent();
      expect(html).toContain('<h1>Link not valid</h1>');
      expect(html).not.toContain('<button');
    }
    expect((openAction(w.actions) as unknown as HtmlOutputFake).getContent()).toContain(
      'Link not valid',
    );
  });

  it('a row that no longer matches: who did it, and no button', () => {
    const w = actionWorld();
    const params = w.params('T-1', 'Claim');
    w.workbook
      .getSheetByName('Tickets')!
      .getRange(2, 3, 1, 2)
      .setValues([['Claimed', 'bo@example.com']]);
    const html = open(w, params).getContent();
    expect(html).toContain(
      'Already claimed by bo@example.com: nothing was written. The row holds Owner: bo@example.com \u00b7 Status: Claimed.',
    );
    expect(html).not.toContain('<button');
  });

  it('a row already as the action leaves it: already done', () => {
    const w = actionWorld();
    const sheet = w.workbook.getSheetByName('Tickets')!;
    sheet.getRange(2, 3, 1, 2).setValues([['Claimed', 'ana@example.com']]);
    const html = open(w, w.params('T-1', 'Claim')).getContent();
    expect(html).toContain('Already done: nothing was written.');
    expect(html).not.toContain('<button');
  });

  it('a row gone: "Nothing to do"', () => {
    const w = actionWorld();
    const params = w.params('T-2', 'Claim');
    w.workbook.getSheetByName('Tickets')!.deleteRow(3);
    expect(open(w, params).getContent()).toContain('<h1>Nothing to do</h1>');
  });

  it('never throws: a failure is a page and a log line, neither holding the secret', () => {
    const w = actionWorld();
    const secret = w.properties.getProperty(SECRET_PROPERTY)!;
    w.actions.spreadsheet = () => {
      throw new Error(`boom ${secret}`);
    };
    const html = open(w, w.params('T-1', 'Claim')).getContent();
    expect(html).toContain('Chat Relay could not open this link. Nothing was written.');
    expect(w.logs.lines).toContainEqual(
      expect.stringContaining('Chat Relay web app: could not open a link: boom [redacted]'),
    );
    expect(JSON.stringify(w.logs.lines)).not.toContain(secret);
  });
});
