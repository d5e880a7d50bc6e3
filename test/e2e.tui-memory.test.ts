// The TUI in tmux against a real Alertmanager: when a cause resolves, it stays the root of its symptoms, dimmed
// as resolved; once every alert resolved, the incident moves to "recently resolved" at the bottom, which t hides;
// a damaged memory file, read in the data worker, is a notification.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerHandle } from '../src/backends/localstack.js';
import { CLOSED_URL, alertmanager, CLI, isolatedEnv, postAlerts, until, type TestAlert } from './helpers/stack.js';
import { Tmux, shellQuote } from './helpers/tmux.js';

const at = (m: number) => new Date(Date.now() + m * 60_000).toISOString();
const where = { cluster: 'prod', instance: 'gpu-node-1' };
const cause: TestAlert = { labels: { alertname: 'GPUMemoryOOM', severity: 'critical', ...where } };
const latency: TestAlert = { labels: { alertname: 'HighPredictionLatencyFastBurn', severity: 'critical', ...where } };
const other: TestAlert = { labels: { alertname: 'ModelDrift', severity: 'warning', cluster: 'prod', model: 'm1' } };

describe('incident memory in the TUI', () => {
  let am: ServerHandle;
  let t: Tmux | undefined;
  const env = isolatedEnv();
  const amCount = async () => ((await (await fetch(`${am.url}/api/v2/alerts`)).json()) as unknown[]).length;
  const resolve = async (a: TestAlert, left: number) => {
    await postAlerts(am.url, [{ ...a, startsAt: at(-20), endsAt: at(-1) }]);
    await until(`${left} alerts left`, async () => (await amCount()) === left);
  };

  beforeAll(async () => {
    am = await alertmanager();
    await postAlerts(
      am.url,
      [cause, latency, other].map((a, i) => ({ ...a, startsAt: at(-20 + i), endsAt: at(60) })),
    );
    await until('3 alerts', async () => (await amCount()) === 3);
    const dir = path.join(env.XDG_CONFIG_HOME!, 'oncall');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(
      path.join(dir, 'config.yaml'),
      `current_context: mem
contexts:
  mem:
    alertmanagers: [{ url: ${JSON.stringify(am.url)} }]
    prometheus: { url: "${CLOSED_URL}" }
    refresh_interval: 1s
    bell: false
`,
    );
  });
  const tui = (columns: number) =>
    Tmux.start({ command: `${shellQuote(process.execPath)} ${shellQuote(CLI)}; sleep 600`, env, columns, rows: 30 });
  afterAll(async () => {
    t?.close();
    await am?.stop();
  });

  it('keeps a resolved cause above its symptoms, then moves the incident to recently resolved', async () => {
    t = await tui(120);
    await t.waitFor('GPUMemoryOOM [2]');
    await resolve(cause, 2);
    let s = await t.waitFor(/resolved \d+s\s+GPUMemoryOOM \[2\]/);
    expect(s).toMatch(/active\s+[└├]─ HighPredictionLatency/);
    expect(s).not.toContain('recently resolved');
    // Dimmed (once the selection is off it): the resolved root's row carries the dim attribute (SGR 2).
    await t.send('j');
    await until(
      'the selection to move',
      async () =>
        !(await t!.captureAnsi())
          .split('\n')
          .find((l) => l.includes('GPUMemoryOOM'))!
          .includes('7m'),
    );
    const ansi = await t.captureAnsi();
    const rootLine = ansi.split('\n').find((l) => l.includes('GPUMemoryOOM'))!;
    expect(rootLine).toMatch(/\u001b\[[0-9;]*\b2[;m]/);

    // The details pane of the symptom ends with the incident's timeline: both alerts firing, then the cause resolving.
    await t.send('Enter');
    await t.waitFor('caused by: GPUMemoryOOM');
    await t.send('G');
    s = await t.waitFor('Timeline');
    const tl = s
      .split('\n')
      .slice(s.split('\n').findIndex((l) => l.includes('Timeline')) + 1)
      .filter((l) => /Z\s{2}\S/.test(l));
    expect(
      tl.map(
        (l) =>
          l
            .trim()
            .split(/\s{2,}/)[1]!
            .split(' ')[0],
      ),
      s,
    ).toEqual(['firing', 'firing', 'resolved']);
    expect(tl[2]).toContain('GPUMemoryOOM');
    await t.send('Escape');
    await t.waitFor((x) => !x.includes('Timeline'));

    await resolve(latency, 1);
    s = await t.waitFor('1 recently resolved');
    const lines = s.split('\n');
    const sep = lines.findIndex((l) => l.includes('1 recently resolved'));
    expect(lines.findIndex((l) => l.includes('ModelDrift'))).toBeLessThan(sep);
    expect(lines.findIndex((l) => l.includes('GPUMemoryOOM'))).toBeGreaterThan(sep);
    expect(lines.find((l) => l.includes('HighPredictionLatency'))).toMatch(/resolved/);

    await t.send('t');
    s = await t.waitFor('(hidden)');
    expect(s).not.toContain('GPUMemoryOOM');
    await t.send('?');
    s = await t.waitFor('recently resolved incidents');
    expect(s).toMatch(/\bt\b.*show or hide recently resolved incidents/);
  });

  it('notifies a damaged memory file, read by the data worker', async () => {
    t?.close();
    const dir = path.join(env.XDG_CONFIG_HOME!, 'oncall', 'incident-memory');
    const file = path.join(
      dir,
      fs.readdirSync(dir).find((f) => f.endsWith('.json'))!,
    );
    fs.writeFileSync(file, '{"alerts": [tru');
    t = await tui(200);
    await t.waitFor('was damaged');
    await t.waitFor('ModelDrift');
    expect(fs.readdirSync(dir).some((f) => f.includes('.corrupt-'))).toBe(true);
  });
});
