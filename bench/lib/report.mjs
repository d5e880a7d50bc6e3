// Targets, the printed table and bench/RESULTS.md. Ratios are between figures of the same run.
import { NOTES } from './notes.mjs';

const fmtMs = (ms) =>
  Number.isFinite(ms) ? (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms < 20 ? 1 : 0)} ms`) : 'n/a';
const fmtMb = (mb) => (Number.isFinite(mb) && mb > 0 ? `${mb.toFixed(0)} MB` : 'n/a');
const fmtX = (x) => (Number.isFinite(x) ? `${x.toFixed(2)}x` : 'n/a');
const nlogn = (n) => n * Math.log2(n);

function med(xs) {
  const v = [...xs].sort((a, b) => a - b);
  const m = v.length >> 1;
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

/**
 * a ÷ b as the median of the ratios within each round (the two ran back to back), which cancels the machine's
 * drift between rounds; falls back to the ratio of medians.
 */
export function pairedRatio(a, b, key = 'samplesMs') {
  const xs = a?.[key];
  const ys = b?.[key];
  if (!xs?.length || xs.length !== ys?.length) return key === 'samplesMs' ? a.ms / b.ms : a.rssMb / b.rssMb;
  return med(xs.map((x, i) => x / ys[i]));
}

/** Every target of the issue: measured value, limit, PASS / MISS / not measured. */
export function evaluate(r) {
  const t = [];
  // Every figure names the Node it was measured on: the benchmark's own, or start-up's and the TUI's.
  const add = (id, what, target, measured, value, limit, extra = '', node = r.info.node) => {
    const pass = Number.isFinite(value) ? value <= limit : null;
    t.push({
      id,
      what,
      target,
      measured,
      value,
      limit,
      pass,
      extra,
      node,
      missBy: pass === false ? value / limit - 1 : undefined,
    });
  };
  const s20 = r.sizes[20000];
  const inc = s20?.incidents;
  const notRun = (why) => ({ measured: why, value: NaN });
  if (s20) {
    const i = inc
      ? {
          measured: `${fmtX(pairedRatio(inc, s20.amtool))} (medians ${fmtMs(inc.ms)} vs ${fmtMs(s20.amtool.ms)})`,
          value: pairedRatio(inc, s20.amtool),
        }
      : notRun('oncall incidents not available');
    add(
      'incidents-vs-amtool',
      '`oncall incidents --json`, 20,000 alerts, vs amtool',
      '≤ 0.8 × amtool',
      i.measured,
      i.value,
      0.8,
    );
    const c = inc
      ? {
          measured: `${fmtX(pairedRatio(inc, s20.curl))} (medians ${fmtMs(inc.ms)} vs ${fmtMs(s20.curl.ms)})`,
          value: pairedRatio(inc, s20.curl),
        }
      : notRun('oncall incidents not available');
    add(
      'incidents-vs-curl',
      '`oncall incidents --json`, 20,000 alerts, vs curl',
      '≤ 1.5 × curl',
      c.measured,
      c.value,
      1.5,
    );
    add(
      'alerts-vs-amtool',
      '`oncall alerts --json`, 20,000 alerts, vs amtool',
      '≤ 0.7 × amtool',
      `${fmtX(pairedRatio(s20.alerts, s20.amtool))} (medians ${fmtMs(s20.alerts.ms)} vs ${fmtMs(s20.amtool.ms)})`,
      pairedRatio(s20.alerts, s20.amtool),
      0.7,
    );
    const rn = inc
      ? {
          measured: `${fmtX(pairedRatio(inc, s20.node, 'samplesRssKb'))} (medians ${fmtMb(inc.rssMb)} vs ${fmtMb(s20.node.rssMb)})`,
          value: pairedRatio(inc, s20.node, 'samplesRssKb'),
        }
      : notRun('oncall incidents not available');
    add(
      'rss-vs-node',
      'peak RSS, `incidents --json`, 20,000 alerts, vs bare node',
      '≤ 1.3 × node fetch + JSON.parse',
      rn.measured,
      rn.value,
      1.3,
    );
    const ra = inc ? { measured: fmtMb(inc.rssMb), value: inc.rssMb } : notRun('oncall incidents not available');
    add('rss-abs', 'peak RSS, `incidents --json`, 20,000 alerts', '≤ 300 MB', ra.measured, ra.value, 300);
  }
  const g20 = r.grouping[20000];
  const g100 = r.grouping[100000];
  if (g100) add('grouping-100k', 'grouping alone, 100,000 alerts', '≤ 300 ms', fmtMs(g100.ms), g100.ms, 300);
  if (g20 && g100) {
    const limit = nlogn(g100.n) / nlogn(g20.n);
    add(
      'grouping-growth',
      'grouping growth, 20,000 → 100,000 alerts',
      `≤ n log n (${limit.toFixed(2)}x)`,
      `${fmtMs(g20.ms)} → ${fmtMs(g100.ms)} (${fmtX(g100.ms / g20.ms)})`,
      g100.ms / g20.ms,
      limit,
    );
  }
  coldTargets(r, add);
  const topo = r.topology;
  if (topo) {
    add(
      'topology-overhead',
      `topology's cost on \`oncall incidents --json\`, 20,000 alerts, ${topo.nodes} nodes, ${topo.pods.toLocaleString('en-US')} pods (from a real Prometheus)`,
      '≤ +25%',
      `${topo.overhead < 0 ? '' : '+'}${(topo.overhead * 100).toFixed(0)}% (median of the rounds' ratios; medians ${fmtMs(topo.onMs)} vs ${fmtMs(topo.offMs)} without; ${topo.effect.on.incidents} incidents vs ${topo.effect.off.incidents})`,
      topo.overhead,
      0.25,
    );
    const reqs = (k) =>
      Object.entries(topo.requests[k] ?? {})
        .map(([what, c]) => `${c}× ${what}`)
        .join(', ');
    const same = reqs('1000') === reqs('20000');
    add(
      'topology-requests',
      'Prometheus requests per `incidents` run with topology, 1,000 vs 20,000 alerts',
      'the same',
      `${reqs('1000')} vs ${reqs('20000')}`,
      same ? 0 : 1,
      0,
    );
  }
  if (r.startup?.statuslineMs !== undefined)
    add(
      'statusline',
      '`oncall statusline --format tmux`, state file present',
      '≤ 150 ms',
      fmtMs(r.startup.statuslineMs),
      r.startup.statuslineMs,
      150,
      '',
      r.startup.node,
    );
  if (r.startup)
    add(
      'version',
      '`oncall --version`',
      '≤ 100 ms',
      `${fmtMs(r.startup.versionMs)} (node -e 0: ${fmtMs(r.startup.nodeMs)})`,
      r.startup.versionMs,
      100,
      '',
      r.startup.node,
    );
  const hist = r.history;
  if (hist && !hist.skipped) {
    add(
      'suggest-time',
      '`rules suggest --since 14d`, ' + hist.samples.toLocaleString('en-US') + ' ALERTS samples',
      '≤ 10 s',
      fmtMs(hist.ms),
      hist.ms,
      10_000,
    );
    add(
      'suggest-rss',
      'peak RSS, `rules suggest --since 14d`, ' + hist.samples.toLocaleString('en-US') + ' samples',
      '≤ 300 MB',
      fmtMb(hist.rssMb),
      hist.rssMb,
      300,
    );
  }
  const tui = r.tui;
  if (tui && !tui.skipped) {
    add(
      'tui-key-median',
      'TUI key press → frame written, 20,000 alerts, median',
      '≤ 16 ms',
      `${fmtMs(tui.keyToFrameMedian)} (Ink render time ${fmtMs(tui.renderTimeMedian)}; ${tui.keys} keys)`,
      tui.keyToFrameMedian,
      16,
      '',
      tui.node,
    );
    add(
      'tui-key-p99',
      'TUI key press → frame written, 20,000 alerts, p99',
      '≤ 50 ms',
      `${fmtMs(tui.keyToFrameP99)} (Ink render time ${fmtMs(tui.renderTimeP99)})`,
      tui.keyToFrameP99,
      50,
      '',
      tui.node,
    );
    add(
      'tui-stall',
      'TUI longest event-loop stall during a refresh, 20,000 alerts',
      '≤ 50 ms',
      `${fmtMs(tui.maxStallMs)} (${tui.refreshes.map((x) => fmtMs(x.maxStallMs)).join(', ')}; refresh took ${tui.refreshes.map((x) => fmtMs(x.ms)).join(', ')})`,
      tui.maxStallMs,
      50,
      '',
      tui.node,
    );
    const reqs = tui.refreshes.map((x) => x.alertmanager);
    const worst = Math.max(
      ...reqs.map(
        (q) =>
          Math.max((q['GET /api/v2/alerts'] ?? 0) - 1, (q['GET /api/v2/silences'] ?? 0) - 1, 0) +
          Object.keys(q).filter(
            (k) => k !== 'GET /api/v2/alerts' && k !== 'GET /api/v2/silences' && k !== 'GET /api/v2/status',
          ).length,
      ),
    );
    const promCounts = tui.refreshes.map((x) => Object.values(x.prometheus).reduce((a, b) => a + b, 0));
    const views = panelsSummary(r.panels);
    add(
      'http-per-refresh',
      'HTTP requests per refresh (one Alertmanager)',
      'alerts 1, silences 1 per Alertmanager; Prometheus fixed',
      `Alertmanager: ${fmtReq(reqs[0])}; Prometheus from the incidents view: ${promCounts.join(', ')} requests (${fmtReq(tui.refreshes[0].prometheus)}); the same in every refresh. ${views.text}`,
      worst + (new Set(promCounts).size > 1 ? 1 : 0) + views.bad,
      0,
      '',
      tui.node,
    );
  } else {
    t.push({
      id: 'tui',
      what: 'TUI targets (key → frame, stall, requests per refresh)',
      target: 'see the issue',
      measured: `not measured: ${tui?.skipped ?? 'not run'}`,
      pass: null,
      node: '',
    });
  }
  return t;
}

