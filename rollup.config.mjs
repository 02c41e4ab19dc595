// Bundles src/index.ts into one plain Apps Script file, dist/Code.js.
//
// Apps Script V8 has no modules: the bundle must be a script whose top-level
// `function` declarations are the entry points, with no import/export left
// and nothing executed at load time.
import { readFileSync } from 'node:fs';
import typescript from '@rollup/plugin-typescript';

const ENTRY = 'src/index.ts';

/**
 * Keeps the entry's top-level function declarations alive through
 * tree-shaking without exporting them in the source: the entry module gets a
 * synthetic `export { ... }` that is stripped again from the rendered chunk.
 */
function appsScriptEntryPoints() {
  let names = [];
  return {
    name: 'apps-script-entry-points',
    transform(code, id) {
      if (!id.replace(/\\/g, '/').endsWith(ENTRY)) return null;
      const ast = this.parse(code);
      names = ast.body
        .filter((node) => node.type === 'FunctionDeclaration' && node.id)
        .map((node) => node.id.name);
      if (ast.body.some((node) => node.type.startsWith('Export'))) {
        this.error(`${ENTRY} must not export anything: Apps Script has no modules.`);
      }
      return { code: `${code}\nexport { ${names.join(', ')} };\n`, map: null };
    },
    renderChunk(code) {
      const stripped = code.replace(/\nexport \{[^}]*\};\s*$/, '\n');
      if (/^\s*(import|export)\b/m.test(stripped)) {
        this.error('The bundle still contains an import or export statement.');
      }
      return { code: stripped, map: null };
    },
  };
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
    format: 'es',
    generatedCode: 'es2015',
  },
  treeshake: { moduleSideEffects: false },
  plugins: [
    // noEmitOnError turns every type error into a failed build.
    typescript({ tsconfig: './tsconfig.json', noEmitOnError: true }),
    appsScriptEntryPoints(),
    appsScriptManifest(),
  ],
  onwarn(warning) {
    // Any warning (circular dependency, unresolved import, ...) fails the build.
    throw new Error(`rollup: ${warning.message}`);
  },
};
