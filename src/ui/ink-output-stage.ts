// Ink's output stage (the module holding its Output class) and that module's source text, for
// src/ui/ink-output-cache.ts. Ink's package exports only its entry point, so the module is found beside it and
// imported by file URL: the same module instance Ink renders with when Ink runs from node_modules (tests, tsc's
// dist/). The bundle that `oncall` runs holds its own copy of Ink: scripts/build.mjs replaces this file there by a
// plain import of the same module, which is that copy's, and the source text as it was in node_modules.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export async function importInkOutputStage(): Promise<{ module: { default?: unknown }; source: string }> {
  const file = path.join(path.dirname(createRequire(import.meta.url).resolve('ink')), 'output.js');
  return {
    module: (await import(pathToFileURL(file).href)) as { default?: unknown },
    source: fs.readFileSync(file, 'utf8'),
  };
}
