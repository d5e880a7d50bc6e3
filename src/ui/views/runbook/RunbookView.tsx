// Following runbooks step by step: the rendered runbook scrolls (only visible rows are drawn), the current step
// is highlighted, steps are marked done or skipped, notes added, and PromQL checks run with the alert's labels
// filled in, their outcome shown next to the step. The component draws what the state hook (./state.ts) holds;
// keys reach its actions through ./input.ts. Progress comes in and goes out through props, so the view works the
// same in the app and in tests.
import type { ReactElement } from 'react';
import { Box } from 'ink';
import { Text } from '../../text.js';
import { useTheme, type Style } from '../../theme.js';
import { fit } from '../../format.js';
import { sanitizeLine } from '../../../domain/sanitize.js';
import { summarize } from '../../../domain/runbook/progress.js';
import { RowLine } from './RowLine.js';
import { originParts } from '../../../domain/runbook/web-source.js';
import { formatAge } from '../../../domain/duration.js';
import { footerHints, keymap } from '../../keymap.js';
import { useRunbookState, type RunbookViewProps } from './state.js';
import { useRunbookInput } from './input.js';

export type { RunbookViewProps } from './state.js';

export function RunbookView(p: RunbookViewProps) {
  const theme = useTheme();
  const state = useRunbookState(p);
  useRunbookInput(state);
  const { entry, runbook: rb, index, step, layout, bodyHeight, top, editing } = state;
  const vs = state.view;
  const total = layout.rows.length;
  const now = p.now ?? (() => new Date());
  const w = p.width;
  if (!entry) {
    return (
      <Box flexDirection="column" height={p.height}>
        <Text {...theme.muted} wrap="truncate">
          {fit('no incident selected: pick one in Incidents or Alerts and press b', w)}
        </Text>
      </Box>
    );
  }

  const sum = rb ? summarize(p.progress, rb) : undefined;
  const role = entry.role === 'root' ? 'root cause' : entry.role === 'symptom' ? 'symptom' : 'selected alert';
  const header = rb
    ? `${sanitizeLine(rb.title)} · ${sum!.done}/${sum!.total} done${sum!.skipped ? `, ${sum!.skipped} skipped` : ''} · ${sanitizeLine(entry.alertname)} (${role}) · owner ${sanitizeLine(rb.meta.owner || '?')} · reviewed ${rb.meta.lastReviewed || '?'}`
    : `${sanitizeLine(entry.alertname)} (${role}): no runbook`;
  const tabs = p.entries
    .map((e, i) => (i === index ? `[${i + 1} ${sanitizeLine(e.alertname)}]` : `${i + 1} ${sanitizeLine(e.alertname)}`))
    .join('  ');
  const second =
    p.entries.length > 1
      ? `runbooks: ${tabs}   ([ and ] switch)`
      : `${p.title ? `incident: ${sanitizeLine(p.title)}` : `alert: ${sanitizeLine(entry.alertname)}`}`;

  let body: ReactElement[];
  if (rb) {
    body = layout.rows
      .slice(top, top + bodyHeight)
      .map((r, i) => (
        <RowLine
          key={top + i}
          row={r}
          width={w}
          current={r.step !== undefined && r.step === step}
          head={!!r.stepHead}
          theme={theme}
        />
      ));
  } else {
    const res = entry.resolution;
    const lines: [string, Style][] = [];
    if (res.webUrl)
      lines.push([`web runbook: ${sanitizeLine(res.webUrl)}   (o opens it in the browser)`, theme.accent]);
    const ws = res.webUrl ? p.webStates?.get(res.webUrl) : undefined;
    if (ws?.status === 'loading') {
      const secs = Math.max(0, Math.floor((Date.now() - ws.startedAt) / 1000));
      lines.push([
        `fetching it… ${secs}s${ws.bytes ? `, ${Math.round(ws.bytes / 1024)} kB` : ''} (keys keep working; Esc goes back)`,
        theme.warning,
      ]);
    } else if (ws?.status === 'error') {
      lines.push([`could not fetch it, and no copy is cached: ${sanitizeLine(ws.message)}`, theme.error]);
    }
    if (res.blockedLink)
      lines.push([`runbook link ${sanitizeLine(res.blockedLink)} is not an http(s) link: never opened`, theme.error]);
    if (res.brokenLink)
      lines.push([
        `the alert's runbook annotation names ${sanitizeLine(res.brokenLink)}, which no runbook folder holds`,
        theme.warning,
      ]);
    if (res.hint) lines.push([`runbook note from the alert: ${sanitizeLine(res.hint)}`, {}]);
    if (!res.webUrl)
      lines.push([
        `no runbook found for ${sanitizeLine(entry.alertname)}: add ${sanitizeLine(entry.alertname)}.md to a runbook folder (runbook_dirs), or list alertname="${sanitizeLine(entry.alertname)}" in a runbook's frontmatter`,
        theme.muted,
      ]);
    body = lines.map(([t, s], i) => (
      <Text key={i} {...s} wrap="truncate">
        {fit(t, w)}
      </Text>
    ));
  }

  const origin = entry.web ? originParts(entry.web, now().getTime(), formatAge) : undefined;
  const footer = editing
    ? `note: ${vs.draft}█   ${footerHints(keymap, ['runbook-note'], { view: 'runbook', layers: ['runbook-note'], readOnly: false, selection: undefined })}`
    : `${total ? `${top + 1}-${Math.min(total, top + bodyHeight)}/${total}  ` : ''}${footerHints(keymap, ['runbook'], { view: 'runbook', layers: [], readOnly: false, selection: undefined })}`;
  return (
    <Box flexDirection="column" height={p.height}>
      <Text {...theme.title} wrap="truncate">
        {fit(header, w)}
      </Text>
      <Text {...theme.muted} wrap="truncate">
        {fit(second, w)}
      </Text>
      {origin ? (
        <Text {...(entry.web?.stale ? theme.warning : theme.info)} wrap="truncate">
          {fit(`web runbook, ${sanitizeLine(origin.how)} · untrusted: its checks run on c/Enter only`, w)}
        </Text>
      ) : null}
      {origin ? (
        <Text {...theme.muted} wrap="truncate">
          {fit(`from ${sanitizeLine(origin.from)}`, w)}
        </Text>
      ) : null}
      <Box flexDirection="column" height={bodyHeight} overflow="hidden">
        {body}
      </Box>
      <Text {...(editing ? theme.accent : theme.muted)} wrap="truncate">
        {fit(footer, w)}
      </Text>
    </Box>
  );
}
