// The GPU view: one range query per refresh for every GPU; Enter jumps to the incidents on the GPU's host.
import { useContext } from 'react';
import { Box } from 'ink';
import { Text } from '../../text.js';
import { useOncall } from '../../app-context.js';
import { useTheme } from '../../theme.js';
import { usePoll } from '../../hooks/usePoll.js';
import { useKeyedListNav } from '../../hooks/useListNav.js';
import { ViewStateContext } from '../../hooks/useViewState.js';
import type { ViewProps } from '../registry.js';
import { fetchGpus } from '../../../backends/gpu.js';
import { sanitizeLine } from '../../../domain/sanitize.js';
import { asciiCharts } from '../charts.js';
import { GpuPanel, gpuSparkWidth } from './GpuPanel.js';
import { gpuRowKey, incidentsOnHost, visibleGpus } from './state.js';

export function GpuView({ width, height }: ViewProps) {
  const app = useOncall();
  const theme = useTheme();
  const store = useContext(ViewStateContext);
  const gpu = app.services.context.settings.gpu;
  const spark = gpuSparkWidth(width);
  const poll = usePoll(() => fetchGpus(app.services.prometheus(), gpu, { width: spark }), { deps: [gpu, spark] });
  const gpus = poll.data?.gpus;
  const visible = visibleGpus(height - 1);
  const cursor = useKeyedListNav({
    stateKey: 'gpu.cursor',
    items: gpus,
    keyOf: gpuRowKey,
    height: visible,
    onOpen: (i) => {
      const g = gpus?.[i];
      if (!g) return;
      const jump = incidentsOnHost(g);
      for (const [k, v] of jump.state) store.set(k, v);
      app.setView(jump.view);
    },
  });
  const status = poll.error
    ? `Prometheus: ${poll.error}${gpus ? ' (showing the last good data)' : ''}`
    : (poll.data?.warnings[0] ?? (poll.data?.source ? `GPU memory from ${poll.data.source}` : undefined));
  return (
    <Box flexDirection="column" height={height}>
      <Text {...(poll.error ? theme.error : theme.muted)} wrap="truncate">
        {status ? sanitizeLine(status) : ' '}
      </Text>
      {!gpus ? (
        <Text {...theme.muted}>{poll.error ? 'no GPU data yet' : 'loading GPU memory…'}</Text>
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
          thresholds={{ warn: gpu.warn_ratio, critical: gpu.critical_ratio }}
        />
      )}
    </Box>
  );
}
