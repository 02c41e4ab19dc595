import { SendResult } from '../../src/chat/client';
import { FailingWebhooks, WaitingFailure } from '../../src/relay/failing-webhooks';
import { OutboxEntry } from '../../src/relay/ledger-codec';

type Failure = Extract<SendResult, { ok: false }>;

const BAD = 'HTTP 400 INVALID_ARGUMENT: Invalid argument';

function failure(message = BAD, status = 400, kind: Failure['kind'] = 'permanent'): Failure {
  return { ok: false, kind, httpStatus: status, chatStatus: null, message, attempts: 1 };
}

const OK: SendResult = { ok: true, messageName: 'm', threadName: 't', attempts: 1 };

function waiting(item: string, webhook: string, result = failure()): WaitingFailure<string> {
  const send: OutboxEntry = { webhook, requestId: item, role: 'primary', message: { text: item } };
  return { item, send, result };
}

describe('FailingWebhooks.waits', () => {
  it('holds back a message refused for good while its webhook has none accepted', () => {
    const f = new FailingWebhooks<string>(3);
    expect(f.waits('OPS', failure())).toBe(true);
    f.accept('OPS');
    expect(f.waits('OPS', failure())).toBe(false);
    expect(f.waits('INFRA', failure())).toBe(true);
  });

  it('never holds back a success, a transient failure, a check before sending, or a refused webhook', () => {
    const f = new FailingWebhooks<string>(3);
    expect(f.waits('OPS', OK)).toBe(false);
    expect(f.waits('OPS', failure('HTTP 503', 503, 'transient'))).toBe(false);
    expect(f.waits('OPS', { ...failure('message is empty', 0, 'invalid'), attempts: 0 })).toBe(
      false,
    );
    expect(f.waits('OPS', failure('HTTP 404 NOT_FOUND', 404))).toBe(false);
    expect(f.waits('OPS', failure('HTTP 403 PERMISSION_DENIED', 403))).toBe(false);
  });
});

describe('FailingWebhooks.add', () => {
  it('finds the webhook at fault at the third failure with the same error, and gives every one back', () => {
    const f = new FailingWebhooks<string>(3);
    expect(f.add('OPS', waiting('a', 'OPS'))).toBeNull();
    expect(f.add('OPS', waiting('b', 'OPS', failure('HTTP 400: other')))).toBeNull();
    expect(f.add('OPS', waiting('c', 'OPS'))).toBeNull();
    expect(f.add('INFRA', waiting('x', 'INFRA'))).toBeNull();
    const atFault = f.add('OPS', waiting('d', 'OPS'));
    expect(atFault?.map((w) => w.item)).toEqual(['a', 'b', 'c', 'd']);
    expect(f.webhooks()).toEqual(['INFRA']);
  });

  it('lets the failures of a webhook go once one of its messages is accepted', () => {
    const f = new FailingWebhooks<string>(3);
    f.add('OPS', waiting('a', 'OPS'));
    f.add('OPS', waiting('b', 'OPS'));
    f.add('INFRA', waiting('x', 'INFRA'));
    expect(f.accept('OPS').map((w) => w.item)).toEqual(['a', 'b']);
    expect(f.webhooks()).toEqual(['INFRA']);
    expect(f.release(['INFRA', 'NONE']).map((w) => w.item)).toEqual(['x']);
    expect(f.webhooks()).toEqual([]);
  });
});
