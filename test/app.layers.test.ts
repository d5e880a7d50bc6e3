// The layers import one way: domain ← backends ← app ← ui | cli (the demo's simulator sits beside the backends);
// ui/ and cli/ never import each other, and only the entry point (src/main.ts) joins them. Files stay small.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = path.join(import.meta.dirname, '..', 'src');
const MAY_IMPORT: Record<string, string[]> = {
  domain: ['domain'],
  backends: ['backends', 'domain'],
  demo: ['demo', 'backends', 'domain'],
  app: ['app', 'backends', 'domain'],
  ui: ['ui', 'app', 'backends', 'domain'],
  cli: ['cli', 'app', 'backends', 'domain', 'demo'],
};

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sources(p) : /\.tsx?$/.test(e.name) ? [p] : [];
  });
}

const layerOf = (file: string) => path.relative(SRC, file).split(path.sep)[0]!;

describe('source layout', () => {
  const files = sources(SRC);

  it('imports no layer above its own', () => {
    const wrong: string[] = [];
    for (const f of files) {
      const layer = layerOf(f);
      const allowed = MAY_IMPORT[layer];
      if (!allowed) continue; // src/main.ts: the entry point joins the CLI and the TUI
      const text = fs.readFileSync(f, 'utf8');
      for (const m of text.matchAll(/(?:from|import\()\s*'(\.[^']+)'/g)) {
        const target = layerOf(path.resolve(path.dirname(f), m[1]!));
        if (!allowed.includes(target)) wrong.push(`${path.relative(SRC, f)} imports ${m[1]} (${layer} → ${target})`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('has no source file over 400 lines', () => {
    const long = files
      .map((f) => [path.relative(SRC, f), fs.readFileSync(f, 'utf8').split('\n').length] as const)
      .filter(([, n]) => n > 400);
    expect(long).toEqual([]);
  });
});
