// The handoff report: what the next person on call must know, built only from what the backends and oncall's own
// records say. These types are the `oncall handoff --json` contract (README, "Handoff"): fields are added, never
// renamed or removed, without raising HANDOFF_SCHEMA_VERSION.
import type { Severity, Layer } from '../types.js';
import type { CheckOutcome } from '../runbook/types.js';
import type { SloState } from '../slo/windows.js';

export const HANDOFF_SCHEMA_VERSION = 1;

/** A backend whose data is missing from (or older in) the report. */
export interface BackendDown {
  backend: 'alertmanager' | 'prometheus';
  name: string;
  error: string;
  /** What the report shows instead: the age of the last good data, or null when there is none. */
  dataAgeSeconds: number | null;
  /** The sections that lack its data. */
  missing: string[];
  /**
   * Sections filled instead from what oncall's incident memory held as firing (every Alertmanager down), and when
   * that was last seen; null when none are.
   */
  remembered: { sections: string[]; asOf: string } | null;
}

/** Who muted an incident's alerts: a silence or an ack (a silence commented "ack by …"). */
export interface Mute {
  kind: 'silence' | 'ack';
  silenceId: string;
  by: string;
  comment: string;
  endsAt: string;
}

export interface OpenIncident {
  id: string;
  title: string;
  severity: Severity;
  layer: Layer;
  root: { fingerprint: string; alertname: string; summary: string };
  startedAt: string;
  ageSeconds: number;
  /**
   * active: an alert fires unmuted; acked / silenced: all muted, by an ack (or a silence); inhibited: by
   * Alertmanager; unknown: remembered (source memory), whose muting oncall does not keep.
   */
  state: 'active' | 'acked' | 'silenced' | 'inhibited' | 'unknown';
  /** alertmanager: read now; memory: every Alertmanager down, as oncall's incident memory last saw it firing. */
  source: 'alertmanager' | 'memory';
  /** When a remembered incident was last seen firing; null when read now. */
  asOf: string | null;
  alerts: number;
  activeAlerts: number;
  /** Symptom alert names, in causal order. */
  symptoms: string[];
  mutedBy: Mute[];
}

export interface ResolvedIncident {
  id: string;
  title: string;
  severity: Severity;
  startedAt: string;
  resolvedAt: string;
  durationSeconds: number;
  /**
   * It fired before the window began (the ALERTS history read over the window starts there, so startedAt and
   * durationSeconds are at least that, not more).
   */
  startedBeforeWindow: boolean;
  rootCause: { fingerprint: string; alertname: string; summary: string };
  alerts: number;
}

/**
 * created: started (or was made, when pending) during the window; ended: expired during the window; ends soon: ends
 * within the next 2 hours while alerts it catches still fire; until resolved: expired by a running oncall once its
 * alerts stop (see `watcher`: with none running it stays until its end).
 */
export type SilenceReason = 'created' | 'ended' | 'ends soon' | 'until resolved';

export interface HandoffSilence {
  /** Every copy's ID (one per independent Alertmanager cluster). */
  ids: string[];
  kind: 'silence' | 'ack';
  status: 'active' | 'pending' | 'expired';
  matchers: string;
  by: string;
  comment: string;
  startsAt: string;
  endsAt: string;
  untilResolved: boolean;
  /** Firing alerts it catches now (null when the alerts could not be read). */
  firing: number | null;
  /** Why it is in the report, in this order. */
  reasons: SilenceReason[];
}

export interface Watcher {
  /** A TUI or `oncall watch` of this context wrote the state file recently: until-resolved silences are expired. */
  running: boolean;
  writer: string | null;
  ageSeconds: number | null;
}

export interface HandoffCheck {
  outcome: CheckOutcome;
  summary: string;
  at: string;
}

export interface HandoffStep {
  step: string;
  state: 'done' | 'skipped' | 'pending';
  at: string | null;
  note: string | null;
  /** Every check result the step holds (failing ones: outcome fail or error). */
  checks: HandoffCheck[];
}

export interface HandoffRunbook {
  incidentId: string;
  /** The incident's title when it is open or resolved in the window; null when oncall no longer knows it. */
  incidentTitle: string | null;
  incidentOpen: boolean;
  runbook: string;
  title: string;
  done: number;
  skipped: number;
  /** Steps in the runbook; null when the runbook is not a local file (a web page, or gone). */
  total: number | null;
  updatedAt: string;
  steps: HandoffStep[];
  notes: { step: string; note: string }[];
  failingChecks: { step: string; outcome: CheckOutcome; summary: string; at: string }[];
}

export interface HandoffSlo {
  id: string;
  name: string;
  objective: number | null;
  periodSeconds: number;
  /** Over exactly the report's window. */
  windowErrorRatio: number | null;
  windowBurnRate: number | null;
  /** Share of the period's error budget burned during the window (0.05 = 5%). */
  budgetBurned: number | null;
  budgetRemaining: number | null;
  state: SloState | null;
}

export interface HandoffGpu {
  cluster: string | null;
  host: string;
  gpu: string;
  usedRatio: number | null;
  timeToFullSeconds: number;
}

export interface HandoffModel {
  model: string;
  alerts: { fingerprint: string; alertname: string; severity: string; summary: string; startsAt: string }[];
  /** Measures past their threshold now (PSI, similarity, accuracy, corrections). */
  breached: string[];
}

export interface Handoff {
  schemaVersion: typeof HANDOFF_SCHEMA_VERSION;
  generatedAt: string;
  context: string;
  window: { since: string; until: string; seconds: number };
  down: BackendDown[];
  /** null: unknown (Alertmanager down and nothing remembered). */
  openIncidents: OpenIncident[] | null;
  resolvedIncidents: ResolvedIncident[] | null;
  silences: HandoffSilence[] | null;
  watcher: Watcher;
  runbooks: HandoffRunbook[];
  slos: {
    /** SLOs that burned budget in the window or page or ticket now, worst first. */
    listed: HandoffSlo[];
    paging: string[];
    ticketing: string[];
    /** SLOs left out: no budget burned in the window and neither paging nor ticketing (or no data). */
    quiet: number;
  } | null;
  gpus: { horizonSeconds: number; predictedFull: HandoffGpu[] } | null;
  models: HandoffModel[] | null;
  warnings: string[];
}
