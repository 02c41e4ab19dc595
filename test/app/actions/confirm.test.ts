/**
 * actionConfirm (src/app/actions/confirm.ts): under the script lock, the row
 * read again and written once; the row's sheet relayed at once when the
 * confirm is quick enough; every refusal a typed result that writes
 * nothing; never a throw, never the secret.
 */
import {
  CONFIRM_LOCK_WAIT_MS,
  RELAY_AT_ONCE_WITHIN_MS,
  confirmAction,
} from '../../../src/app/actions/confirm';
import { NO_USER } from '../../../src/app/actions/open';
import { SECRET_PROPERTY } from '../../../src/app/actions/secret';
import { actionWorld, cellsOf, type ActionWorld } from './world';

function rows(w: ActionWorld): string {
  return JSON.stringify(w.workbook.getSheetByName('Tickets')!.displayRows());
}

describe('confirmAction', () => {
  it('writes the row, relays its sheet at once, and says so', () => {
    const w = actionWorld();
    const sent = w.chat.messages('AAAA').length;
    const result = confirmAction(w.actions, w.params('T-1', 'Claim'));
    expect(result).toEqual({
      ok: true,
      outcome: 'done',
      message:
        "Done: Owner is now ana@example.com, Status is now Claimed. The row's thread in Chat shows it now.",
    });
    expect(cellsOf(w, 'T-1')).toMatchObject({ Owner: 'ana@example.com', Status: 'Claimed' });
    expect(w.chat.messages('AAAA')).toHaveLength(sent + 1);
    expect(w.locks.getScriptLock().hasLock()).toBe(false);
  });

  it('leaves the relay to the next run when the confirm was slow', () => {
    const w = actionWorld();
    const sent = w.chat.messages('AAAA').length;
    const user = w.actions.activeUser;
    w.actions.activeUser = () => (w.clock.advance(RELAY_AT_ONCE_WITHIN_MS + 1), user());
    const result = confirmAction(w.actions, w.params('T-1', 'Claim'));
    expect(result.outcome).toBe('done');
    expect(result.message).toMatch(
      /The next run of Chat Relay posts it in the row's thread in Chat\.$/,
    );
    expect(cellsOf(w, 'T-1').Status).toBe('Claimed');
    expect(w.chat.messages('AAAA')).toHaveLength(sent);
  });

  it('a second confirm finds it already done; another person finds it no longer possible', () => {
    const w = actionWorld();
    const params = w.params('T-1', 'Claim');
    confirmAction(w.actions, params);
    const after = rows(w);
    expect(confirmAction(w.actions, params)).toMatchObject({ ok: true, outcome: 'already-done' });
    w.visitor.email = 'bo@example.com';
    expect(confirmAction(w.actions, params)).toEqual({
      ok: false,
      outcome: 'no-longer',
      message:
        'Already claimed by ana@example.com: nothing was written. The row holds Owner: ana@example.com \u00b7 Status: Claimed.',
    });
    expect(rows(w)).toBe(after);
  });

  it('refuses, writing nothing: a changed link, no visitor, a busy lock, a row gone', () => {
    const w = actionWorld();
    const params = w.params('T-1', 'Claim');
    const before = rows(w);
    expect(confirmAction(w.actions, { ...params, a: 'Resolve' })).toMatchObject({
      ok: false,
      outcome: 'refused',
      message: expect.stringMatching(/^This link is not valid/),
    });
    w.visitor.email = '';
    expect(confirmAction(w.actions, params)).toEqual({
      ok: false,
      outcome: 'refused',
      message: `${NO_USER} Nothing was written.`,
    });
    w.visitor.email = 'ana@example.com';
    const release = w.locks.holdForOtherExecution();
    const tryLock = jest.spyOn(w.locks.getScriptLock(), 'tryLock');
    expect(confirmAction(w.actions, params)).toMatchObject({
      outcome: 'refused',
      message: 'Chat Relay is busy: try again in a minute. Nothing was written.',
    });
    expect(tryLock).toHaveBeenCalledWith(CONFIRM_LOCK_WAIT_MS);
    release();
    const params2 = w.params('T-2', 'Claim');
    w.workbook.getSheetByName('Tickets')!.deleteRow(3);
    const gone = rows(w);
    expect(confirmAction(w.actions, params2)).toMatchObject({ outcome: 'refused' });
    expect(rows(w)).toBe(gone);
    expect(before).not.toBe(gone);
    expect(cellsOf(w, 'T-1').Status).toBe('New');
  });

  it('reads the Script Properties once, the relay included', () => {
    const w = actionWorld();
    const params = w.params('T-1', 'Claim');
    const read = jest.spyOn(w.properties, 'getProperties');
    expect(confirmAction(w.actions, params).outcome).toBe('done');
    expect(read).toHaveBeenCalledTimes(1);
  });

  it('never throws: a failure is a refusal, logged without the secret, the lock released', () => {
    const w = actionWorld();
    const secret = w.properties.getProperty(SECRET_PROPERTY)!;
    w.actions.spreadsheet = () => {
      throw new Error(`boom ${secret}`);
    };
    const result = confirmAction(w.actions, w.params('T-1', 'Claim'));
    expect(result).toEqual({
      ok: false,
      outcome: 'refused',
      message: 'Chat Relay could not do that. Open the link again to see where the row stands.',
    });
    expect(w.logs.lines).toContainEqual(
      expect.stringContaining('Chat Relay web app: could not confirm an action: boom [redacted]'),
    );
    expect(JSON.stringify(w.logs.lines)).not.toContain(secret);
    expect(w.locks.getScriptLock().hasLock()).toBe(false);
  });
});
