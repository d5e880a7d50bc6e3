// oncall statusline and oncall watch against a real Alertmanager: the line's counts equal `incidents --json`, an
// old state file is marked stale, a missing one is replaced by one query, watch keeps the file and notifies each
// new critical incident once (even with two watchers), and stops cleanly on SIGTERM.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeStatusFile } from './helpers/status-file.js';
import {
  CLOSED_URL,
  alertmanager,
  CLI,
  isolatedEnv,
  postAlerts,
  runCli,
  until,
  waitForAlerts,
  type TestAlert,
} from './helpers/stack.js';
import type { ServerHandle } from '../src/backends/localstack.js';

const MIN = 60_000;
const ESC = '\u001b';

interface JsonIncident {
  id: string;
  title: string;
  severity: string;
  alerts: { labels: Record<string, string>; state: string; silencedBy: string[] }[];
}

/** The status line's rule applied to `incidents --json`: active = an alert not suppressed; silenced = none active, one silenced. */
function countsOf(incidents: JsonIncident[]) {
  const c = { critical: 0, warning: 0, info: 0, silenced: 0 };
  for (const i of incidents) {
    if (i.alerts.length === 1 && ['Watchdog', 'InfoInhibitor'].includes(i.alerts[0]!.labels.alertname!)) continue;
    if (i.alerts.some((a) => a.state === 'active')) c[i.severity as 'critical' | 'warning' | 'info']++;
    else if (i.alerts.some((a) => a.silencedBy.length)) c.silenced++;
  }
  return c;
}

function alert(name: string, severity: string, instance: string, extra: Record<string, string> = {}): TestAlert {
  return {
    labels: { alertname: name, severity, cluster: 'prod', instance, ...extra },
    startsAt: new Date(Date.now() - 5 * MIN).toISOString(),
    endsAt: new Date(Date.now() + 60 * MIN).toISOString(),
  };
}

function stateDirOf(env: NodeJS.ProcessEnv): string {
  return path.join(env.XDG_CONFIG_HOME!, 'oncall');
}

