// The GPU view: memory per GPU with its sparkline, worst first; Enter jumps to the incidents on the GPU's host.
// The component draws what the state hook (./state.ts) holds; keys reach its actions through ./input.ts.
import { Box } from 'ink';
import { Text } from '../../text.js';
import { useTheme } from '../../theme.js';
import type { ViewProps } from '../registry.js';
import { sanitizeLine } from '../../../domain/sanitize.js';
import { asciiCharts } from '../charts.js';
import { GpuPanel } from './GpuPanel.js';
import { useGpuState } from './state.js';
import { useGpuInput } from './input.js';

export function GpuView({ width, height }: ViewProps) {
  const theme = useTheme();
  const state = useGpuState(width, height);
  useGpuInput(state);
  const { gpus, error, status, cursor, visible, thresholds } = state;
  return (
    <Box flexDirection="column" height={height}>
      <Text {...(error ? theme.error : theme.muted)} wrap="truncate">
        {status ? sanitizeLine(status) : ' '}
      </Text>
      {!gpus ? (
        <Text {...theme.muted}>{error ? 'no GPU data yet' : 'loading GPU memory…'}</Text>
      ) : !gpus.length ? (
        <Text {...theme.muted}>
          no GPUs found (DCGM, nvidia_gpu_exporter or gpu_memory_*_bytes); set gpu.query in the config
        </Text>
      ) : (
        <GpuPanel
          gpus={gpus}
          selected={cursor.index}
          offset={cursor.offset}
          visible={visible}
          width={width}
          theme={theme}
          ascii={asciiCharts()}
          thresholds={thresholds}
        />
      )}
    </Box>
  );
}
