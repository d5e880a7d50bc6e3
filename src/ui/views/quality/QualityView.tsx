// The model-quality view: one range query per refresh for every model; alerts come from the app's shared data.
import { useMemo } from 'react';
import { Box } from 'ink';
import { Text } from '../../text.js';
import { useOncall } from '../../app-context.js';
import { useTheme } from '../../theme.js';
import { usePoll } from '../../hooks/usePoll.js';
import { useKeyedListNav } from '../../hooks/useListNav.js';
import type { ViewProps } from '../registry.js';
import { fetchQualitySeries } from '../../../backends/quality.js';
import { buildQualityReport } from '../../../domain/quality/build.js';
import { sanitizeLine } from '../../../domain/sanitize.js';
import { asciiCharts } from '../charts.js';
import { QualityPanel, modelLines, qualitySparkWidth } from './QualityPanel.js';

export function QualityView({ width, height }: ViewProps) {
  const app = useOncall();
  const theme = useTheme();
  const spark = qualitySparkWidth(width);
  const poll = usePoll(() => fetchQualitySeries(app.services.prometheus(), { width: spark }), { deps: [spark] });
  const report = useMemo(
    () => (poll.data ? buildQualityReport(poll.data.series, app.data?.alerts ?? [], poll.data.now) : undefined),
    [poll.data, app.data?.alerts],
  );
  const models = report?.models;
  // The cursor pages by models; a model takes about this many lines.
  const per = models?.length ? Math.max(...models.map(modelLines)) : 7;
  const cursor = useKeyedListNav({
    stateKey: 'quality.cursor',
    items: models,
    keyOf: (m) => m.model,
    height: Math.max(1, Math.floor((height - 1) / per)),
  });
  const status = poll.error ? `Prometheus: ${poll.error}` : (report?.warnings[0] ?? poll.data?.warnings[0]);
  return (
    <Box flexDirection="column" height={height}>
      <Text {...(poll.error ? theme.error : theme.muted)} wrap="truncate">
        {status ? sanitizeLine(status) : `${models?.length ?? 0} models, degraded first · last hour`}
      </Text>
      {!models ? (
        <Text {...theme.muted}>{poll.error ? 'no quality data yet' : 'loading model quality…'}</Text>
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
