// oncall incident ID --timeline against a real Alertmanager: alerts firing and resolving, a silence and an ack
// made with oncall, runbook steps with a note and a check result, all in order; the text form says the same.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { alertmanagerWith, gpuIncident } from './helpers/gpu-incident.js';
import { ProgressStore } from '../src/backends/progress.js';
import { setNote, setResult, toggleStep } from '../src/domain/runbook/progress.js';
import type { TimelineEvent } from '../src/domain/memory/timeline.js';

describe('oncall incident --timeline', () => {
  const { at, cause, batch } = gpuIncident();
  const { cli, env, resolve } = alertmanagerWith([cause, batch], at);

  it('lists every event of the incident in order, and nothing of other alerts', async () => {
    const first = JSON.parse((await cli('incidents', '--json')).stdout) as {
      incidents: { id: string; root: string; alerts: { fingerprint: string; labels: Record<string, string> }[] }[];
    };
    const inc = first.incidents[0]!;
    const batchFp = inc.alerts.find((a) => a.labels.alertname === 'BatchTimeout')!.fingerprint;
    const silence = await cli(
      'silence',
      'add',
      'alertname="BatchTimeout"',
      'cluster="prod"',
      '--duration',
      '1h',
      '--comment',
      'batch jobs paused',
      '--author',
      'alice',
      '--yes',
    );
    expect(silence.code, silence.stderr).toBe(0);
    const unrelated = await cli(
      'silence',
      'add',
      'alertname="SomethingElse"',
      '--duration',
      '1h',
      '--comment',
      'not this incident',
      '--author',
      'bob',
      '--yes',
    );
    expect(unrelated.code, unrelated.stderr).toBe(0);
    const ack = await cli('ack', inc.root, '--author', 'bob', '--yes');
    expect(ack.code, ack.stderr).toBe(0);
    // Runbook progress as the runbook view saves it, in the same state folder.
    const store = new ProgressStore(path.join(env.XDG_CONFIG_HOME!, 'oncall'));
    let p = store.load(inc.id);
    const t1 = new Date(Date.now() + 1000);
    p = toggleStep(p, 'GPUMemoryOOM', 'check gpu memory', 'done', t1);
    p = setNote(p, 'GPUMemoryOOM', 'check gpu memory', 'batch job at 98%', t1);
    p = setResult(
      p,
      'GPUMemoryOOM',
      'check gpu memory',
      0,
      { outcome: 'fail', summary: '0.98', query: 'q', at: t1.toISOString() },
      t1,
    );
    p = toggleStep(p, 'GPUMemoryOOM', 'drain the node', 'skipped', new Date(t1.getTime() + 1000));
    store.save(p);
    await new Promise((r) => setTimeout(r, 2100)); // the resolution comes after the steps
    await resolve(cause, 1);

    const r = await cli('incident', inc.id, '--timeline', '--json');
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as { incident: { id: string }; timeline: TimelineEvent[] };
    expect(out.incident.id).toBe(inc.id);
    const tl = out.timeline;
    expect(tl.map((e) => e.kind)).toEqual([
      'firing',
      'firing',
      'silenced',
      'acked',
      'step done',
      'step skipped',
      'resolved',
    ]);
    const times = tl.map((e) => Date.parse(e.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(tl[0]).toMatchObject({ alertname: 'GPUMemoryOOM', at: at(-20) });
    expect(tl[2]).toMatchObject({
      by: 'alice',
      comment: 'batch jobs paused',
      alerts: [batchFp],
      silenceId: silence.stdout.trim(),
    });
    expect(tl[3]).toMatchObject({ by: 'bob', comment: 'ack by bob', alerts: [inc.root], silenceId: ack.stdout.trim() });
    expect(tl[4]).toMatchObject({
      runbook: 'GPUMemoryOOM',
      step: 'check gpu memory',
      note: 'batch job at 98%',
      checks: [{ outcome: 'fail', summary: '0.98' }],
    });
    expect(tl[6]).toMatchObject({ kind: 'resolved', fingerprint: inc.root });

    const text = await cli('incident', inc.id, '--timeline');
    expect(text.code).toBe(0);
    const lines = text.stdout.split('\n');
    const from = lines.indexOf('timeline:');
    expect(
      lines.slice(from + 1, from + 8).map(
        (l) =>
          l
            .trim()
            .split(/\s{2,}/)[1]!
            .split(' ')[0],
      ),
    ).toEqual(['firing', 'firing', 'silenced', 'acked', 'step', 'step', 'resolved']);
    expect(text.stdout).toMatch(/acked\s+by bob: ack by bob/);
    expect(text.stdout).toMatch(/note: batch job at 98%.*FAIL 0\.98/);
  });

  it('says which incidents exist when the ID is unknown', async () => {
    const r = await cli('incident', 'inc-00000000-0000', '--timeline');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no incident "inc-00000000-0000".*--include-resolved/);
  });
});
