// Causal rules: the shipped defaults (the article's chains), rules from the config file, and Alertmanager
// inhibit rules read from its running configuration. All share inhibit-rule semantics: cause = source,
// effect = target.
import YAML from 'yaml';
import {
  compileRegex,
  formatMatcher,
  MatcherParseError,
  parseMatchers,
  RegexSyntaxError,
  type Matcher,
} from '../matchers.js';
import type { CausalRule } from './types.js';
import { OncallError } from '../errors.js';

/** A mistake in the causal part of the configuration; `key` is its path, e.g. "causal_rules[2].cause_matchers[0]". */
export class GroupingConfigError extends OncallError {
  constructor(
    readonly key: string,
    readonly reason: string,
  ) {
    super('config', `${key}: ${reason}`);
    this.name = 'GroupingConfigError';
  }
}

const re = (v: string): Matcher => ({ name: 'alertname', type: '=~', value: v });
const eq = (v: string): Matcher => ({ name: 'alertname', type: '=', value: v });

const INFRA = ['cluster', 'instance'];
const QUALITY = ['cluster', 'model'];

/** The chains of the article, one rule per "cause → effects" line. Fresh objects on every call. */
export function defaultCausalRules(): CausalRule[] {
  const rule = (cause: Matcher, effect: Matcher, equal: string[]): CausalRule => ({
    cause: [cause],
    effect: [effect],
    equal: [...equal],
    origin: 'default',
    source: 'built-in',
  });
  return [
    // infrastructure → service
    rule(eq('GPUMemoryOOM'), re('HighPredictionLatency.*|HighErrorRate.*|BatchTimeout'), INFRA),
    rule(re('ContainerRestartSpike|ModelServerCrash'), re('HighErrorRate.*|HighPredictionLatency.*'), INFRA),
    rule(eq('PredictionServiceDown'), re('HighPredictionLatency.*|HighErrorRate.*|ThroughputDrop'), INFRA),
    rule(eq('BatchTimeout'), eq('QueueBacklog'), INFRA),
    rule(eq('QueueBacklog'), eq('ThroughputDrop'), INFRA),
    // a latency spike drives timeouts, which show up as errors
    rule(re('HighPredictionLatency.*'), re('HighErrorRate.*'), INFRA),
    // model quality
    rule(
      eq('FeaturePipelineFailure'),
      re('InputFeatureDrift|PredictionDistributionShift|HighUserCorrectionRate|AccuracyDegradation'),
      QUALITY,
    ),
    rule(re('InputFeatureDrift|EmbeddingDrift'), eq('PredictionDistributionShift'), QUALITY),
    rule(eq('PredictionDistributionShift'), re('HighUserCorrectionRate|AccuracyDegradation'), QUALITY),
    rule(eq('HighUserCorrectionRate'), eq('AccuracyDegradation'), QUALITY),
  ];
}

/**
 * The Kubernetes pack (kube-prometheus alert names): a node's trouble causes its pods' trouble, a pod's trouble its
 * workload's. `node` and `workload` are derived topology (domain/topology): equal means the sets intersect.
 * Watchdog and InfoInhibitor are in no rule and never join an incident (index-alerts.ts, NEVER_JOINS).
 */
export function kubernetesRules(): CausalRule[] {
  const rule = (cause: string, effect: string, equal: string[]): CausalRule => ({
    cause: [re(cause)],
    effect: [re(effect)],
    equal,
    origin: 'default',
    source: 'built-in kubernetes pack',
  });
  const podTrouble = 'KubePodNotReady|KubePodCrashLooping|KubeContainerWaiting';
  return [
    rule(
      'KubeNodeNotReady|KubeNodeUnreachable|KubeletDown|NodeFilesystemAlmostOutOfSpace|NodeFilesystemSpaceFillingUp|GPUMemoryOOM|GPUXidError',
      podTrouble,
      ['cluster', 'node'],
    ),
    rule(
      podTrouble,
      'KubeDeploymentReplicasMismatch|KubeStatefulSetReplicasMismatch|KubeDaemonSetRolloutStuck|KubeDeploymentRolloutStuck',
      ['cluster', 'workload'],
    ),
  ];
}

/** The config file's form of a rule (snake_case, as in Alertmanager's inhibit_rules). */
export interface CausalRuleInput {
  cause_matchers: string[];
  effect_matchers: string[];
  equal?: string[];
}

function parseSide(list: unknown, key: string): Matcher[] {
  if (!Array.isArray(list))
    throw new GroupingConfigError(key, 'expected a list of matcher strings, e.g. [\'alertname="GPUMemoryOOM"\']');
  const out: Matcher[] = [];
  list.forEach((s, i) => {
    if (typeof s !== 'string')
      throw new GroupingConfigError(`${key}[${i}]`, 'expected a matcher string such as \'alertname="GPUMemoryOOM"\'');
    try {
      out.push(...parseMatchers(s));
    } catch (e) {
      if (e instanceof MatcherParseError)
        throw new GroupingConfigError(
          `${key}[${i}]`,
          `bad matcher ${JSON.stringify(s)}: ${e.reason} (position ${e.position})`,
        );
      throw e;
    }
  });
  if (!out.length) throw new GroupingConfigError(key, 'needs at least one matcher');
  return out;
}

