// A link that no browser can open here (an SSH session, no display, ONCALL_BROWSER=none, a launcher that
// failed): the URL in full, to select with the mouse or click (an OSC 8 hyperlink), and `c` copies it through
// the terminal (OSC 52), which also works over SSH. Says why it was not opened, and when the copy may not arrive.
import { Box, useStdout } from 'ink';
import { Text } from '../text.js';
import { useOncall } from '../app-context.js';
import type { OverlayDef, OverlayProps } from '../views/registry.js';
import { useKeys } from '../keys.js';
import { useTheme } from '../theme.js';
import { fit } from '../format.js';
import { sanitizeLine } from '../../domain/sanitize.js';
import { clipboardCaveat, osc52, osc8 } from '../../domain/terminal-links.js';

export interface UrlPaneProps {
  url: string;
  /** What the link is: "runbook", "source", "the step's link". */
  what: string;
  /** Why it was not opened in a browser. */
  reason: string;
}

/** The URL cut into lines of the pane's width, so all of it can be read and selected. */
export function urlChunks(url: string, width: number): string[] {
  const w = Math.max(10, width);
  const out: string[] = [];
  for (let i = 0; i < url.length; i += w) out.push(url.slice(i, i + w));
  return out.length ? out : [''];
}

function UrlPane({ width, height, props, close }: OverlayProps<UrlPaneProps>) {
  const app = useOncall();
  const theme = useTheme();
  const { stdout } = useStdout();
  const url = sanitizeLine(props.url).trim();
  const caveat = clipboardCaveat(process.env);
  useKeys({
    'url.close': close,
    'url.copy': () => {
      stdout.write(osc52(url));
      app.notify(`sent the ${props.what} link to the clipboard (OSC 52); ${caveat.split(';')[0]}`);
    },
  });
  const chunks = urlChunks(url, width - 2);
  const lines: { text: string; style: 'title' | 'muted' | 'url' | 'text'; chunk?: string }[] = [
    { text: `The ${props.what} link, not opened in a browser`, style: 'title' },
    { text: `why: ${sanitizeLine(props.reason)}`, style: 'muted' },
    { text: '', style: 'text' },
    ...chunks.map((c) => ({ text: c, style: 'url' as const, chunk: c })),
    { text: '', style: 'text' },
    { text: 'c  copy it to the clipboard through the terminal (OSC 52)', style: 'text' },
    { text: `   ${caveat}`, style: 'muted' },
    { text: '   or select it with the mouse; terminals with OSC 8 links open it on a click', style: 'muted' },
    { text: 'Esc  close', style: 'text' },
  ];
  return (
    <Box flexDirection="column" height={height}>
      {lines.slice(0, height).map((l, i) =>
        l.chunk !== undefined ? (
          <Text key={i} {...theme.accent} wrap="truncate">
            {'  '}
            {osc8(url, l.chunk)}
          </Text>
        ) : (
          <Text
            key={i}
            {...(l.style === 'title' ? theme.title : l.style === 'muted' ? theme.muted : {})}
            wrap="truncate"
          >
            {fit(l.text, width)}
          </Text>
        ),
      )}
    </Box>
  );
}

export const urlPaneOverlay: OverlayDef<UrlPaneProps> = {
  id: 'url',
  title: 'Link',
  component: UrlPane,
  keys: [
    { id: 'url.copy', keys: ['c'], description: 'copy the URL to the clipboard through the terminal (OSC 52)' },
    { id: 'url.close', keys: ['esc', 'enter'], description: 'close' },
  ],
};
