// The CLI runs as a bundle (dist/oncall/, built by scripts/build.mjs). A module trace of it names bundle files;
// the build's metafile tells which source files and packages each of them holds, so start-up tests can still say
// "this command loaded no HTTP client" in terms of src/ files and packages.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROOT } from './stack.js';

const BUNDLE = path.join(ROOT, 'dist/oncall');

interface Metafile {
  outputs: Record<string, { inputs: Record<string, unknown> }>;
}

let inputsByFile: Map<string, string[]> | undefined;

function load(): Map<string, string[]> {
  const meta = JSON.parse(fs.readFileSync(path.join(BUNDLE, 'meta.json'), 'utf8')) as Metafile;
  const m = new Map<string, string[]>();
  for (const [out, o] of Object.entries(meta.outputs)) m.set(path.resolve(ROOT, out), Object.keys(o.inputs));
  return m;
}

/** The source files and package files (paths relative to the repo, e.g. `src/backends/http.ts`,
 * `node_modules/axios/lib/axios.js`) held by the bundle files among the traced URLs; other lines pass unchanged. */
export function tracedInputs(lines: string[]): string[] {
  inputsByFile ??= load();
  const out: string[] = [];
  for (const line of lines) {
    const file = line.startsWith('file:') ? fileURLToPath(line) : undefined;
    const inputs = file ? inputsByFile.get(file) : undefined;
    if (inputs) out.push(...inputs);
    else out.push(line);
  }
  return out;
}

/** The packages (node_modules names) among traced inputs. */
export function packagesOf(inputs: string[]): string[] {
  return [
    ...new Set(inputs.map((u) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(u)?.[1]).filter((p): p is string => !!p)),
  ];
}
