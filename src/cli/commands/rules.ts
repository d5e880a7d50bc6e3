// oncall rules: the causal rules grouping uses, numbered as `oncall incidents` refers to them, and where each
// comes from (built in, the config file, or an Alertmanager's inhibit_rules).
import { openContext } from '../../app/context.js';
import type { CliGlobals } from '../globals.js';
import { table, write, writeJson, warn } from '../output.js';
import { fetchInhibitRules } from '../../backends/incidents.js';
import { contextGroupingOptions } from '../../app/incidents.js';
import { topologyClientFor, type TopologyState } from '../../backends/topology.js';
import { formatDuration } from '../../domain/duration.js';
import { formatMatcher } from '../../domain/matchers/format.js';
import { sanitizeLine } from '../../domain/sanitize.js';
import type { GroupingOptions } from '../../domain/incidents/types.js';

export interface RulesOptions {
  json?: boolean;
}

export async function runRules(g: CliGlobals, o: RulesOptions): Promise<void> {
  const c = await openContext(g);
  const where = `${c.ctx.configPath}: contexts.${c.ctx.name}`;
  contextGroupingOptions(c.ctx.settings, [], where); // a config mistake is reported before any request
  const [inhibit, topology] = await Promise.all([
    fetchInhibitRules(c.alertmanagers()),
    topologyClientFor(c.ctx.settings, c.prometheus()).get(),
  ]);
  const opts = contextGroupingOptions(c.ctx.settings, inhibit.rules, where);
  const warnings = [
    ...inhibit.warnings,
    ...inhibit.unreachable.map((u) => `${u.error.message}; its inhibit rules are not listed`),
  ].map(sanitizeLine);
  for (const w of warnings) warn(w);
  if (o.json) {
    await writeJson({
      ...rulesJson(opts, c.ctx.settings.replace_default_rules, warnings),
      topology: { on: topology.on, reason: sanitizeLine(topology.reason) },
    });
    return;
  }
  await write(formatRules(opts, c.ctx.settings.replace_default_rules) + topologyLine(topology));
}

export function rulesJson(opts: GroupingOptions, replacedDefaults: boolean, warnings: string[] = []) {
  return {
    symptomLeadTolerance: formatDuration(opts.toleranceMs),
    replaceDefaultRules: replacedDefaults,
    layerLabels: opts.layerLabels,
    rules: opts.rules.map((r, i) => ({
      number: i + 1,
      origin: r.origin,
      source: r.source ?? r.origin,
      cause: r.cause.map(formatMatcher),
      effect: r.effect.map(formatMatcher),
      equal: r.equal,
    })),
    warnings,
  };
}

export function formatRules(opts: GroupingOptions, replacedDefaults: boolean): string {
  const side = (ms: GroupingOptions['rules'][number]['cause']) =>
    ms.length ? ms.map(formatMatcher).join(', ') : '(any alert)';
  const rows = opts.rules.map((r, i) => [
    String(i + 1),
    r.origin,
    side(r.cause),
    side(r.effect),
    r.equal.join(', ') || '-',
    r.source ?? '',
  ]);
  const notes = [
    '',
    `A cause and its symptom must have equal values for every EQUAL label (a label missing on both counts as equal).`,
    `A symptom may start up to ${formatDuration(opts.toleranceMs)} before its cause (symptom_lead_tolerance); Alertmanager's inhibitedBy also links alerts.`,
    replacedDefaults
      ? 'Built-in rules are off (replace_default_rules: true).'
      : 'Add rules with causal_rules in the config file; replace_default_rules: true turns the built-in ones off.',
  ];
  return (
    (rows.length
      ? table(['#', 'ORIGIN', 'CAUSE', 'EFFECT', 'EQUAL', 'SOURCE'], rows)
      : "no causal rules: only Alertmanager's inhibitedBy links alerts\n") +
    notes.join('\n') +
    '\n'
  );
}

/** Whether rules naming `node` or `workload` can join anything beyond the alerts' own labels, and why. */
function topologyLine(t: TopologyState): string {
  return `Topology (node, workload in EQUAL: derived sets, equal when they intersect): ${t.on ? 'on' : 'off'}, ${sanitizeLine(t.reason)}.\n`;
}
