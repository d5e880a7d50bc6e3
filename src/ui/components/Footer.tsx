// The last line: a recent message (errors stay longer), else the keys of the current view and the global ones
// that have a footer word in the keymap (src/ui/keymap.ts), so the line never names a key that does not act.
import { footerHints, keymap } from '../keymap.js';
import { sanitizeLine } from '../../domain/sanitize.js';
import { useTheme } from '../theme.js';
import { fit } from '../format.js';
import { Line } from './Line.js';

export function hintText(view: string, readOnly: boolean): string {
  return footerHints(keymap, [view, 'global'], { view, layers: [], readOnly, selection: undefined });
}

export function Footer({
  notice,
  width,
  now,
  view,
  readOnly,
}: {
  notice?: { message: string; level: 'info' | 'error'; at: number };
  width: number;
  now: number;
  view: string;
  readOnly: boolean;
}) {
  const t = useTheme();
  const show = notice && now - notice.at < (notice.level === 'error' ? 15_000 : 6_000);
  if (show)
    return (
      <Line
        segments={[
          { text: fit(sanitizeLine(notice.message), width), style: notice.level === 'error' ? t.error : t.accent },
        ]}
        width={width}
      />
    );
  return <Line segments={[{ text: fit(hintText(view, readOnly), width), style: t.muted }]} width={width} />;
}
