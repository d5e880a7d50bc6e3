// oncall silence add | ls | expire | extend | watch: Alertmanager silences with guardrails, written once per
// cluster and read back from every Alertmanager of the context.
import { openContext, type AppContext } from '../../app/context.js';
import type { CliGlobals } from '../globals.js';
import { write, writeJson, writeErr, ask } from '../output.js';
import type { ClusterFailure, Confirmation, WriteResult } from '../../backends/silence-results.js';
import { UntilResolvedRegistry } from '../../backends/silence-registry.js';
import { untilResolvedRound } from '../until-resolved-round.js';
import { recordLocally } from '../../backends/state-store.js';
import { formatMatchers, parseMatcherArgs } from '../../domain/matchers.js';
import { durationFlag, formatDuration, parseDuration } from '../../domain/duration.js';
import { sanitizeLine } from '../../domain/sanitize.js';
import { checkSilence, matcherRefusals } from '../../domain/silence/guardrails.js';
import { describeAlert } from '../../domain/silence/preview.js';
import { checkTime, parseRfc3339, requireAuthor, requireComment, resolveWindow } from '../../domain/silence/window.js';
import type { GuardrailVerdict, SilenceSpec } from '../../domain/silence/types.js';
import { OncallError } from '../../domain/errors.js';
import { authorOf, limitsOf, markUntilResolved, refuseIfReadOnly, writerOf } from '../../app/silences.js';

export interface AddOptions {
  duration?: string;
  start?: string;
  end?: string;
  comment?: string;
  author?: string;
  dryRun?: boolean;
  untilResolved?: boolean;
  yes?: boolean;
  json?: boolean;
}

const PREVIEW_ROWS = 20;

function say(line: string): void {
  writeErr(`oncall: ${line}\n`);
}

/** Clusters where a write did not happen: one error line each. */
function reportFailures(what: string, failed: ClusterFailure[]): number {
  for (const f of failed)
    say(`error: ${what} on cluster ${f.cluster}: ${f.error.message}${f.hint ? ` (${f.hint})` : ''}`);
  return failed.length ? 1 : 0;
}

export function formatPreview(v: GuardrailVerdict): string {
  const lines = [
    `matches ${v.matched.length} firing alert${v.matched.length === 1 ? '' : 's'}${v.clusters.length ? ` in ${v.clusters.length} cluster${v.clusters.length === 1 ? '' : 's'} (${v.clusters.join(', ')})` : ''}`,
  ];
  for (const a of v.matched.slice(0, PREVIEW_ROWS)) lines.push(`  ${a.fingerprint}  ${sanitizeLine(describeAlert(a))}`);
  if (v.matched.length > PREVIEW_ROWS) lines.push(`  … and ${v.matched.length - PREVIEW_ROWS} more (--json lists all)`);
  return lines.join('\n') + '\n';
}

async function askYes(question: string): Promise<boolean> {
  return /^y(es)?$/i.test((await ask(`${question} [y/N] `)).trim());
}

function describeConfirmations(list: Confirmation[]): { ok: string[]; problems: string[] } {
  return {
    ok: list.filter((x) => x.state === 'confirmed').map((x) => x.name),
    problems: list
      .filter((x) => x.state !== 'confirmed')
      .map(
        (x) =>
          `${x.name} (${x.state === 'unreachable' ? `unreachable: ${x.detail ?? ''}` : (x.detail ?? 'not there')})`,
      ),
  };
}

/** Reports where a write is confirmed; returns 1 when a reachable Alertmanager never showed it. */
function reportConfirmations(what: string, list: Confirmation[]): number {
  const { ok, problems } = describeConfirmations(list);
  if (ok.length) say(`${what} confirmed on ${ok.join(', ')}`);
  for (const x of list.filter((y) => y.state === 'unreachable'))
    say(
      `warning: ${x.name} did not answer (${x.detail ?? 'unreachable'}); it gets the change from its peers when it is back`,
    );
  const missing = list.filter((x) => x.state === 'missing');
  if (missing.length) {
    say(`error: ${what} not seen on ${missing.map((x) => x.name).join(', ')} in time: ${problems.join('; ')}`);
    return 1;
  }
  return 0;
}

export interface CreateFlowOptions {
  dryRun?: boolean;
  yes?: boolean;
  untilResolved?: boolean;
  json?: boolean;
}

