// Renders the app with Ink on the real terminal. Separate from start.ts so that Ink is imported only after the
// environment is settled (Ink decides at import time whether it runs in CI mode).
import { render, type Instance } from 'ink';
import { App, type AppProps } from './app.js';
import { installOutputCache } from './ink-output-cache.js';

export interface LaunchOptions extends AppProps {
  /** Ink's per-frame render metrics (used by the benchmark). */
  onRender?: (m: { renderTime: number }) => void;
}

/**
 * Ink writes its first frame from the cursor on, over start.ts's first frame: the screen is cleared in the same
 * write as Ink's first frame (the first write holding a line break), so there is never a blank screen between.
 */
function clearBeforeFirstFrame(out: NodeJS.WriteStream): void {
  const write = out.write;
  out.write = function (this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]) {
    if (typeof chunk === 'string' && chunk.includes('\n')) {
      out.write = write;
      chunk = `\u001b[H\u001b[2J${chunk}`;
    }
    return (write as (...a: unknown[]) => boolean).call(this, chunk, ...rest);
  } as typeof out.write;
}

export function launch({ onRender, ...props }: LaunchOptions): Instance {
  installOutputCache();
  clearBeforeFirstFrame(process.stdout);
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
