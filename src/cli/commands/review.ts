// oncall review: alert noise from the ALERTS history and Alertmanager's silences, per alert and per service.
import { openContext, type CliGlobals } from '../context.js';
import { write, writeJson } from '../output.js';
import { groupByOf, loadHistory, loadSilences, runbookFinder } from '../../backends/review-inputs.js';
import { buildReview } from '../../domain/history/review.js';
import { isAckSilence } from '../../domain/silence/ack.js';
import { reviewMarkdown, reviewText } from './review-format.js';
import { sanitizeLine } from '../../domain/sanitize.js';
import { progressToStderr, windowOf, type WindowOptions } from './history-window.js';

export interface ReviewOptions extends WindowOptions {
  json?: boolean;
  md?: boolean;
  groupBy?: string[];
}

export async function runReview(g: CliGlobals, o: ReviewOptions): Promise<void> {
  const win = windowOf(o, '30d');
  const c = await openContext(g);
  const [loaded, sil] = await Promise.all([
    loadHistory(c.prometheus(), { ...win, onProgress: progressToStderr }),
    loadSilences(c.alertmanagers()),
  ]);
  const rb = runbookFinder(c.ctx.settings, c.ctx.configPath);
  const warnings = [...loaded.warnings, ...sil.warnings, ...rb.warnings].map(sanitizeLine);
  for (const w of warnings) process.stderr.write(`oncall: warning: ${w}\n`);
  const review = buildReview(
    { history: loaded.history, silences: sil.silences, rules: loaded.rules, hasRunbook: rb.hasRunbook, groupBy: o.groupBy?.length ? o.groupBy : groupByOf(c.ctx.settings) },
    isAckSilence,
  );
  if (o.json) {
    await writeJson({ ...review, alerts: review.alerts.map(({ starts: _s, ...a }) => a), warnings });
    return;
  }
  await write(o.md ? reviewMarkdown(review) : reviewText(review));
}
