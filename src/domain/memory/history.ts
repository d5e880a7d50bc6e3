// Prometheus's ALERTS history fills incident memory's gap: the alerts that fired and resolved while no oncall ran.
// Episodes from the history are added to what memory holds only where memory knows nothing of that time (before
// the first episode it has of the alert), so oncall's own observations win. Pure; nothing here is saved.
import { episodesOf, type History } from '../history/episodes.js';
import { labelsFingerprint } from './fingerprint.js';
import type { Episode, IncidentMemory, RememberedAlert } from './memory.js';

export function withHistory(m: IncidentMemory, h: History): IncidentMemory {
  const alerts: Record<string, RememberedAlert> = { ...m.alerts };
  const iso = (s: number) => new Date(s * 1000).toISOString();
  const found = new Map<string, { labels: Record<string, string>; episodes: Episode[] }>();
  for (const e of episodesOf(h)) {
    const labels = h.series[e.series]!.labels;
    const fp = labelsFingerprint(labels);
    const f = found.get(fp) ?? { labels, episodes: [] };
    // Still firing at the end of the window: Alertmanager's list says whether it still does; memory records that.
    f.episodes.push({ startsAt: iso(e.start), resolvedAt: e.open ? null : iso(e.end) });
    found.set(fp, f);
  }
  for (const [fp, f] of found) {
    const known = alerts[fp];
    const first = known?.episodes[0] ? Date.parse(known.episodes[0].startsAt) : Infinity;
    const before = f.episodes
      .filter((e) => e.resolvedAt !== null && Date.parse(e.resolvedAt) <= first)
      .sort((a, b) => (a.startsAt < b.startsAt ? -1 : 1));
    if (!before.length) continue;
    alerts[fp] = known
      ? { ...known, episodes: [...before, ...known.episodes] }
      : { fingerprint: fp, labels: f.labels, annotations: {}, generatorURL: '', episodes: before };
  }
  return { alerts };
}
