// The incident model: alerts joined by causal edges, root cause first.
import type { Matcher, Pattern } from '../matchers.js';
import type { Alert, Layer, Severity } from '../types.js';

/** Same semantics as an Alertmanager inhibit rule: source = cause, target = effect. */
export interface CausalRule {
  cause: Matcher[];
  effect: Matcher[];
  /** Labels that must be equal on cause and effect; a label missing on both counts as equal. */
  equal: string[];
  origin: 'default' | 'config' | 'inhibit_rule';
  /** Where the rule was found, for `oncall rules`: e.g. "causal_rules[2]", "alertmanager 10.0.0.5:9093 inhibit_rules[0]". */
  source?: string;
}

/** Why an alert sits under its parent: a rule (index into GroupingOptions.rules) or Alertmanager's inhibitedBy. */
export interface CausalEdge {
  via: 'rule' | 'inhibited_by';
  rule?: number;
}

export interface IncidentAlert extends Alert {
  layer: Layer;
  /** Fingerprint of the alert this one is a symptom of, or null for the root (and unrelated alerts). */
  causedBy: string | null;
  /** The edge from causedBy to this alert; null where causedBy is null. */
  edge?: CausalEdge | null;
}

export interface Incident {
  /** Stable across refreshes: derived from the root alert. */
  id: string;
  title: string;
  severity: Severity;
  layer: Layer;
  /** Fingerprint of the root alert. */
  root: string;
  /** Root first, then symptoms in causal (breadth-first) order. */
  alerts: IncidentAlert[];
  /** Earliest startsAt among the incident's alerts. */
  startsAt: string;
  /** When its last alert resolved, once all of them have (remembered alerts, src/domain/memory); else null. */
  resolvedAt?: string | null;
}

export interface GroupingOptions {
  rules: CausalRule[];
  /** A symptom may start up to this long before its cause and still be grouped under it. */
  toleranceMs: number;
  /** Label names that carry the layer, first match wins (default: layer, alert_type). */
  layerLabels: string[];
  /** Alert-name patterns → layer, tried before the built-in ones. */
  layerPatterns: [Pattern, Exclude<Layer, 'unknown'>][];
  /** The label naming an alert's cluster (default `cluster`): topology values never match across clusters. */
  clusterLabel?: string;
}
