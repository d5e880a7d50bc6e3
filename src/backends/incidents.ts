// What incident grouping needs from the Alertmanagers: their alerts (deduplicated across replicas and clusters)
// and the inhibit_rules of their running configuration (/api/v2/status → config.original). Shared by
// `oncall incidents`, `oncall rules` and the TUI.
import type { AlertmanagerSet, AlertmanagerStatus, PerBackend } from './alertmanager.js';
import type { IncidentInputs } from './incidents-fetch.js';
import type { TopologyState } from './topology.js';
import type { BackendError } from './errors.js';
import { ConfigError } from './config/config-error.js';
import { groupIncidents } from '../domain/incidents/group.js';
import { groupingOptions, type GroupingSettings } from '../domain/incidents/options.js';
import { GroupingConfigError, mergeRules, rulesFromInhibitRules } from '../domain/incidents/rules.js';
import type { CausalRule, GroupingOptions, Incident } from '../domain/incidents/types.js';

export interface InhibitRules {
  rules: CausalRule[];
  /** Rules that could not be read, one line each. */
  warnings: string[];
  /** Alertmanagers whose configuration could not be fetched. */
  unreachable: { name: string; error: BackendError }[];
}

/** Inhibit rules of every Alertmanager of the set; HA replicas sharing a configuration give each rule once. */
export async function fetchInhibitRules(ams: AlertmanagerSet): Promise<InhibitRules> {
  return inhibitRulesOf(await ams.each((c) => c.status()));
}

/** Inhibit rules from the Alertmanagers' status answers. */
export function inhibitRulesOf(res: PerBackend<AlertmanagerStatus>[]): InhibitRules {
  const warnings: string[] = [];
  const lists = res.filter((r) => r.ok).map((r) => rulesFromInhibitRules(r.value!.config.original, `alertmanager ${r.name}`, warnings));
  return {
    rules: mergeRules(...lists),
    warnings,
    unreachable: res.filter((r) => !r.ok).map((r) => ({ name: r.name, error: r.error! })),
  };
}

/**
 * Grouping options for a context, as a ConfigError naming the file and key when the causal settings are wrong
 * (`where` is e.g. "/home/me/.config/oncall/config.yaml: contexts.prod").
 */
export function contextGroupingOptions(settings: GroupingSettings, extraRules: CausalRule[] = [], where = 'config'): GroupingOptions {
  try {
    return groupingOptions(settings, extraRules);
  } catch (e) {
    if (e instanceof GroupingConfigError) throw new ConfigError(`${where}.${e.key}: ${e.reason}`, undefined, undefined, e.key);
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

/** Groups what fetchIncidentInputs read, with the context's causal settings and the inhibit rules. */
export function groupInputs(inputs: IncidentInputs, settings: GroupingSettings, where?: string): IncidentSnapshot {
  const inhibit = inhibitRulesOf(inputs.statuses);
  const options = contextGroupingOptions(settings, inhibit.rules, where);
  const failed = new Set(inputs.failures.map((f) => f.backendName));
  const warnings = [
    ...inhibit.warnings,
    ...inhibit.unreachable.filter((u) => !failed.has(u.error.backendName)).map((u) => `${u.error.message}; its inhibit rules are not used`),
  ];
  const incidents = groupIncidents(inputs.alerts, options, inputs.topology?.snapshot);
  return { generatedAt: new Date().toISOString(), incidents, options, failures: inputs.failures, warnings, topology: inputs.topology };
}
