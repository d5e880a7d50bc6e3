// Which firing alerts a set of matchers catches, the way Alertmanager would decide it.
import { compileMatchers, type Matcher } from '../matchers.js';
import type { Alert } from '../types.js';

/** Alerts the matchers catch, most recent first. `alerts` is every firing alert of every Alertmanager. */
export function previewMatches(matchers: readonly Matcher[], alerts: readonly Alert[]): Alert[] {
  if (!matchers.length) return [];
  const pred = compileMatchers(matchers);
  return alerts
    .filter((a) => pred(a.labels))
    .sort((a, b) => b.startsAt.localeCompare(a.startsAt) || a.fingerprint.localeCompare(b.fingerprint));
}

/** Distinct values of the cluster label among the alerts; alerts without it are not counted. */
export function clustersOf(alerts: readonly Alert[], clusterLabel: string): string[] {
  return [...new Set(alerts.map((a) => a.labels[clusterLabel]).filter((v): v is string => !!v))].sort();
}

/** A one-line description of an alert for preview lists. */
export function describeAlert(a: Alert): string {
  const { alertname = '(no alertname)', ...rest } = a.labels;
  const where = Object.entries(rest)
    .filter(([k]) => k !== 'severity')
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
  return where ? `${alertname} ${where}` : alertname;
}
