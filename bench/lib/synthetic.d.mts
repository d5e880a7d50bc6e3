// Types of synthetic.mjs.
import type { Alert, Labels, Severity } from '../../src/domain/types.js';
export interface StormOptions {
  /** PRNG seed; the same seed gives the same storm. */
  seed?: number;
  /** Exact number of alerts (default 60). */
  alerts?: number;
  /** Cluster names; instance and model names repeat in each (default prod-us, prod-eu, staging). */
  clusters?: string[];
  /** Reference time in ms; every alert starts before it (default 2025-01-15T03:00:00Z). */
  now?: number;
  /** The tolerance the storm is built around (default 10 minutes). */
  toleranceMs?: number;
  /** Share of symptoms that start before their cause, within the tolerance (default 0.2). */
  earlyShare?: number;
  /** Share of chains that get a same-host symptom starting beyond the tolerance before the chain (default 0.15). */
  beyondShare?: number;
  /** Share of chains whose host also carries unrelated alerts (default 0.35). */
  noiseShare?: number;
}
export type StormKind =
  | 'resource-squeeze'
  | 'cascading-crash'
  | 'restart-spike'
  | 'service-down'
  | 'batch-backlog'
  | 'latency-errors'
  | 'feature-pipeline'
  | 'silent-degradation'
  | 'noise'
  | 'beyond-tolerance';
export interface StormTruth {
  /** labelKey(labels) → name of the true incident. */
  incidentOf: Map<string, string>;
  /** Incident name → labelKey of its root alert. */
  rootOf: Map<string, string>;
  /** Incident name → what produced it. */
  kindOf: Map<string, StormKind>;
}
export interface Storm {
  alerts: Alert[];
  truth: StormTruth;
}
/** Canonical text of a label set: the key ground truth uses. */
export declare function labelKey(labels: Labels): string;
/** A 16-hex-digit fingerprint of a label set (Alertmanager computes its own; this one is for unit use). */
export declare function syntheticFingerprint(labels: Labels): string;
interface Member {
  name: string;
  severity: Severity;
  /** Index of the cause within the template; -1 for the root, -2 for a second cause of the root's symptoms. */
  parent: number;
  /** Probability of being present (the root always is). */
  p: number;
}
interface Template {
  kind: StormKind;
  layer: 'infra' | 'quality';
  members: Member[];
}
/** Each parent → child pair is linked by a default rule; the root's name is no default rule's effect. */
export declare const STORM_TEMPLATES: Template[];
export declare function syntheticStorm(o?: StormOptions): Storm;
export {};
