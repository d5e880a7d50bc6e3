// One terminal line of styled segments, drawn the way that costs Ink least per frame. Ink redraws the whole
// screen on every frame: it measures every text node with string-width (slow for a text holding any non-ASCII
// character, such as … or a tree edge) and splits every written character into a styled cell. So the line
// becomes a row of short texts (non-ASCII characters in runs of their own) and empty boxes where blanks would
// be written; on screen it is the same line. A line with characters of other widths, or too wide, stays one
// truncating <Text> (see lineRuns).
import { memo } from 'react';
import { Box } from 'ink';
import { Text } from '../text.js';
import { lineRuns, splitRuns, type Segment } from './line-runs.js';
import type { Style } from '../theme.js';

export type { Segment } from './line-runs.js';

export interface LineProps {
  segments: readonly Segment[];
  /** Columns available to the line. */
  width: number;
  /**
   * The first `head` segments become one text, blanks written as such: for columns that repeat from row to row
   * (severity, layer, age, state). Ink converts a text to cells once per frame for all the rows that share it,
   * and one text costs it less than several texts and boxes. Only when that part of the line is ASCII.
   */
  head?: number;
}

export const Line = memo(function Line({ segments, width, head = 0 }: LineProps) {
  const runs = lineRuns(segments, width);
  if (!runs || runs.length === 0) {
    return (
      <Text wrap="truncate">
        {segments.map((s, i) => (
          <Text key={i} {...s.style}>
            {s.text}
          </Text>
        ))}
      </Text>
    );
  }
  const split =
    head > 0
      ? splitRuns(
          runs,
          segments.slice(0, head).reduce((n, s) => n + s.text.length, 0),
        )
      : undefined;
  const rest = split ? split.rest : runs;
  return (
    <Box flexDirection="row" flexShrink={0}>
      {split && split.head.length > 0 ? (
        <Text key="head">
          {split.head.map((r, i) =>
            r.gap !== undefined ? (
              ' '.repeat(r.gap)
            ) : hasStyle(r.style) ? (
              <Text key={i} {...r.style}>
                {r.text}
              </Text>
            ) : (
              r.text
            ),
          )}
        </Text>
      ) : null}
      {rest.map((r, i) =>
        r.gap !== undefined ? (
          <Box key={i} width={r.gap} flexShrink={0} />
        ) : (
          <Text key={i} {...r.style}>
            {r.text}
          </Text>
        ),
      )}
    </Box>
  );
});

function hasStyle(s: Style | undefined): boolean {
  if (!s) return false;
  for (const v of Object.values(s)) if (v !== undefined && v !== false) return true;
  return false;
}
