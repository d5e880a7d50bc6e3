// The handoff report as Markdown that pastes into Slack, a ticket or a wiki as it is: headings, GFM tables, no
// colour codes. Text from alerts, silences and runbook notes is untrusted: control sequences are stripped, and
// what would break a table or turn into markup (`|`, newlines, backticks, `\`, `<`) is escaped. Pure.
import { formatDuration } from '../duration.js';
import { sanitizeLine } from '../sanitize.js';
import type { BackendDown, Handoff, HandoffRunbook, HandoffSilence, OpenIncident } from './types.js';

/** Untrusted text as one Markdown table cell (or inline text): one line, nothing that ends the cell or opens code. */
export function mdCell(text: string, max = 200): string {
  const line = sanitizeLine(text).trim();
  const cut = line.length > max ? `${line.slice(0, max - 1)}…` : line;
  return cut.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/`/g, '\\`').replace(/</g, '&lt;');
}

/** 2026-12-07 14:03Z: minutes are enough for a handoff, and UTC reads the same for everyone. */
export function mdTime(iso: string): string {
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return '';
  return new Date(t).toISOString().slice(0, 16).replace('T', ' ') + 'Z';
}

const dur = (seconds: number) => formatDuration(Math.max(0, seconds) * 1000);
const pct = (v: number | null, digits = 1) => (v === null ? 'unknown' : `${(v * 100).toFixed(digits)}%`);

export function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.map((c) => c || '—').join(' | ')} |`),
  ];
}

function section(title: string, body: string[] | null, unknownWhy: string): string[] {
  return ['', `## ${title}`, '', ...(body === null ? [`unknown: ${unknownWhy}`] : body.length ? body : ['none'])];
}

function mutedText(i: OpenIncident): string {
  return i.mutedBy
    .map(
      (m) =>
        `${m.kind} by ${mdCell(m.by || '?', 60)}${m.endsAt ? ` until ${mdTime(m.endsAt)}` : ''}${m.kind === 'silence' && m.comment ? `: ${mdCell(m.comment, 80)}` : ''}`,
    )
    .join('; ');
}

function rootText(r: { alertname: string; summary: string }): string {
  return `${mdCell(r.alertname, 80)}${r.summary ? `: ${mdCell(r.summary, 120)}` : ''}`;
}

function silenceWhen(s: HandoffSilence, now: number): string {
  const end = Date.parse(s.endsAt);
  if (s.status === 'expired') return `ended ${mdTime(s.endsAt)}`;
  if (s.status === 'pending') return `starts ${mdTime(s.startsAt)}, ends ${mdTime(s.endsAt)}`;
  return `ends ${mdTime(s.endsAt)} (in ${formatDuration(Math.max(0, end - now))})`;
}

function watcherText(h: Handoff): string {
  const w = h.watcher;
  return w.running
    ? `Until-resolved silences are expired once their alerts stop while an oncall runs: now watched by \`oncall ${w.writer === 'tui' ? '(TUI)' : (w.writer ?? '?')}\` (state file ${dur(w.ageSeconds ?? 0)} old). When none runs, they stay until their end.`
    : 'Until-resolved silences are expired only while an oncall runs (the TUI or `oncall watch`): **none runs now**, so they stay until their end.';
}

function runbookLines(r: HandoffRunbook): string[] {
  const out = [
    `- **${mdCell(r.title, 100)}** for ${r.incidentTitle ? mdCell(r.incidentTitle, 100) : 'an incident oncall no longer knows'} (${mdCell(r.incidentId, 40)}${r.incidentOpen ? ', open' : ''}):`,
  ];
  for (const s of r.steps) {
    const fails = s.checks.filter((c) => c.outcome === 'fail' || c.outcome === 'error');
    out.push(
      `  - ${s.state}${s.at ? ` ${mdTime(s.at)}` : ''}: ${mdCell(s.step, 160)}${s.note ? ` (note: ${mdCell(s.note, 300)})` : ''}${fails.length ? ` (checks failing: ${fails.map((c) => `${c.outcome === 'fail' ? 'FAIL' : 'error'} ${mdCell(c.summary, 120)}`).join('; ')})` : ''}`,
    );
  }
  return out;
}

