// oncall handoff [--since 12h] [--format md|json]: the shift handoff report (src/app/handoff.ts gathers it,
// src/domain/handoff builds and renders it). A backend that is down is named at the top of the report and on
// stderr; the rest is still written, and the exit code is 1 so a script knows the report is incomplete.
import { openContext } from '../../app/context.js';
import { gatherHandoff } from '../../app/handoff.js';
import type { CliGlobals } from '../globals.js';
import { warn, write, writeJson } from '../output.js';
import { handoffMarkdown } from '../../domain/handoff/markdown.js';
import { OncallError } from '../../domain/errors.js';
import { durationFlag } from '../../domain/duration.js';

export interface HandoffOptions {
  since?: string;
  format?: string;
  json?: boolean;
}

export async function runHandoff(g: CliGlobals, o: HandoffOptions): Promise<number> {
  const format = o.json ? 'json' : (o.format ?? 'md');
  if (format !== 'md' && format !== 'json')
    throw new OncallError('usage', `--format ${JSON.stringify(format)}: expected md or json`);
  const windowMs = durationFlag('--since', o.since ?? '12h', '12h');
  const c = await openContext(g);
  const h = await gatherHandoff(c, { windowMs, warn });
  for (const d of h.down) warn(`${d.backend} ${d.name} is down (${d.error}): ${d.missing.join(', ')} missing`);
  if (format === 'json') await writeJson(h);
  else await write(handoffMarkdown(h));
  return h.down.length ? 1 : 0;
}
