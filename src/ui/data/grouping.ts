// Builds the grouping function for a context: default and configured causal rules plus the inhibit_rules of
// the Alertmanagers' running configurations (re-read by the loader now and then, not on every refresh).
import type { ContextConfig } from '../../backends/config/schema.js';
import type { Incident } from '../../domain/incidents/types.js';
import type { Alert } from '../../domain/types.js';
import type { TopologySnapshot } from '../../domain/topology/snapshot.js';
import { groupIncidents } from '../../domain/incidents/group.js';
import { groupingOptions } from '../../domain/incidents/options.js';
import { mergeRules, rulesFromInhibitRules } from '../../domain/incidents/rules.js';

export type Grouper = (alerts: Alert[], topology?: TopologySnapshot) => Incident[];

/** `amConfigs`: each Alertmanager's config.original. Unreadable inhibit rules are skipped (warnings returned). */
export function createGrouper(settings: ContextConfig, amConfigs: string[]): { group: Grouper; warnings: string[] } {
  const warnings: string[] = [];
  const extra = mergeRules(...amConfigs.map((c, i) => rulesFromInhibitRules(c, `alertmanager ${i + 1}`, warnings)));
  const opts = groupingOptions(settings, extra);
  return { group: (alerts, topology) => groupIncidents(alerts, opts, topology), warnings };
}
