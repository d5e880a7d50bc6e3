// The handoff report as the view's lines: one heading per section, then its entries in columns, cut to the width.
// The same report (src/domain/handoff) the command prints; only the layout is the terminal's.
import { formatDuration } from '../../../domain/duration.js';
import { sanitizeLine } from '../../../domain/sanitize.js';
import type { Handoff } from '../../../domain/handoff/types.js';
import { fit } from '../../format.js';

export type LineStyle = 'title' | 'section' | 'text' | 'muted' | 'critical' | 'warning' | 'error';

export interface HandoffLine {
  key: string;
  text: string;
  style: LineStyle;
  /** Index of the section the line belongs to (its heading's line starts it). */
  section: number;
}

const dur = (s: number) => formatDuration(Math.max(0, s) * 1000);
const pct = (v: number | null, d = 1) => (v === null ? '?' : `${(v * 100).toFixed(d)}%`);
const clock = (iso: string) => (iso ? iso.slice(11, 16) + 'Z' : '');

/** Cells fitted into columns of the given widths; the last one takes what is left. */
function cols(cells: readonly string[], widths: readonly number[], width: number): string {
  let out = '  ';
  cells.forEach((c, i) => {
    const w = widths[i];
    out += w === undefined ? sanitizeLine(c) : fit(sanitizeLine(c), w) + ' ';
  });
  return fit(out, width);
}

