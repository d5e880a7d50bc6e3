// The view tabs with their number keys; the open overlay's title on the right.
import { memo } from 'react';
import type { RegisteredView } from '../views/registry.js';
import { useTheme } from '../theme.js';
import { Line, type Segment } from './Line.js';
import { tabTitles } from '../tab-titles.js';

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
  const segments: Segment[] = tabTitles(views, current, width, overlay).flatMap((tab, i): Segment[] => [
    { text: tab.key, style: t.key },
    { text: ' ' },
    { text: tab.title, style: views[i]!.id === current ? t.activeTab : t.muted },
    { text: tab.gap },
  ]);
  if (overlay) segments.push({ text: `› ${overlay}`, style: t.accent });
  // The same text every frame: one text for Ink instead of four per tab (while it is ASCII).
  return <Line segments={segments} width={width} head={segments.length} />;
});
