// oncall rules suggest: causal rules learned from the ALERTS history, as YAML for causal_rules or as JSON.
import { openContext } from '../../app/context.js';
import type { CliGlobals } from '../globals.js';
import { write, writeJson, warn } from '../output.js';
import { loadHistory } from '../../backends/review-inputs.js';
import { suggestRules } from '../../domain/history/suggest.js';
import { ruleJson, rulesYaml } from '../../domain/history/suggest-format.js';
import { formatDuration } from '../../domain/duration.js';
import { sanitizeLine } from '../../domain/sanitize.js';
import { progressToStderr, windowOf, type WindowOptions } from './history-window.js';
import { OncallError } from '../../domain/errors.js';

export interface SuggestCliOptions extends WindowOptions {
  json?: boolean;
  minSupport: number;
  minConfidence: number;
  minLift: number;
  equal?: string[];
}

function check(name: string, v: number, max = Infinity): void {
  if (!Number.isFinite(v) || v < 0 || v > max)
    throw new OncallError(
      'usage',
      `--${name}: expected a number from 0${max < Infinity ? ` to ${max}` : ''}, got ${v}`,
    );
}

export async function runRulesSuggest(g: CliGlobals, o: SuggestCliOptions): Promise<void> {
  check('min-support', o.minSupport);
  check('min-confidence', o.minConfidence, 1);
  check('min-lift', o.minLift);
  const win = windowOf(o, '14d');
  const c = await openContext(g);
  const loaded = await loadHistory(c.prometheus(), { ...win, onProgress: progressToStderr });
  for (const w of loaded.warnings) warn(w);
  const s = suggestRules(loaded.history, {
    minSupport: o.minSupport,
    minConfidence: o.minConfidence,
    minLift: o.minLift,
    equalLabels: o.equal,
    clusterLabel: c.ctx.settings.silence.cluster_label,
  });
  if (o.json) {
    await writeJson({
      rules: s.rules.map(ruleJson),
      excluded: s.excluded,
      episodes: s.episodes,
      since: new Date(loaded.history.since * 1000).toISOString(),
      until: new Date(loaded.history.until * 1000).toISOString(),
    });
    return;
  }
  const h = loaded.history;
  const header = [
    `causal rules learned from ALERTS ${new Date(h.since * 1000).toISOString()} – ${new Date(h.until * 1000).toISOString()} (step ${formatDuration(h.stepSeconds * 1000)}, ${s.episodes} episodes)`,
    `thresholds: support ≥ ${o.minSupport}, confidence ≥ ${o.minConfidence}, lift ≥ ${o.minLift}; paste under contexts.${c.ctx.name}.causal_rules`,
    ...(s.excluded.length ? [`left out: ${s.excluded.map((x) => `${x.alertname} (${x.reason})`).join(', ')}`] : []),
  ].map(sanitizeLine);
  await write(rulesYaml(s, header));
}
