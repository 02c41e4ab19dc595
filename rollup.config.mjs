// Bundles src/index.ts into one plain Apps Script file, dist/Code.js.
//
// Apps Script V8 has no modules: the bundle must be a script whose top-level
// `function` declarations are the entry points, with no import/export left
// and nothing executed at load time.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import typescript from '@rollup/plugin-typescript';
import { rollup } from 'rollup';

const ENTRY = 'src/index.ts';

const NAMESPACE = 'ChatRelay_';

/**
 * Apps Script's global scope gets exactly the entry points of src/index.ts
 * and one namespace object, ChatRelay_. Every entry point must be a
 * top-level function whose body is one call into ChatRelay_; the plugin
 * takes them out of the module (rollup wraps everything else in an IIFE
 * that returns ChatRelay_) and writes them back after it, one line each.
 */
function appsScriptEntryPoints() {
  let entries = [];
  const fail = (ctx, message) => ctx.error(`${ENTRY}: ${message}`);
  return {
    name: 'apps-script-entry-points',
    transform(code, id) {
      if (!id.replace(/\\/g, '/').endsWith(ENTRY)) return null;
      const ast = this.parse(code);
      const imports = [];
      entries = [];
      for (const node of ast.body) {
        if (node.type === 'ImportDeclaration') {
          imports.push(code.slice(node.start, node.end));
        } else if (node.type === 'FunctionDeclaration' && node.id) {
          entries.push(entryLine(this, code, node));
        } else if (node.type !== 'EmptyStatement') {
          fail(
            this,
            `only imports and entry-point functions may stand at the top level (found ${node.type}); Apps Script has no modules.`,
          );
        }
      }
      if (!imports.some((text) => new RegExp(`\\b${NAMESPACE}\\b`).test(text))) {
        fail(this, `must import ${NAMESPACE}, the namespace the entry points delegate to.`);
      }
      return { code: `${imports.join('\n')}\nexport default ${NAMESPACE};\n`, map: null };
    },
    renderChunk(code) {
      if (!code.startsWith(`var ${NAMESPACE} = `)) {
        this.error(`The bundle must start with the ${NAMESPACE} namespace.`);
      }
      if (/^\s*(import|export)\b/m.test(code) || /\brequire\(/.test(code)) {
        this.error('The bundle still contains an import, export or require.');
      }
      return { code: `${code.trimEnd()}\n\n${entries.join('\n')}\n`, map: null };
    },
  };
}

/** One entry point as one line of plain JavaScript, after checking it only delegates. */
function entryLine(ctx, code, node) {
  const name = node.id.name;
  const statements = node.body.body;
  const call = statements.length === 1 ? statements[0] : null;
  const expression =
    call && call.type === 'ExpressionStatement'
      ? call.expression
      : call && call.type === 'ReturnStatement'
        ? call.argument
        : null;
  const delegates =
    expression &&
    expression.type === 'CallExpression' &&
    expression.callee.type === 'MemberExpression' &&
    expression.callee.object.type === 'Identifier' &&
    expression.callee.object.name === NAMESPACE;
  if (!delegates) {
    ctx.error(`${ENTRY}: entry point ${name} must be one call into ${NAMESPACE}.`);
  }
  const params = node.params.map((p) => code.slice(p.start, p.end)).join(', ');
  const body = code.slice(call.start, call.end).replace(/\s*\n\s*/g, ' ');
  return `function ${name}(${params}) { ${body} }`;
}

/**
 * `import html from './x.html'` gives the file's text: the Settings sidebar's
 * HTML, CSS and JS travel inside dist/Code.js (clasp pushes nothing else).
 *
 * A placeholder `<script data-bundle="./client/main.ts"></script>` in the
 * HTML becomes an inline `<script>` holding that TypeScript entry bundled
 * (bundleClient), before the HTML is embedded: the browser gets one plain
 * ES2019 script, and Code.js only a string (none of the client's names).
 */
function htmlAsString() {
  const placeholder = /<script data-bundle="([^"]+)"><\/script>/g;
  return {
    name: 'html-as-string',
    async transform(code, id) {
      if (!id.endsWith('.html')) return null;
      let html = code;
      for (const [tag, entry] of code.matchAll(placeholder)) {
        const script = await bundleClient(this, path.resolve(path.dirname(id), entry));
        html = html.replace(tag, () => `<script>\n${script}</script>`);
      }
      return { code: `export default ${JSON.stringify(html)};\n`, map: null };
    },
  };
}

/**
 * A browser entry bundled into one ES2019 IIFE, its TypeScript checked with
 * the tsconfig.json of the entry's folder (the DOM's types, not Apps Script's):
 * a type error or any rollup warning fails the build.
 */
async function bundleClient(ctx, entry) {
  const build = await rollup({
    input: entry,
    treeshake: { moduleSideEffects: false },
    plugins: [
      typescript({
        tsconfig: path.join(path.dirname(entry), 'tsconfig.json'),
        noEmitOnError: true,
      }),
    ],
    onwarn(warning) {
      throw new Error(`rollup (${path.relative('.', entry)}): ${warning.message}`);
    },
  });
  try {
    build.watchFiles.forEach((file) => ctx.addWatchFile(file));
    const { output } = await build.generate({ format: 'iife', generatedCode: 'es2015' });
    return inlineScript(ctx, output[0].code);
  } finally {
    await build.close();
  }
}

/** Script text safe inside <script>…</script>: no `</script` closes it, no `<!--` opens a comment. */
function inlineScript(ctx, code) {
  if (code.includes('<!--')) ctx.error('The sidebar script must not contain "<!--".');
  return code.replace(/<\/(script)/gi, '<\\/$1');
}

/** Copies the manifest next to the bundle so clasp pushes both. */
function appsScriptManifest() {
  return {
    name: 'apps-script-manifest',
    buildStart() {
      this.addWatchFile('appsscript.json');
    },
    generateBundle() {
      this.emitFile({
        type: 'asset',
        fileName: 'appsscript.json',
        source: readFileSync('appsscript.json', 'utf8'),
      });
    },
  };
}

export default {
  input: ENTRY,
  output: {
    dir: 'dist',
    entryFileNames: 'Code.js',
    format: 'iife',
    name: NAMESPACE,
    exports: 'default',
    generatedCode: 'es2015',
  },
  treeshake: { moduleSideEffects: false },
  plugins: [
    // noEmitOnError turns every type error into a failed build.
    typescript({ tsconfig: './tsconfig.json', noEmitOnError: true }),
    htmlAsString(),
    appsScriptEntryPoints(),
    appsScriptManifest(),
  ],
  onwarn(warning) {
    // Any warning (circular dependency, unresolved import, ...) fails the build.
    throw new Error(`rollup: ${warning.message}`);
  },
};
