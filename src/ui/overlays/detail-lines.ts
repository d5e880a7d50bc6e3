// The detail pane's content as plain lines (wrapped to the width), so scrolling is slicing and the content is
// tested without a terminal. All alert text is sanitized here.
import type { Incident, IncidentAlert } from '../../domain/incidents/types.js';
import { formatAge } from '../../domain/duration.js';
import { isSafeWebUrl, sanitizeLine, sanitizeText } from '../../domain/sanitize.js';
import { alertName, severityOf } from '../format.js';
import { alertStateText } from '../../domain/alert-state.js';
import { timelineLine, type TimelineEvent } from '../../domain/memory/timeline.js';

export type LineStyle = 'title' | 'heading' | 'text' | 'muted' | 'link' | 'warning';
export interface DetailLine {
  text: string;
  style: LineStyle;
}

/** Annotation keys that hold a runbook link, in order of preference. */
export const RUNBOOK_KEYS = ['runbook_url', 'runbook', 'playbook', 'runbook_link'];

export function runbookUrl(a: IncidentAlert): string | undefined {
  for (const k of RUNBOOK_KEYS) {
    const v = a.annotations[k]?.trim();
    if (v && isSafeWebUrl(v)) return v;
  }
  return undefined;
}

export function generatorUrl(a: IncidentAlert): string | undefined {
  return a.generatorURL && isSafeWebUrl(a.generatorURL) ? a.generatorURL : undefined;
}

function wrap(text: string, width: number, indent: string): string[] {
  const w = Math.max(10, width - indent.length);
  const out: string[] = [];
  for (const para of text.split('\n')) {
    let rest = para;
    if (!rest) {
      out.push(indent);
      continue;
    }
    while (rest.length > w) {
      let cut = rest.lastIndexOf(' ', w);
      if (cut <= 0) cut = w;
      out.push(indent + rest.slice(0, cut));
      rest = rest.slice(cut).replace(/^ /, '');
    }
    out.push(indent + rest);
  }
  return out;
}

/** `timeline`: the incident's events (domain/memory/timeline), shown last; undefined leaves the section out. */
export function detailLines(
  a: IncidentAlert,
  inc: Incident | undefined,
  width: number,
  now: number,
  timeline?: readonly TimelineEvent[],
): DetailLine[] {
  const L: DetailLine[] = [];
  const push = (text: string, style: LineStyle = 'text') => L.push({ text, style });
  const started = Date.parse(a.startsAt);
  push(`${alertName(a)}`, 'title');
  const state = a.resolvedAt ? `resolved ${formatAge(now - Date.parse(a.resolvedAt))} ago` : alertStateText(a);
  push(
    `${severityOf(a)} · ${a.layer} · ${state} · started ${formatAge(now - started)} ago (${sanitizeLine(a.startsAt)})`,
    'muted',
  );
  push(`fingerprint ${sanitizeLine(a.fingerprint)}`, 'muted');
  if (inc) {
    const byFp = new Map(inc.alerts.map((x) => [x.fingerprint, x]));
    push('');
    push(
      `Incident: ${sanitizeLine(inc.title)} (${inc.alerts.length} alert${inc.alerts.length === 1 ? '' : 's'}, ${inc.severity})`,
      'heading',
    );
    if (a.fingerprint === inc.root) push('  this alert is the root cause');
    else if (!a.causedBy) push('  a second cause in this incident (co-cause): it shares symptoms with the root');
    else {
      const cause = byFp.get(a.causedBy);
      const via =
        a.edge?.via === 'inhibited_by'
          ? ' (the Alertmanager inhibits it)'
          : a.edge?.via === 'rule'
            ? ' (causal rule)'
            : '';
      push(`  caused by: ${cause ? alertName(cause) : sanitizeLine(a.causedBy)}${via}`);
      const root = byFp.get(inc.root);
      if (root && root !== cause) push(`  root cause: ${alertName(root)}`);
    }
    const effects = inc.alerts.filter((x) => x.causedBy === a.fingerprint && x.fingerprint !== a.fingerprint);
    if (effects.length) push(`  symptoms: ${effects.map(alertName).join(', ')}`);
  }
  push('');
  push('Labels', 'heading');
  for (const k of Object.keys(a.labels).sort())
    for (const l of wrap(`${sanitizeLine(k)}=${sanitizeLine(a.labels[k]!)}`, width, '  ')) push(l);
  const topo = a.topology;
  if (topo && (topo.node.length || topo.workload.length)) {
    push('');
    // Not labels: derived from Prometheus's topology series, and never used in silences.
    push('Topology (derived, not labels)', 'heading');
    if (topo.node.length) for (const l of wrap(`node: ${topo.node.map(sanitizeLine).join(', ')}`, width, '  ')) push(l);
    if (topo.workload.length)
      for (const l of wrap(`workload: ${topo.workload.map(sanitizeLine).join(', ')}`, width, '  ')) push(l);
  }
  const ann = Object.keys(a.annotations).sort();
  if (ann.length) {
    push('');
    push('Annotations', 'heading');
    for (const k of ann) {
      const v = sanitizeText(a.annotations[k]!);
      if (!v.includes('\n') && k.length + v.length + 4 <= width) push(`  ${sanitizeLine(k)}: ${v}`);
      else {
        push(`  ${sanitizeLine(k)}:`);
        for (const l of wrap(v, width, '    ')) push(l);
      }
    }
  }
  push('');
  push('Links', 'heading');
  const rb = runbookUrl(a);
  push(
    rb ? `  runbook (u): ${sanitizeLine(rb)}` : '  runbook: none (no runbook_url annotation)',
    rb ? 'link' : 'muted',
  );
  const gen = generatorUrl(a);
  if (gen) push(`  source (o): ${sanitizeLine(gen)}`, 'link');
  else
    push(
      a.generatorURL ? `  source: not an http(s) URL, not opened: ${sanitizeLine(a.generatorURL)}` : '  source: none',
      a.generatorURL ? 'warning' : 'muted',
    );
  if (a.silencedBy.length) push(`  silenced by: ${a.silencedBy.map(sanitizeLine).join(', ')}`);
  if (a.inhibitedBy.length) push(`  inhibited by: ${a.inhibitedBy.map(sanitizeLine).join(', ')}`);
  if (a.receivers.length) push(`  receivers: ${a.receivers.map(sanitizeLine).join(', ')}`, 'muted');
  if (timeline) {
    push('');
    push('Timeline', 'heading');
    if (!timeline.length) push('  none', 'muted');
    for (const e of timeline) for (const l of wrap(sanitizeLine(timelineLine(e)), width, '  ')) push(l);
  }
  return L;
}
