// `oncall runbook ALERT`: the runbook for an alert, printed with its labels filled in; `--check` runs its
// PromQL checks against the context's Prometheus.
import fs from 'node:fs';
import { openContext, type AppContext } from '../../app/context.js';
import type { CliGlobals } from '../globals.js';
import { table, write, writeJson, writeErr, warn } from '../output.js';
import { sanitizeLine, sanitizeText } from '../../domain/sanitize.js';
import { redactUrl } from '../../domain/secrets.js';
import { fillBody } from '../../domain/runbook/fill.js';
import { fillPlaceholders } from '../../domain/runbook/placeholders.js';
import { formatMatchers, matchesAll } from '../../domain/matchers.js';
import { OUTCOME_LABEL } from '../../domain/runbook/checks.js';
import { readRunbookFile, runPromqlCheck, type RunbookLibrary, type Resolution } from '../../backends/runbooks.js';
import type { CheckResult, Runbook } from '../../domain/runbook/types.js';
import type { Alert, Labels } from '../../domain/types.js';
import type { WebRunbook } from '../../backends/web-runbooks.js';
import { OncallError } from '../../domain/errors.js';
import { runbookLibraryFor } from '../../app/runbooks.js';

export interface RunbookOptions {
  json?: boolean;
  label?: string[];
  check?: boolean;
  dir?: string[];
  /** commander's --no-fetch: the cached copy of a web runbook only. */
  fetch?: boolean;
  refresh?: boolean;
  open?: boolean;
}

const FINGERPRINT = /^[0-9a-f]{16}$/;

export function parseLabelArgs(args: readonly string[]): Labels {
  const out: Labels = {};
  for (const a of args) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(a);
    if (!m)
      throw new OncallError('usage', `--label ${JSON.stringify(a)}: write name=value, e.g. --label instance=gpu-1`);
    out[m[1]!] = m[2]!.replace(/^"(.*)"$/s, '$1');
  }
  return out;
}

async function findAlert(c: AppContext, fingerprint: string): Promise<Alert> {
  const { alerts, failures } = await c.alertmanagers().alerts({ active: true, silenced: true, inhibited: true });
  for (const f of failures) warn(f.message);
  const a = alerts.find((x) => x.fingerprint === fingerprint);
  if (!a) {
    const where = c.ctx.alertmanagers.map((m) => redactUrl(m.url)).join(', ');
    throw new OncallError(
      'usage',
      `no alert with fingerprint ${fingerprint} in ${where} (list them with: oncall alerts)`,
    );
  }
  return a;
}

function viaText(res: Resolution, r: Runbook, labels: Labels): string {
  if (res.via === 'annotation') return "the alert's runbook annotation";
  if (res.via === 'matchers') {
    const hit = r.matchers.find((ms) => matchesAll(ms, labels));
    return `frontmatter alerts: ${hit ? formatMatchers(hit) : ''}`;
  }
  return 'file name';
}

