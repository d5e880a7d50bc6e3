// Incidents for a context, for `oncall incidents`, `oncall rules` and the TUI's data worker alike: the context's
// causal settings plus the Alertmanagers' inhibit rules, turned into grouping options once, here.
import { ConfigError } from '../backends/config/config-error.js';
import { inhibitRulesFromConfigs, inhibitRulesOf, type InhibitRules } from '../backends/incidents.js';
import type { IncidentInputs } from '../backends/incidents-fetch.js';
import type { BackendError } from '../backends/errors.js';
import { groupIncidents } from '../domain/incidents/group.js';
import { groupingOptions, type GroupingSettings } from '../domain/incidents/options.js';
import { GroupingConfigError } from '../domain/incidents/rules.js';
import type { CausalRule, GroupingOptions, Incident } from '../domain/incidents/types.js';
import type { Alert } from '../domain/types.js';
import type { TopologySnapshot } from '../domain/topology/snapshot.js';
import type { TopologyState } from '../backends/topology.js';

/**
 * Grouping options for a context, as a ConfigError naming the file and key when the causal settings are wrong
 * (`where` is e.g. "/home/me/.config/oncall/config.yaml: contexts.prod").
 */
export function contextGroupingOptions(
  settings: GroupingSettings,
  extraRules: CausalRule[] = [],
  where = 'config',
): GroupingOptions {
  try {
    return groupingOptions(settings, extraRules);
  } catch (e) {
    if (e instanceof GroupingConfigError)
      throw new ConfigError(`${where}.${e.key}: ${e.reason}`, undefined, undefined, e.key);
    throw e;
  }
}

export interface IncidentSnapshot {
  generatedAt: string;
  incidents: Incident[];
  options: GroupingOptions;
  /** Alertmanagers that did not answer (the others' alerts are still grouped). */
  failures: BackendError[];
  /** Everything else worth a line on stderr: unreadable rules, configurations that could not be fetched. */
  warnings: string[];
  topology?: TopologyState;
}

export { inhibitRulesOf } from '../backends/incidents.js';

/**
 * Groups what fetchIncidentInputs read, with the context's causal settings and the inhibit rules (`inhibit`, when
 * already read from `inputs.statuses`).
 */
export function groupInputs(
  inputs: IncidentInputs,
  settings: GroupingSettings,
  where?: string,
  inhibit: InhibitRules = inhibitRulesOf(inputs.statuses),
): IncidentSnapshot {
  const options = contextGroupingOptions(settings, inhibit.rules, where);
  const failed = new Set(inputs.failures.map((f) => f.backendName));
  const warnings = [
    ...inhibit.warnings,
    ...inhibit.unreachable
      .filter((u) => !failed.has(u.error.backendName))
      .map((u) => `${u.error.message}; its inhibit rules are not used`),
  ];
  const incidents = groupIncidents(inputs.alerts, options, inputs.topology?.snapshot);
  return {
    generatedAt: new Date().toISOString(),
    incidents,
    options,
    failures: inputs.failures,
    warnings,
    topology: inputs.topology,
  };
}

export type Grouper = (alerts: Alert[], topology?: TopologySnapshot) => Incident[];

/** A grouping function kept across refreshes (the TUI re-reads the configurations now and then, not every time). */
export function grouperFor(
  settings: GroupingSettings,
  amConfigs: { name: string; original: string }[],
  where?: string,
): { group: Grouper; warnings: string[] } {
  const inhibit = inhibitRulesFromConfigs(amConfigs);
  const opts = contextGroupingOptions(settings, inhibit.rules, where);
  return { group: (alerts, topology) => groupIncidents(alerts, opts, topology), warnings: inhibit.warnings };
}
