// Ink's output stage as src/ui/ink-output-cache.ts runs it (texts converted once across frames, unchanged lines
// kept) must not change a single frame: the whole TUI is driven through the same keys with and without it, in
// colour, and every frame compared; and Ink's Output class is fed each kind of drawing operation both ways.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

// Ink's chalk decides on colours when it is first imported.
vi.hoisted(() => {
  process.env.FORCE_COLOR = '2';
});

import { InkOutput, installOutputCache } from '../src/ui/ink-output-cache.js';
import { colorTheme } from '../src/ui/theme.js';
import { KEYS, mountApp, NOW } from './helpers/ui-app.js';
import { syntheticStorm } from '../bench/lib/synthetic.mjs';
import { ROOT } from './helpers/stack.js';
import { loadOnDemand } from '../src/ui/views/on-demand.js';

const { alerts } = syntheticStorm({ seed: 3, alerts: 400, now: NOW });

/** Every distinct frame the app draws while the keys are pressed. */
async function framesFor(): Promise<string[]> {
  // Every run shows the views' frames, not "loading…" in the first run only.
  await loadOnDemand();
  const app = await mountApp({ alerts, theme: colorTheme, columns: 140, rows: 30 });
  await app.waitFor('INCIDENT');
  const keys = [
    'j',
    'j',
    'j',
    'k',
    KEYS.pageDown,
    'G',
    'g',
    KEYS.enter,
    KEYS.esc,
    KEYS.tab,
    'j',
    'j',
    KEYS.pageDown,
    's',
    'S',
    KEYS.tab,
    KEYS.tab,
    '1',
    'j',
  ];
  for (const k of keys) await app.press(k);
  const frames = app.frames.filter((f, i) => i === 0 || f !== app.frames[i - 1]);
  app.unmount();
  return frames;
}

let undo: (() => void) | undefined;
afterEach(() => {
  undo?.();
  undo = undefined;
});

describe('texts converted once across frames', () => {
  it('is in effect with the Ink this project ships, with the faster output stage', () => {
    const c = installOutputCache();
    undo = c.uninstall;
    expect(c.installed).toBe(true);
    expect(c.fast).toBe(true);
  });

  it('changes, in the bundle `oncall` runs, the output stage that the bundled Ink draws with', () => {
    // Built by `npm test` (scripts/build.mjs): src/ui/ink-output-stage.ts imports Ink's output.js, the one module
    // that Ink's renderer imports too, and the bundle holds that module once.
    const meta = JSON.parse(fs.readFileSync(path.join(ROOT, 'dist/oncall/meta.json'), 'utf8')) as {
      inputs: Record<string, { imports: { path: string }[] }>;
      outputs: Record<string, { inputs: Record<string, unknown> }>;
    };
    const stage = 'node_modules/ink/build/output.js';
    const importers = Object.entries(meta.inputs)
      .filter(([, v]) => v.imports.some((i) => i.path === stage))
      .map(([k]) => k);
    expect(importers).toContain('src/ui/ink-output-stage.ts');
    expect(importers.some((k) => k.startsWith('node_modules/ink/'))).toBe(true);
    expect(Object.values(meta.outputs).filter((o) => stage in o.inputs)).toHaveLength(1);
  });

  it('gives the very same frames, escape codes included', async () => {
    const plain = await framesFor();
    undo = installOutputCache().uninstall;
    const cached = await framesFor();
    expect(plain.length).toBeGreaterThan(10);
    expect(plain.some((f) => /\u001b\[[0-9;]*m/.test(f))).toBe(true);
    expect(cached).toEqual(plain);
  }, 30_000);

  it('gives the same frames when the cache fills up and starts again', async () => {
    const plain = await framesFor();
    undo = installOutputCache(5).uninstall;
    expect(await framesFor()).toEqual(plain);
  }, 30_000);
});

type Op =
  | ['write', number, number, string, ((line: string, i: number) => string)[]]
  | ['clip', Record<string, number>]
  | ['unclip'];
const Output = InkOutput!;

/** Frames of `width` × `height`, each drawn by its operations; what get() returns for each, in order. */
function draw(frames: Op[][], width = 24, height = 6): { output: string; height: number }[] {
  return frames.map((ops) => {
    const out = new Output({ width, height });
    for (const op of ops) {
      if (op[0] === 'write') out.write(op[1], op[2], op[3], { transformers: op[4] });
      else if (op[0] === 'clip') out.clip(op[1]);
      else out.unclip();
    }
    return out.get();
  });
}

const red = (s: string) => `\u001b[31m${s}\u001b[39m`;
const bold = (s: string) => `\u001b[1m${s}\u001b[22m`;
const dim = (s: string) => `\u001b[2m${s}\u001b[22m`;
const inverse = (s: string) => `\u001b[7m${s}\u001b[27m`;

describe("Ink's output stage, operation by operation", () => {
  const header: Op = ['write', 0, 0, `${bold('oncall')} ${red('am: down')}`, []];
  const cases: Record<string, Op[][]> = {
    'plain and overlapping writes': [
      [header, ['write', 2, 1, 'hello', []], ['write', 4, 1, 'XY', []], ['write', 0, 5, 'last line', []]],
    ],
    'styles that nest, end and touch (bold and dim share an end code)': [
      [
        ['write', 0, 1, `${bold(dim('both'))}${red('r')}${red('r')}${inverse(' sel ')}plain`, []],
        ['write', 0, 2, `${red(bold('a'))}${bold('b')}\u001b[0mreset`, []],
      ],
    ],
    'wide and combining characters': [
      [
        ['write', 0, 1, '数据漂移 🚨 done', []],
        ['write', 0, 2, 'cafe\u0301 ok', []],
        ['write', 3, 1, 'x', []],
      ],
    ],
    'transformers, given the line index': [[['write', 1, 1, 'a\nb\nc', [(l, i) => `${i}:${l}`, (l) => red(l)]]]],
    'a vertical clip, text partly and wholly outside': [
      [
        ['clip', { y1: 2, y2: 4 }],
        ['write', 0, 0, 'l0\nl1\nl2\nl3\nl4\nl5', [(l, i) => `${l}/${i}`]],
        ['write', 0, 5, 'gone', []],
        ['unclip'],
        ['write', 0, 5, 'kept', []],
      ],
    ],
    'a sideways clip (left to Ink)': [
      [['clip', { x1: 2, x2: 6, y1: 0, y2: 6 }], ['write', 0, 1, red('0123456789'), []], ['unclip'], header],
    ],
    'text taller than the frame, and past its right edge': [
      [
        ['write', 0, 4, 'a\nb\nc\nd', []],
        ['write', 20, 1, 'overflowing', []],
        ['write', 20, 2, red('edge'), []],
      ],
    ],
    'successive frames with one line changed, then a resize': [
      [header, ['write', 0, 1, inverse('row 1'), []], ['write', 0, 2, 'row 2', []]],
      [header, ['write', 0, 1, 'row 1', []], ['write', 0, 2, inverse('row 2'), []]],
      [header, ['write', 0, 1, 'row 1', []], ['write', 0, 2, inverse('row 2'), []]],
    ],
  };
  for (const [name, frames] of Object.entries(cases)) {
    it(name, () => {
      // Ink's own, then the same frames again at another size: lines of the last frame must not leak into it.
      const ink = [draw(frames), draw(frames, 30, 4)];
      undo = installOutputCache().uninstall;
      expect([draw(frames), draw(frames, 30, 4)]).toEqual(ink);
    });
  }
});
