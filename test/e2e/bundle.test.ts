/** The built bundle is a plain Apps Script file. */
import * as acorn from 'acorn';
import * as vm from 'node:vm';
import ABSENT_GLOBALS from '../../local/runtime/absent-globals.json';
import { validateMessageBody } from '../../local/chat-emulator/message-schema';
import { bundle, harness } from '../../local/harness';

const NAMESPACE = 'ChatRelay_';

/** The Apps Script entry points: a new global must be added here on purpose. */
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
  // The Settings sidebar: its opener and the server functions google.script.run calls.
  'openSettings',
  'settingsLoad',
  'settingsSave',
  'settingsSetWebhook',
  'settingsRemoveWebhook',
  'settingsTestWebhook',
  'settingsPreview',
  'settingsPreviewDigest',
  'settingsPreviewReminders',
  'settingsInstallTriggers',
  'settingsRemoveTriggers',
  'settingsCountRowsToMark',
  'settingsMarkAllRowsSent',
  'settingsReplaceActionSecret',
  // The web app of actions: its page, and the server function its Confirm button calls.
  'doGet',
  'actionConfirm',
];

describe('dist/Code.js', () => {
  const program = acorn.parse(bundle(), { ecmaVersion: 2019, sourceType: 'script' });

  it('parses as an ES2019 script: no import, export or newer syntax', () => {
    expect(program.body.some((n) => /^(Import|Export)/.test(n.type))).toBe(false);
    expect(bundle()).not.toMatch(/\brequire\(/);
  });

  it('declares exactly the entry points and one namespace, ChatRelay_, at the top level', () => {
    const names = program.body.map((n) => {
      if (n.type === 'FunctionDeclaration') return n.id.name;
      if (n.type === 'VariableDeclaration' && n.declarations.length === 1) {
        const d = n.declarations[0];
        return d.id.type === 'Identifier' ? d.id.name : '?';
      }
      return `<${n.type}>`;
    });
    expect(names.sort()).toEqual([...SURFACE, NAMESPACE].sort());
  });

  it('adds exactly those names to the global scope when loaded', () => {
    const context = vm.createContext({});
    const before = new Set(Object.getOwnPropertyNames(vm.runInContext('this', context)));
    vm.runInContext(bundle(), context);
    const added = Object.getOwnPropertyNames(vm.runInContext('this', context)).filter(
      (name) => !before.has(name),
    );
    expect(added.sort()).toEqual([...SURFACE, NAMESPACE].sort());
    expect(typeof vm.runInContext(`${NAMESPACE}.runScheduled`, context)).toBe('function');
  });

  it('writes each entry point on one line at column 0, as one call into the namespace', () => {
    const lines = bundle().split('\n');
    for (const name of SURFACE) {
      const line = lines.filter((l) => l.startsWith(`function ${name}(`));
      expect(line).toHaveLength(1);
      expect(line[0]).toMatch(
        new RegExp(
          `^function ${name}\\([\\w, ]*\\) \\{ (return )?${NAMESPACE}\\.${name}\\([\\w, ]*\\); \\}$`,
        ),
      );
    }
  });

  it("runs nothing at load time but the namespace's own definitions", () => {
    for (const node of program.body) {
      if (node.type === 'FunctionDeclaration') continue;
      // var ChatRelay_ = (function () { ...declarations...; return ChatRelay_; })();
      expect(node.type).toBe('VariableDeclaration');
      const init = (node as acorn.VariableDeclaration).declarations[0].init as acorn.CallExpression;
      expect(init.type).toBe('CallExpression');
      expect(init.callee.type).toBe('FunctionExpression');
      expect(init.arguments).toHaveLength(0);
    }
  });

  it('calls no service when loaded, in a context with only ECMAScript built-ins and Apps Script', () => {
    const h = harness();
    expect(h.runtime.serviceCalls).toEqual([]);
    expect(h.runtime.hasFunction('runScheduled')).toBe(true);
  });

  it('names no Node or browser global (they do not exist in Apps Script)', () => {
    const forbidden = new Set<string>(ABSENT_GLOBALS.globals);
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