/** What a backend that is down leaves the report: nothing, its last read, or oncall's incident memory. */
function downText(d: BackendDown): string {
  const missing = d.missing.length ? `; missing: ${d.missing.join(', ')}` : '';
  if (d.remembered)
    return `${d.remembered.sections.join(', ')}: as oncall's incident memory last saw them firing, ${lastSeen(d.remembered.asOf, d.dataAgeSeconds)}${missing}`;
  if (d.dataAgeSeconds === null) return `No data from it${missing}`;
  return `Its sections (${d.missing.join(', ')}) are as last read, ${dur(d.dataAgeSeconds)} ago`;
}

/** "as last seen 2026-12-07 14:03Z (25m ago)". */
function lastSeen(asOf: string, ageSeconds: number | null): string {
  return `as last seen ${mdTime(asOf)} (${dur(ageSeconds ?? 0)} ago)`;
}

export function handoffMarkdown(h: Handoff): string {
  const now = Date.parse(h.generatedAt);
  const out: string[] = [
    `# Handoff: ${mdCell(h.context || 'default', 60)}, ${mdTime(h.window.since)} to ${mdTime(h.window.until)} (${dur(h.window.seconds)})`,
  ];
  for (const d of h.down)
    out.push('', `> **${d.backend} ${mdCell(d.name, 80)} is down**: ${mdCell(d.error, 300)}. ${downText(d)}.`);
  const amDown = 'Alertmanager did not answer';
  const promDown = 'Prometheus did not answer';

  const open = h.openIncidents;
  const asOf = open?.find((i) => i.source === 'memory')?.asOf;
  const age = asOf ? Math.max(0, Math.round((now - Date.parse(asOf)) / 1000)) : null;
  out.push(
    ...section(
      `Open incidents (${open ? open.length : '?'}${asOf ? `, ${lastSeen(asOf, age)}` : ''})`,
      open &&
        (open.length
          ? [
              ...(asOf
                ? [
                    `Every Alertmanager is down: these are the incidents oncall's incident memory held as firing, ${lastSeen(asOf, age)}. Some may have resolved since, others started; whether they are acked or silenced is unknown.`,
                    '',
                  ]
                : []),
              ...table(
                ['Severity', 'Incident', 'Root cause', 'Age', 'State', 'Acked / silenced by', 'ID'],
                open.map((i) => [
                  i.severity,
                  mdCell(i.title, 120),
                  rootText(i.root),
                  dur(i.ageSeconds),
                  i.state,
                  mutedText(i),
                  mdCell(i.id, 40),
                ]),
              ),
            ]
          : []),
      amDown,
    ),
  );
  const res = h.resolvedIncidents;
  out.push(
    ...section(
      `Resolved during the window (${res ? res.length : '?'})`,
      res &&
        (res.length
          ? table(
              ['Severity', 'Incident', 'Root cause', 'Started', 'Resolved', 'Lasted', 'ID'],
              res.map((i) => [
                i.severity,
                mdCell(i.title, 120),
                rootText(i.rootCause),
                i.startedBeforeWindow ? `before ${mdTime(h.window.since)}` : mdTime(i.startedAt),
                mdTime(i.resolvedAt),
                `${i.startedBeforeWindow ? 'over ' : ''}${dur(i.durationSeconds)}`,
                mdCell(i.id, 40),
              ]),
            )
          : []),
      amDown,
    ),
  );
  const sil = h.silences;
  const silBody =
    sil &&
    (sil.length
      ? [
          ...(sil.some((s) => s.untilResolved) ? [watcherText(h), ''] : []),
          ...table(
            ['Why', 'Kind', 'Matchers', 'By', 'Comment', 'When', 'Firing', 'ID'],
            sil.map((s) => [
              s.reasons.join(', '),
              s.kind,
              mdCell(s.matchers, 200),
              mdCell(s.by, 60),
              mdCell(s.comment, 160),
              silenceWhen(s, now),
              s.firing === null ? '?' : String(s.firing),
              s.ids.map((id) => mdCell(id, 40)).join(' + '),
            ]),
          ),
        ]
      : []);
  out.push(...section(`Silences and acks (${sil ? sil.length : '?'})`, silBody, amDown));

  const rb = h.runbooks;
  out.push(
    ...section(
      `Runbooks in progress (${rb.length})`,
      rb.length
        ? [
            ...table(
              ['Incident', 'Runbook', 'Done', 'Skipped', 'Notes', 'Failing checks'],
              rb.map((r) => [
                `${r.incidentTitle ? mdCell(r.incidentTitle, 80) : '?'} (${mdCell(r.incidentId, 40)})`,
                mdCell(r.title, 80),
                `${r.done}${r.total === null ? '' : `/${r.total}`}`,
                String(r.skipped),
                String(r.notes.length),
                String(r.failingChecks.length),
              ]),
            ),
            '',
            ...rb.flatMap(runbookLines),
          ]
        : [],
      '',
    ),
  );

  const slo = h.slos;
  const w = dur(h.window.seconds);
  out.push(
    ...section(
      `SLOs (${slo ? slo.listed.length : '?'})`,
      slo && [
        `Paging now: ${slo.paging.length ? slo.paging.map((n) => mdCell(n, 80)).join(', ') : 'none'}. Ticketing now: ${slo.ticketing.length ? slo.ticketing.map((n) => mdCell(n, 80)).join(', ') : 'none'}.${slo.quiet ? ` ${slo.quiet} other SLO${slo.quiet === 1 ? '' : 's'} burned no budget in the window.` : ''}`,
        ...(slo.listed.length
          ? [
              '',
              ...table(
                ['SLO', 'Now', 'Objective', `Errors (${w})`, `Burn rate (${w})`, `Budget burned (${w})`, 'Budget left'],
                slo.listed.map((s) => [
                  mdCell(s.name, 100),
                  s.state ?? 'unknown',
                  s.objective === null ? 'unknown' : `${+(s.objective * 100).toFixed(3)}%`,
                  pct(s.windowErrorRatio, 3),
                  s.windowBurnRate === null ? 'unknown' : `${s.windowBurnRate.toFixed(2)}x`,
                  pct(s.budgetBurned),
                  pct(s.budgetRemaining),
                ]),
              ),
            ]
          : []),
      ],
      promDown,
    ),
  );
  const g = h.gpus;
  out.push(
    ...section(
      `GPUs predicted full${g ? ` within ${dur(g.horizonSeconds)}` : ''} (${g ? g.predictedFull.length : '?'})`,
      g &&
        (g.predictedFull.length
          ? table(
              ['Host', 'GPU', 'Used', 'Full in'],
              g.predictedFull.map((x) => [
                mdCell(x.cluster ? `${x.cluster}/${x.host}` : x.host, 100),
                mdCell(x.gpu, 20),
                pct(x.usedRatio, 0),
                x.timeToFullSeconds <= 0
                  ? 'full now'
                  : `~${dur(Math.max(60, Math.round(x.timeToFullSeconds / 60) * 60))}`,
              ]),
            )
          : []),
      promDown,
    ),
  );
  const m = h.models;
  out.push(
    ...section(
      `Models with a quality alert (${m ? m.length : '?'})`,
      m &&
        (m.length
          ? table(
              ['Model', 'Alerts', 'Past threshold now'],
              m.map((x) => [
                mdCell(x.model, 80),
                x.alerts.map((a) => `${mdCell(a.alertname, 80)} (${mdCell(a.severity, 20)})`).join(', '),
                x.breached.join(', ') || 'none',
              ]),
            )
          : []),
      amDown,
    ),
  );
  if (h.warnings.length) out.push('', '## Warnings', '', ...h.warnings.map((x) => `- ${mdCell(x, 400)}`));
  return out.join('\n') + '\n';
}
