// oncall handoff after a scripted shift, against a real Prometheus (backfilled: an SLO burning, a GPU filling, an
// ALERTS history holding an incident that resolved during the window and one that resolved before it) and a real
// Alertmanager (a storm, a silence, an ack until resolved): the JSON holds each of them and nothing else, the
// Markdown parses into the right tables, and a backend that is down is named while the rest is still reported.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { marked, type Tokens } from 'marked';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPrometheus, type ServerHandle } from '../src/backends/localstack.js';
import { ProgressStore } from '../src/backends/progress.js';
import { setNote, setResult, toggleStep } from '../src/domain/runbook/progress.js';
import type { Handoff } from '../src/domain/handoff/types.js';
import {
  CLOSED_URL,
  alertmanager,
  isolatedEnv,
  postAlerts,
  runCli,
  waitForAlerts,
  type TestAlert,
} from './helpers/stack.js';
import { backfill, generate, type Generated } from './helpers/series-data.js';

const M = 60;
const H = 3600;
const STEP = 15;

/** Error share of the "a" model: 0.01% until two hours ago, then 2% (pages a 99.9% SLO). */
const errorShare = (t0: number) => (t: number) => (t < t0 - 2 * H ? 0.0001 : 0.02);

function alertsSeries(labels: Record<string, string>, from: number, to: number): Generated {
  const points: [number, number][] = [];
  for (let t = from; t < to; t += M) points.push([t, 1]);
  return { name: 'ALERTS', labels: { alertstate: 'firing', ...labels }, points };
}

function series(t0: number): Generated[] {
  const start = t0 - 24 * H;
  const share = errorShare(t0);
  const dcgm = (host: string, used: (t: number) => number) =>
    ['USED', 'FREE'].map((k) => ({
      name: `DCGM_FI_DEV_FB_${k}`,
      labels: { Hostname: host, gpu: '0', UUID: `GPU-${host}` },
      kind: 'gauge' as const,
      fn: (t: number) => Math.round((k === 'USED' ? used(t) : 1 - used(t)) * 81920),
    }));
  return [
    ...generate(
      [
        { name: 'predictions_total', labels: { model: 'a' }, kind: 'counter', fn: () => 10 },
        { name: 'prediction_errors_total', labels: { model: 'a' }, kind: 'counter', fn: (t) => 10 * share(t) },
        { name: 'predictions_total', labels: { model: 'b' }, kind: 'counter', fn: () => 10 },
        { name: 'prediction_errors_total', labels: { model: 'b' }, kind: 'counter', fn: () => 0 },
        // 50% → 90% over the last hour: full in about 15 minutes. The other stays at 40%.
        ...dcgm('gpu-node-1', (t) => (t < t0 - H ? 0.5 : 0.5 + (0.4 * (t - (t0 - H))) / H)),
        ...dcgm('gpu-node-2', () => 0.4),
      ],
      start,
      t0,
      STEP,
    ),
    alertsSeries({ alertname: 'NodeDiskPressure', severity: 'critical', instance: 'db-1' }, t0 - 5 * H, t0 - 3 * H),
    alertsSeries({ alertname: 'OldCertExpiry', severity: 'warning', instance: 'web-1' }, t0 - 20 * H, t0 - 18 * H),
  ];
}

const CONFIG = (prom: string, am: string) => `current_context: t
contexts:
  t:
    prometheus:
      url: ${prom}
    alertmanagers:
      - url: ${am}
    slos:
      - name: availability-a
        kind: ratio
        objective: 0.999
        errors: prediction_errors_total
        total: predictions_total
        selector: 'model="a"'
      - name: availability-b
        kind: ratio
        objective: 0.999
        errors: prediction_errors_total
        total: predictions_total
        selector: 'model="b"'
`;

const HOSTILE = 'frees | pipes `and` ticks\nand a second line \u001b[31mred';