describe('oncall statusline and oncall watch', () => {
  let am: ServerHandle;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    am = await alertmanager();
    await postAlerts(am.url, [
      alert('GPUMemoryOOM', 'critical', 'gpu-1'),
      alert('BatchTimeout', 'warning', 'gpu-1'), // its symptom: one incident
      alert('HighErrorRate', 'warning', 'api-2'),
      alert('DiskFilling', 'warning', 'db-3'),
      alert('NightlyJobLate', 'info', 'cron-1'),
      alert('Watchdog', 'none', 'am'),
    ]);
    await waitForAlerts(am.url, 6);
    const res = await fetch(`${am.url}/api/v2/silences`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        matchers: [{ name: 'alertname', value: 'DiskFilling', isRegex: false, isEqual: true }],
        startsAt: new Date().toISOString(),
        endsAt: new Date(Date.now() + 60 * MIN).toISOString(),
        createdBy: 'test',
        comment: 'maintenance',
      }),
    });
    expect(res.ok).toBe(true);
    await until('the silence to apply', async () => {
      const alerts = (await (await fetch(`${am.url}/api/v2/alerts`)).json()) as {
        labels: Record<string, string>;
        status: { silencedBy: string[] };
      }[];
      return alerts.some((a) => a.labels.alertname === 'DiskFilling' && a.status.silencedBy.length > 0);
    });
  });

  afterAll(async () => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    await am?.stop();
  });

  it('counts what incidents --json holds, by one query of its own when there is no state file, and writes the file', async () => {
    const env = isolatedEnv();
    const inc = await runCli(['--alertmanager', am.url, 'incidents', '--json'], { env });
    expect(inc.code).toBe(0);
    const expected = countsOf((JSON.parse(inc.stdout) as { incidents: JsonIncident[] }).incidents);
    expect(expected).toEqual({ critical: 1, warning: 1, info: 1, silenced: 1 });

    const env2 = { ...env, ONCALL_ALERTMANAGER_URL: am.url };
    expect(fs.existsSync(path.join(stateDirOf(env2), 'status.json'))).toBe(false);
    const js = await runCli(['statusline', '--format', 'json'], { env: env2 });
    expect(js.code).toBe(0);
    const line = JSON.parse(js.stdout) as Record<string, unknown>;
    expect({ critical: line.critical, warning: line.warning, info: line.info, silenced: line.silenced }).toEqual(
      expected,
    );
    expect(line).toMatchObject({ stale: false, writer: 'statusline' });
    const file = path.join(stateDirOf(env2), 'status.json');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);

    // The next call reads that file: the same line, now in each text format.
    const text = await runCli(['statusline'], { env: env2 });
    expect(text.stdout).toBe('🔥1 ⚠1 ☾1\n');
    const plain = await runCli(['statusline', '--format', 'plain'], { env: env2 });
    expect(plain.stdout).toBe('C1 W1 S1\n');
    expect(plain.stdout).toMatch(/^[\x20-\x7e]*\n$/);
    const tmux = await runCli(['statusline', '--format', 'tmux'], { env: env2 });
    expect(tmux.stdout).toBe('#[fg=red]🔥1#[default] #[fg=yellow]⚠1#[default] #[fg=colour244]☾1#[default]\n');
  });

  it('reads a fresh state file without asking any backend', async () => {
    const env = isolatedEnv({ ONCALL_ALERTMANAGER_URL: CLOSED_URL });
    writeStatusFile(stateDirOf(env), { slo: 'page', writer: 'tui' });
    const r = await runCli(['statusline'], { env });
    expect(r).toMatchObject({ code: 0, stdout: '🔥2 ⚠3 ☾1 SLO:page\n' });
  });

  it("says from a fresh state file that the running oncall's Alertmanager is down, keeping its last counts", async () => {
    const env = isolatedEnv({ ONCALL_ALERTMANAGER_URL: CLOSED_URL });
    const backends = [
      { name: 'am', kind: 'alertmanager', state: 'unreachable', error: 'connection refused' },
      { name: 'prom', kind: 'prometheus', state: 'unreachable' },
      { name: 'watchdog', state: 'unreachable' },
    ];
    writeStatusFile(stateDirOf(env), { writer: 'tui', backends });
    expect(await runCli(['statusline', '--format', 'plain'], { env })).toMatchObject({
      code: 0,
      stdout: 'C2 W3 S1 (1 alertmanager down)\n',
    });
    const js = JSON.parse((await runCli(['statusline', '--format', 'json'], { env })).stdout) as Record<
      string,
      unknown
    >;
    expect(js).toMatchObject({ critical: 2, stale: true, problem: '1 alertmanager down' });
    // Prometheus alone, or a file of an older version (no kind), says nothing: the counts come from Alertmanager.
    writeStatusFile(stateDirOf(env), { backends: [backends[1], { name: 'am', state: 'unreachable' }] });
    expect((await runCli(['statusline', '--format', 'plain'], { env })).stdout).toBe('C2 W3 S1\n');
    // A damaged entry is passed over.
    writeStatusFile(stateDirOf(env), { backends: [null, 7, backends[0], backends[0]] });
    expect((await runCli(['statusline', '--format', 'plain'], { env })).stdout).toBe(
      'C2 W3 S1 (2 alertmanagers down)\n',
    );
  });

  it('marks an old state file stale when its own query fails; says so with neither', async () => {
    const env = isolatedEnv();
    const dead = CLOSED_URL;
    writeStatusFile(stateDirOf(env), {
      generatedAt: new Date(Date.now() - 3 * MIN - 5000).toISOString(),
      counts: { critical: 1, warning: 0, info: 0, silenced: 0 },
    });
    const r = await runCli(['--alertmanager', dead, '--timeout', '2s', 'statusline', '--format', 'plain'], { env });
    expect(r).toMatchObject({ code: 0, stdout: 'C1 (stale 3m, backend down)\n' });
    const js = JSON.parse(
      (await runCli(['--alertmanager', dead, '--timeout', '2s', 'statusline', '--format', 'json'], { env })).stdout,
    ) as Record<string, unknown>;
    expect(js).toMatchObject({ critical: 1, stale: true, problem: 'backend down' });

    const none = await runCli(['--alertmanager', dead, '--timeout', '2s', 'statusline'], { env: isolatedEnv() });
    expect(none.code).toBe(1);
    expect(none.stdout).toBe('?\n');
    expect(none.stderr).toMatch(/alertmanager/);
  });

  it('refuses an unknown format', async () => {
    const r = await runCli(['statusline', '--format', 'html'], { env: isolatedEnv() });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--format must be one of text, plain, tmux, json/);
  });

  it('watch says in the state file when its Alertmanager goes down, keeping the last counts and their time', async () => {
    const own = await alertmanager();
    try {
      await postAlerts(own.url, [alert('DiskSpaceLow', 'warning', 'node-1')]);
      await waitForAlerts(own.url, 1);
      const env = isolatedEnv({ ONCALL_ALERTMANAGER_URL: own.url });
      const p = spawn(process.execPath, [CLI, 'watch', '--interval', '1s', '--timeout', '1s'], {
        env,
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      children.push(p);
      let stderr = '';
      p.stderr!.on('data', (d) => (stderr += d));
      const file = path.join(stateDirOf(env), 'status.json');
      type Snap = { generatedAt: string; counts: { warning: number }; backends: { kind?: string; state: string }[] };
      const read = () => (fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Snap) : undefined);
      await until('the state file', async () => read()?.counts.warning === 1);
      expect(read()!.backends).toMatchObject([{ kind: 'alertmanager', state: 'ok' }]);
      expect((await runCli(['statusline', '--format', 'plain'], { env })).stdout).toBe('W1\n');
      await own.stop();
      await until('the Alertmanager said down', async () => read()?.backends[0]?.state === 'unreachable', 20_000);
      const down = read()!;
      expect(down.counts.warning).toBe(1);
      expect((await runCli(['statusline', '--format', 'plain'], { env })).stdout).toBe('W1 (1 alertmanager down)\n');
      // Its data keep their time: stale after a minute, like any other.
      const at = down.generatedAt;
      await new Promise((r) => setTimeout(r, 1500));
      expect(read()!.generatedAt).toBe(at);
      p.kill('SIGTERM');
      await new Promise((r) => p.on('exit', r));
      expect(stderr).toMatch(/stopped\n$/);
    } finally {
      await own.stop();
    }
  }, 60_000);

  it('watch keeps the state file and notifies each new critical incident once across two watchers; SIGTERM stops it', async () => {
    // No notify-send on PATH: the desktop half is skipped quietly, the terminal half still works.
    const env = isolatedEnv({ ONCALL_NOTIFY: 'on', ONCALL_ALERTMANAGER_URL: am.url, PATH: '/nonexistent' });
    const start = () => {
      const p = spawn(process.execPath, [CLI, 'watch', '--interval', '1s'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      children.push(p);
      const out = { stdout: '', stderr: '' };
      p.stdout!.on('data', (d) => (out.stdout += d));
      p.stderr!.on('data', (d) => (out.stderr += d));
      return { p, out };
    };
    const a = start();
    const b = start();
    const file = path.join(stateDirOf(env), 'status.json');
    await until(
      'the state file',
      async () =>
        fs.existsSync(file) && (JSON.parse(fs.readFileSync(file, 'utf8')) as { writer: string }).writer === 'watch',
    );
    const osc777 = () => (a.out.stdout + b.out.stdout).match(/\u001b\]777;notify;/g)?.length ?? 0;
    await until('the first notification', async () => osc777() === 1);

    // A second critical incident whose labels carry escape sequences: notified once, its text stripped.
    await postAlerts(am.url, [alert('ModelServerCrash', 'critical', `evil${ESC}]0;pwned\u0007${ESC}[2J-7`)]);
    await until('the second notification', async () => osc777() === 2);
    await new Promise((r) => setTimeout(r, 2500)); // more rounds: nothing is notified again
    expect(osc777()).toBe(2);
    const all = a.out.stdout + b.out.stdout;
    expect(all).toContain('ModelServerCrash on prod/evil-7');
    // Our two sequences per notification, and no other escape.
    const ours = all
      .replace(/\u001b\]777;notify;[^\u0007\u001b]*\u0007/g, '')
      .replace(/\u001b\]9;[^\u0007\u001b]*\u0007/g, '');
    expect(ours).not.toContain(ESC);
    expect(all).toContain(`${ESC}]9;oncall: critical incident (default): GPUMemoryOOM on prod/gpu-1`);

    const snap = JSON.parse(fs.readFileSync(file, 'utf8')) as {
      counts: Record<string, number>;
      critical: { title: string }[];
      context: string;
    };
    expect(snap.counts).toEqual({ critical: 2, warning: 1, info: 1, silenced: 1 });
    expect(snap.critical.map((c) => c.title).sort()).toEqual(
      ['GPUMemoryOOM on prod/gpu-1 (+1 symptom)', 'ModelServerCrash on prod/evil-7'].sort(),
    );
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(a.out.stderr + b.out.stderr).toMatch(/incidents: 2 critical, 1 warning, 1 info, 1 silenced/);

    const exits = [a, b].map(({ p }) => new Promise<number | null>((r) => p.on('exit', (code) => r(code))));
    a.p.kill('SIGTERM');
    b.p.kill('SIGINT');
    expect(await Promise.all(exits)).toEqual([0, 0]);
    expect(a.out.stderr).toMatch(/SIGTERM: stopping\n.*stopped\n$/);
    expect(b.out.stderr).toMatch(/SIGINT: stopping\n.*stopped\n$/);
  }, 60_000);
});
