// Renders the app with Ink on the real terminal. Separate from start.ts so that Ink is imported only after the
// environment is settled (Ink decides at import time whether it runs in CI mode).
import { render, type Instance } from 'ink';
import { App, type AppProps } from './app.js';

export interface LaunchOptions extends AppProps {
  /** Ink's per-frame render metrics (used by the benchmark). */
  onRender?: (m: { renderTime: number }) => void;
}

export function launch({ onRender, ...props }: LaunchOptions): Instance {
  return render(<App {...props} />, {
    exitOnCtrlC: false, // Ctrl-C is in the keymap (app.quit), so help lists it and modal layers let it through
    patchConsole: true,
    maxFps: 60,
    // Rewrites only the lines that changed: a cursor move is two lines for the terminal to parse, not a screen.
    incrementalRendering: true,
    onRender,
  });
}
