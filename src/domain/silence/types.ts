// What a silence request is before it reaches an Alertmanager, and what the guardrails say about it.
import type { Matcher } from '../matchers.js';
import type { Alert } from '../types.js';

/** A silence to create: times are absolute so that a retry sends exactly the same request. */
export interface SilenceSpec {
  matchers: Matcher[];
  startsAt: string;
  endsAt: string;
  createdBy: string;
  comment: string;
}

export interface GuardrailLimits {
  /** Confirmation is required above this many matched firing alerts. */
  maxAlerts: number;
  /** Confirmation is required for silences lasting longer than this (ms). */
  maxDurationMs: number;
  /** Label whose distinct values count as clusters. */
  clusterLabel: string;
  readOnly: boolean;
}

export interface GuardrailVerdict {
  /** Reasons the silence must not be created at all; empty when it may be. */
  refusals: string[];
  /** Reasons it needs an explicit yes (`--yes`, or the confirm step of the form). */
  confirmations: string[];
  /** Firing alerts the matchers catch now, across every Alertmanager of the context. */
  matched: Alert[];
  /** Distinct cluster label values among the matched alerts. */
  clusters: string[];
}