export async function runRunbook(g: CliGlobals, target: string | undefined, o: RunbookOptions): Promise<number> {
  if (!target)
    throw new OncallError(
      'usage',
      'name an alert: oncall runbook ALERTNAME|FINGERPRINT (or oncall runbook lint [DIR])',
    );
  const extra = parseLabelArgs(o.label ?? []);
  // Read only when needed: a runbook file named on the command line works even where the config does not.
  let c: Promise<AppContext> | undefined;
  const ctx = () => (c ??= openContext(g));
  let alert: Pick<Alert, 'labels' | 'annotations'>;
  let res: Resolution;
  let library: RunbookLibrary | undefined;
  const lib = async () => {
    if (library) return library;
    const { ctx: resolved } = await ctx();
    return (library = runbookLibraryFor(resolved, o.dir));
  };

  if (/\.md$/i.test(target) && fs.existsSync(target)) {
    const r = readRunbookFile(target);
    alert = { labels: extra, annotations: {} };
    res = { runbook: r, via: 'annotation' };
  } else {
    if (FINGERPRINT.test(target)) {
      const a = await findAlert(await ctx(), target);
      alert = { labels: { ...a.labels, ...extra }, annotations: a.annotations };
    } else {
      if (!/^[A-Za-z_:][A-Za-z0-9_:]*$/.test(target))
        throw new OncallError(
          'usage',
          `${JSON.stringify(target)} is neither an alert name nor a fingerprint (16 hex digits)`,
        );
      alert = { labels: { alertname: target, ...extra }, annotations: {} };
    }
    const runbooks = await lib();
    for (const w of runbooks.warnings) warn(w);
    res = runbooks.resolve(alert);
  }

  if (o.open) {
    const url = res.webUrl ?? res.blockedLink;
    if (!url) {
      writeErr(
        `oncall: ${sanitizeLine(alert.labels.alertname ?? target)} has no http(s) runbook link to open${res.runbook ? ` (its runbook is the file ${res.runbook.path})` : ''}\n`,
      );
      return 1;
    }
    if (res.blockedLink) {
      writeErr(`oncall: not opened: ${sanitizeLine(url)} is not an http(s) link\n`);
      return 1;
    }
    const { openOrPrint } = await import('./runbook-web.js');
    await openOrPrint(url);
    return 0;
  }

  // A web-only runbook link: the page (or its markdown source), from the site or the cache.
  let web: WebRunbook | undefined;
  let webFailed = false;
  if (!res.runbook && res.webUrl) {
    const { fetchWebForCli } = await import('./runbook-web.js');
    const settings = (await ctx()).ctx.settings.runbooks;
    web = await fetchWebForCli(res.webUrl, alert.labels.alertname, settings, o);
    webFailed = !web && o.fetch !== false && settings?.fetch !== false;
  }
  const r = res.runbook ?? web?.runbook;
  if (!r && !res.webUrl) {
    const name = alert.labels.alertname ?? target;
    const dirs = (await lib()).dirs.join(', ');
    writeErr(
      `oncall: no runbook for ${sanitizeLine(name)} in ${dirs}${res.brokenLink ? ` (its annotation names ${sanitizeLine(res.brokenLink)}, which none of them holds)` : ''}; add ${sanitizeLine(name)}.md or list alertname="${sanitizeLine(name)}" in a runbook's frontmatter\n`,
    );
    if (res.hint) writeErr(`oncall: the alert's runbook note says: ${sanitizeLine(res.hint)}\n`);
    return 1;
  }

  const results: { step: number; block: number; result: CheckResult }[] = [];
  if (o.check && r) {
    const prom = (await ctx()).prometheus();
    for (const s of r.steps) {
      for (const [bi, b] of s.blocks.entries()) {
        if (b.kind === 'promql')
          results.push({ step: s.index, block: bi, result: await runPromqlCheck(prom, b, alert.labels) });
      }
    }
  }

  if (o.json) {
    const filled = r ? fillBody(r, alert.labels) : undefined;
    await writeJson({
      labels: alert.labels,
      via: res.via ?? null,
      webUrl: res.webUrl ?? null,
      web: web
        ? {
            url: web.url,
            source: web.source,
            format: web.format,
            fetchedAt: web.fetchedAt,
            via: web.via,
            stale: web.stale ?? null,
          }
        : null,
      blockedLink: res.blockedLink ?? null,
      hint: res.hint ?? null,
      runbook: r
        ? {
            path: r.path,
            id: r.id,
            title: r.title,
            owner: r.meta.owner,
            lastReviewed: r.meta.lastReviewed,
            alerts: r.meta.alerts,
            unfilled: filled!.missing,
            markdown: filled!.text,
            steps: r.steps.map((s) => ({
              index: s.index,
              key: s.key,
              section: s.section,
              line: s.line,
              text: fillPlaceholders(s.text, alert.labels).text,
              blocks: s.blocks.map((b, bi) => ({
                kind: b.kind,
                lang: b.lang,
                expect: b.expect?.text ?? null,
                code: fillPlaceholders(
                  b.code,
                  alert.labels,
                  b.kind === 'promql' ? 'promql' : b.kind === 'shell' ? 'shell' : 'text',
                ).text,
                result: results.find((x) => x.step === s.index && x.block === bi)?.result ?? null,
              })),
            })),
          }
        : null,
    });
    return webFailed ? 1 : 0;
  }

  const head: string[] = [];
  if (web) head.push((await import('./runbook-web.js')).webOriginLine(web));
  else if (res.webUrl) head.push(`web runbook: ${sanitizeLine(res.webUrl)}`);
  if (res.blockedLink)
    head.push(`runbook link not opened (only http/https links are): ${sanitizeLine(res.blockedLink)}`);
  if (res.hint) head.push(`runbook note: ${sanitizeLine(res.hint)}`);
  if (r) {
    const filled = fillBody(r, alert.labels);
    if (!web) head.push(`runbook: ${r.path} (found by ${viaText(res, r, alert.labels)})`);
    head.push(`owner: ${sanitizeLine(r.meta.owner || '?')}   last reviewed: ${r.meta.lastReviewed || '?'}`);
    const shown = Object.entries(alert.labels)
      .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
      .join(', ');
    head.push(`labels: ${sanitizeLine(shown || '(none)')}`);
    if (filled.missing.length)
      head.push(
        `unfilled: ${filled.missing.map((m) => `$${m}`).join(', ')} (the alert has no such label; pass --label NAME=VALUE)`,
      );
    let out = head.join('\n') + '\n\n' + sanitizeText(filled.text).replace(/\n+$/, '') + '\n';
    if (o.check) {
      out += '\nchecks:\n';
      out += results.length
        ? table(
            ['STEP', 'RESULT', 'DETAIL'],
            results.map((x) => [
              `${x.step + 1}. ${fillPlaceholders(r.steps[x.step]!.text, alert.labels).text.slice(0, 50)}`,
              OUTCOME_LABEL[x.result.outcome],
              x.result.summary,
            ]),
          )
        : 'no PromQL checks in this runbook\n';
    }
    await write(out);
  } else {
    await write(head.join('\n') + '\n');
  }
  return webFailed ? 1 : 0;
}
