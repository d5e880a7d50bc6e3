// The last line: a recent message (errors stay longer), else the most useful keys, named from the keymap.
import { displayKey, keymap } from '../keymap.js';
import { sanitizeLine } from '../../domain/sanitize.js';
import { useTheme } from '../theme.js';
import { fit } from '../format.js';
import { Line } from './Line.js';

const HINTS: [string, string][] = [
  ['app.help', 'help'], ['list.filter', 'filter'], ['nav.open', 'details'], ['nav.back', 'back'],
  ['app.nextView', 'views'], ['app.refresh', 'refresh'], ['app.quit', 'quit'],
];

export function hintText(): string {
  return HINTS.map(([id, label]) => {
    const b = keymap.get(id);
    return b ? `${displayKey(b.keys[0]!)} ${label}` : '';
  }).filter(Boolean).join('  ');
}

export function Footer({ notice, width, now }: { notice?: { message: string; level: 'info' | 'error'; at: number }; width: number; now: number }) {
  const t = useTheme();
  const show = notice && now - notice.at < (notice.level === 'error' ? 15_000 : 6_000);
  if (show) return <Line segments={[{ text: fit(sanitizeLine(notice.message), width), style: notice.level === 'error' ? t.error : t.accent }]} width={width} />;
  return <Line segments={[{ text: fit(hintText(), width), style: t.muted }]} width={width} />;
}
