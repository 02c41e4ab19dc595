import { parseChatResponse } from '../../src/chat/response';
import { expectNoSecrets, KEY, TOKEN, webhookUrl } from '../support/rig';

const WEBHOOK = webhookUrl();

const HTML_404 =
  '<!DOCTYPE html>\n<html lang=en><meta charset=utf-8><title>Error 404 (Not Found)!!1</title>' +
  '<p><b>404.</b> <ins>That’s an error.</ins><p>The requested URL was not found on this server.';

describe('parseChatResponse', () => {
  it('reads the message and thread names of a success', () => {
    const body = JSON.stringify({
      name: 'spaces/S/messages/M.M',
      thread: { name: 'spaces/S/threads/T' },
    });
    expect(parseChatResponse(200, body)).toEqual({
      ok: true,
      value: { messageName: 'spaces/S/messages/M.M', threadName: 'spaces/S/threads/T' },
    });
  });

  it('tolerates a success without a thread', () => {
    expect(parseChatResponse(200, '{"name":"spaces/S/messages/M"}')).toEqual({
      ok: true,
      value: { messageName: 'spaces/S/messages/M', threadName: null },
    });
  });

  it('treats an unparseable or nameless 2xx body as an error', () => {
    expect(parseChatResponse(200, '<html>ok</html>')).toEqual({
      ok: false,
      error: { code: 200, status: null, message: 'HTTP 200 (non-JSON response)' },
    });
    expect(parseChatResponse(200, '')).toMatchObject({ ok: false });
    expect(parseChatResponse(200, '{"thread":{}}')).toEqual({
      ok: false,
      error: {
        code: 200,
        status: null,
        message: 'HTTP 200 (response does not name the created message)',
      },
    });
  });

  it('reads a google.rpc.Status error', () => {
    const body = JSON.stringify({
      error: {
        code: 400,
        message:
          'Invalid JSON payload received. Unknown name "foo" at \'message\': Cannot find field.',
        status: 'INVALID_ARGUMENT',
        details: [{ '@type': 'type.googleapis.com/google.rpc.BadRequest' }],
      },
    });
    expect(parseChatResponse(400, body)).toEqual({
      ok: false,
      error: {
        code: 400,
        status: 'INVALID_ARGUMENT',
        message:
          'HTTP 400 INVALID_ARGUMENT: Invalid JSON payload received. Unknown name "foo" at \'message\': Cannot find field.',
      },
    });
  });

  it('reads a bare status (as shown in the webhook guide) and an array-wrapped one', () => {
    const bare =
      '{\n  "code": 503,\n  "message": "The service is currently unavailable.",\n  "status": "UNAVAILABLE"\n}';
    expect(parseChatResponse(503, bare)).toEqual({
      ok: false,
      error: {
        code: 503,
        status: 'UNAVAILABLE',
        message: 'HTTP 503 UNAVAILABLE: The service is currently unavailable.',
      },
    });
    const wrapped = JSON.stringify([
      { error: { code: 429, message: 'Quota', status: 'RESOURCE_EXHAUSTED' } },
    ]);
    expect(parseChatResponse(429, wrapped)).toMatchObject({
      ok: false,
      error: { status: 'RESOURCE_EXHAUSTED' },
    });
  });

  it('summarises an HTML 404 without dumping it', () => {
    expect(parseChatResponse(404, HTML_404)).toEqual({
      ok: false,
      error: { code: 404, status: null, message: 'HTTP 404 (non-JSON response)' },
    });
  });

  it('summarises garbage and unexpected JSON', () => {
    expect(parseChatResponse(502, '\u0000\u0001garbage')).toMatchObject({
      error: { message: 'HTTP 502 (non-JSON response)' },
    });
    expect(parseChatResponse(500, '{"oops":true}')).toMatchObject({
      error: { code: 500, status: null, message: 'HTTP 500 (unexpected JSON response)' },
    });
    expect(parseChatResponse(500, 'null')).toMatchObject({ ok: false });
  });

  it('redacts secrets echoed in an error message and keeps it to one short line', () => {
    const body = JSON.stringify({
      error: {
        code: 403,
        status: 'PERMISSION_DENIED',
        message: `Bad ${WEBHOOK}\ntoken=${TOKEN}\n${'x'.repeat(2000)}`,
      },
    });
    const r = parseChatResponse(403, body);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expectNoSecrets([KEY, TOKEN], r.error);
    expect(r.error.message).not.toContain('\n');
    expect(r.error.message.length).toBeLessThan(600);
  });
});