/** Opening the TUI in a storm (bench/lib/coldstart.mjs) and `incidents --json` in the worst shape. */
function coldTargets(r, add) {
  const c = r.coldstart;
  if (!c) return;
  const first = [...Object.values(c.storm ?? {}), c.worst, c.down].filter((x) => x && !x.skipped);
  if (first.length) {
    const worst = Math.max(...first.map((x) => x.firstFrameMs));
    add(
      'first-frame',
      'TUI first frame, from process start (Alertmanager up, every size and shape, and down)',
      '≤ 300 ms',
      `${fmtMs(worst)} at the slowest (${first.map((x) => `${x.n === undefined ? 'down' : Number(x.n).toLocaleString('en-US')}: ${fmtMs(x.firstFrameMs)}`).join(', ')})`,
      worst,
      300,
    );
  }
  for (const [shape, x] of [
    ['storm', c.storm?.[20000]],
    ['single-alert incidents', c.worst],
  ]) {
    if (!x || x.skipped || x.completeMs === undefined) continue;
    const ratio = med(x.completeSamples.map((v, k) => v / x.incidentsJsonSamples[k]));
    add(
      `complete-${shape === 'storm' ? 'storm' : 'worst'}`,
      `TUI complete first picture, 20,000 alerts (${shape}), vs \`incidents --json\``,
      '≤ 1.1 × incidents --json',
      `${fmtX(ratio)} (medians ${fmtMs(x.completeMs)} vs ${fmtMs(x.incidentsJsonMs)})`,
      ratio,
      1.1,
    );
  }
  for (const [shape, s] of [
    ['storm', r.sizes[20000]],
    ['single-alert incidents', c.worstSizes],
  ]) {
    if (!s?.incidents) continue;
    add(
      `incidents-vs-node-${shape === 'storm' ? 'storm' : 'worst'}`,
      `\`incidents --json\`, 20,000 alerts (${shape}), vs bare node`,
      '≤ 1.3 × node fetch + JSON.parse',
      `${fmtX(pairedRatio(s.incidents, s.node))} (medians ${fmtMs(s.incidents.ms)} vs ${fmtMs(s.node.ms)})`,
      pairedRatio(s.incidents, s.node),
      1.3,
    );
    if (shape !== 'storm')
      add(
        'incidents-vs-amtool-worst',
        `\`incidents --json\`, 20,000 alerts (${shape}), vs amtool`,
        '≤ 0.8 × amtool',
        `${fmtX(pairedRatio(s.incidents, s.amtool))} (medians ${fmtMs(s.incidents.ms)} vs ${fmtMs(s.amtool.ms)})`,
        pairedRatio(s.incidents, s.amtool),
        0.8,
      );
  }
}

