// The bundle measures text with a patched string-width (scripts/bundle-patches.mjs): the emoji regex is built on
// first use, and text of printable ASCII and one-column characters is its length without segmenting it. Checked
// here against the package as published: the same width for every character the shortcut takes, and for mixed text.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { applyPatch, NARROW_TEXT, PATCHES } from '../scripts/bundle-patches.mjs';
import { ROOT } from './helpers/stack.js';

type Width = (s: string, o?: { ambiguousIsNarrow?: boolean }) => number;

async function widths(): Promise<{ original: Width; patched: Width }> {
  const file = path.join(ROOT, 'node_modules/string-width/index.js');
  const patch = PATCHES.find((p) => p.file === 'node_modules/string-width/index.js')!;
  const require = createRequire(file);
  // The patched copy imports the same packages as the original, from where the original finds them.
  const source = applyPatch(patch, fs.readFileSync(file, 'utf8'), patch.file).replace(
    /from '([^'.][^']*)'/g,
    (_, spec: string) => `from '${pathToFileURL(require.resolve(spec)).href}'`,
  );
  const copy = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'oncall-string-width-')), 'index.mjs');
  fs.writeFileSync(copy, source);
  const original = ((await import(pathToFileURL(file).href)) as { default: Width }).default;
  const patched = ((await import(pathToFileURL(copy).href)) as { default: Width }).default;
  return { original, patched };
}

describe('string-width as the bundle holds it', () => {
  it('every character the shortcut takes is one column wide, as the package measures it', async () => {
    const { original } = await widths();
    const wrong: string[] = [];
    for (let c = 0; c <= 0xffff; c++) {
      const ch = String.fromCharCode(c);
      if (NARROW_TEXT.test(ch) && original(ch) !== 1) wrong.push(c.toString(16));
    }
    expect(wrong).toEqual([]);
    // The shortcut covers the characters the rows are drawn with.
    expect(NARROW_TEXT.test('─ │ └─ ├─ … › → ● ▲ ▼ · é ±')).toBe(true);
  });

  it('measures text as the package does', async () => {
    const { original, patched } = await widths();
    const texts = [
      '',
      'GPUMemoryOOM gpu-node-1:9400',
      'loading…',
      '└─ HighErrorRateFastBurn  ▲ 3',
      'naïve café ±5 °C',
      'emoji 🔥 and ❤️ and 👩‍👩‍👧',
      '漢字 and ｶﾀｶﾅ',
      'a\u0301 combining',
      '\u001b[31mred\u001b[39m …',
      '◽◾ ⌚ ‼ ↔',
      'zero\u200bwidth',
      '\u00ad soft hyphen',
    ];
    for (const t of texts) {
      expect(patched(t), t).toBe(original(t));
      expect(patched(t, { ambiguousIsNarrow: false }), t).toBe(original(t, { ambiguousIsNarrow: false }));
    }
  });

  it('the bundle is built with every patch', () => {
    // A patch whose text is gone throws (the build fails); this runs them on the installed packages.
    for (const p of PATCHES) {
      const source = fs.readFileSync(path.join(ROOT, p.file), 'utf8');
      expect(applyPatch(p, source, p.file)).not.toBe(source);
    }
  });
});
