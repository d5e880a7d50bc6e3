import { openAlertmanagerContext } from '../../app/alertmanager-context.js';
import type { CliGlobals } from '../globals.js';
import { formatAge } from '../../domain/duration.js';
import { table, write, writeJson, warn } from '../output.js';
import type { Alert } from '../../domain/types.js';
import { alertStateText } from '../../domain/alert-state.js';

export interface AlertsOptions {
  json?: boolean;
  filter?: string;
  activeOnly?: boolean;
  silenced?: boolean;
  inhibited?: boolean;
}

export function alertStateFilter(o: AlertsOptions): { active: boolean; silenced: boolean; inhibited: boolean } {
  if (o.activeOnly) return { active: true, silenced: false, inhibited: false };
  if (o.silenced || o.inhibited) return { active: false, silenced: !!o.silenced, inhibited: !!o.inhibited };
  return { active: true, silenced: true, inhibited: true };
}

export async function runAlerts(g: CliGlobals, o: AlertsOptions): Promise<void> {
  // The matcher parser (and its RE2 engine, 300 kB) loads only for a filter, so that the request leaves sooner.
  const filter = o.filter ? (await import('../../domain/matchers.js')).parseMatchers(o.filter) : [];
  const c = await openAlertmanagerContext(g);
  const { alerts, failures } = await c.alertmanagers().alerts({ ...alertStateFilter(o), filter });
  for (const f of failures) warn(f.message);
  // Ordinal comparison: RFC 3339 times and hex fingerprints sort correctly without it, and localeCompare is
  // several times slower on a storm's 100,000 alerts.
  alerts.sort((a, b) => cmp(a.startsAt, b.startsAt) || cmp(a.fingerprint, b.fingerprint));
  if (o.json) {
    await writeJson({ generatedAt: new Date().toISOString(), alerts, warnings: failures.map((f) => f.message) });
    return;
  }
  await write(formatAlertTable(alerts, Date.now()));
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function formatAlertTable(alerts: Alert[], now: number): string {
  if (!alerts.length) return 'no alerts\n';
  const rows = alerts.map((a) => {
    const { alertname = '', severity = '', ...rest } = a.labels;
    const where = ['cluster', 'instance', 'model']
      .map((k) => rest[k])
      .filter(Boolean)
      .join(' ');
    return [
      alertStateText(a),
      severity,
      alertname,
      formatAge(now - Date.parse(a.startsAt)),
      where,
      a.annotations.summary ?? '',
    ];
  });
  return table(['STATE', 'SEVERITY', 'ALERTNAME', 'AGE', 'WHERE', 'SUMMARY'], rows);
}
