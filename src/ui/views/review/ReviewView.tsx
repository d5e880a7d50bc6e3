// The Review view: `oncall review` over the last 30 days as tables (services, then alerts, sortable), and for the
// selected alert (Enter) its firings over the window as a sparkline with its findings. The history is read
// again every 10 minutes or on `r`, not on every refresh: it costs a range query per chunk.
import { useMemo } from 'react';
import { Box } from 'ink';
import { Text } from '../../text.js';
import { useOncall } from '../../app-context.js';
import { useTheme } from '../../theme.js';
import { useKeys } from '../../keys.js';
import { usePoll } from '../../hooks/usePoll.js';
import { useViewState } from '../../hooks/useViewState.js';
import { useKeyedListNav } from '../../hooks/useListNav.js';
import { fit } from '../../format.js';
import type { ViewProps } from '../registry.js';
import { fetchReview } from '../../../backends/review-inputs.js';
import { alertRow, ALERT_COLUMNS, groupRows, reviewTitle } from '../../../domain/history/review-format.js';
import {
  DEFAULT_REVIEW_SORT,
  firingsPerBucket,
  nextReviewSort,
  sortReviewAlerts,
  type ReviewSort,
} from '../../../domain/history/review-sort.js';
import { sparkline } from '../../../domain/charts/sparkline.js';
import { sanitizeLine } from '../../../domain/sanitize.js';
import { asciiCharts } from '../charts.js';

const WINDOW_MS = 30 * 86400_000;
const COLS = [32, 12, 9, 7, 8, 10, 16, 16];

function columns(cells: readonly string[], width: number): string {
  let out = '';
  cells.slice(0, COLS.length).forEach((c, i) => {
    out += fit(sanitizeLine(c), COLS[i]!) + ' ';
  });
  return fit(out, width);
}

export function ReviewView({ width, height }: ViewProps) {
  const app = useOncall();
  const theme = useTheme();
  const { context } = app.services;
  const poll = usePoll(
    () => {
      const until = app.services.now();
      return fetchReview(app.services.prometheus(), app.services.alertmanagers(), {
        sinceMs: until - WINDOW_MS,
        untilMs: until,
        settings: context.settings,
        configPath: context.configPath,
      });
    },
    { backend: 'prom', intervalMs: 10 * 60_000, deps: [context] },
  );
  const review = poll.data?.review;
  const [sort, setSort] = useViewState<ReviewSort>('review.sort', DEFAULT_REVIEW_SORT);
  const [open, setOpen] = useViewState<string | undefined>('review.open', undefined);
  useKeys({
    'review.sort': () => setSort((s) => nextReviewSort(s, 1)),
    'review.sortPrev': () => setSort((s) => nextReviewSort(s, -1)),
    'review.reverse': () => setSort((s) => ({ ...s, descending: !s.descending })),
  });
  const alerts = useMemo(() => (review ? sortReviewAlerts(review.alerts, sort) : undefined), [review, sort]);
  const groups = review ? groupRows(review).rows.slice(0, 4) : [];
  const detail = review && open ? review.alerts.find((a) => a.alertname === open) : undefined;
  const detailHeight = detail ? 3 + Math.min(4, detail.findings.length) : 0;
  const listHeight = Math.max(1, height - 4 - groups.length - detailHeight);
  const cursor = useKeyedListNav({
    stateKey: 'review.cursor',
    items: alerts,
    keyOf: (a) => a.alertname,
    height: listHeight,
    onOpen: (i) => {
      const a = alerts?.[i];
      if (a) setOpen((o) => (o === a.alertname ? undefined : a.alertname));
    },
  });
  const status = poll.error ? `Prometheus: ${poll.error}` : poll.data?.warnings[0];
  if (!review || !alerts) {
    return (
      <Text {...(poll.error ? theme.error : theme.muted)}>
        {poll.error ? sanitizeLine(`alert history unavailable: ${poll.error}`) : 'reading 30 days of alert history…'}
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
          {detail.findings.slice(0, 4).map((f) => (
            <Text key={f.kind} {...theme.warning} wrap="truncate">
              {fit(sanitizeLine(`${f.message} → ${f.suggestion}`), width)}
            </Text>
          ))}
        </Box>
      ) : null}
    </Box>
  );
}
