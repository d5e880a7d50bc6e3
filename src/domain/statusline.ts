// The status line's content (`oncall statusline`, the state file a running oncall keeps) and the desktop
// notification's escape sequences. Pure: the counts come from incidents, the text from the counts.
import type { Incident } from './incidents/types.js';
import { splitHeartbeat } from './incidents/heartbeat.js';
import { ownSequence, sanitizeLine } from './sanitize.js';
import { formatAge } from './duration.js';

export type SloSummary = 'ok' | 'ticket' | 'page';

export interface StatusCounts {
  /** Incidents with at least one active (not silenced, not inhibited) alert, by the incident's severity. */
  critical: number;
  warning: number;
  info: number;
  /** Incidents whose alerts are all suppressed, at least one by a silence (or an ack, which is a silence). */
  silenced: number;
}

export interface CriticalIncident {
  id: string;
  title: string;
}

export interface StatusSnapshot {
  /** Format of the state file; a reader refuses other versions. */
  version: 1;
  generatedAt: string;
  context: string;
  counts: StatusCounts;
  /** Active critical incidents, for notifications; titles already sanitized. */
  critical: CriticalIncident[];
  /** Worst SLO state when the writer knew it; absent when unknown. */
  slo?: SloSummary;
  /** Each backend's health; `kind` names the Alertmanagers, whose being down makes the counts doubtful. */
  backends: StatusBackend[];
  /** Who wrote it: "tui", "watch" or "statusline" (its own fallback query). */
  writer: string;
}

export interface StatusBackend {
  name: string;
  state: string;
  /** Absent in files written before it was added, and for what is not a backend (the Watchdog). */
  kind?: 'alertmanager' | 'prometheus';
  since?: number;
  error?: string;
}

/**
 * Why the counts may be wrong: "2 alertmanagers down" (only the Alertmanagers give the counts). The list may come
 * from a state file on disk: entries that are not objects are passed over.
 */
export function backendProblem(backends: unknown): string | undefined {
  const down = Array.isArray(backends)
    ? backends.filter(
        (b: Partial<StatusBackend> | null) =>
          typeof b === 'object' && b?.kind === 'alertmanager' && b.state === 'unreachable',
      ).length
    : 0;
  return down ? `${down} alertmanager${down > 1 ? 's' : ''} down` : undefined;
}

const isActive = (inc: Incident) => inc.alerts.some((a) => a.state !== 'suppressed' && !a.resolvedAt);

/**
 * Counts per incident, Watchdog and InfoInhibitor left out (they are the pipeline's heartbeat, not incidents).
 * The same rule applied to `incidents --json` gives the same numbers: state "active" there is neither suppressed nor
 * resolved (a resolved cause kept by incident memory).
 */
export function statusCounts(incidents: readonly Incident[]): { counts: StatusCounts; critical: CriticalIncident[] } {
  const counts: StatusCounts = { critical: 0, warning: 0, info: 0, silenced: 0 };
  const critical: CriticalIncident[] = [];
  for (const inc of splitHeartbeat(incidents).shown) {
    if (isActive(inc)) {
      counts[inc.severity]++;
      if (inc.severity === 'critical') critical.push({ id: inc.id, title: sanitizeLine(inc.title) });
    } else if (inc.alerts.some((a) => a.silencedBy.length)) counts.silenced++;
  }
  return { counts, critical };
}

/** text: symbols without colour codes; plain: ASCII only; tmux: with #[fg=…] colours. */
export type StatusFormat = 'text' | 'plain' | 'tmux' | 'json';

/** A snapshot older than this is marked stale. */
export const STALE_AFTER_MS = 60_000;

export interface StatusView {
  snapshot: StatusSnapshot;
  /** How old its data is, at the time of printing. */
  ageMs: number;
  /** Why the data may be missing or old, e.g. "alertmanager down". */
  problem?: string;
}

/** The snapshot as printed at `now`: its age, and the Alertmanagers it says are down. */
export function statusView(snapshot: StatusSnapshot, now: number): StatusView {
  const problem = backendProblem(snapshot.backends);
  return { snapshot, ageMs: now - Date.parse(snapshot.generatedAt), ...(problem ? { problem } : {}) };
}

const SYMBOLS = {
  emoji: { critical: '🔥', warning: '⚠', silenced: '☾', ok: '✓' },
  plain: { critical: 'C', warning: 'W', silenced: 'S', ok: 'ok' },
};

/** One short line; a trailing `(stale 3m)` when the data is older than a minute. */
export function formatStatusline(v: StatusView, format: Exclude<StatusFormat, 'json'>): string {
  const s = SYMBOLS[format === 'plain' ? 'plain' : 'emoji'];
  const c = v.snapshot.counts;
  const colour = (fg: string, text: string) => (format === 'tmux' ? `#[fg=${fg}]${text}#[default]` : text);
  const parts: string[] = [];
  if (c.critical) parts.push(colour('red', `${s.critical}${c.critical}`));
  if (c.warning) parts.push(colour('yellow', `${s.warning}${c.warning}`));
  if (c.silenced) parts.push(colour('colour244', `${s.silenced}${c.silenced}`));
  if (!parts.length) parts.push(colour('green', s.ok));
  const slo = v.snapshot.slo;
  if (slo === 'page') parts.push(colour('red', 'SLO:page'));
  else if (slo === 'ticket') parts.push(colour('yellow', 'SLO:ticket'));
  if (v.ageMs > STALE_AFTER_MS || v.problem) {
    const why = [v.ageMs > STALE_AFTER_MS ? `stale ${formatAge(v.ageMs)}` : '', v.problem ?? '']
      .filter(Boolean)
      .join(', ');
    parts.push(colour('colour244', `(${why})`));
  }
  return parts.join(' ');
}

export function statuslineJson(v: StatusView) {
  return {
    generatedAt: v.snapshot.generatedAt,
    context: v.snapshot.context,
    ...v.snapshot.counts,
    slo: v.snapshot.slo ?? null,
    stale: v.ageMs > STALE_AFTER_MS || Boolean(v.problem),
    ageSeconds: Math.round(v.ageMs / 1000),
    ...(v.problem ? { problem: v.problem } : {}),
    writer: v.snapshot.writer,
  };
}

/** Field text for OSC 777/9: sanitized, one line, without `;` (OSC 777's field separator), bounded. */
function field(s: string, max: number): string {
  const t = sanitizeLine(s).replace(/;/g, ',').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

/**
 * The escape sequences of one desktop notification: OSC 777 (urxvt, foot, WezTerm, Ghostty, VTE) and OSC 9
 * (iTerm2, Windows Terminal, kitty). Terminals that know neither ignore both. Only these two sequences are
 * produced here, around sanitized text, and noted as the product's own so the output sinks let them through.
 * Inside tmux (`inTmux`) they are wrapped for its passthrough, which reaches the outer terminal only with
 * `allow-passthrough on`.
 */
export function notifySequences(title: string, body: string, inTmux = false): string {
  const t = field(title, 80);
  const b = field(body, 200);
  const seq = `\u001b]777;notify;${t};${b}\u0007\u001b]9;${t}: ${b}\u0007`;
  return ownSequence(inTmux ? `\u001bPtmux;${seq.replace(/\u001b/g, '\u001b\u001b')}\u001b\\` : seq);
}

/** The critical incidents not notified yet. */
export function toNotify(current: readonly CriticalIncident[], notified: ReadonlySet<string>): CriticalIncident[] {
  return current.filter((c) => !notified.has(c.id));
}
