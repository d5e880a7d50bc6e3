// What decides whether an incident the UI holds can stay as it is after a refresh (worker.ts sends only the ids of
// unchanged ones). Every field the UI can show, listed so that a new field is a type error until it is listed;
// labels are left out, since the fingerprint is Alertmanager's hash of them, and updatedAt and endsAt, which move
// on every re-send by Prometheus and are not shown. Plain arrays keep JSON.stringify on its fast path (a replacer
// function costs it twice the time on a storm).
import type { Incident, IncidentAlert } from '../../domain/incidents/types.js';

const ALERT_FIELDS = [
  'fingerprint',
  'annotations',
  'startsAt',
  'generatorURL',
  'receivers',
  'state',
  'silencedBy',
  'inhibitedBy',
  'topology',
  'layer',
  'causedBy',
  'edge',
  'resolvedAt',
] as const;
const INCIDENT_FIELDS = ['id', 'title', 'severity', 'layer', 'root', 'startsAt', 'resolvedAt'] as const;

type Unlisted<T, Listed, Left> = Exclude<keyof T, Listed | Left>;
// Compile-time checks: both are `never` while every field is listed or deliberately left out.
const alertFieldsComplete: [
  Unlisted<IncidentAlert, (typeof ALERT_FIELDS)[number], 'labels' | 'updatedAt' | 'endsAt'>,
] extends [never]
  ? true
  : never = true;
const incidentFieldsComplete: [Unlisted<Incident, (typeof INCIDENT_FIELDS)[number], 'alerts'>] extends [never]
  ? true
  : never = true;
void alertFieldsComplete;
void incidentFieldsComplete;

export function incidentSignature(inc: Incident): string {
  return JSON.stringify([INCIDENT_FIELDS.map((k) => inc[k]), inc.alerts.map((a) => ALERT_FIELDS.map((k) => a[k]))]);
}