describe('oncall handoff after a scripted shift', () => {
  let prom: ServerHandle;
  let am: ServerHandle;
  let env: NodeJS.ProcessEnv;
  let t0: number;
  let cfg: string;
  const cli = (...args: string[]) => runCli(args, { env });

  beforeAll(async () => {
    t0 = Math.floor(Date.now() / 1000 / M) * M;
    const data = await backfill(series(t0));
    prom = await startPrometheus({
      config: 'global:\n  scrape_interval: 1m\n  evaluation_interval: 1m\n',
      dataDir: data,
      retention: '3650d',
    });
    am = await alertmanager();
    const storm: TestAlert[] = [];
    for (let i = 0; i < 20; i++) {
      const where = { cluster: 'prod', instance: `gpu-node-${i}` };
      storm.push(
        { labels: { alertname: 'GPUMemoryOOM', severity: 'critical', ...where } },
        { labels: { alertname: 'BatchTimeout', severity: 'warning', ...where } },
      );
    }
    storm.push(
      {
        labels: { alertname: 'DiskSpaceLow', severity: 'warning', instance: 'db-2' },
        annotations: { summary: HOSTILE },
      },
      { labels: { alertname: 'PredictionDistributionShift', severity: 'warning', alert_type: 'quality', model: 'a' } },
    );
    await postAlerts(am.url, storm);
    await waitForAlerts(am.url, storm.length);
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'oncall-handoff-'));
    cfg = path.join(home, 'config.yaml');
    fs.writeFileSync(cfg, CONFIG(prom.url, am.url));
    env = isolatedEnv({ ONCALL_CONFIG: cfg });
  }, 120_000);
  afterAll(async () => {
    await prom?.stop();
    await am?.stop();
  });

  it('holds the storm, the silence, the ack, the runbook steps, the SLO, the GPU and the model, and nothing else', async () => {
    const before = JSON.parse((await cli('incidents', '--json')).stdout) as {
      incidents: { id: string; root: string; alerts: { labels: Record<string, string> }[] }[];
    };
    const oom0 = before.incidents.find((i) => i.alerts.some((a) => a.labels.instance === 'gpu-node-0'))!;
    const disk = before.incidents.find((i) => i.alerts[0]!.labels.alertname === 'DiskSpaceLow')!;
    const silence = await cli(
      'silence',
      'add',
      'alertname="DiskSpaceLow"',
      '--duration',
      '1h',
      '--comment',
      'disk | `cleanup`',
      '--author',
      'alice',
      '--yes',
    );
    expect(silence.code, silence.stderr).toBe(0);
    const ack = await cli('ack', oom0.id, '--author', 'bob', '--until-resolved', '--yes');
    expect(ack.code, ack.stderr).toBe(0);
    const store = new ProgressStore(path.join(env.XDG_CONFIG_HOME!, 'oncall'));
    const t = new Date();
    let p = store.load(oom0.id, t);
    p = toggleStep(p, 'GPUMemoryOOM', 'confirm the oom', 'done', t);
    p = setNote(p, 'GPUMemoryOOM', 'confirm the oom', 'batch job | at 98%', t);
    p = setResult(
      p,
      'GPUMemoryOOM',
      'confirm the oom',
      0,
      { outcome: 'fail', summary: '0.98', query: 'q', at: t.toISOString() },
      t,
    );
    p = toggleStep(p, 'GPUMemoryOOM', 'drain the node', 'skipped', t);
    store.save(p);
    // Work on an incident nobody knows any more, two days ago: not handed over.
    const old = new Date(Date.now() - 48 * H * 1000);
    store.save(toggleStep(store.load('inc-000000000000', old), 'GPUMemoryOOM', 'confirm the oom', 'done', old));

    const r = await cli('handoff', '--json', '--since', '12h');
    expect(r.code, r.stderr).toBe(0);
    const h = JSON.parse(r.stdout) as Handoff;
    expect(h.schemaVersion).toBe(1);
    expect(h.window.seconds).toBe(12 * H);
    expect(h.down).toEqual([]);
    // The storm: 20 OOM incidents, the disk, the model's; critical first, the acked one after the active ones.
    expect(h.openIncidents!.map((i) => i.root.alertname).sort()).toEqual(
      [...Array(20).fill('GPUMemoryOOM'), 'DiskSpaceLow', 'PredictionDistributionShift'].sort(),
    );
    expect(h.openIncidents!.slice(0, 20).every((i) => i.severity === 'critical')).toBe(true);
    const acked = h.openIncidents!.find((i) => i.id === oom0.id)!;
    expect(acked).toMatchObject({
      state: 'acked',
      mutedBy: [{ kind: 'ack', by: 'bob', silenceId: ack.stdout.trim() }],
    });
    expect(h.openIncidents![19]!.id).toBe(oom0.id);
    expect(acked.symptoms).toEqual(['BatchTimeout']);
    expect(h.openIncidents!.find((i) => i.id === disk.id)).toMatchObject({
      state: 'silenced',
      mutedBy: [{ kind: 'silence', by: 'alice', comment: 'disk | `cleanup`' }],
    });
    // Resolved in the window (from the ALERTS history), not the one that resolved before it.
    expect(h.resolvedIncidents!.map((i) => i.rootCause.alertname)).toEqual(['NodeDiskPressure']);
    expect(h.resolvedIncidents![0]!.durationSeconds).toBeGreaterThanOrEqual(2 * H - 2 * M);
    expect(h.resolvedIncidents![0]!.durationSeconds).toBeLessThanOrEqual(2 * H + 2 * M);
    expect(h.resolvedIncidents![0]!.startedBeforeWindow).toBe(false);
    // The silence and the ack, each once, and why.
    expect(h.silences!.map((s) => [s.kind, s.by, s.reasons])).toEqual([
      ['ack', 'bob', ['created', 'ends soon', 'until resolved']],
      ['silence', 'alice', ['created', 'ends soon']],
    ]);
    expect(h.silences![0]!.firing).toBe(2);
    expect(h.watcher.running).toBe(false);
    // The runbook walked on the open incident only.
    expect(h.runbooks).toHaveLength(1);
    expect(h.runbooks[0]).toMatchObject({
      incidentId: oom0.id,
      incidentOpen: true,
      done: 1,
      skipped: 1,
      notes: [{ note: 'batch job | at 98%' }],
      failingChecks: [{ outcome: 'fail', summary: '0.98' }],
    });
    // The SLO that burned: its error ratio over exactly 12h, from the backfilled counters.
    const expected = (2 * H * 0.02 + 10 * H * 0.0001) / (12 * H);
    expect(h.slos!.listed.map((s) => s.name)).toEqual(['availability-a']);
    const a = h.slos!.listed[0]!;
    expect(a.state).toBe('page');
    expect(h.slos!.paging).toEqual(['availability-a']);
    expect(h.slos!.quiet).toBe(1);
    expect(Math.abs(a.windowErrorRatio! - expected)).toBeLessThan(expected * 0.05);
    expect(Math.abs(a.budgetBurned! - (expected / 0.001) * (12 / (30 * 24)))).toBeLessThan(a.budgetBurned! * 0.05);
    // The GPU filling up, not the flat one; the model with a quality alert.
    expect(h.gpus!.predictedFull.map((g) => g.host)).toEqual(['gpu-node-1']);
    expect(h.gpus!.predictedFull[0]!.timeToFullSeconds).toBeLessThan(40 * M);
    expect(h.models!.map((m) => [m.model, m.alerts.map((x) => x.alertname)])).toEqual([
      ['a', ['PredictionDistributionShift']],
    ]);

    // The Markdown: one table per section, with its columns and a row per entry; hostile text stays in its cell.
    const md = await cli('handoff', '--since', '12h');
    expect(md.code, md.stderr).toBe(0);
    expect(md.stdout).not.toMatch(/\u001b/);
    const tokens = marked.lexer(md.stdout);
    const tables = new Map<string, Tokens.Table>();
    let heading = '';
    for (const tk of tokens) {
      if (tk.type === 'heading') heading = (tk as Tokens.Heading).text.replace(/ \(\d+\)$/, '');
      if (tk.type === 'table' && !tables.has(heading)) tables.set(heading, tk as Tokens.Table);
    }
    const cols = (name: string) => tables.get(name)!.header.map((c) => c.text);
    const rows = (name: string) => tables.get(name)!.rows.map((r) => r.map((c) => c.text));
    expect(cols('Open incidents')).toEqual([
      'Severity',
      'Incident',
      'Root cause',
      'Age',
      'State',
      'Acked / silenced by',
      'ID',
    ]);
    expect(rows('Open incidents')).toHaveLength(22);
    expect(rows('Open incidents').every((r) => r.length === 7)).toBe(true);
    const diskRow = rows('Open incidents').find((r) => r[6] === disk.id)!;
    // Read as Markdown, the cell is the text itself: no code span, no second line, no escape sequence.
    expect(marked.parseInline(diskRow[2]!)).toBe('DiskSpaceLow: frees | pipes `and` ticks and a second line red');
    expect(marked.parseInline(diskRow[5]!)).toMatch(/^silence by alice until .*: disk \| `cleanup`$/);
    expect(rows('Resolved during the window').map((r) => r[2])).toEqual(['NodeDiskPressure']);
    expect(cols('Silences and acks')).toEqual(['Why', 'Kind', 'Matchers', 'By', 'Comment', 'When', 'Firing', 'ID']);
    expect(rows('Silences and acks').map((r) => r[1])).toEqual(['ack', 'silence']);
    expect(rows('Runbooks in progress')).toHaveLength(1);
    const [rbRow] = rows('Runbooks in progress');
    expect(rbRow![0]).toBe(`${acked.title} (${oom0.id})`);
    expect(rbRow!.slice(3)).toEqual(['1', '1', '1']);
    expect(rbRow![2]).toMatch(/^1\/\d+$/);
    expect(rows('SLOs').map((r) => [r[0], r[1]])).toEqual([['availability-a', 'page']]);
    expect(rows('GPUs predicted full within 2h').map((r) => r[0])).toEqual(['gpu-node-1']);
    expect(rows('Models with a quality alert').map((r) => r[0])).toEqual(['a']);
    expect(md.stdout).toMatch(/none runs now/);
  }, 120_000);

  it('names a backend that is down at the top, still reports the rest, and exits 1', async () => {
    const dead = CLOSED_URL;
    const r = await runCli(['--prometheus', dead, '--alertmanager', am.url, 'handoff', '--timeout', '2s'], { env });
    expect(r.code).toBe(1);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^# Handoff: /);
    expect(lines[2]).toMatch(/^> \*\*prometheus .* is down\*\*: .*missing: SLOs, GPUs/);
    expect(r.stdout).toMatch(/## SLOs \(\?\)\n\nunknown: Prometheus did not answer/);
    expect(r.stdout).toMatch(/## Open incidents \(22\)/);
    expect(r.stderr).toMatch(/prometheus .* is down/);

    const both = await runCli(['--prometheus', dead, '--alertmanager', dead, 'handoff', '--json', '--timeout', '2s'], {
      env,
    });
    expect(both.code).toBe(1);
    const h = JSON.parse(both.stdout) as Handoff;
    expect(h.down.map((d) => d.backend).sort()).toEqual(['alertmanager', 'prometheus']);
    // The earlier reports recorded the storm in the context's incident memory: handed over as last seen.
    expect(h.openIncidents).toHaveLength(22);
    expect(new Set(h.openIncidents!.map((i) => i.source))).toEqual(new Set(['memory']));
    expect(h.silences).toBeNull();
    expect(h.slos).toBeNull();
    expect(h.runbooks).toHaveLength(1); // oncall's own records need no backend
  }, 120_000);

  it('refuses a bad window or format with what to write instead', async () => {
    const r = await cli('handoff', '--since', 'yesterday');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--since/);
    const f = await cli('handoff', '--format', 'html');
    expect(f.code).toBe(2);
    expect(f.stderr).toMatch(/expected md or json/);
  });
});
