// Matchers prefilled from an alert or an incident, so that a silence covers that and nothing else.
//
// An alert is identified by its target, not by how it is described: every label is kept except those that
// describe the alert (severity, team, layer, …) or the Prometheus replica that sent it. Keeping unknown labels
// errs on the narrow side; a silence that matches too little is noticed, one that matches too much is not.
// Severity is left out on purpose: a maintenance silence should also cover the same alert escalating.
import type { Matcher } from '../matchers.js';
import type { Alert, Labels } from '../types.js';

export const DESCRIPTIVE_LABELS = new Set([
  'severity',
  'priority',
  'team',
  'owner',
  'layer',
  'alert_type',
  'category',
  'tier',
  'page',
  'paging',
  'runbook',
  'runbook_url',
  'dashboard',
  'summary',
  'description',
  'receiver',
  'prometheus',
  'replica',
  'prometheus_replica',
  '__replica__',
  'alertstate',
  'monitor',
]);

/** Go's regexp.QuoteMeta: the characters RE2 (and JavaScript) treat specially. */
export function escapeRegex(s: string): string {
  return s.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
}

function identifying(labels: Labels): [string, string][] {
  return Object.entries(labels)
    .filter(([k, v]) => k !== 'alertname' && v !== '' && !DESCRIPTIVE_LABELS.has(k))
    .sort(([a], [b]) => a.localeCompare(b));
}

export function matchersFromAlert(a: Alert): Matcher[] {
  const out: Matcher[] = [];
  if (a.labels.alertname) out.push({ name: 'alertname', type: '=', value: a.labels.alertname });
  for (const [name, value] of identifying(a.labels)) out.push({ name, type: '=', value });
  // An alert made only of descriptive labels still needs something to match on.
  if (!out.length)
    for (const [name, value] of Object.entries(a.labels).sort()) if (value) out.push({ name, type: '=', value });
  return out;
}

/** The identifying labels every alert shares, plus the alert names (one `=`, or an escaped `=~` alternation). */
export function matchersFromAlerts(alerts: readonly Alert[]): Matcher[] {
  if (!alerts.length) return [];
  if (alerts.length === 1) return matchersFromAlert(alerts[0]!);
  const names = [...new Set(alerts.map((a) => a.labels.alertname ?? ''))].filter(Boolean).sort();
  const out: Matcher[] = [];
  if (names.length === 1) out.push({ name: 'alertname', type: '=', value: names[0]! });
  else if (names.length > 1) out.push({ name: 'alertname', type: '=~', value: names.map(escapeRegex).join('|') });
  for (const [name, value] of identifying(alerts[0]!.labels)) {
    if (alerts.every((a) => a.labels[name] === value)) out.push({ name, type: '=', value });
  }
  return out;
}
