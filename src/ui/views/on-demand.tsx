// A view or overlay whose code loads the first time it is shown. Only the incidents view (and what the shell draws
// around it) is on screen at start; the other views bring parsers and engines of their own (Markdown, PromQL, YAML,
// the history's review), which would otherwise be parsed before Ink's first frame, while Alertmanager and the data
// worker need the CPU. The keys stay in the view's definition, so help and the keymap know them from the start.
import { lazy, Suspense, type ComponentType } from 'react';
import { Text } from '../text.js';
import { useTheme } from '../theme.js';

function Loading() {
  return <Text {...useTheme().muted}>loading…</Text>;
}

/** A component that renders `load()`'s component once its module has arrived, and "loading…" until then. */
export function onDemand<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  const Loaded = lazy(async () => ({ default: await load() }));
  return function OnDemand(props: P) {
    return (
      <Suspense fallback={<Loading />}>
        <Loaded {...props} />
      </Suspense>
    );
  };
}
