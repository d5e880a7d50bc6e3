// Views and overlays whose code loads when first shown (src/ui/views/on-demand.tsx): "loading…" until it arrives,
// then the view; an error in words (not a crash) if it cannot load.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render } from 'ink-testing-library';
import { Text } from '../src/ui/text.js';
import { onDemand } from '../src/ui/views/on-demand.js';

afterEach(() => cleanup());

async function until(frame: () => string | undefined, text: string): Promise<string> {
  for (let i = 0; i < 200; i++) {
    const f = frame() ?? '';
    if (f.includes(text)) return f;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`"${text}" never shown; last frame:\n${frame()}`);
}

describe('a view loaded on demand', () => {
  it('shows "loading…" until its code arrives, then the view with its props', async () => {
    let arrive!: () => void;
    const arrived = new Promise<void>((r) => (arrive = r));
    const View = onDemand(async () => {
      await arrived;
      return ({ name }: { name: string }) => <Text>view of {name}</Text>;
    });
    const r = render(<View name="rules" />);
    expect(await until(r.lastFrame, 'loading…')).not.toContain('view of');
    arrive();
    expect(await until(r.lastFrame, 'view of rules')).not.toContain('loading…');
    // Shown again, it is there at once.
    const again = render(<View name="review" />);
    expect(again.lastFrame()).toContain('view of review');
  });

  it('says so when its code cannot load, and keeps running', async () => {
    const View = onDemand<object>(() => Promise.reject(new Error('Cannot find module rules-X.js')));
    const r = render(<View />);
    expect(await until(r.lastFrame, 'could not load this view')).toContain('Cannot find module rules-X.js');
  });
});