function parseEqual(v: unknown, key: string): string[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string'))
    throw new GroupingConfigError(key, 'expected a list of label names, e.g. [cluster, instance]');
  return [...(v as string[])];
}

/** Rules from the config's `causal_rules`. Errors name the rule index and the matcher. */
export function rulesFromConfig(list: readonly CausalRuleInput[] = [], prefix = 'causal_rules'): CausalRule[] {
  return list.map((r, i) => ({
    cause: parseSide(r.cause_matchers, `${prefix}[${i}].cause_matchers`),
    effect: parseSide(r.effect_matchers, `${prefix}[${i}].effect_matchers`),
    equal: parseEqual(r.equal, `${prefix}[${i}].equal`),
    origin: 'config',
    source: `${prefix}[${i}]`,
  }));
}

function fromMap(v: unknown, type: '=' | '=~', key: string): Matcher[] {
  if (v === undefined || v === null) return [];
  if (typeof v !== 'object' || Array.isArray(v))
    throw new GroupingConfigError(key, 'expected a map of label name to value');
  return Object.entries(v as Record<string, unknown>).map(([name, value]) => {
    if (typeof value !== 'string') throw new GroupingConfigError(`${key}.${name}`, 'expected a string value');
    if (type === '=~') {
      try {
        compileRegex(value);
      } catch (e) {
        if (!(e instanceof RegexSyntaxError)) throw e;
        throw new GroupingConfigError(
          `${key}.${name}`,
          `invalid regular expression ${JSON.stringify(value)}: ${e.message}`,
        );
      }
    }
    return { name, type, value };
  });
}

function inhibitSide(r: Record<string, unknown>, side: 'source' | 'target', key: string): Matcher[] {
  const matchers = r[`${side}_matchers`];
  return [
    ...fromMap(r[`${side}_match`], '=', `${key}.${side}_match`),
    ...fromMap(r[`${side}_match_re`], '=~', `${key}.${side}_match_re`),
    // Alertmanager requires at least one matcher per side only in newer versions; an empty side matches everything there.
    ...(matchers === undefined || matchers === null ? [] : parseSide(matchers, `${key}.${side}_matchers`)),
  ];
}

/**
 * Rules from an Alertmanager configuration (YAML text, e.g. /api/v2/status `config.original`): both the old
 * `source_match`/`source_match_re`/`target_match`/`target_match_re` maps and the newer `source_matchers`/
 * `target_matchers` lists. A rule that cannot be read is skipped and described in `warnings`.
 */
export function rulesFromInhibitRules(
  amConfigYaml: string,
  source = 'alertmanager',
  warnings: string[] = [],
): CausalRule[] {
  let doc: unknown;
  try {
    doc = YAML.parse(amConfigYaml);
  } catch (e) {
    warnings.push(
      `${source}: configuration is not valid YAML (${(e as Error).message.split('\n')[0]}); its inhibit rules are not used`,
    );
    return [];
  }
  const list = doc && typeof doc === 'object' ? (doc as Record<string, unknown>).inhibit_rules : undefined;
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list)) {
    warnings.push(`${source}: inhibit_rules is not a list; not used`);
    return [];
  }
  const out: CausalRule[] = [];
  list.forEach((r, i) => {
    const key = `inhibit_rules[${i}]`;
    try {
      if (!r || typeof r !== 'object') throw new GroupingConfigError(key, 'expected a map');
      const rec = r as Record<string, unknown>;
      out.push({
        cause: inhibitSide(rec, 'source', key),
        effect: inhibitSide(rec, 'target', key),
        equal: parseEqual(rec.equal, `${key}.equal`),
        origin: 'inhibit_rule',
        source: `${source} ${key}`,
      });
    } catch (e) {
      if (!(e instanceof GroupingConfigError)) throw e;
      warnings.push(`${source}: ${e.message}; rule skipped`);
    }
  });
  return out;
}

/** Canonical text of a rule's semantics (not its origin), used to drop duplicates. */
export function ruleKey(r: CausalRule): string {
  const side = (ms: Matcher[]) => ms.map(formatMatcher).sort().join(',');
  return `${side(r.cause)} -> ${side(r.effect)} | ${[...r.equal].sort().join(',')}`;
}

/**
 * Concatenates rule lists, keeping the first of rules with the same semantics (HA replicas share a config, an
 * inhibit rule may restate a built-in one); the first one's `source` then names the others too.
 */
export function mergeRules(...lists: CausalRule[][]): CausalRule[] {
  const at = new Map<string, number>();
  const out: CausalRule[] = [];
  for (const list of lists)
    for (const r of list) {
      const k = ruleKey(r);
      const i = at.get(k);
      if (i === undefined) {
        at.set(k, out.length);
        out.push(r);
      } else if (r.source && out[i]!.source !== r.source) {
        out[i] = { ...out[i]!, source: `${out[i]!.source ?? out[i]!.origin}; ${r.source}` };
      }
    }
  return out;
}

/** One line: `{alertname="GPUMemoryOOM"} → {alertname=~"…"} equal [cluster, instance]`. */
export function formatRule(r: CausalRule): string {
  const side = (ms: Matcher[]) => (ms.length ? `{${ms.map(formatMatcher).join(', ')}}` : '{} (any alert)');
  return `${side(r.cause)} → ${side(r.effect)}${r.equal.length ? ` equal [${r.equal.join(', ')}]` : ''}`;
}
