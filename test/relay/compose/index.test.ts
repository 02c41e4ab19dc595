import { composeMessage, fallbackLine } from '../../../src/relay/compose';
import { RowMessage } from '../../../src/relay/compose/types';
import { context, expectValidBody, FIELDS, template, THREAD_KEY } from './context';

const team = { label: 'Team', before: 'INFRA', after: 'NETWORK' };
const ALL_KINDS: RowMessage[] = [
  { kind: 'new', fields: FIELDS },
  { kind: 'resend', fields: FIELDS },
  { kind: 'changed', fields: FIELDS },
  { kind: 'update', changes: [{ label: 'Status', before: 'Open', after: 'Closed' }] },
  { kind: 'moved-in', fields: FIELDS, changes: [team] },
  { kind: 'moved-out', destination: 'Network desk', changes: [team] },
];

describe('composeMessage', () => {
  it('makes a card by default, and a text message when asked', () => {
    const asCard = composeMessage(ALL_KINDS[0], context());
    expect(asCard.cardsV2).toHaveLength(1);
    const asText = composeMessage(ALL_KINDS[0], context({ format: 'text' }));
    expect(Object.keys(asText)).toEqual(['text', 'thread']);
    expect(asText.text!.split('\n')[0]).toBe('*T-3 · Badge reader at door B*');
  });

  it.each(['card', 'text'] as const)(
    'makes a valid body for every kind of message, as %s, with and without templates and mentions',
    (format) => {
      for (const message of ALL_KINDS) {
        expectValidBody(composeMessage(message, context({ format })));
        const configured = context({
          format,
          title: template('{{_key}} {{Title}}'),
          subtitle: template('{{Owner}}'),
          mentions: ['all'],
          rowLink: null,
        });
        const body = composeMessage(message, configured);
        expectValidBody(body);
        expect(body.text!.startsWith('<users/all>')).toBe(true);
      }
    },
  );

  it('puts mentions above the card, and first in a text message', () => {
    const ctx = context({ mentions: ['users/123456789', 'all'] });
    expect(composeMessage(ALL_KINDS[0], ctx).text).toBe('<users/123456789> <users/all>');
    const text = composeMessage(ALL_KINDS[0], { ...ctx, format: 'text' }).text!.split('\n');
    expect(text.slice(0, 2)).toEqual([
      '<users/123456789> <users/all>',
      '*T-3 · Badge reader at door B*',
    ]);
  });

  it('carries the thread it is given, as the last key of the body, and none without one', () => {
    (['card', 'text'] as const).forEach((format) =>
      ALL_KINDS.forEach((m) => {
        const sent = composeMessage(m, context({ format }));
        expect(sent.thread).toEqual({ threadKey: THREAD_KEY });
        expect(Object.keys(sent).pop()).toBe('thread');
        expect(composeMessage(m, context({ format, threadKey: null })).thread).toBeUndefined();
      }),
    );
  });

  it('uses the same one-line summary as fallbackLine', () => {
    ALL_KINDS.forEach((m) =>
      expect(composeMessage(m, context()).fallbackText).toBe(fallbackLine(m, context())),
    );
  });
});
