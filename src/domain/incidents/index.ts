// The incident model in one import: grouping, rules, layers, trees, synthetic storms and their scoring.
export * from './types.js';
export { groupIncidents, incidentId, incidentTitle, MAX_EDGES_PER_EFFECT } from './group.js';
export { whereOf } from './where.js';
export { defaultCausalRules, rulesFromConfig, rulesFromInhibitRules, mergeRules, formatRule, ruleKey, GroupingConfigError, type CausalRuleInput } from './rules.js';
export { groupingOptions, layerPatternsFromConfig, DEFAULT_TOLERANCE, DEFAULT_LAYER_LABELS, type GroupingSettings } from './options.js';
export { layerOf, layerFromLabels, layerFromName, DEFAULT_LAYER_PATTERNS, type KnownLayer } from './layer.js';
export { severityOf, maxSeverity, SEVERITY_RANK } from './severity.js';
export { treeRows, describeEdge, type TreeRow } from './tree.js';
export { syntheticStorm, labelKey, syntheticFingerprint, prng, STORM_TEMPLATES, type Storm, type StormOptions, type StormTruth, type StormKind } from './synthetic.js';
export { scoreGrouping, type GroupingScore, type GroupedLike } from './evaluate.js';
