// The inhibit_rules of the Alertmanagers' running configuration (/api/v2/status → config.original), as causal
// rules for the grouping (src/app/incidents.ts). Shared by `oncall incidents`, `oncall rules` and the TUI.
import type { AlertmanagerSet, AlertmanagerStatus, PerBackend } from './alertmanager.js';
import type { BackendError } from './errors.js';
import { mergeRules, rulesFromInhibitRules } from '../domain/incidents/rules.js';
import type { CausalRule } from '../domain/incidents/types.js';

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
  const configs = res.filter((r) => r.ok).map((r) => ({ name: r.name, original: r.value!.config.original }));
  return {
    ...inhibitRulesFromConfigs(configs),
    unreachable: res.filter((r) => !r.ok).map((r) => ({ name: r.name, error: r.error! })),
  };
}

/** Inhibit rules from running configurations (config.original), named by their Alertmanager; rules that cannot be read become warnings. */
export function inhibitRulesFromConfigs(configs: { name: string; original: string }[]): {
  rules: CausalRule[];
  warnings: string[];
} {
  const warnings: string[] = [];
  const lists = configs.map((c) => rulesFromInhibitRules(c.original, `alertmanager ${c.name}`, warnings));
  return { rules: mergeRules(...lists), warnings };
}