/** Shared by `silence add` and `ack`: guardrails, preview, confirmation, create, read-back, until-resolved mark. */
export async function createFlow(
  c: AppContext,
  spec: SilenceSpec,
  o: CreateFlowOptions,
  pending: boolean,
): Promise<number> {
  const refusals = matcherRefusals(spec.matchers);
  if (refusals.length) throw new OncallError('usage', `refused: ${refusals.join('; ')}`);
  if (o.untilResolved && pending)
    throw new OncallError(
      'usage',
      '--until-resolved needs a silence that starts now, not a planned window (--start in the future)',
    );
  if (!o.dryRun) refuseIfReadOnly(c.ctx);
  const writer = writerOf(c.ctx, c.alertmanagers());
  const { alerts, failures } = await writer.firing();
  for (const f of failures) say(`warning: ${f.message} (preview leaves out its alerts)`);
  const verdict = checkSilence(spec, alerts, { ...limitsOf(c.ctx), readOnly: false });
  const needs = verdict.confirmations;
  if (o.untilResolved && !verdict.matched.length) {
    throw new OncallError(
      'refused',
      '--until-resolved: none of the alerts it matches is firing, so it would be expired at once',
    );
  }
  if (o.dryRun) {
    const readOnly = c.ctx.settings.read_only;
    if (o.json) {
      await writeJson({
        dryRun: true,
        silence: { ...spec, matchers: spec.matchers },
        matchers: formatMatchers(spec.matchers),
        matched: verdict.matched,
        clusters: verdict.clusters,
        confirmationsNeeded: needs,
        refusedReadOnly: readOnly,
      });
    } else {
      await write(
        `would create silence ${formatMatchers(spec.matchers)}\n  ${spec.startsAt} → ${spec.endsAt} (${formatDuration(Date.parse(spec.endsAt) - Date.parse(spec.startsAt))}) by ${spec.createdBy}: ${sanitizeLine(spec.comment)}\n`,
      );
      await write(formatPreview(verdict));
      for (const n of needs) await write(`needs confirmation (--yes): ${n}\n`);
      if (readOnly) await write(`would be refused: context ${c.ctx.name} is read-only\n`);
    }
    return readOnly ? 1 : 0;
  }
  if (!o.json) writeErr(formatPreview(verdict));
  if (needs.length && !o.yes) {
    const reason = needs.join('; ');
    if (!process.stdin.isTTY || !process.stderr.isTTY) {
      throw new OncallError(
        'refused',
        `refused without confirmation: ${reason}; re-run with --yes if that is what you mean`,
      );
    }
    if (!(await askYes(`This silence needs confirmation: ${reason}. Create it?`)))
      throw new OncallError('refused', 'not confirmed; nothing was created');
  }
  const result = await writer.create(spec);
  let note = '';
  if (o.untilResolved) {
    const lost = markUntilResolved(
      c.ctx,
      c.alertmanagers(),
      result.copies.map((x) => x.id),
      `silence ${result.copies.map((x) => x.id).join(', ')} is created but not marked until resolved: nothing expires it when its alerts stop; expire it yourself (oncall silence expire ${result.id})`,
    );
    if (lost) say(`warning: ${lost}`);
    else note = ' (until resolved: expired once its alerts stop firing, while oncall runs)';
    // The silence exists and its ID is printed; exit 1 says that what was asked (until resolved) is not in effect.
    if (lost) return Math.max(1, await printWrite(result, o.json, { matched: verdict.matched.length }));
  }
  return printWrite(result, o.json, { note, matched: verdict.matched.length });
}

/** Every copy's ID on stdout (one per line, or in `copies` with --json), what happened where on stderr. */
async function printWrite(
  r: WriteResult,
  json: boolean | undefined,
  { note = '', updated = false, matched }: { note?: string; updated?: boolean; matched?: number },
): Promise<number> {
  const several = r.copies.length + r.failed.length > 1;
  for (const x of r.copies) {
    const where = several ? ` on cluster ${x.cluster}` : '';
    if (x.existed) say(`an identical silence already exists${where}: ${x.id} (not creating another)`);
    else
      say(
        `${x.replacedId ? `silence ${x.replacedId} replaced by` : updated ? 'updated silence' : 'created silence'} ${x.id}${where} via ${x.postedTo ?? '?'}${note}`,
      );
  }
  const code = Math.max(
    reportConfirmations(several ? 'silence' : `silence ${r.id}`, r.confirmations),
    reportFailures(updated ? 'not changed' : 'not created', r.failed),
  );
  if (r.failed.length)
    say(
      `written on ${r.copies.length} of ${r.copies.length + r.failed.length} clusters: ${r.copies.map((x) => `${x.id} (${x.cluster})`).join(', ')}; re-running the same command writes only what is missing`,
    );
  if (json) {
    await writeJson({
      id: r.id,
      existed: r.existed,
      replacedId: r.replacedId ?? null,
      postedTo: r.postedTo,
      copies: r.copies.map((x) => ({
        cluster: x.cluster,
        id: x.id,
        existed: x.existed,
        replacedId: x.replacedId ?? null,
        postedTo: x.postedTo ?? null,
      })),
      failed: r.failed.map((f) => ({ cluster: f.cluster, error: f.error.message, hint: f.hint ?? null })),
      confirmations: r.confirmations,
      matched: matched ?? null,
    });
  } else await write(r.copies.map((x) => `${x.id}\n`).join(''));
  return code;
}

export async function runSilenceAdd(g: CliGlobals, args: string[], o: AddOptions): Promise<number> {
  const matchers = parseMatcherArgs(args);
  if (!matchers.length)
    throw new OncallError(
      'usage',
      'no matchers: a silence needs at least one, e.g. oncall silence add alertname="GPUMemoryOOM" cluster="prod" --comment "…"',
    );
  const now = Date.now();
  const window = resolveWindow({ duration: o.duration, start: o.start, end: o.end }, now);
  const comment = requireComment(o.comment);
  const c = await openContext(g);
  const createdBy = requireAuthor(authorOf(c.ctx, o.author));
  const spec: SilenceSpec = { matchers, startsAt: window.startsAt, endsAt: window.endsAt, createdBy, comment };
  return createFlow(c, spec, o, window.pending);
}

