#!/usr/bin/env node
// Builds what `oncall` runs: the CLI, the TUI and its data worker as one ESM bundle in dist/oncall/, with source maps
// so stack traces name src/ files. One bundle parses far faster than the hundreds of modules it replaces; code that a
// command loads on demand stays in chunks of its own (esbuild splitting), so `oncall --version` still loads only
// commander. The modules that the benchmark imports one by one are emitted by tsc beside it (`npm run build`).
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'dist/oncall');
fs.rmSync(out, { recursive: true, force: true });

const result = await build({
  absWorkingDir: root,
  entryPoints: { main: 'src/cli/main.ts', worker: 'src/ui/data/worker.ts' },
  outdir: out,
  entryNames: '[name]',
  chunkNames: '[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  jsx: 'automatic',
  sourcemap: true,
  sourcesContent: false,
  metafile: true,
  legalComments: 'none',
  logLevel: 'warning',
  // Ink imports React's devtools only when DEV=true is set, and says what to install then.
  external: ['react-devtools-core'],
  // Some bundled packages are CommonJS and call require() for Node's built-ins.
  banner: { js: "import { createRequire as __oncallRequire } from 'node:module'; const require = __oncallRequire(import.meta.url);" },
});

// `open` runs the xdg-open script that sits beside it; bundled, it looks beside the bundle.
fs.copyFileSync(path.join(root, 'node_modules/open/xdg-open'), path.join(out, 'xdg-open'));
fs.chmodSync(path.join(out, 'xdg-open'), 0o755);
fs.chmodSync(path.join(out, 'main.js'), 0o755);
// Which source files each output file holds: the start-up tests read it to tell what a command loaded.
fs.writeFileSync(path.join(out, 'meta.json'), JSON.stringify(result.metafile));
