#!/usr/bin/env node
// Builds what `oncall` runs: the CLI, the TUI and its data worker as one ESM bundle in dist/oncall/, with source maps
// so stack traces name src/ files. One bundle parses far faster than the hundreds of modules it replaces; code that a
// command loads on demand stays in chunks of its own (esbuild splitting), so `oncall --version` still loads only
// commander. The modules that the benchmark imports one by one are emitted by tsc beside it (`npm run build`).
import { build } from 'esbuild';
import { bundlePatches } from './bundle-patches.mjs';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'dist/oncall');
fs.rmSync(out, { recursive: true, force: true });

// esbuild hands a CommonJS package that is imported with import() to the importer as `default` only, where Node
// gives its named exports too: such an import goes through a module that exports the names the package has (read
// here, at build time) from its default.
function isCommonJs(file) {
  if (file.endsWith('.cjs')) return true;
  if (file.endsWith('.mjs')) return false;
  for (let dir = path.dirname(file); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const pj = path.join(dir, 'package.json');
    if (fs.existsSync(pj)) return JSON.parse(fs.readFileSync(pj, 'utf8')).type !== 'module';
  }
  return true;
}
const namedExportsOfDynamicCjs = {
  name: 'named-exports-of-dynamic-cjs',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.kind !== 'dynamic-import' || args.namespace !== 'file' || args.path.startsWith('node:'))
        return undefined;
      // The file Node would load for import(): the same conditions esbuild resolves with.
      const url = import.meta.resolve(args.path, pathToFileURL(args.importer).href);
      return url.startsWith('file:') && isCommonJs(fileURLToPath(url))
        ? { path: args.path, namespace: 'named-exports' }
        : undefined;
    });
    b.onLoad({ filter: /.*/, namespace: 'named-exports' }, async (args) => {
      const names = Object.keys(await import(args.path)).filter((n) => n !== 'default' && /^[A-Za-z_$][\w$]*$/.test(n));
      const pkg = JSON.stringify(args.path);
      return {
        contents: `import m from ${pkg};\nexport default m;\nexport const { ${names.join(', ')} } = m;\n`,
        resolveDir: root,
        loader: 'js',
      };
    });
  },
};

// src/ui/ink-output-cache.ts changes Ink's output stage, which src/ui/ink-output-stage.ts finds at run time beside
// Ink's entry point in node_modules: from the bundle that would be a second Ink, not the one the bundle draws with.
// Here that file becomes a plain import of the same module, so the bundled Ink's own Output class is the one changed,
// and the module's source text as it is in node_modules (the cache checks it; the bundle reprints the code).
const inkOutputStage = {
  name: 'ink-output-stage',
  setup(b) {
    const file = path.join(path.dirname(createRequire(import.meta.url).resolve('ink')), 'output.js');
    b.onLoad({ filter: /[\\/]src[\\/]ui[\\/]ink-output-stage\.ts$/ }, () => ({
      contents: `import * as stage from ${JSON.stringify(file)};\nconst source = ${JSON.stringify(fs.readFileSync(file, 'utf8'))};\nexport async function importInkOutputStage() { return { module: stage, source }; }\n`,
      resolveDir: root,
      loader: 'js',
    }));
  },
};

// `oncall statusline` answered from the state file (src/cli/statusline-fast.ts) is a bundle of its own, without
// splitting: one module to load where the shared chunks would be a dozen. The main bundle imports it as it is.
const FAST_STATUSLINE = 'cli/statusline-fast.js';
const fastStatuslineApart = {
  name: 'fast-statusline-apart',
  setup(b) {
    b.onResolve({ filter: /[\\/]statusline-fast\.js$/ }, () => ({ path: `./${FAST_STATUSLINE}`, external: true }));
  },
};

// RE2 (re2js, 0.3 MB) is a file of its own that src/domain/matchers/re2.ts requires on the first regex: in a chunk,
// every command and the TUI would parse it wherever a matcher module loads (the TUI's first frame included), though
// most never test a regex.
const RE2 = 're2js.cjs';
const re2Apart = {
  name: 're2-apart',
  setup(b) {
    b.onResolve({ filter: /^re2js$/ }, (args) =>
      args.kind === 'require-call' ? { path: `./${RE2}`, external: true } : undefined,
    );
  },
};

// Some bundled packages are CommonJS and call require() for Node's built-ins.
const banner = {
  js: "import { createRequire as __oncallRequire } from 'node:module'; const require = __oncallRequire(import.meta.url);",
};

/** What every bundle file is built with: Node 20 and later, source maps naming src/, a metafile for meta.json. */
const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  sourcesContent: false,
  metafile: true,
  legalComments: 'none',
  logLevel: 'warning',
};

const result = await build({
  ...common,
  plugins: [namedExportsOfDynamicCjs, inkOutputStage, fastStatuslineApart, re2Apart, bundlePatches(root)],
  entryPoints: { main: 'src/main.ts', worker: 'src/ui/data/worker.ts' },
  outdir: out,
  entryNames: '[name]',
  chunkNames: '[name]-[hash]',
  splitting: true,
  format: 'esm',
  jsx: 'automatic',
  // Ink imports React's devtools only when DEV=true is set, and says what to install then.
  external: ['react-devtools-core'],
  // React's production build only. Its development build (what React picks without NODE_ENV) checks and times every
  // render, several times slower on a storm's screens; left out, the chunk with Ink and the views is 1.05 MB, not 1.8.
  define: { 'process.env.NODE_ENV': '"production"' },
  banner,
});

const fast = await build({
  ...common,
  entryPoints: ['src/cli/statusline-fast.ts'],
  outfile: path.join(out, FAST_STATUSLINE),
  format: 'esm',
  banner,
});

// The executable (package.json's bin): CommonJS, so `--version` needs no ES-module loader; the rest is main.js.
const LAUNCHER = 'oncall.cjs';
const launcher = await build({
  ...common,
  entryPoints: ['src/launcher.ts'],
  outfile: path.join(out, LAUNCHER),
  format: 'cjs',
  plugins: [
    {
      name: 'main-apart',
      setup(b) {
        b.onResolve({ filter: /^\.\/main\.js$/ }, () => ({ path: './main.js', external: true }));
      },
    },
  ],
});

const re2 = await build({
  ...common,
  entryPoints: [createRequire(import.meta.url).resolve('re2js')],
  outfile: path.join(out, RE2),
  format: 'cjs',
});

// `open` runs the xdg-open script that sits beside it; bundled, it looks beside the bundle.
fs.copyFileSync(path.join(root, 'node_modules/open/xdg-open'), path.join(out, 'xdg-open'));
fs.chmodSync(path.join(out, 'xdg-open'), 0o755);
fs.chmodSync(path.join(out, 'main.js'), 0o755);
fs.chmodSync(path.join(out, LAUNCHER), 0o755);
// Which source files each output file holds: the start-up tests read it to tell what a command loaded.
fs.writeFileSync(
  path.join(out, 'meta.json'),
  JSON.stringify({
    inputs: { ...result.metafile.inputs, ...fast.metafile.inputs, ...launcher.metafile.inputs, ...re2.metafile.inputs },
    outputs: {
      ...result.metafile.outputs,
      ...fast.metafile.outputs,
      ...launcher.metafile.outputs,
      ...re2.metafile.outputs,
    },
  }),
);
