// One line of a rendered runbook: the gutter that marks the current step, then its styled pieces, cut to the width.
import { Text } from '../../text.js';
import type { Style, Theme } from '../../theme.js';
import type { Row, RowStyle } from './rows.js';

function styleOf(t: Theme, s: RowStyle): Style {
  switch (s) {
    case 'title':
      return t.title;
    case 'heading':
      return t.accent;
    case 'strong':
      return { bold: true };
    case 'em':
      return { italic: true };
    case 'code':
      return t.info;
    case 'link':
      return { ...t.accent, underline: true };
    case 'muted':
      return t.muted;
    case 'pass':
    case 'done':
      return t.ok;
    case 'fail':
      return t.critical;
    case 'error':
    case 'blocked':
      return t.error;
    case 'nodata':
    case 'running':
      return t.warning;
    case 'skipped':
      return t.muted;
    case 'note':
      return { italic: true };
    default:
      return {};
  }
}

export function RowLine({
  row,
  width,
  current,
  head,
  theme,
}: {
  row: Row;
  width: number;
  current: boolean;
  head: boolean;
  theme: Theme;
}) {
  const gutter = current ? (head ? '▶ ' : '▌ ') : '  ';
  let left = Math.max(0, width - 2);
  const segs = row.segs
    .map((s) => {
      const text = s.text.slice(0, left);
      left -= text.length;
      return { ...s, text };
    })
    .filter((s) => s.text);
  return (
    <Text wrap="truncate">
      <Text {...(current ? theme.accent : theme.muted)}>{gutter}</Text>
      {segs.map((s, i) => (
        <Text key={i} {...styleOf(theme, s.style)} {...(current && head ? theme.selection : {})}>
          {s.text}
        </Text>
      ))}
    </Text>
  );
}