export function handoffLines(h: Handoff, width: number, now: number): HandoffLine[] {
  const out: HandoffLine[] = [];
  let section = -1;
  const push = (text: string, style: LineStyle = 'text') =>
    out.push({ key: `${section}:${out.length}`, text: fit(text, width), style, section: Math.max(0, section) });
  const heading = (title: string, n: number | null) => {
    section++;
    push(`── ${title} (${n === null ? '?' : n}) `.padEnd(width, '─'), 'section');
  };
  // Titles take what the fixed columns leave, keeping about 30 columns for the last one.
  const titleW = Math.max(30, width - 26 - 32);
  const empty = (known: boolean, why: string) => push(known ? '  none' : `  unknown: ${why}`, 'muted');

  for (const d of h.down)
    push(
      `  ${d.backend} ${sanitizeLine(d.name)} is down: ${sanitizeLine(d.error)}; ${d.remembered ? `${d.remembered.sections.join(', ')} as incident memory last saw them, ${clock(d.remembered.asOf)} (${dur(d.dataAgeSeconds ?? 0)} ago); missing: ${d.missing.join(', ')}` : d.dataAgeSeconds === null ? `missing: ${d.missing.join(', ')}` : `its sections as last read, ${dur(d.dataAgeSeconds)} ago`}`,
      'error',
    );
  heading('Open incidents', h.openIncidents?.length ?? null);
  if (!h.openIncidents?.length) empty(!!h.openIncidents, 'Alertmanager did not answer');
  for (const i of h.openIncidents ?? []) {
    const muted = i.mutedBy.map((m) => `${m.kind} by ${m.by || '?'}`).join(', ');
    push(
      cols([i.severity.slice(0, 4), dur(i.ageSeconds), i.state, i.title, muted], [5, 6, 9, titleW], width),
      i.state !== 'active'
        ? 'muted'
        : i.severity === 'critical'
          ? 'critical'
          : i.severity === 'warning'
            ? 'warning'
            : 'text',
    );
  }

  heading('Resolved during the window', h.resolvedIncidents?.length ?? null);
  if (!h.resolvedIncidents?.length) empty(!!h.resolvedIncidents, 'Alertmanager did not answer');
  for (const i of h.resolvedIncidents ?? [])
    push(
      cols(
        [
          i.severity.slice(0, 4),
          `${i.startedBeforeWindow ? '>' : ''}${dur(i.durationSeconds)}`,
          `at ${clock(i.resolvedAt)}`,
          i.title,
          `root: ${i.rootCause.alertname}${i.rootCause.summary ? `: ${i.rootCause.summary}` : ''}`,
        ],
        [5, 7, 9, titleW - 2],
        width,
      ),
    );

  heading('Silences and acks', h.silences?.length ?? null);
  if (!h.silences?.length) empty(!!h.silences, 'Alertmanager did not answer');
  else if (h.silences.some((s) => s.untilResolved))
    push(
      h.watcher.running
        ? `  until-resolved ones are expired by the running ${h.watcher.writer === 'tui' ? 'TUI' : `oncall ${h.watcher.writer}`}; when none runs they stay until their end`
        : '  until-resolved ones are expired only while an oncall runs: none runs now, they stay until their end',
      h.watcher.running ? 'muted' : 'warning',
    );
  for (const s of h.silences ?? []) {
    const end = Date.parse(s.endsAt);
    const when =
      s.status === 'expired' ? `ended ${clock(s.endsAt)}` : `ends in ${formatDuration(Math.max(0, end - now))}`;
    push(
      cols(
        [s.kind, s.by, when, s.reasons.join(', '), `${s.matchers}${s.comment ? `  "${s.comment}"` : ''}`],
        [7, 12, 14, 34],
        width,
      ),
      s.reasons.includes('ends soon') ? 'warning' : 'text',
    );
  }

  heading('Runbooks in progress', h.runbooks.length);
  if (!h.runbooks.length) empty(true, '');
  for (const r of h.runbooks) {
    push(
      `  ${sanitizeLine(r.title)}: ${r.done}${r.total === null ? '' : `/${r.total}`} done, ${r.skipped} skipped · ${sanitizeLine(r.incidentTitle ?? r.incidentId)}`,
    );
    for (const s of r.steps) {
      const fails = s.checks.filter((c) => c.outcome === 'fail' || c.outcome === 'error');
      push(
        `    ${s.state.padEnd(7)} ${sanitizeLine(s.step)}${s.note ? `  note: ${sanitizeLine(s.note)}` : ''}${fails.length ? `  FAIL: ${fails.map((c) => sanitizeLine(c.summary)).join('; ')}` : ''}`,
        fails.length ? 'error' : 'muted',
      );
    }
  }

  const w = dur(h.window.seconds);
  heading(`SLOs: budget burned in ${w}`, h.slos?.listed.length ?? null);
  if (h.slos)
    push(
      `  paging now: ${h.slos.paging.join(', ') || 'none'} · ticketing now: ${h.slos.ticketing.join(', ') || 'none'}`,
      h.slos.paging.length ? 'critical' : 'muted',
    );
  if (!h.slos?.listed.length) empty(!!h.slos, 'Prometheus did not answer');
  for (const s of h.slos?.listed ?? [])
    push(
      cols(
        [s.state ?? '?', `${pct(s.budgetBurned)} burned`, `${pct(s.budgetRemaining)} left`, s.name],
        [7, 14, 12],
        width,
      ),
      s.state === 'page' ? 'critical' : s.state === 'ticket' ? 'warning' : 'text',
    );

  heading(`GPUs full within ${h.gpus ? dur(h.gpus.horizonSeconds) : '?'}`, h.gpus?.predictedFull.length ?? null);
  if (!h.gpus?.predictedFull.length) empty(!!h.gpus, 'Prometheus did not answer');
  for (const g of h.gpus?.predictedFull ?? [])
    push(
      cols(
        [
          g.timeToFullSeconds <= 0 ? 'full' : `~${dur(Math.max(60, Math.round(g.timeToFullSeconds / 60) * 60))}`,
          pct(g.usedRatio, 0),
          `${g.cluster ? `${g.cluster}/` : ''}${g.host} gpu ${g.gpu}`,
        ],
        [8, 6],
        width,
      ),
      'warning',
    );

  heading('Models with a quality alert', h.models?.length ?? null);
  if (!h.models?.length) empty(!!h.models, 'Alertmanager did not answer');
  for (const m of h.models ?? [])
    push(
      cols(
        [
          m.model,
          m.alerts.map((a) => a.alertname).join(', '),
          m.breached.length ? `past threshold: ${m.breached.join(', ')}` : '',
        ],
        [20, 50],
        width,
      ),
      'warning',
    );

  if (h.warnings.length) {
    heading('Warnings', h.warnings.length);
    for (const x of h.warnings) push(`  ${sanitizeLine(x)}`, 'muted');
  }
  return out;
}
