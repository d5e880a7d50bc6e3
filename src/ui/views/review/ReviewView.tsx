// The Review view: `oncall review` over the last 30 days as tables (services, then alerts, sortable), and for the
// selected alert (Enter) its firings over the window as a sparkline with its findings. The component draws what
// the state hook (./state.ts) holds; keys reach its actions through ./input.ts.
import { Box } from 'ink';
import { Text } from '../../text.js';
import { useTheme } from '../../theme.js';
import { fit } from '../../format.js';
import type { ViewProps } from '../registry.js';
import { alertRow, ALERT_COLUMNS, reviewTitle } from '../../../domain/history/review-format.js';
import { firingsPerBucket } from '../../../domain/history/review-sort.js';
import { sparkline } from '../../../domain/charts/sparkline.js';
import { sanitizeLine } from '../../../domain/sanitize.js';
import { asciiCharts } from '../charts.js';
import { REVIEW_FINDINGS, useReviewState } from './state.js';
import { useReviewInput } from './input.js';

const COLS = [32, 12, 9, 7, 8, 10, 16, 16];

function columns(cells: readonly string[], width: number): string {
  let out = '';
  cells.slice(0, COLS.length).forEach((c, i) => {
    out += fit(sanitizeLine(c), COLS[i]!) + ' ';
  });
  return fit(out, width);
}

export function ReviewView({ width, height }: ViewProps) {
  const theme = useTheme();
  const state = useReviewState(height);
  useReviewInput(state);
  const { review, alerts, error, status, groups, sort, detail, cursor, listHeight } = state;
  if (!review || !alerts) {
    return (
      <Text {...(error ? theme.error : theme.muted)}>
        {error ? sanitizeLine(`alert history unavailable: ${error}`) : 'reading 30 days of alert history…'}
      </Text>
    );
  }
  const spark = detail
    ? sparkline(firingsPerBucket(review, detail, Math.max(10, width - 24)), {
        width: Math.max(10, width - 24),
        min: 0,
        ascii: asciiCharts(),
      })
    : '';
  return (
    <Box flexDirection="column" height={height}>
      <Text {...(status ? theme.warning : theme.muted)} wrap="truncate">
        {sanitizeLine(status ?? reviewTitle(review))}
      </Text>
      {groups.map((g) => (
        <Text key={g[0]} {...(g[3] !== 'ok' ? theme.warning : theme.muted)} wrap="truncate">
          {fit(
            sanitizeLine(`${g[0]} (${g[1]}): ${g[2]}/week ${g[3] === 'ok' ? 'within' : g[3]} target · ${g[5]}`),
            width,
          )}
        </Text>
      ))}
      <Text {...theme.accent} wrap="truncate">
        {fit(
          `${columns([...ALERT_COLUMNS].slice(0, 2).concat(ALERT_COLUMNS.slice(2, 8)), width - 26)} sort: ${sort.field} ${sort.descending ? '↓' : '↑'}`,
          width,
        )}
      </Text>
      {alerts.length === 0 ? (
        <Text {...theme.muted}>no alert fired in the last 30 days</Text>
      ) : (
        alerts.slice(cursor.offset, cursor.offset + listHeight).map((a, i) => {
          const sel = cursor.offset + i === cursor.index;
          const style = sel ? theme.selection : a.findings.length ? {} : theme.muted;
          return (
            <Text key={a.alertname} {...style} wrap="truncate">
              {columns(alertRow(a), width)}
            </Text>
          );
        })
      )}
      {detail ? (
        <Box flexDirection="column">
          <Text {...theme.title} wrap="truncate">
            {fit(sanitizeLine(`${detail.alertname}: ${detail.firings} firings over 30 days (Enter closes)`), width)}
          </Text>
          <Text wrap="truncate">{`firings  ${spark}`}</Text>
          {detail.findings.slice(0, REVIEW_FINDINGS).map((f) => (
            <Text key={f.kind} {...theme.warning} wrap="truncate">
              {fit(sanitizeLine(`${f.message} → ${f.suggestion}`), width)}
            </Text>
          ))}
        </Box>
      ) : null}
    </Box>
  );
}
