// Ink's conversion of texts to cells kept across frames (src/ui/ink-output-cache.ts) must not change a single
// frame: the whole TUI is driven through the same keys with and without it, in colour, and every frame compared.
import { afterEach, describe, expect, it, vi } from 'vitest';

// Ink's chalk decides on colours when it is first imported.
vi.hoisted(() => { process.env.FORCE_COLOR = '2'; });

import { installOutputCache } from '../src/ui/ink-output-cache.js';
import { colorTheme } from '../src/ui/theme.js';
import { KEYS, mountApp, NOW } from './helpers/ui-app.js';
import { syntheticStorm } from '../src/domain/incidents/synthetic.js';

const { alerts } = syntheticStorm({ seed: 3, alerts: 400, now: NOW });

/** Every distinct frame the app draws while the keys are pressed. */
async function framesFor(): Promise<string[]> {
  const app = await mountApp({ alerts, theme: colorTheme, columns: 140, rows: 30 });
  await app.waitFor('INCIDENT');
  const keys = ['j', 'j', 'j', 'k', KEYS.pageDown, 'G', 'g', KEYS.enter, KEYS.esc, KEYS.tab, 'j', 'j', KEYS.pageDown, 's', 'S', KEYS.tab, KEYS.tab, '1', 'j'];
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
  it('is in effect with the Ink this project ships', () => {
    const c = installOutputCache();
    undo = c.uninstall;
    expect(c.installed).toBe(true);
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