export async function runSilenceExpire(g: CliGlobals, ids: string[], _o: { yes?: boolean } = {}): Promise<number> {
  if (!ids.length) throw new OncallError('usage', 'name at least one silence ID (see: oncall silence ls)');
  const c = await openContext(g);
  refuseIfReadOnly(c.ctx);
  const writer = writerOf(c.ctx, c.alertmanagers());
  const registry = new UntilResolvedRegistry();
  let code = 0;
  for (const id of ids) {
    try {
      const r = await writer.expire(id);
      const several = r.copies.length + r.failed.length > 1;
      for (const x of r.copies)
        say(
          `${x.existed ? 'already expired:' : 'expired'} silence ${x.id}${several ? ` on cluster ${x.cluster}` : ''}`,
        );
      const lost = recordLocally('its until-resolved mark stays; the next sweep forgets it', () => {
        for (const x of r.copies) registry.remove(x.id);
      });
      if (lost) say(`warning: ${lost}`);
      code = Math.max(
        code,
        reportConfirmations(`expiry of ${id}`, r.confirmations),
        reportFailures(`silence ${id} not expired`, r.failed),
      );
    } catch (e) {
      say(`cannot expire ${id}: ${(e as Error).message}`);
      code = 1;
    }
  }
  return code;
}

export interface ExtendOptions {
  duration?: string;
  end?: string;
  comment?: string;
  json?: boolean;
  yes?: boolean;
}

export async function runSilenceExtend(g: CliGlobals, id: string, o: ExtendOptions): Promise<number> {
  if (!o.duration && !o.end)
    throw new OncallError('usage', 'say how long: --duration 1h (added to the current end) or --end RFC3339');
  if (o.duration && o.end) throw new OncallError('usage', 'give either --duration or --end, not both');
  const add = o.duration !== undefined ? parseDuration(o.duration) : 0;
  if (o.duration !== undefined && add <= 0)
    throw new OncallError('usage', `silence duration must be greater than 0 (got ${JSON.stringify(o.duration)})`);
  const end = o.end !== undefined ? parseRfc3339(o.end!, 'end time') : undefined;
  if (o.duration !== undefined) checkTime(Date.now() + add, `end time (now + ${o.duration})`);
  const c = await openContext(g);
  refuseIfReadOnly(c.ctx);
  const writer = writerOf(c.ctx, c.alertmanagers());
  const now = Date.now();
  const limits = limitsOf(c.ctx);
  let newEnd = 0;
  const result = await writer.update(id, (s) => {
    newEnd = end ?? checkTime(Math.max(Date.parse(s.endsAt), now) + add, `end time (current end + ${o.duration})`);
    if (newEnd <= now) throw new OncallError('usage', `end time ${new Date(newEnd).toISOString()} is in the past`);
    if (newEnd <= Date.parse(s.startsAt)) throw new OncallError('usage', 'start time must be before end time');
    const lasts = newEnd - Math.max(Date.parse(s.startsAt), now);
    if (lasts > limits.maxDurationMs && !o.yes) {
      throw new OncallError(
        'refused',
        `refused without confirmation: it would last ${formatDuration(lasts)} more (longer than silence.max_duration = ${formatDuration(limits.maxDurationMs)}); re-run with --yes`,
      );
    }
    return { endsAt: new Date(newEnd).toISOString(), ...(o.comment ? { comment: o.comment } : {}) };
  });
  const registry = new UntilResolvedRegistry();
  const lost = recordLocally(
    'its until-resolved mark still names the old ID, so it is no longer expired automatically',
    () => {
      for (const x of result.copies) if (x.replacedId) registry.rename(x.replacedId, x.id);
    },
  );
  if (lost) say(`warning: ${lost}`);
  say(`silence now ends ${new Date(newEnd).toISOString()}`);
  return printWrite(result, o.json, { updated: true });
}

export interface WatchOptions {
  interval?: string;
  once?: boolean;
}

export async function runSilenceWatch(g: CliGlobals, o: WatchOptions): Promise<number> {
  const c = await openContext(g);
  refuseIfReadOnly(c.ctx);
  const intervalMs = durationFlag('--interval', o.interval ?? c.ctx.settings.refresh_interval, '15s', 1000);
  const writer = writerOf(c.ctx, c.alertmanagers());
  const registry = new UntilResolvedRegistry();
  const urls = c.alertmanagers().members.map((m) => m.http.baseUrl);
  say(
    `watching until-resolved silences every ${formatDuration(intervalMs)} (${registry.list(urls).length} now; Ctrl-C stops)`,
  );
  for (;;) {
    await untilResolvedRound(
      writer,
      registry,
      urls,
      { change: (l) => write(`${new Date().toISOString()} ${l}\n`), problem: say },
      formatDuration(intervalMs),
    );
    if (o.once) return 0;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
