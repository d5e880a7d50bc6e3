// What `oncall incidents` and `oncall incident` print: the `--json` contract and the indented tree for people.
import { MappedList } from '../json-out.js';
import { formatAge } from '../../domain/duration.js';
import { sanitizeLine } from '../../domain/sanitize.js';
import { severityOf } from '../../domain/incidents/severity.js';
import { describeEdge, treeRows } from '../../domain/incidents/tree.js';
import { whereOf } from '../../domain/incidents/where.js';
import type { CausalRule, Incident, IncidentAlert } from '../../domain/incidents/types.js';
import { alertStateText } from '../../domain/alert-state.js';

/** The `--json` contract: exactly these fields, in this order. */
export function incidentsJson(generatedAt: string, incidents: Incident[]) {
  return { generatedAt, incidents: incidents.map(incidentJson) };
}

/**
 * The same document for writing: each incident's object is made as it is written (json-out.ts), so that a storm's
 * 20,000 of them never exist at once.
 */
export function incidentsDocument(generatedAt: string, incidents: Incident[]) {
  return { generatedAt, incidents: new MappedList(incidents, incidentJson) };
}

/** What an alert without derived topology shows; one shared object rather than three new ones per alert. */
const NO_TOPOLOGY: { node: readonly string[]; workload: readonly string[] } = Object.freeze({
  node: Object.freeze([]),
  workload: Object.freeze([]),
});

/** One incident of the `--json` contract. */
export function incidentJson(i: Incident) {
  return {
    id: i.id,
    title: i.title,
    severity: i.severity,
    layer: i.layer,
    root: i.root,
    // When its last alert resolved, once all have; null while one fires.
    resolvedAt: i.resolvedAt ?? null,
    alerts: i.alerts.map((a) => ({
      fingerprint: a.fingerprint,
      labels: a.labels,
      annotations: a.annotations,
      startsAt: a.startsAt,
      resolvedAt: a.resolvedAt ?? null,
      // "unprocessed" alerts are firing and not yet muted: active for a reader of this contract.
      state: a.resolvedAt ? 'resolved' : a.state === 'suppressed' ? 'suppressed' : 'active',
      silencedBy: a.silencedBy,
      inhibitedBy: a.inhibitedBy,
      causedBy: a.causedBy,
      layer: a.layer,
      // Derived from Prometheus's topology series, beside the labels (never part of them).
      topology: a.topology ?? NO_TOPOLOGY,
    })),
  };
}

const NAME_WIDTH_CAP = 64;

/**
 * Where the alert is, as its incident's title names it, plus the model when the place is a host: two models served
 * on one host otherwise give two identical rows.
 */
function placeText(a: IncidentAlert): string {
  const where = whereOf(a, a.layer);
  const model = a.labels.model;
  return model && where !== model && !where.endsWith(`/${model}`) ? `${where} (${model})` : where;
}

/** Tree per incident: header line, then root and symptoms indented under their cause with the edge that put them there. */
export function formatIncidents(incidents: Incident[], rules: readonly CausalRule[], now: number): string {
  if (!incidents.length) return 'no alerts\n';
  const count = { critical: 0, warning: 0, info: 0 };
  let alerts = 0;
  for (const i of incidents) {
    count[i.severity]++;
    alerts += i.alerts.length;
  }
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  // First every cell, then the column widths, so that the columns line up across incidents.
  const lines: (string | string[])[] = [];
  for (const inc of incidents) {
    const suppressed = inc.resolvedAt
      ? `, resolved ${formatAge(now - Date.parse(inc.resolvedAt))} ago`
      : inc.alerts.every((a) => a.state === 'suppressed')
        ? ', all suppressed'
        : '';
    lines.push(
      '',
      `${inc.severity.toUpperCase()}  ${inc.title}  [${inc.id}, ${inc.layer}, ${formatAge(now - Date.parse(inc.startsAt))}${suppressed}]`,
    );
    for (const r of treeRows(inc)) {
      const a = r.alert;
      let name = `${r.prefix}${r.coCause ? '+ ' : ''}${sanitizeLine(a.labels.alertname ?? '(no alertname)')}`;
      if (name.length > NAME_WIDTH_CAP) name = name.slice(0, NAME_WIDTH_CAP - 1) + '…';
      lines.push([
        name,
        severityOf(a),
        a.layer,
        formatAge(now - Date.parse(a.startsAt)),
        a.resolvedAt ? `resolved ${formatAge(now - Date.parse(a.resolvedAt))} ago` : alertStateText(a),
        sanitizeLine(placeText(a)),
        r.coCause ? 'also a cause' : a.causedBy ? `← ${describeEdge(a, rules)}` : 'root',
      ]);
    }
  }
  const widths: number[] = [];
  for (const l of lines) if (Array.isArray(l)) l.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, c.length)));
  const out = [
    `${plural(incidents.length, 'incident')} from ${plural(alerts, 'alert')}: ${count.critical} critical, ${count.warning} warning, ${count.info} info`,
  ];
  for (const l of lines)
    out.push(
      Array.isArray(l)
        ? `  ${l.map((c, i) => (i === l.length - 1 ? c : c.padEnd(widths[i]!))).join('  ')}`.trimEnd()
        : l,
    );
  return out.join('\n') + '\n';
}
