// Line with colours on, as a 256-colour terminal gets it: drawing the first segments of a row as one text (the
// alert rows' fixed columns) must give the very same output, escape codes included, as drawing them run by run.
import { describe, expect, it, vi } from 'vitest';

// Ink's chalk decides on colours when it is first imported.
vi.hoisted(() => {
  process.env.FORCE_COLOR = '2';
});

import { Box, renderToString } from 'ink';
import { Line, type Segment } from '../src/ui/components/Line.js';
import { colorTheme, noColorTheme, severityStyle } from '../src/ui/theme.js';

function asLine(segments: Segment[], width: number, head?: number): string {
  return renderToString(
    <Box width={width} flexDirection="column">
      <Line segments={segments} width={width} head={head} />
    </Box>,
    { columns: width },
  );
}

describe('Line in colour', () => {
  it('has colours on', () => {
    expect(asLine([{ text: 'x', style: { color: 'red' } }], 10)).toBe('\u001b[31mx\u001b[39m');
  });

  for (const theme of [colorTheme, noColorTheme]) {
    for (const selected of [false, true]) {
      it(`draws an alert row the same with its fixed columns as one text (${theme.name}${selected ? ', selected' : ''})`, () => {
        const sel = selected ? theme.selection : undefined;
        const row = (age: string, prefix: string): Segment[] => [
          { text: 'crit', style: { ...severityStyle(theme, 'critical'), ...sel } },
          { text: ' ', style: sel },
          { text: 'svc    ', style: { ...theme.layer.service, ...sel } },
          { text: ` ${age} `, style: sel },
          { text: 'active      ', style: { ...theme.ok, ...sel } },
          { text: ' ', style: sel },
          { text: `${prefix}HighErrorRate [3]       `, style: { ...theme.title, ...sel } },
          { text: ' cluster=prod job=x  Error rate burning…', style: { ...theme.muted, ...sel } },
        ];
        for (const [age, prefix] of [
          [' 12m', ''],
          ['  3h', '   └─ '],
          ['  1d', '  '],
          ['999d', '│  ├─ '],
        ] as const) {
          const segments = row(age, prefix);
          for (let head = 1; head <= segments.length; head++)
            expect(asLine(segments, 100, head)).toBe(asLine(segments, 100));
        }
      });
    }
  }

  it('draws the tab bar and the header counts the same as one text', () => {
    const t = colorTheme;
    const tabs: Segment[] = [
      ['1', 'Incidents'],
      ['2', 'Alerts'],
      ['3', 'SLOs'],
    ].flatMap(([k, title], i): Segment[] => [
      { text: k!, style: t.key },
      { text: ' ' },
      { text: title!, style: i === 1 ? t.activeTab : t.muted },
      { text: '  ' },
    ]);
    const counts: Segment[] = [
      { text: 'incidents 12: ' },
      { text: '3 crit', style: t.critical },
      { text: ' ' },
      { text: '5 warn', style: t.warning },
      { text: ' ' },
      { text: '4 info', style: t.info },
      { text: ' │ ', style: t.muted },
      { text: 'alerts 40 (2 silenced/inhibited)' },
    ];
    expect(asLine(tabs, 80, tabs.length)).toBe(asLine(tabs, 80));
    expect(asLine([...tabs, { text: '› details', style: t.accent }], 80, tabs.length + 1)).toBe(
      asLine([...tabs, { text: '› details', style: t.accent }], 80),
    );
    expect(asLine(counts, 80, 6)).toBe(asLine(counts, 80));
  });

  it('leaves a line with characters of other widths to one truncating text', () => {
    const segments: Segment[] = [
      { text: 'warn', style: { color: 'yellow' } },
      { text: ' 日本語 ' },
      { text: 'tail', style: { bold: true } },
    ];
    expect(asLine(segments, 8, 1)).toBe(asLine(segments, 8));
  });
});
