// The handoff report (`oncall handoff`) as a view: what the next person on call must know, section by section,
// scrollable; `c` copies it as Markdown. The component draws what the state hook (./state.ts) holds; keys reach
// its actions through ./input.ts.
import { Box } from 'ink';
import { Text } from '../../text.js';
import type { ViewProps } from '../registry.js';
import { useTheme, type Style, type Theme } from '../../theme.js';
import { fit } from '../../format.js';
import { formatAge } from '../../../domain/duration.js';
import { sanitizeLine } from '../../../domain/sanitize.js';
import { useHandoffState } from './state.js';
import { useHandoffInput } from './input.js';
import type { LineStyle } from './lines.js';

function styleOf(theme: Theme, s: LineStyle): Style {
  switch (s) {
    case 'section':
      return theme.title;
    case 'text':
      return {};
    default:
      return theme[s];
  }
}

export function HandoffView({ width, height }: ViewProps) {
  const theme = useTheme();
  const state = useHandoffState(width, height);
  useHandoffInput(state);
  const { report, reportAt, error, windowHours, lines, cursor, listHeight } = state;
  const age = reportAt !== undefined ? formatAge(Date.now() - reportAt) : undefined;
  const down = report?.down.map((d) => d.backend).join(', ');
  const status = error
    ? `could not read the report: ${error}${age ? ` (showing the one from ${age} ago)` : ''}`
    : down
      ? `${down} down: its sections are unknown`
      : undefined;
  const head = `Handoff: last ${windowHours}h${report ? ` of ${report.context}` : ''}${age ? `, read ${age} ago` : ''} · c copies it as Markdown · w window · ] [ sections`;
  return (
    <Box flexDirection="column" height={height}>
      <Text {...theme.accent} wrap="truncate">
        {fit(sanitizeLine(head), width)}
      </Text>
      <Text {...(status ? theme.error : theme.muted)} wrap="truncate">
        {fit(sanitizeLine(status ?? (report ? `generated ${report.generatedAt.slice(0, 19)}Z` : '')), width)}
      </Text>
      {!report ? (
        <Text {...theme.muted}>{error ? '' : `reading the last ${windowHours}h from the backends…`}</Text>
      ) : (
        lines.slice(cursor.offset, cursor.offset + listHeight).map((l, i) => (
          <Text
            key={l.key}
            {...(cursor.offset + i === cursor.index ? theme.selection : styleOf(theme, l.style))}
            wrap="truncate"
          >
            {l.text}
          </Text>
        ))
      )}
    </Box>
  );
}
