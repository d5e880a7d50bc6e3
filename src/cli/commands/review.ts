// oncall review: alert noise from the ALERTS history and Alertmanager's silences, per alert and per service.
import { openContext } from '../../app/context.js';
import type { CliGlobals } from '../globals.js';
import { write, writeJson, warn } from '../output.js';
import { REVIEW_SINCE, reviewOver } from '../../app/review.js';
import { reviewMarkdown, reviewText } from './review-format.js';
import { sanitizeLine } from '../../domain/sanitize.js';
import { progressToStderr, windowOf, type WindowOptions } from './history-window.js';

export interface ReviewOptions extends WindowOptions {
  json?: boolean;
  md?: boolean;
  groupBy?: string[];
}

export async function runReview(g: CliGlobals, o: ReviewOptions): Promise<void> {
  const win = windowOf(o, REVIEW_SINCE);
  const c = await openContext(g);
  const { review, warnings: raw } = await reviewOver(
    {
      prometheus: c.prometheus,
      alertmanagers: c.alertmanagers,
      settings: c.ctx.settings,
      configPath: c.ctx.configPath,
    },
    win,
    { groupBy: o.groupBy, onProgress: progressToStderr },
  );
  const warnings = raw.map(sanitizeLine);
  for (const w of warnings) warn(w);
  if (o.json) {
    await writeJson({ ...review, alerts: review.alerts.map(({ starts: _s, ...a }) => a), warnings });
    return;
  }
  await write(o.md ? reviewMarkdown(review) : reviewText(review));
}
