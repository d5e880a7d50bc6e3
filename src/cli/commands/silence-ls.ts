// oncall silence ls: the silences of every Alertmanager of the context, a silence copied to several independent
// clusters as one row, with how many firing alerts each catches and which are until resolved.
import { openContext } from '../../app/context.js';
import type { CliGlobals } from '../globals.js';
import { table, warn, write, writeJson } from '../output.js';
import { UntilResolvedRegistry } from '../../backends/silence-registry.js';
import { logicalSilences } from '../../domain/silence/siblings.js';
import { formatMatchers } from '../../domain/matchers.js';
import { formatDuration } from '../../domain/duration.js';
import { firingCounts } from '../../domain/silence/expiring.js';
import { timeLeft, visibleSilences } from '../../domain/silence/listing.js';
import { writerOf } from '../../app/silences.js';

export interface LsOptions {
  json?: boolean;
  expired?: boolean;
}

export async function runSilenceLs(g: CliGlobals, o: LsOptions): Promise<number> {
  const c = await openContext(g);
  const writer = writerOf(c.ctx, c.alertmanagers());
  const [{ silences, failures, seenOn }, firing] = await Promise.all([
    writer.silences(),
    writer.firing().catch(() => undefined),
  ]);
  for (const f of failures) warn(f.message);
  const now = Date.now();
  const shown = visibleSilences(silences, now, !!o.expired);
  const counts = firingCounts(shown, firing?.alerts ?? []);
  const registry = new UntilResolvedRegistry();
  if (o.json) {
    const copiesOf = new Map(
      logicalSilences(shown, (s) => seenOn.get(s.id) ?? []).flatMap((l) =>
        l.copies.map((x) => [x.id, l.copies.map((y) => y.id)] as const),
      ),
    );
    await writeJson({
      generatedAt: new Date(now).toISOString(),
      silences: shown.map((s) => ({
        ...s,
        matchersText: formatMatchers(s.matchers),
        firing: counts.get(s.id) ?? 0,
        untilResolved: registry.has(s.id),
        seenOn: seenOn.get(s.id) ?? [],
        copies: copiesOf.get(s.id) ?? [s.id],
      })),
      warnings: failures.map((f) => f.message),
    });
    return 0;
  }
  if (!shown.length) {
    await write(
      o.expired ? 'no silences\n' : 'no active or pending silences (--expired shows recently expired ones)\n',
    );
    return 0;
  }
  // A silence copied to several independent clusters is one row, its IDs joined with "+".
  const rows = logicalSilences(shown, (s) => seenOn.get(s.id) ?? []).map(({ silence: s, copies }) => [
    copies.map((x) => x.id).join('+'),
    s.status + (copies.some((x) => registry.has(x.id)) ? '*' : ''),
    timeLeft(s, now, formatDuration),
    String(counts.get(s.id) ?? 0),
    s.createdBy,
    formatMatchers(s.matchers),
    s.comment,
  ]);
  await write(table(['ID', 'STATE', 'ENDS', 'FIRING', 'CREATED BY', 'MATCHERS', 'COMMENT'], rows));
  if (shown.some((s) => registry.has(s.id))) await write('* until resolved\n');
  return 0;
}