/** Requests by "METHOD /path", as counted by the pass-through: "1× GET /api/v2/alerts, …". */
const fmtReq = (q) =>
  Object.entries(q)
    .map(([k, v]) => `${v}× ${k}`)
    .join(', ') || 'none';

/** The SLO and GPU views' requests with few and many SLOs and GPUs: a sentence, and 1 per way it is not fixed. */
function panelsSummary(p) {
  if (!p || p.skipped) return { text: `The SLO and GPU views: not measured (${p?.skipped ?? 'not run'}).`, bad: 0 };
  const [few, many] = p.cases;
  const plural = (n, w) => `${n} ${w}${n === 1 ? '' : 's'}`;
  const text = `SLO view: ${few.sloTotal} requests with ${plural(few.slosShown, 'SLO')} shown, ${many.sloTotal} with ${many.slosShown}; GPU view: ${few.gpuTotal} with ${plural(few.gpusShown, 'GPU')}, ${many.gpuTotal} with ${many.gpusShown}.`;
  const differs = (f) => (new Set(p.cases.map(f)).size > 1 ? 1 : 0);
  const shownWrong = p.cases.some((c) => c.slosShown !== c.slos || c.gpusShown !== c.gpus) ? 1 : 0;
  return { text, bad: differs((c) => c.sloTotal) + differs((c) => c.gpuTotal) + shownWrong };
}

