// The model-quality view: a panel per model, degraded first. The component draws what the state hook
// (./state.ts) holds; keys reach its actions through ./input.ts.
import { Box } from 'ink';
import { Text } from '../../text.js';
import { useTheme } from '../../theme.js';
import type { ViewProps } from '../registry.js';
import { sanitizeLine } from '../../../domain/sanitize.js';
import { asciiCharts } from '../charts.js';
import { QualityPanel } from './QualityPanel.js';
import { useQualityState } from './state.js';
import { useQualityInput } from './input.js';

export function QualityView({ width, height }: ViewProps) {
  const theme = useTheme();
  const state = useQualityState(width, height);
  useQualityInput(state);
  const { models, error, status, cursor } = state;
  return (
    <Box flexDirection="column" height={height}>
      <Text {...(error ? theme.error : theme.muted)} wrap="truncate">
        {sanitizeLine(status)}
      </Text>
      {!models ? (
        <Text {...theme.muted}>{error ? 'no quality data yet' : 'loading model quality…'}</Text>
      ) : (
        <QualityPanel
          models={models}
          selected={cursor.index}
          offset={cursor.offset}
          width={width}
          height={height - 1}
          theme={theme}
          ascii={asciiCharts()}
        />
      )}
    </Box>
  );
}
