// The handoff's incident sections: what is open now (worst first, with who acked or silenced it) and what resolved
// during the window (how long it lasted, what its root cause was). Pure: the incidents come grouped, with
// remembered resolved alerts already beside the firing ones (src/domain/memory).
import { splitHeartbeat } from '../incidents/heartbeat.js';
import { SEVERITY_RANK } from '../incidents/severity.js';
import type { Incident, IncidentAlert } from '../incidents/types.js';
import { isAckSilence } from '../silence/ack.js';
import type { Silence } from '../types.js';
import type { Mute, OpenIncident, ResolvedIncident } from './types.js';

/** The ALERTS history's first sample may come up to an evaluation interval or so after the window's start. */
const HISTORY_SLACK_MS = 5 * 60_000;

const STATE_RANK: Record<OpenIncident['state'], number> = {
  active: 0,
  unknown: 1,
  acked: 2,
  silenced: 3,
  inhibited: 4,
};

function rootOf(inc: Incident): { fingerprint: string; alertname: string; summary: string } {
  const a: IncidentAlert = inc.alerts.find((x) => x.fingerprint === inc.root) ?? inc.alerts[0]!;
  return {
    fingerprint: a.fingerprint,
    alertname: a.labels.alertname ?? '',
    summary: a.annotations.summary ?? a.annotations.description ?? '',
  };
}

/** The silences (acks among them) that mute any of the incident's firing alerts, each once. */
export function mutesOf(inc: Incident, silences: ReadonlyMap<string, Silence>): Mute[] {
  const ids = new Set<string>();
  for (const a of inc.alerts) if (!a.resolvedAt) for (const id of a.silencedBy) ids.add(id);
  const out: Mute[] = [];
  for (const id of ids) {
    const s = silences.get(id);
    // A silence Alertmanager names but whose record could not be read: its ID is still worth passing on.
    out.push({
      kind: s && isAckSilence(s) ? 'ack' : 'silence',
      silenceId: id,
      by: s?.createdBy ?? '',
      comment: s?.comment ?? '',
      endsAt: s?.endsAt ?? '',
    });
  }
  return out.sort((a, b) => (a.kind === b.kind ? a.endsAt.localeCompare(b.endsAt) : a.kind === 'ack' ? -1 : 1));
}

function stateOf(inc: Incident, mutes: readonly Mute[]): OpenIncident['state'] {
  const firing = inc.alerts.filter((a) => !a.resolvedAt);
  if (firing.some((a) => a.state !== 'suppressed')) return 'active';
  if (!firing.some((a) => a.silencedBy.length)) return 'inhibited';
  return mutes.some((m) => m.kind === 'ack') ? 'acked' : 'silenced';
}

/**
 * Incidents with an alert still firing, Watchdog and InfoInhibitor left out: critical first, then those with an
 * unmuted alert, then oldest first.
 */
export function openIncidents(
  incidents: readonly Incident[],
  silences: ReadonlyMap<string, Silence>,
  now: number,
  /** When the incidents are remembered, not read now: when memory last saw them firing. */
  rememberedAsOf?: string,
): OpenIncident[] {
  const out: OpenIncident[] = [];
  for (const inc of splitHeartbeat(incidents).shown) {
    if (inc.resolvedAt) continue;
    const mutedBy = mutesOf(inc, silences);
    const firing = inc.alerts.filter((a) => !a.resolvedAt);
    out.push({
      id: inc.id,
      title: inc.title,
      severity: inc.severity,
      layer: inc.layer,
      root: rootOf(inc),
      startedAt: inc.startsAt,
      ageSeconds: Math.max(0, Math.round((now - Date.parse(inc.startsAt)) / 1000)),
      state: rememberedAsOf ? 'unknown' : stateOf(inc, mutedBy),
      alerts: inc.alerts.length,
      activeAlerts: firing.filter((a) => a.state !== 'suppressed').length,
      symptoms: inc.alerts.filter((a) => a.fingerprint !== inc.root).map((a) => a.labels.alertname ?? ''),
      mutedBy,
      source: rememberedAsOf ? 'memory' : 'alertmanager',
      asOf: rememberedAsOf ?? null,
    });
  }
  return out.sort(
    (a, b) =>
      SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
      STATE_RANK[a.state] - STATE_RANK[b.state] ||
      a.startedAt.localeCompare(b.startedAt) ||
      a.id.localeCompare(b.id),
  );
}

/** Incidents whose every alert resolved within [now − windowMs, now], most recently resolved first. */
export function resolvedIncidents(incidents: readonly Incident[], now: number, windowMs: number): ResolvedIncident[] {
  const since = now - windowMs;
  const out: ResolvedIncident[] = [];
  for (const inc of splitHeartbeat(incidents).shown) {
    if (!inc.resolvedAt) continue;
    const end = Date.parse(inc.resolvedAt);
    if (end < since || end > now) continue;
    out.push({
      id: inc.id,
      title: inc.title,
      severity: inc.severity,
      startedAt: inc.startsAt,
      resolvedAt: inc.resolvedAt,
      durationSeconds: Math.max(0, Math.round((end - Date.parse(inc.startsAt)) / 1000)),
      // The history is read from the window's start (to a sample's spacing), so an older start shows as that.
      startedBeforeWindow: Date.parse(inc.startsAt) <= since + HISTORY_SLACK_MS,
      rootCause: rootOf(inc),
      alerts: inc.alerts.length,
    });
  }
  return out.sort((a, b) => b.resolvedAt.localeCompare(a.resolvedAt) || a.id.localeCompare(b.id));
}
