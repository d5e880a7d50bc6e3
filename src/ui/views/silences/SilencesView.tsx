// The silences view (slot 6): every silence of the context's Alertmanagers. The component draws what the state
// hook (./state.ts) holds; keys reach its actions through ./input.ts.
import { Text } from '../../text.js';
import { useTheme } from '../../theme.js';
import { noDataYet, useOncall } from '../../app-context.js';
import type { ViewProps } from '../registry.js';
import { SilencesList } from './SilencesList.js';
import { useSilencesState } from './state.js';
import { useSilencesInput } from './input.js';

export function SilencesView({ width, height }: ViewProps) {
  const theme = useTheme();
  const state = useSilencesState(height);
  useSilencesInput(state);
  const { health, services } = useOncall();
  if (!state.silences) return <Text {...theme.muted}>{noDataYet(health, services.refreshIntervalMs, 'silences')}</Text>;
  return (
    <SilencesList
      rows={state.rows}
      cursor={state.cursor}
      showExpired={state.showExpired}
      prompt={state.prompt}
      width={width}
      height={height}
      theme={theme}
      readOnly={state.readOnly}
      problem={state.problem}
    />
  );
}
