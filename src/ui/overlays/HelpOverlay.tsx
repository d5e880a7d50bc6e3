// `?`: every key that works right now, generated from the keymap registry that also dispatches them.
import { useMemo } from 'react';
import { Box } from 'ink';
import { Text } from '../text.js';
import { useOncall } from '../app-context.js';
import type { OverlayDef, OverlayProps } from '../views/registry.js';
import { registry } from '../views/registry.js';
import { useKeys, useDispatcher } from '../keys.js';
import { helpSections, keymap } from '../keymap.js';
import { useViewState } from '../hooks/useViewState.js';
import { useTheme } from '../theme.js';
import { fit } from '../format.js';

export interface HelpLine {
  kind: 'heading' | 'row' | 'blank';
  keys?: string;
  text: string;
}

/** Scopes shown: layers under the help (e.g. the detail pane), the current view, global, then help itself. */
export function helpLines(
  scopes: { scope: string; title: string }[],
  ctx: Parameters<typeof helpSections>[2],
): HelpLine[] {
  const out: HelpLine[] = [];
  for (const s of helpSections(keymap, scopes, ctx)) {
    if (out.length) out.push({ kind: 'blank', text: '' });
    out.push({ kind: 'heading', text: s.title });
    for (const r of s.rows) out.push({ kind: 'row', keys: r.keys, text: r.description });
  }
  return out;
}

function HelpOverlay({ width, height, close }: OverlayProps) {
  const app = useOncall();
  const theme = useTheme();
  const d = useDispatcher();
  const [top, setTop] = useViewState('help.scroll', 0);
  const lines = useMemo(() => {
    const under = d.ctx.layers.filter((l) => l !== 'help');
    const scopes = [...under, app.view, 'global', 'help'].map((scope) => ({
      scope,
      title: registry.scopeTitle(scope),
    }));
    return helpLines(scopes, { ...d.ctx, layers: under });
  }, [d, app.view]);
  const body = Math.max(1, height - 2);
  const maxTop = Math.max(0, lines.length - body);
  const scroll = (n: number) => setTop((t) => Math.min(maxTop, Math.max(0, t + n)));
  useKeys({
    'help.close': close,
    'help.down': () => scroll(1),
    'help.up': () => scroll(-1),
    'help.pageDown': () => scroll(body),
    'help.pageUp': () => scroll(-body),
  });
  const keyWidth = Math.min(24, Math.max(8, ...lines.map((l) => (l.keys ?? '').length + 3)));
  const t = Math.min(top, maxTop);
  return (
    <Box flexDirection="column" height={height}>
      <Text {...theme.title} wrap="truncate">
        {fit(
          `Keys (${t + 1}-${Math.min(lines.length, t + body)} of ${lines.length} lines; j/k scroll, Esc closes)`,
          width,
        )}
      </Text>
      {lines.slice(t, t + body).map((l, i) =>
        l.kind === 'heading' ? (
          <Text key={i} {...theme.accent} bold wrap="truncate">
            {fit(l.text, width)}
          </Text>
        ) : l.kind === 'blank' ? (
          <Text key={i}> </Text>
        ) : (
          <Text key={i} wrap="truncate">
            <Text {...theme.key}>{fit(`  ${l.keys}`, keyWidth)}</Text>
            <Text>{fit(l.text, Math.max(0, width - keyWidth))}</Text>
          </Text>
        ),
      )}
    </Box>
  );
}

export const helpOverlay: OverlayDef = {
  id: 'help',
  title: 'Help',
  component: HelpOverlay,
  keys: [
    { id: 'help.close', keys: ['esc', '?', 'q'], description: 'close help' },
    { id: 'help.down', keys: ['j', 'down'], description: 'scroll down' },
    { id: 'help.up', keys: ['k', 'up'], description: 'scroll up' },
    { id: 'help.pageDown', keys: ['pagedown', 'space'], description: 'page down' },
    { id: 'help.pageUp', keys: ['pageup'], description: 'page up' },
  ],
};
