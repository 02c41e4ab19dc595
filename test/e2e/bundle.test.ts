/** The built bundle is a plain Apps Script file. */
import * as acorn from 'acorn';
import { validateMessageBody } from '../../local/chat-emulator/message-schema';
import { bundle, harness } from '../../local/harness';

const SURFACE = [
  'onOpen',
  'testWebhooks',
  'sendSelectedRows',
  'sendPendingRows',
  'markAllRowsSent',
  'runScheduled',
  'handleFormSubmit',
  'installTriggers',
  'removeTriggers',
];

describe('dist/Code.js', () => {
  const program = acorn.parse(bundle(), { ecmaVersion: 2019, sourceType: 'script' });

  it('parses as an ES2019 script: no import, export or newer syntax', () => {
    expect(program.body.some((n) => /^(Import|Export)/.test(n.type))).toBe(false);
    expect(bundle()).not.toMatch(/\brequire\(/);
  });

  it('declares every entry point as a top-level function', () => {
    const functions = program.body
      .filter((n): n is acorn.FunctionDeclaration => n.type === 'FunctionDeclaration')
      .map((n) => n.id.name);
    for (const name of SURFACE) expect(functions).toContain(name);
  });

  it('runs nothing at load time: only declarations at the top level', () => {
    for (const node of program.body) {
      expect(['FunctionDeclaration', 'VariableDeclaration', 'ClassDeclaration']).toContain(
        node.type,
      );
      if (node.type === 'VariableDeclaration') {
        for (const d of node.declarations) {
          // Initialisers are literals, regexes, arrow functions or plain objects/arrays of them.
          expect([
            'Literal',
            'ArrowFunctionExpression',
            'ObjectExpression',
            'ArrayExpression',
            'FunctionExpression',
          ]).toContain(d.init?.type);
        }
      }
    }
  });

  it('calls no service when loaded, in a context with only ECMAScript built-ins and Apps Script', () => {
    const h = harness();
    expect(h.runtime.serviceCalls).toEqual([]);
    expect(h.runtime.hasFunction('runScheduled')).toBe(true);
  });

  it('names no Node or browser global (they do not exist in Apps Script)', () => {
    const forbidden = new Set([
      'URL',
      'URLSearchParams',
      'TextEncoder',
      'TextDecoder',
      'Buffer',
      'setTimeout',
      'setInterval',
      'fetch',
      'process',
      'require',
      'global',
      'window',
    ]);
    const used = new Set<string>();
    const visit = (node: unknown, parent: Record<string, unknown> | null, key: string): void => {
      if (!node || typeof node !== 'object') return;
      if (Array.isArray(node)) return node.forEach((n) => visit(n, parent, key));
      const n = node as Record<string, unknown>;
      const isPropertyName =
        parent &&
        ((parent.type === 'MemberExpression' && key === 'property' && !parent.computed) ||
          (parent.type === 'Property' && key === 'key' && !parent.computed));
      if (n.type === 'Identifier' && !isPropertyName) used.add(String(n.name));
      for (const [k, v] of Object.entries(n)) if (k !== 'type') visit(v, n, k);
    };
    visit(program, null, '');
    expect([...used].filter((name) => forbidden.has(name))).toEqual([]);
    expect(used.has('UrlFetchApp')).toBe(true);
  });

  it('testWebhooks posts one well-formed request per webhook and reports it', () => {
    const h = harness();
    h.run('testWebhooks');
    const [request] = h.runtime.urlFetch.requests;
    expect(h.runtime.urlFetch.requests).toHaveLength(1);
    expect(request.method.toLowerCase()).toBe('post');
    expect(request.url).toMatch(
      /^https:\/\/chat\.googleapis\.com\/v1\/spaces\/AAAA\/messages\?key=[^&]+&token=[^&]+&messageReplyOption=REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD&requestId=[^&]+$/,
    );
    expect(request.headers['Content-Type'] ?? request.headers['content-type']).toBe(
      'application/json; charset=UTF-8',
    );
    expect(validateMessageBody(JSON.parse(request.payload))).toEqual([]);
    expect(h.texts()).toHaveLength(1);
    expect(h.lastAlert()).toMatch(/CHAT_WEBHOOK_URL \(space AAAA\): message delivered/);
    expect(h.lastAlert()).not.toContain(h.token);
  });
});
