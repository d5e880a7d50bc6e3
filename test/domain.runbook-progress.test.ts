import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProgressStore, progressDir, PROGRESS_RETENTION_MS } from '../src/backends/progress.js';
import {
  alertLabelsOf,
  emptyProgress,
  recordAlert,
  setNote,
  setResult,
  summarize,
  timeline,
  toggleStep,
} from '../src/domain/runbook/progress.js';
import { handoffRunbooks } from '../src/domain/handoff/runbooks.js';
import { parseRunbook } from '../src/domain/runbook/parse.js';
import { runPromqlCheck } from '../src/backends/runbooks.js';
import type { CodeBlock } from '../src/domain/runbook/types.js';
import { usePrometheusWithMetrics } from './fixtures/runbook/metrics.js';

const RB = parseRunbook(
  'GPUMemoryOOM.md',
  fs.readFileSync(new URL('./fixtures/runbook/GPUMemoryOOM.md', import.meta.url), 'utf8'),
);
const T0 = new Date('2026-06-01T12:00:00Z');
const at = (min: number) => new Date(T0.getTime() + min * 60_000);

describe('runbook progress', () => {
  it('records states, notes and results per step, and the timeline in the order things happened', () => {
    let p = emptyProgress('inc.1', T0);
    const [s1, s2] = RB.steps;
    p = toggleStep(p, RB.id, s2!.key, 'skipped', at(2));
    p = toggleStep(p, RB.id, s1!.key, 'done', at(1));
    p = setNote(p, RB.id, s1!.key, '  memory  back\n after restart ', at(3));
    p = setResult(
      p,
      RB.id,
      s1!.key,
      0,
      { outcome: 'pass', summary: '2e9', query: 'q', at: at(3).toISOString() },
      at(3),
    );
    expect(summarize(p, RB)).toEqual({ done: 1, skipped: 1, total: 5 });
    expect(p.runbooks.GPUMemoryOOM!.steps[s1!.key]).toMatchObject({
      state: 'done',
      note: 'memory back after restart',
      results: [{ outcome: 'pass' }],
    });
    expect(timeline(p, [RB]).map((e) => [e.state, e.step.slice(0, 10)])).toEqual([
      ['done', 'Check free'],
      ['skipped', 'Look at th'],
    ]);
    expect(toggleStep(p, RB.id, s1!.key, 'done', at(4)).runbooks.GPUMemoryOOM!.steps[s1!.key]!.state).toBe('pending');
  });

  describe('stored in a JSON file', () => {
    let dir: string;
    beforeAll(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oncall-progress-'));
    });
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('is saved per incident and read back by a new store (ids with dots are whole keys)', () => {
      const a = new ProgressStore(dir, T0);
      let p = a.load('inc.1/x', T0);
      p = toggleStep(p, RB.id, RB.steps[0]!.key, 'done', at(1));
      a.save(p);
      const b = new ProgressStore(dir, at(5));
      expect(b.load('inc.1/x', at(5))).toEqual(p);
      expect(b.load('inc.2', at(5)).runbooks).toEqual({});
      expect(fs.existsSync(path.join(dir, 'runbook-progress.json'))).toBe(true);
      expect(b.ids()).toEqual(['inc.1/x']);
    });

    it('drops records untouched for longer than the retention when it opens', () => {
      const later = new Date(T0.getTime() + PROGRESS_RETENTION_MS + 3600_000);
      const c = new ProgressStore(dir, later);
      expect(c.ids()).toEqual([]);
    });

    it('a corrupt file starts empty instead of failing', () => {
      fs.writeFileSync(path.join(dir, 'runbook-progress.json'), '{not json');
      expect(new ProgressStore(dir, T0).ids()).toEqual([]);
    });
  });

  it('lives next to the config: ONCALL_STATE_DIR, then XDG_CONFIG_HOME/oncall', () => {
    expect(progressDir({ ONCALL_STATE_DIR: '/s', XDG_CONFIG_HOME: '/c' })).toBe('/s');
    expect(progressDir({ XDG_CONFIG_HOME: '/c' })).toBe(path.join('/c', 'oncall'));
  });
});

