import { runScheduled } from '../../src/app/run-scheduled';
import { appRig, expectNoSecrets, secretsOf } from '../support/rig';
import { column } from '../support/tables';

const TICKETS = [
  ['ID', 'Title'],
  ['T-1', 'Printer'],
  ['T-2', 'Badge reader'],
];

describe('runScheduled', () => {
  it('sends the due rows without touching the UI, and logs what it did', () => {
    const rig = appRig({ context: 'trigger' });
    const sheet = rig.workbook.addSheet('Tickets', TICKETS);
    runScheduled(rig.services);
    expect(column(sheet, 'Chat Status')).toEqual(['SENT', 'SENT']);
    expect(rig.touched.ui).toBe(0);
    expect(rig.logs.lines).toContain('Chat Relay scheduled run: Sheet "Tickets": Sent 2 messages.');
  });

  it('is quiet when idle or when another run holds the lock', () => {
    const rig = appRig({ context: 'trigger' });
    rig.workbook.addSheet('Tickets', TICKETS);
    runScheduled(rig.services);
    expect(() => runScheduled(rig.services)).not.toThrow();
    rig.locks.holdForOtherExecution();
    expect(() => runScheduled(rig.services)).not.toThrow();
    expect(rig.chat.messages('AAAA')).toHaveLength(2);
  });

  it('throws on a misconfiguration, so Apps Script e-mails the owner', () => {
    const rig = appRig({ context: 'trigger', properties: () => ({}) });
    rig.workbook.addSheet('Tickets', TICKETS);
    expect(() => runScheduled(rig.services)).toThrow(
      'Chat Relay is misconfigured: CHAT_WEBHOOK_URL is not set: add it under Project Settings → Script properties',
    );
  });

  it('throws when every webhook is unusable, naming why, and writes nothing', () => {
    const rig = appRig({ context: 'trigger', properties: () => ({ CHAT_WEBHOOK_URL: ' ' }) });
    const sheet = rig.workbook.addSheet('Tickets', TICKETS);
    expect(() => runScheduled(rig.services)).toThrow(
      'Chat Relay is misconfigured: CHAT_WEBHOOK_URL is empty: paste the webhook URL copied from the Chat space',
    );
    expect(sheet.displayRows()[0]).toEqual(['ID', 'Title']);
  });

  it('throws, redacted, when Chat refuses the webhook; the rows stay PENDING', () => {
    const rig = appRig({
      context: 'trigger',
      properties: (hook) => ({ CHAT_WEBHOOK_URL: hook('AAAA').replace(/token=[^&]+/, 'token=x') }),
    });
    const sheet = rig.workbook.addSheet('Tickets', TICKETS);
    let error: Error | null = null;
    try {
      runScheduled(rig.services);
    } catch (e) {
      error = e as Error;
    }
    expect(error?.message).toBe(
      'Chat Relay: Chat refused the webhook in CHAT_WEBHOOK_URL: HTTP 403 PERMISSION_DENIED: The caller does not have permission. Its rows stay PENDING until it works again: check the Script Property, then use Test webhooks.',
    );
    expect(column(sheet, 'Chat Status')).toEqual(['PENDING', 'PENDING']);
    expectNoSecrets(secretsOf(rig.properties.getProperties()), error?.message, rig.logs.lines);
  });
});
