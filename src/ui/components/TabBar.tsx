// The view tabs with their number keys; the open overlay's title on the right.
import { memo } from 'react';
import { Text } from 'ink';
import type { RegisteredView } from '../views/registry.js';
import { useTheme } from '../theme.js';

export const TabBar = memo(function TabBar({ views, current, overlay }: { views: RegisteredView[]; current: string; overlay?: string }) {
  const t = useTheme();
  return (
    <Text wrap="truncate">
      {views.map((v) => (
        <Text key={v.id}>
          <Text {...t.key}>{v.key}</Text>
          <Text> </Text>
          <Text {...(v.id === current ? t.activeTab : t.muted)}>{v.title}</Text>
          <Text>  </Text>
        </Text>
      ))}
      {overlay ? <Text {...t.accent}>› {overlay}</Text> : null}
    </Text>
  );
});
