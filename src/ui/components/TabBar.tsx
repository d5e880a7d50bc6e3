// The view tabs with their number keys; the open overlay's title on the right.
import { memo } from 'react';
import type { RegisteredView } from '../views/registry.js';
import { useTheme } from '../theme.js';
import { Line, type Segment } from './Line.js';

export const TabBar = memo(function TabBar({
  views,
  current,
  overlay,
  width,
}: {
  views: RegisteredView[];
  current: string;
  overlay?: string;
  width: number;
}) {
  const t = useTheme();
  // Too wide for the terminal (ten tabs need about 100 columns): the other tabs' titles are cut to four letters and
  // the gaps to one space, so every number key still shows beside a hint of its view.
  const full = views.reduce((n, v) => n + v.key.length + v.title.length + 3, 0) + (overlay ? overlay.length + 2 : 0);
  const compact = full > width;
  const segments: Segment[] = views.flatMap((v): Segment[] => [
    { text: v.key, style: t.key },
    { text: ' ' },
    {
      text: compact && v.id !== current ? v.title.slice(0, 4) : v.title,
      style: v.id === current ? t.activeTab : t.muted,
    },
    { text: compact ? ' ' : '  ' },
  ]);
  if (overlay) segments.push({ text: `› ${overlay}`, style: t.accent });
  // The same text every frame: one text for Ink instead of four per tab (while it is ASCII).
  return <Line segments={segments} width={width} head={segments.length} />;
});
