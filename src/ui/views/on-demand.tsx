// A view or overlay whose code loads the first time it is shown. Only the incidents view (and what the shell draws
// around it) is on screen at start; the other views bring parsers and engines of their own (Markdown, PromQL, YAML,
// the history's review), which would otherwise be parsed before Ink's first frame, while Alertmanager and the data
// worker need the CPU. The keys stay in the view's definition, so help and the keymap know them from the start.
import { useEffect, useState, type ComponentType } from 'react';
import { Text } from '../text.js';
import { useTheme } from '../theme.js';

const loaders: (() => Promise<unknown>)[] = [];

/** Loads the code of every view and overlay not loaded yet (for tests that compare frames of two runs). */
export async function loadOnDemand(): Promise<void> {
  await Promise.all(loaders.map((l) => l()));
}

/** A component that renders `load()`'s component once its module has arrived, and "loading…" until then. */
export function onDemand<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  let Loaded: ComponentType<P> | undefined;
  let failed: string | undefined;
  let pending: Promise<void> | undefined;
  const start = () =>
    (pending ??= load().then(
      (c) => {
        Loaded = c;
      },
      (e: unknown) => {
        failed = e instanceof Error ? e.message : String(e);
      },
    ));
  loaders.push(start);
  return function OnDemand(props: P) {
    const theme = useTheme();
    const [, arrived] = useState(0);
    useEffect(() => {
      if (!Loaded && !failed) void start().then(() => arrived((n) => n + 1));
    }, []);
    if (Loaded) return <Loaded {...props} />;
    if (failed)
      return <Text {...theme.error}>could not load this view ({failed}): the installation may be incomplete</Text>;
    return <Text {...theme.muted}>loading…</Text>;
  };
}
