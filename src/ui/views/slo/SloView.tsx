// The SLO view: the SLOs worst first, and on Enter the selected SLO's detail under it. The component draws what
// the state hook (./state.ts) holds; keys reach its actions through ./input.ts.
import { Box } from 'ink';
import { Text } from '../../text.js';
import { useTheme } from '../../theme.js';
import type { ViewProps } from '../registry.js';
import { sanitizeLine } from '../../../domain/sanitize.js';
import { SloPanel } from './SloPanel.js';
import { useSloState } from './state.js';
import { useSloInput } from './input.js';

export function SloView({ width, height }: ViewProps) {
  const theme = useTheme();
  const state = useSloState(width, height);
  useSloInput(state);
  const { slos, error, status, cursor, visible, ascii, expanded, detail } = state;
  return (
    <Box flexDirection="column" height={height}>
      <Text {...(error ? theme.error : theme.muted)} wrap="truncate">
        {status ? sanitizeLine(status) : ' '}
      </Text>
      {!slos ? (
        <Text {...theme.muted}>{error ? 'no SLO data yet' : 'loading SLOs…'}</Text>
      ) : !slos.length ? (
        <Text {...theme.muted}>no SLOs: add slos: to the context, or record Sloth or Pyrra rules in Prometheus</Text>
      ) : (
        <SloPanel
          slos={slos}
          selected={cursor.index}
          offset={cursor.offset}
          visible={visible}
          width={width}
          theme={theme}
          ascii={ascii}
          expanded={expanded}
          detail={detail}
        />
      )}
    </Box>
  );
}
