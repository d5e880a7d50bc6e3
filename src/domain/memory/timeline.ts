// An incident's timeline, in order: its alerts firing and resolving (from incident memory, else from what
// Alertmanager says), the silences and acks that match its alerts (who, comment; their end once it passed), and
// the runbook steps done or skipped with their notes and check results. Pure: the caller reads the stores.
import { isAckSilence } from '../silence/ack.js';
import { matchesAll } from '../matchers.js';
import type { Incident } from '../incidents/types.js';
import { alertLabelsOf, type IncidentProgress } from '../runbook/progress.js';
import { fillPlaceholders } from '../runbook/placeholders.js';
import type { CheckOutcome } from '../runbook/types.js';
import type { Silence } from '../types.js';
import type { IncidentMemory } from './memory.js';

export type TimelineEvent =
  | { at: string; kind: 'firing' | 'resolved'; fingerprint: string; alertname: string }
  | {
      at: string;
      kind: 'silenced' | 'acked' | 'silence ended' | 'ack ended';
      silenceId: string;
      by: string;
      comment: string;
      endsAt: string;
      alerts: string[];
    }
  | {
      at: string;
      kind: 'step done' | 'step skipped';
      runbook: string;
      step: string;
      note: string | null;
      checks: { outcome: CheckOutcome; summary: string }[];
    };

/** The order of events at the same instant: what happened to the alerts first, then what people did. */
const KIND_ORDER: Record<TimelineEvent['kind'], number> = {
  firing: 0,
  silenced: 1,
  acked: 1,
  'step done': 2,
  'step skipped': 2,
  'silence ended': 3,
  'ack ended': 3,
  resolved: 4,
};

export function incidentTimeline(
  inc: Incident,
  memory: IncidentMemory | undefined,
  silences: readonly Silence[],
  progress: IncidentProgress | undefined,
  now: number,
): TimelineEvent[] {
  const events: TimelineEvent[] = [];
  for (const a of inc.alerts) {
    const alertname = a.labels.alertname ?? '';
    const episodes = memory?.alerts[a.fingerprint]?.episodes ?? [
      { startsAt: a.startsAt, resolvedAt: a.resolvedAt ?? null },
    ];
    for (const e of episodes) {
      events.push({ at: e.startsAt, kind: 'firing', fingerprint: a.fingerprint, alertname });
      if (e.resolvedAt) events.push({ at: e.resolvedAt, kind: 'resolved', fingerprint: a.fingerprint, alertname });
    }
  }
  for (const s of silences) {
    if (s.status === 'pending' && Date.parse(s.startsAt) > now) continue;
    const caught = inc.alerts.filter((a) => matchesAll(s.matchers, a.labels)).map((a) => a.fingerprint);
    if (!caught.length) continue;
    const ack = isAckSilence(s);
    const common = { silenceId: s.id, by: s.createdBy, comment: s.comment, endsAt: s.endsAt, alerts: caught };
    events.push({ at: s.startsAt, kind: ack ? 'acked' : 'silenced', ...common });
    if (Date.parse(s.endsAt) <= now)
      events.push({ at: s.endsAt, kind: ack ? 'ack ended' : 'silence ended', ...common });
  }
  for (const [runbook, rp] of Object.entries(progress?.runbooks ?? {})) {
    // The step as saved (its key, the step's words), placeholders filled from the alert it was followed for.
    const labels = alertLabelsOf(rp);
    for (const [key, r] of Object.entries(rp.steps)) {
      const step = fillPlaceholders(key, labels).text;
      if (r.state === 'pending' || !r.at) continue;
      const checks = (r.results ?? []).filter((x) => !!x).map((x) => ({ outcome: x!.outcome, summary: x!.summary }));
      events.push({
        at: r.at,
        kind: r.state === 'done' ? 'step done' : 'step skipped',
        runbook,
        step,
        note: r.note ?? null,
        checks,
      });
    }
  }
  return events
    .map((e, i) => ({ e, i, t: Date.parse(e.at) }))
    .sort((x, y) => x.t - y.t || KIND_ORDER[x.e.kind] - KIND_ORDER[y.e.kind] || x.i - y.i)
    .map((x) => x.e);
}

/** One line per event, for people: `15:04:05Z  acked  by alice: ack by alice (until 15:19:05Z)`. */
export function timelineLine(e: TimelineEvent): string {
  const time = e.at.replace(/\.\d+Z$/, 'Z').replace('T', ' ');
  switch (e.kind) {
    case 'firing':
    case 'resolved':
      return `${time}  ${e.kind.padEnd(13)} ${e.alertname} (${e.fingerprint})`;
    case 'silenced':
    case 'acked':
      return `${time}  ${e.kind.padEnd(13)} by ${e.by || '?'}: ${e.comment || '(no comment)'} [${e.silenceId}, until ${e.endsAt.replace(/\.\d+Z$/, 'Z')}, ${e.alerts.length} alert${e.alerts.length === 1 ? '' : 's'}]`;
    case 'silence ended':
    case 'ack ended':
      return `${time}  ${e.kind.padEnd(13)} ${e.silenceId} (by ${e.by || '?'})`;
    default:
      return `${time}  ${e.kind.padEnd(13)} ${e.runbook}: ${e.step}${e.note ? ` (note: ${e.note})` : ''}${e.checks.length ? ` [checks: ${e.checks.map((c) => `${c.outcome === 'fail' ? 'FAIL' : c.outcome} ${c.summary}`).join('; ')}]` : ''}`;
  }
}
