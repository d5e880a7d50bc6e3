// Renders the app with Ink on the real terminal. Separate from start.ts so that Ink is imported only after the
// environment is settled (Ink decides at import time whether it runs in CI mode).
import { render, type Instance } from 'ink';
import { App, type AppProps } from './app.js';
import { installOutputCache } from './ink-output-cache.js';

export interface LaunchOptions extends AppProps {
  /** Ink's per-frame render metrics (used by the benchmark). */
  onRender?: (m: { renderTime: number }) => void;
}

export function launch({ onRender, ...props }: LaunchOptions): Instance {
  installOutputCache();
  return render(<App {...props} />, {
    exitOnCtrlC: false, // Ctrl-C is in the keymap (app.quit), so help lists it and modal layers let it through
    patchConsole: true,
    maxFps: 60,
    // Whole frames, not Ink 6.8's incremental mode: with a frame one line shorter than the screen (so that Ink does
    // not clear the screen on every frame) that mode moves up one line too few, leaving the first frame's top line,
    // its unchanged lines and no footer on screen. Ink wraps each frame in a synchronized update, so terminals that
    // know it show whole frames only.
    incrementalRendering: false,
    onRender,
  });
}