const verdict = (x) => (x.pass === true ? 'PASS' : x.pass === false ? `MISS (+${(x.missBy * 100).toFixed(0)}%)` : '—');

function sizeRows(r) {
  const rows = [];
  for (const [n, res] of Object.entries(r.sizes)) {
    for (const [id, m] of Object.entries(res)) {
      rows.push([
        Number(n).toLocaleString('en-US'),
        m.label,
        fmtMs(m.ms),
        `${fmtMs(m.minMs)}–${fmtMs(m.maxMs)}`,
        fmtMb(m.rssMb),
        fmtX(pairedRatio(m, res.curl)),
        fmtX(pairedRatio(m, res.amtool)),
        String(m.runs),
        id,
      ]);
    }
  }
  return rows;
}

function pad(rows) {
  const w = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  return rows
    .map((r) =>
      r
        .map((c, i) => String(c).padEnd(w[i]))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

const BY_NODE_HEAD = [
  'Node',
  '`oncall --version`',
  '`node -e 0`',
  'TUI first frame',
  "Ink's first frame",
  'first frame with 20,000 alerts',
  'key → frame median',
  'key → frame p99',
  'longest refresh stall',
  'TUI RSS after 3 refreshes',
  'TUI peak RSS',
];

/** Start-up and the TUI on each Node measured (this run's first), or undefined when neither ran. */
function byNodeRows(r) {
  const rows = (r.byNode ?? [])
    .filter((b) => b.startup || b.tui)
    .map(({ node, startup: s, tui: t }) => {
      const ok = t && !t.skipped;
      return [
        node,
        s ? fmtMs(s.versionMs) : 'not run',
        s ? fmtMs(s.nodeMs) : 'not run',
        ok ? fmtMs(t.firstFrameMs) : `not run${t?.skipped ? ` (${t.skipped})` : ''}`,
        ok && t.inkFrameMs !== undefined ? fmtMs(t.inkFrameMs) : '',
        ok ? fmtMs(t.dataFrameMs) : '',
        ok ? fmtMs(t.keyToFrameMedian) : '',
        ok ? fmtMs(t.keyToFrameP99) : '',
        ok ? fmtMs(t.maxStallMs) : '',
        ok ? fmtMb(t.rssAfterRefreshes / 2 ** 20) : '',
        ok ? fmtMb(t.peakRss / 2 ** 20) : '',
      ];
    });
  return rows.length ? rows : undefined;
}

export function renderTable(r) {
  const head = ['alerts', 'command', 'median', 'range', 'peak RSS', '÷ curl', '÷ amtool', 'runs'];
  const out = [pad([head, ...sizeRows(r).map((x) => x.slice(0, 8))])];
  out.push('');
  for (const [n, g] of Object.entries(r.grouping))
    if (g)
      out.push(
        `grouping alone, ${Number(n).toLocaleString('en-US')} alerts: ${fmtMs(g.ms)} (${g.incidents} incidents)`,
      );
  out.push('');
  out.push(
    pad([
      ['target', 'limit', 'Node', 'measured', 'verdict'],
      ...r.targets.map((x) => [x.what, x.target, x.node, x.measured, verdict(x)]),
    ]),
  );
  const nodes = byNodeRows(r);
  if (nodes) out.push('', pad([BY_NODE_HEAD, ...nodes]));
  out.push('', `total ${r.totalSeconds.toFixed(0)} s`, '');
  return out.join('\n') + '\n';
}

function mdTable(head, rows) {
  const esc = (c) => String(c).replace(/\|/g, '\\|');
  return [
    `| ${head.join(' | ')} |`,
    `| ${head.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.map(esc).join(' | ')} |`),
  ].join('\n');
}

export function renderMarkdown(r) {
  const i = r.info;
  const md = [];
  md.push('# Benchmark results', '');
  md.push(
    'Written by `npm run bench` (bench/run.mjs); every ratio compares figures of the same run, taken in turns.',
    '',
  );
  md.push(`- **Date**: ${i.date}`);
  md.push(
    `- **Machine**: ${i.cores} cores (${i.cpu}), ${i.memoryGb} GB memory, ${i.os}; load average at start ${i.loadavg}`,
  );
  const others = (r.byNode ?? []).slice(1).map((b) => b.node);
  md.push(
    `- **Software**: Node ${i.node}${others.length ? ` (start-up and the TUI also on Node ${others.join(', ')})` : ''}; Alertmanager ${i.alertmanager}; amtool ${i.amtool}; Prometheus ${i.prometheus}; ${i.curl}; oncall at ${i.commit}`,
  );
  md.push(
    `- **Alerts**: ${r.stormSource}, posted to a real Alertmanager on loopback in batches of 5,000; each command's output was checked to hold all N alerts`,
  );
  md.push(
    `- **Method**: wall time from spawn to exit; commands alternate and the order rotates each round; medians of the rounds shown; a ratio (÷ curl, ÷ amtool, the targets) is the median of the ratios within each round, which cancels the drift of a shared machine between rounds; stdout to /dev/null; peak RSS by ${i.rssMethod}; the same empty HOME for every command`,
  );
  md.push(`- **Total time**: ${r.totalSeconds.toFixed(0)} s (build not included)`);
  for (const [n, why] of Object.entries(r.reduced ?? {}))
    md.push(`- **Fewer rounds at ${Number(n).toLocaleString('en-US')} alerts** to stay within the time budget: ${why}`);
  md.push('');

  md.push('## Targets', '');
  md.push(
    mdTable(
      ['what', 'target', 'Node', 'measured', 'verdict'],
      r.targets.map((x) => [x.what, x.target, x.node, x.measured, verdict(x)]),
    ),
    '',
  );
  const misses = r.targets.filter((x) => x.pass === false);
  if (misses.length) {
    md.push('### Missed targets', '');
    for (const x of misses) {
      const note = NOTES[x.id];
      md.push(
        `**${x.what}** (Node ${x.node}): ${x.measured}, target ${x.target}: missed by ${(x.missBy * 100).toFixed(0)}%.`,
      );
      if (note) md.push('', `- Why: ${note.why}`, `- What would close it: ${note.close}`);
      md.push('');
    }
  }
  const unmeasured = r.targets.filter((x) => x.pass === null);
  if (unmeasured.length) {
    md.push('### Not measured', '');
    for (const x of unmeasured) md.push(`- ${x.what}: ${x.measured}`);
    md.push('');
  }

  const nodes = byNodeRows(r);
  if (nodes) {
    md.push('## Start-up and the TUI by Node version', '');
    md.push(
      `The same build on each Node (the first is the one that ran the benchmark and that the targets use). \`oncall --version\` and \`node -e 0\`: median of 9 runs each, alternating. TUI first frame: from starting the process in tmux to Ink's first frame, and to the first frame holding the 20,000 alerts; the other columns as in the TUI section below. TUI RSS: the whole process (both threads) by the kernel's VmRSS once the storm was loaded, browsed and refreshed three times, and its peak (VmHWM) until then.`,
      '',
    );
    md.push(mdTable(BY_NODE_HEAD, nodes), '');
  }
  for (const m of r.nodesMissing ?? []) md.push(`Not measured on ${m}.`, '');

  md.push(`## Commands, side by side (Node ${i.node})`, '');
  md.push(
    mdTable(
      ['alerts', 'command', 'median', 'range', 'peak RSS', '÷ curl', '÷ amtool', 'runs'],
      sizeRows(r).map((x) => x.slice(0, 8)),
    ),
    '',
  );

  md.push(
    `## Grouping alone (Node ${i.node}; default rules; in a process of its own holding only the alerts, as the TUI's worker does)`,
    '',
  );
  const g = Object.entries(r.grouping).filter(([, v]) => v);
  if (g.length)
    md.push(
      mdTable(
        [
          'alerts',
          'median, calls 7–11',
          'each process',
          'best call',
          'calls 2–6 (still being optimized)',
          'first call (nothing compiled yet, as in a one-shot command)',
          'incidents',
          'causal edges',
        ],
        g.map(([n, v]) => [
          Number(n).toLocaleString('en-US'),
          fmtMs(v.ms),
          v.processMs ? v.processMs.map(fmtMs).join(', ') : '',
          fmtMs(v.minMs),
          v.earlyMs === undefined ? '' : fmtMs(v.earlyMs),
          v.coldMs === undefined ? '' : fmtMs(v.coldMs),
          v.incidents,
          v.edges ?? '',
        ]),
      ),
      '',
    );
  else md.push('Not measured: the grouping is not built.', '');

  md.push('## Loading Alertmanager', '');
  md.push(
    mdTable(
      ['alerts', 'posted', 'POST time', 'then visible after', 'GET body'],
      Object.entries(r.load).map(([n, v]) => [
        Number(n).toLocaleString('en-US'),
        v.added.toLocaleString('en-US'),
        fmtMs(v.postMs),
        fmtMs(v.visibleMs),
        `${v.bodyMb.toFixed(1)} MB`,
      ]),
    ),
    '',
  );

  md.push(`## TUI, 20,000 alerts${r.tui?.node ? ` (Node ${r.tui.node})` : ''}`, '');
  if (r.tui && !r.tui.skipped) {
    const t = r.tui;
    md.push(
      `Driven in tmux (160×45) with \`send-keys\`, one key every 120 ms; the TUI logs its own timings (ONCALL_BENCH_RENDER_LOG, src/ui/bench-log.ts). Key → frame is from Ink reading the key to Ink's onRender after it; the render time is Ink's own figure. Stalls: lateness of a 5 ms timer on the UI thread, from pressing \`r\` until 1 s after the new data arrived. Requests counted by a pass-through in front of each server.`,
      '',
    );
    md.push(
      mdTable(
        ['measure', 'median', 'p99'],
        [
          ['key press → frame written', fmtMs(t.keyToFrameMedian), fmtMs(t.keyToFrameP99)],
          ['Ink render time', fmtMs(t.renderTimeMedian), fmtMs(t.renderTimeP99)],
        ],
      ),
      '',
    );
    if (Number.isFinite(t.firstFrameMs))
      md.push(
        `First frame ${fmtMs(t.firstFrameMs)} after starting the process${t.inkFrameMs !== undefined ? ` (Ink's first ${fmtMs(t.inkFrameMs)})` : ''}, the first with the alerts after ${fmtMs(t.dataFrameMs)}.`,
        '',
      );
    md.push(
      mdTable(
        ['refresh', 'took', 'longest stall', 'Alertmanager requests', 'Prometheus requests'],
        t.refreshes.map((x, k) => [
          k + 1,
          fmtMs(x.ms),
          fmtMs(x.maxStallMs),
          fmtReq(x.alertmanager),
          fmtReq(x.prometheus),
        ]),
      ),
      '',
    );
  } else {
    md.push(`Not measured: ${r.tui?.skipped ?? 'not run'}.`, '');
  }
  md.push(`## Opening the TUI in a storm (Node ${i.node})`, '');
  const c = r.coldstart;
  if (c) {
    md.push(
      "The TUI started in tmux (160×45) as a person would, against a real Alertmanager; times from the process's start (its time origin) to the first frame written to the terminal (drawn before Ink loads), to the first frame Ink wrote, and to the first frame drawn after every alert had arrived and been grouped; `incidents --json` ran on the same data between the starts.",
      '',
    );
    const rows = [
      ...Object.values(c.storm ?? {}).map((x) => ['storm', x]),
      ['single-alert incidents', c.worst],
      ['Alertmanager down', c.down],
    ].filter(([, x]) => x);
    md.push(
      mdTable(
        ['alerts', 'shape', 'first frame', "Ink's first frame", 'complete picture', '`incidents --json`', 'rounds'],
        rows.map(([shape, x]) =>
          x.skipped
            ? ['', shape, `not measured: ${x.skipped}`, '', '', '', '']
            : [
                x.n === undefined ? '—' : Number(x.n).toLocaleString('en-US'),
                shape,
                fmtMs(x.firstFrameMs),
                x.inkFrameMs === undefined ? '—' : fmtMs(x.inkFrameMs),
                x.completeMs === undefined ? '—' : fmtMs(x.completeMs),
                x.incidentsJsonMs === undefined ? '—' : fmtMs(x.incidentsJsonMs),
                x.rounds,
              ],
        ),
      ),
      '',
    );
    if (c.worstSizes)
      md.push(
        'The commands on 20,000 single-alert incidents (the worst shape for the output stage):',
        '',
        mdTable(
          ['command', 'median', 'peak RSS', '÷ node', '÷ amtool'],
          Object.values(c.worstSizes).map((m) => [
            m.label,
            fmtMs(m.ms),
            fmtMb(m.rssMb),
            fmtX(pairedRatio(m, c.worstSizes.node)),
            fmtX(pairedRatio(m, c.worstSizes.amtool)),
          ]),
        ),
        '',
      );
  } else {
    md.push('Not measured.', '');
  }
  md.push(`## TUI SLO and GPU views: requests per refresh (Node ${i.node})`, '');
  if (r.panels && !r.panels.skipped) {
    md.push(
      'A second Prometheus scrapes an exporter of 32 GPUs (DCGM metric names) every second; the context lists 1 SLO and a `gpu.query` that picks 4 GPUs, then 40 SLOs and every GPU. In each view, one `r` once its first poll is over, counted by a pass-through in front of Prometheus; the SLOs and GPUs shown are read off the screen.',
      '',
    );
    md.push(
      mdTable(
        ['view', 'shown', 'requests per refresh', 'which'],
        r.panels.cases.flatMap((c) => [
          ['SLOs', `${c.slosShown} SLO${c.slosShown === 1 ? '' : 's'}`, c.sloTotal, fmtReq(c.slo)],
          ['GPUs', `${c.gpusShown} GPUs`, c.gpuTotal, fmtReq(c.gpu)],
        ]),
      ),
      '',
    );
  } else {
    md.push(`Not measured: ${r.panels?.skipped ?? 'not run'}.`, '');
  }
  md.push('## Rules learned from alert history', '');
  if (r.history && !r.history.skipped) {
    const h = r.history;
    md.push(
      `A generated 14-day fleet history (test/helpers/history-fleet.ts: hosts in two clusters, three cause → effect pairs each, noise, a flapping alert, a Watchdog) of ${h.samples.toLocaleString('en-US')} samples in ${h.series} series, backfilled with promtool in ${fmtMs(h.backfillMs)} into a real Prometheus; \`oncall rules suggest --since 14d --json\` read it in range-query chunks and found ${h.rules} rules from ${h.episodes} episodes. Median of ${h.runs} runs: ${fmtMs(h.ms)}, peak RSS ${fmtMb(h.rssMb)}.`,
      '',
    );
  } else {
    md.push(`Not measured: ${r.history?.skipped ?? 'not run'}.`, '');
  }
  md.push('## Choices', '');
  md.push(NOTES.choices, '');
  return md.join('\n');
}
