// What `oncall watch` logs: one line per change between two rounds (counts, critical incidents, SLO state,
// backends down), nothing when nothing changed. Pure.
import type { CriticalIncident, SloSummary, StatusCounts } from './statusline.js';

export interface WatchRound {
  counts?: StatusCounts;
  critical?: CriticalIncident[];
  slo?: SloSummary;
  down?: string[];
  /** The round failed (no Alertmanager answered): the rest is the previous round's. */
  error?: string;
}

const RANK: Record<SloSummary, number> = { ok: 0, ticket: 1, page: 2 };

/** The worst of the SLOs' states; undefined when none is known. */
export function worstSlo(states: readonly (SloSummary | null)[]): SloSummary | undefined {
  let worst: SloSummary | undefined;
  for (const s of states) if (s && (!worst || RANK[s] > RANK[worst])) worst = s;
  return worst;
}

function countsText(c: StatusCounts): string {
  return `${c.critical} critical, ${c.warning} warning, ${c.info} info, ${c.silenced} silenced`;
}

export function describeChange(prev: WatchRound | undefined, next: WatchRound): string[] {
  const out: string[] = [];
  if (next.error) {
    if (next.error !== prev?.error) out.push(`error: ${next.error}`);
    return out;
  }
  if (prev?.error) out.push('recovered');
  if (next.counts && (!prev?.counts || countsText(prev.counts) !== countsText(next.counts)))
    out.push(`incidents: ${countsText(next.counts)}`);
  const before = new Set((prev?.critical ?? []).map((c) => c.id));
  const after = new Set((next.critical ?? []).map((c) => c.id));
  for (const c of next.critical ?? []) if (!before.has(c.id)) out.push(`critical: ${c.id} ${c.title}`);
  for (const c of prev?.critical ?? []) if (!after.has(c.id)) out.push(`no longer active critical: ${c.id} ${c.title}`);
  if (prev && next.slo !== prev.slo) out.push(`slo: ${next.slo ?? 'unknown'}`);
  else if (!prev && next.slo) out.push(`slo: ${next.slo}`);
  const down = (next.down ?? []).join(', ');
  if (down !== (prev?.down ?? []).join(', ')) out.push(down ? `down: ${down}` : 'every alertmanager answers');
  return out;
}
