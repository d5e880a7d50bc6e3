// Line draws a row of styled segments as short texts and empty boxes so Ink's per-frame work is small; on
// screen it must be exactly the single truncating <Text> it replaces.
import { describe, expect, it } from 'vitest';
import { Box, Text, renderToString } from 'ink';
import { Line, type Segment } from '../src/ui/components/Line.js';
import { lineRuns, MIN_BREAK, MIN_GAP, splitRuns } from '../src/ui/components/line-runs.js';

function asOneText(segments: Segment[], width: number): string {
  return renderToString(
    <Box width={width}>
      <Text wrap="truncate">
        {segments.map((s, i) => (
          <Text key={i} {...s.style}>
            {s.text}
          </Text>
        ))}
      </Text>
    </Box>,
    { columns: width },
  );
}

function asLine(segments: Segment[], width: number, head?: number): string {
  return renderToString(
    <Box width={width} flexDirection="column">
      <Line segments={segments} width={width} head={head} />
    </Box>,
    { columns: width },
  );
}

const sel = { inverse: true };
const cases: [string, Segment[], number][] = [
  [
    'columns padded with blanks',
    [
      { text: 'crit', style: { bold: true } },
      { text: ' ' },
      { text: 'infra  ', style: { color: 'magenta' } },
      { text: '  12m ' },
      { text: 'active      ' },
      { text: 'name' },
    ],
    60,
  ],
  [
    'tree edges and an ellipsis',
    [
      { text: 'warn infra   5h active       ' },
      { text: '│  └─ GPUMemoryOOM        ', style: { bold: true } },
      { text: ' cluster=prod instance=gpu-1  GPU memory crit…' },
    ],
    100,
  ],
  [
    'a selected row keeps its blanks',
    [
      { text: 'crit', style: sel },
      { text: '      ', style: sel },
      { text: 'name     ', style: sel },
      { text: ' rest   ', style: sel },
    ],
    40,
  ],
  [
    'header separators',
    [
      { text: 'oncall', style: { bold: true } },
      { text: ' ctx ' },
      { text: 'prod' },
      { text: ' │ ' },
      { text: 'am: ok 3s' },
      { text: ' │ every 15s' },
    ],
    80,
  ],
  [
    'wide characters fall back to one text',
    [{ text: 'warn ' }, { text: '日本語のサマリー 🚀 and more text', style: { bold: true } }],
    30,
  ],
  ['a combining mark falls back', [{ text: 'Cafe\u0301   Alert' }], 30],
  ['a line too wide is truncated at the end', [{ text: 'x'.repeat(50) }, { text: '   tail' }], 40],
  ['only blanks', [{ text: '        ' }], 20],
  ['empty', [{ text: '' }], 20],
  ['leading blanks', [{ text: '     ' }, { text: 'after a gap' }], 30],
  [
    'columns set apart by two blanks',
    [
      { text: 'crit', style: { color: 'red' } },
      { text: '  ' },
      { text: 'cluster=prod job=x  Summary  here ', style: { color: 'gray' } },
      { text: '  end' },
    ],
    60,
  ],
];

describe('Line', () => {
  it.each(cases)('draws the same as one truncating text: %s', (_name, segments, width) => {
    expect(asLine(segments, width)).toBe(asOneText(segments, width));
  });

  it.each(cases)('draws the same with its first segments as one text: %s', (_name, segments, width) => {
    for (let head = 1; head <= segments.length; head++)
      expect(asLine(segments, width, head)).toBe(asOneText(segments, width));
  });
});

describe('lineRuns', () => {
  it('turns long blank runs into gaps, across segments, and drops trailing blanks', () => {
    const runs = lineRuns([{ text: 'ab  ' }, { text: ' ' }, { text: 'cd ' }, { text: '     ' }], 40);
    expect(runs).toEqual([{ text: 'ab', style: undefined }, { gap: MIN_GAP }, { text: 'cd', style: undefined }]);
  });

  it('keeps short blank runs as text and joins ASCII text of one style', () => {
    const runs = lineRuns([{ text: 'a b' }, { text: ' c' }], 40);
    expect(runs).toEqual([{ text: 'a b c', style: undefined }]);
  });

  it('starts a new run after two blanks, which stay as text at the end of the run before', () => {
    expect(MIN_BREAK).toBeLessThan(MIN_GAP);
    const runs = lineRuns([{ text: 'a b' }, { text: '  c d  e' }], 40);
    expect(runs).toEqual([
      { text: 'a b  ', style: undefined },
      { text: 'c d  ', style: undefined },
      { text: 'e', style: undefined },
    ]);
    const muted = { color: 'gray' };
    expect(
      lineRuns(
        [
          { text: 'x ', style: muted },
          { text: ' job=a  Summary', style: muted },
        ],
        40,
      ),
    ).toEqual([
      { text: 'x  ', style: muted },
      { text: 'job=a  ', style: muted },
      { text: 'Summary', style: muted },
    ]);
  });

  it('keeps blanks that show (inverse, background, underline) as text', () => {
    for (const style of [{ inverse: true }, { backgroundColor: 'blue' }, { underline: true }]) {
      expect(lineRuns([{ text: 'a      b', style }], 40)).toEqual([{ text: 'a      b', style }]);
    }
  });

  it('puts non-ASCII characters in runs of their own', () => {
    const runs = lineRuns([{ text: '├─ name…' }], 40);
    expect(runs).toEqual([
      { text: '├─', style: undefined },
      { text: ' name', style: undefined },
      { text: '…', style: undefined },
    ]);
  });

  it('splits runs at a column, cutting a text or gap across it in two', () => {
    const runs = lineRuns([{ text: 'ab', style: { bold: true } }, { text: '      cd' }, { text: '…' }], 40)!;
    expect(splitRuns(runs, 4)).toEqual({
      head: [{ text: 'ab', style: { bold: true } }, { gap: 2 }],
      rest: [{ gap: 4 }, { text: 'cd', style: undefined }, { text: '…', style: undefined }],
    });
    expect(splitRuns(runs, 9)).toEqual({
      head: [{ text: 'ab', style: { bold: true } }, { gap: 6 }, { text: 'c', style: undefined }],
      rest: [
        { text: 'd', style: undefined },
        { text: '…', style: undefined },
      ],
    });
    expect(splitRuns(runs, 2)).toEqual({
      head: [{ text: 'ab', style: { bold: true } }],
      rest: [{ gap: 6 }, { text: 'cd', style: undefined }, { text: '…', style: undefined }],
    });
    expect(splitRuns(runs, 11)).toBeUndefined();
  });

  it('gives up on characters of other widths and on lines wider than the width', () => {
    expect(lineRuns([{ text: 'a 日本' }], 40)).toBeUndefined();
    expect(lineRuns([{ text: 'e\u0301' }], 40)).toBeUndefined();
    expect(lineRuns([{ text: '🚀' }], 40)).toBeUndefined();
    expect(lineRuns([{ text: 'abc' }, { text: 'def' }], 5)).toBeUndefined();
    expect(lineRuns([{ text: 'abc' }, { text: 'de' }], 5)).toEqual([{ text: 'abcde', style: undefined }]);
  });
});
