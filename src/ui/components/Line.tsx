// One terminal line of styled segments, drawn the way that costs Ink least per frame. Ink redraws the whole
// screen on every frame: it measures every text node with string-width (slow for a text holding any non-ASCII
// character, such as … or a tree edge) and splits every written character into a styled cell. So the line
// becomes a row of short texts (non-ASCII characters in runs of their own) and empty boxes where blanks would
// be written; on screen it is the same line. A line with characters of other widths, or too wide, stays one
// truncating <Text> (see lineRuns).
import { memo } from 'react';
import { Box, Text } from 'ink';
import { lineRuns, type Segment } from './line-runs.js';

export type { Segment } from './line-runs.js';

export interface LineProps {
  segments: readonly Segment[];
  /** Columns available to the line. */
  width: number;
}

export const Line = memo(function Line({ segments, width }: LineProps) {
  const runs = lineRuns(segments, width);
  if (!runs || runs.length === 0) {
    return (
      <Text wrap="truncate">
        {segments.map((s, i) => <Text key={i} {...s.style}>{s.text}</Text>)}
      </Text>
    );
  }
  return (
    <Box flexDirection="row" flexShrink={0}>
      {runs.map((r, i) => (r.gap !== undefined ? <Box key={i} width={r.gap} flexShrink={0} /> : <Text key={i} {...r.style}>{r.text}</Text>))}
    </Box>
  );
});
