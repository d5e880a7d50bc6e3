// GroupingOptions from the context's settings (the causal part of the config file) plus rules found elsewhere.
import { DurationError, parseDuration } from '../duration.js';
import { compileRegex, RegexSyntaxError } from '../matchers.js';
import {
  defaultCausalRules,
  GroupingConfigError,
  kubernetesRules,
  mergeRules,
  rulesFromConfig,
  type CausalRuleInput,
} from './rules.js';
import type { KnownLayer } from './layer.js';
import type { CausalRule, GroupingOptions } from './types.js';

/** The config keys that shape grouping (same names as in the config file). */
export interface GroupingSettings {
  causal_rules?: CausalRuleInput[];
  replace_default_rules?: boolean;
  /** The Kubernetes rule pack (default on; off with replace_default_rules too). */
  kubernetes_rules?: boolean;
  /** The context's cluster label (silence.cluster_label): topology never matches across its values. */
  silence?: { cluster_label?: string };
  symptom_lead_tolerance?: string;
  layer_labels?: string[];
  layers?: Record<string, KnownLayer>;
}

export const DEFAULT_TOLERANCE = '10m';
export const DEFAULT_LAYER_LABELS = ['layer', 'alert_type'];

/** Config `layers`: alert-name regex (anchored, as in matchers) → layer. */
export function layerPatternsFromConfig(layers: Record<string, KnownLayer> = {}): GroupingOptions['layerPatterns'] {
  return Object.entries(layers).map(([pattern, layer]) => {
    try {
      return [compileRegex(pattern), layer];
    } catch (e) {
      if (!(e instanceof RegexSyntaxError)) throw e;
      throw new GroupingConfigError(
        `layers.${JSON.stringify(pattern)}`,
        `invalid regular expression: ${e.message} (at character ${e.offset + 1})`,
      );
    }
  });
}

/**
 * Effective options: default rules (unless replaced), then the config's rules, then `extraRules` (inhibit rules
 * of the running Alertmanagers); duplicates keep their first origin.
 */
export function groupingOptions(s: GroupingSettings = {}, extraRules: CausalRule[] = []): GroupingOptions {
  const tol = s.symptom_lead_tolerance ?? DEFAULT_TOLERANCE;
  let toleranceMs: number;
  try {
    toleranceMs = parseDuration(tol);
  } catch (e) {
    if (e instanceof DurationError) throw new GroupingConfigError('symptom_lead_tolerance', e.message);
    throw e;
  }
  return {
    rules: mergeRules(
      s.replace_default_rules ? [] : defaultCausalRules(),
      s.replace_default_rules || s.kubernetes_rules === false ? [] : kubernetesRules(),
      rulesFromConfig(s.causal_rules ?? []),
      extraRules,
    ),
    toleranceMs,
    layerLabels: s.layer_labels ?? [...DEFAULT_LAYER_LABELS],
    layerPatterns: layerPatternsFromConfig(s.layers),
    clusterLabel: s.silence?.cluster_label ?? 'cluster',
  };
}
