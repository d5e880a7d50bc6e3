// One round of the until-resolved loop with its report lines, shared by `oncall silence watch` and `oncall watch`.
import { sweepUntilResolved, type UntilResolvedRegistry } from '../backends/silence-registry.js';
import type { SilenceWriter } from '../backends/silences.js';

export interface RoundReport {
  /** An expiry or a forgotten mark: the news of the loop. */
  change(line: string): void | Promise<void>;
  problem(line: string): void;
}

/** Never throws: a failed round is a problem line, and the next round tries again. */
export async function untilResolvedRound(
  writer: SilenceWriter,
  registry: UntilResolvedRegistry,
  urls: readonly string[],
  report: RoundReport,
  retryIn: string,
): Promise<void> {
  try {
    for (const r of await sweepUntilResolved(writer, registry, urls)) {
      if (r.error) report.problem(`silence ${r.id}: ${r.error}`);
      else if (r.decision.action === 'expire') await report.change(`expired ${r.id}: ${r.decision.reason}`);
      else if (r.decision.action === 'forget') await report.change(`forgot ${r.id}: ${r.decision.reason}`);
    }
  } catch (e) {
    report.problem(`warning: ${(e as Error).message}; trying again in ${retryIn}`);
  }
}