describe('PromQL checks against a real Prometheus', () => {
  const live = usePrometheusWithMetrics();
  const block = (code: string, expect?: string): CodeBlock =>
    parseRunbook(
      'x.md',
      `---\nalerts: ['alertname="X"']\nowner: o\nlast_reviewed: 2026-01-01\n---\n- [ ] s\n  \`\`\`promql${expect ? ` {expect="${expect}"}` : ''}\n  ${code}\n  \`\`\`\n`,
    ).steps[0]!.blocks[0]!;
  const labels = { cluster: 'c1', instance: 'gpu-1', gpu: '0' };

  it('pass, fail and no data, with the placeholders filled in', async () => {
    const q = 'min(gpu_memory_available_bytes{cluster="$cluster", instance="$instance", gpu="$gpu"})';
    expect(await runPromqlCheck(live.prom(), block(q, '< 100000000'), labels)).toMatchObject({
      outcome: 'pass',
      summary: '50000000; expected < 100000000',
      query: 'min(gpu_memory_available_bytes{cluster="c1", instance="gpu-1", gpu="0"})',
    });
    expect(await runPromqlCheck(live.prom(), block(q, '> 100000000'), labels)).toMatchObject({
      outcome: 'fail',
      summary: '50000000; expected > 100000000',
    });
    expect(await runPromqlCheck(live.prom(), block(q, '> 0'), { ...labels, gpu: '7' })).toMatchObject({
      outcome: 'nodata',
      summary: 'no data',
    });
    expect(
      await runPromqlCheck(live.prom(), block('gpu_memory_available_bytes{instance="$instance"}'), labels),
    ).toMatchObject({
      outcome: 'shown',
      summary: '50000000 (gpu=0,model=fraud-detector), 2000000000 (gpu=1,model=recommender)',
    });
  });

  it('errors: a label the alert lacks, and an error from Prometheus itself', async () => {
    expect(await runPromqlCheck(live.prom(), block('up{instance="$instance"}', '== 1'), {})).toMatchObject({
      outcome: 'error',
      summary: 'the alert has no label for $instance',
    });
    const r = await runPromqlCheck(live.prom(), block('label_replace(up, "a", "$1", "job", "(")', '== 1'), labels);
    expect(r.outcome).toBe('error');
    expect(r.summary).toMatch(/^prometheus .*: HTTP 422 execution: invalid regular expression in label_replace\(\)/);
  });
});

describe('the alert a runbook is followed for', () => {
  const NOW_ = new Date('2026-06-01T12:00:00Z');
  const KEY = 'check free memory on gpu $gpu of the host';
  const outline = () => ({ title: RB.title, steps: RB.steps.map((s) => ({ key: s.key, text: s.text })) });
  const handed = (p: ReturnType<typeof emptyProgress>) =>
    handoffRunbooks({ progress: [p], outline, incidents: new Map(), now: NOW_.getTime(), windowMs: 3600_000 })[0]!
      .steps[0]!.step;

  it('is noted once, without touching updatedAt, and fills the steps handed over', () => {
    const worked = toggleStep(emptyProgress('i', NOW_), RB.id, KEY, 'done', NOW_);
    const noted = recordAlert(worked, RB.id, { fingerprint: 'f1', labels: { gpu: '3', alertname: 'GPUMemoryOOM' } });
    expect(noted.runbooks[RB.id]!.alert).toEqual({
      fingerprint: 'f1',
      labels: { gpu: '3', alertname: 'GPUMemoryOOM' },
    });
    expect(noted.updatedAt).toBe(worked.updatedAt);
    expect(recordAlert(noted, RB.id, { fingerprint: 'f1', labels: { alertname: 'GPUMemoryOOM', gpu: '3' } })).toBe(
      noted,
    );
    expect(handed(noted)).toMatch(/^Check free memory on GPU 3 of the host/);
  });

  it('progress saved before it was noted still reads, its placeholders left as written', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oncall-progress-old-'));
    const old = toggleStep(emptyProgress('i', NOW_), RB.id, KEY, 'done', NOW_);
    fs.writeFileSync(path.join(dir, 'runbook-progress.json'), JSON.stringify({ i: old }));
    const loaded = new ProgressStore(dir, NOW_).load('i', NOW_);
    expect(loaded.runbooks[RB.id]!.alert).toBeUndefined();
    expect(alertLabelsOf(loaded.runbooks[RB.id])).toEqual({});
    expect(handed(loaded)).toMatch(/^Check free memory on GPU \$gpu of the host/);
    // A hand-edited alert record that is not labels fills nothing.
    const odd = { ...loaded.runbooks[RB.id]!, alert: { labels: { gpu: 7 } } } as unknown as Parameters<
      typeof alertLabelsOf
    >[0];
    expect(alertLabelsOf(odd)).toEqual({});
  });
});
