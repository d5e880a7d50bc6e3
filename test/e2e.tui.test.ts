// End to end: the built binary (`node dist/main.js`) in a real terminal (tmux) against a real Alertmanager
// holding an alert storm, driven as a user would: incidents appear, the keys do what `?` says, resizing and
// filtering work, the Alertmanager going away shows as unreachable with the age of the data and the UI recovers
// when it returns, and every way out (q, Ctrl-C, SIGTERM) gives the terminal back.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAlertmanager, freePort, type ServerHandle } from '../src/backends/localstack.js';
import { CLOSED_URL, CLI, isolatedEnv, postAlerts, until, waitForAlerts, type TestAlert } from './helpers/stack.js';
import { Tmux, shellQuote } from './helpers/tmux.js';
import { serve } from './helpers/http-servers.js';

const AM_CONFIG = `
route:
  receiver: sink
  group_wait: 1h
  group_interval: 1h
  repeat_interval: 24h
receivers:
  - name: sink
inhibit_rules:
  - source_matchers: ['alertname="PredictionServiceDown"']
    target_matchers: ['alertname="ThroughputDrop"']
    equal: [cluster, instance]
`;

const ago = (m: number) => new Date(Date.now() - m * 60_000).toISOString();

function storm(): TestAlert[] {
  const a = (
    alertname: string,
    minutes: number,
    labels: Record<string, string>,
    annotations: Record<string, string> = {},
  ): TestAlert => ({
    labels: { alertname, ...labels },
    annotations,
    startsAt: ago(minutes),
    generatorURL: 'http://prometheus.example.com/graph?g0.expr=up',
  });
  const prod = { cluster: 'prod', instance: 'gpu-1' };
  return [
    a(
      'GPUMemoryOOM',
      12,
      { ...prod, severity: 'critical' },
      { summary: 'GPU memory critically low', runbook_url: 'https://runbooks.example.com/gpu-oom' },
    ),
    a('HighPredictionLatencyP99', 15, { ...prod, severity: 'warning' }), // started before its cause, within tolerance
    a('HighErrorRateFastBurn', 9, { ...prod, severity: 'critical' }, { summary: 'burning \u001b]0;pwned\u0007fast' }),
    a('DiskSpaceLow', 60, { ...prod, severity: 'warning' }), // same host, not part of the chain
    a('GPUMemoryOOM', 5, { cluster: 'staging', instance: 'gpu-1', severity: 'critical' }), // same instance, other cluster
    a('PredictionServiceDown', 7, { cluster: 'prod', instance: 'api-2', severity: 'critical' }),
    a('ThroughputDrop', 6, { cluster: 'prod', instance: 'api-2', severity: 'warning' }), // inhibited by the AM
    a('FeaturePipelineFailure', 40, { cluster: 'prod', model: 'ranker', severity: 'critical' }),
    a('InputFeatureDrift', 30, { cluster: 'prod', model: 'ranker', severity: 'warning' }),
    ...Array.from({ length: 60 }, (_, i) =>
      a('QueueBacklog', 100 + i, { cluster: 'batch', instance: `worker-${i}`, severity: 'info' }),
    ),
  ];
}

async function startAm(port: number): Promise<ServerHandle> {
  const am = await startAlertmanager({ config: AM_CONFIG, port });
  const alerts = storm();
  await postAlerts(am.url, alerts);
  await waitForAlerts(am.url, alerts.length);
  return am;
}

function writeConfig(env: NodeJS.ProcessEnv, amUrl: string, promUrl: string): void {
  const dir = path.join(env.XDG_CONFIG_HOME!, 'oncall');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'config.yaml'),
    `current_context: e2e
contexts:
  e2e:
    alertmanagers: [{ url: ${JSON.stringify(amUrl)} }]
    prometheus: { url: ${JSON.stringify(promUrl)} }
    refresh_interval: 2s
    bell: false
`,
  );
}

/** Runs oncall in the pane between two markers, so what the terminal shows after exit can be checked. */
function command(extra = ''): string {
  // The shell stays (sleep) so the pane is alive and its cursor state can be read after oncall exits.
  return `echo BEFORE-ONCALL; ${shellQuote(process.execPath)} ${shellQuote(CLI)} ${extra}; echo "ONCALL-EXIT=$?"; sleep 600`;
}

const helpEntry = (screen: string, description: string): string => {
  const line = screen.split('\n').find((l) => l.includes(description));
  if (!line) throw new Error(`help does not list "${description}":\n${screen}`);
  return line
    .trim()
    .split(/\s{2,}/)[0]!
    .split(' ')[0]!;
};

// Help shows keys as typed or by name; tmux wants its own names for the named ones.
const TMUX_KEY: Record<string, string> = {
  Enter: 'Enter',
  Esc: 'Escape',
  Tab: 'Tab',
  '↓': 'Down',
  '↑': 'Up',
  PgDn: 'PageDown',
  PgUp: 'PageUp',
};
const tmuxKey = (k: string) => TMUX_KEY[k] ?? k;

describe('the TUI in a real terminal against a real Alertmanager', () => {
  let am: ServerHandle;
  let port: number;
  let env: NodeJS.ProcessEnv;
  const terms: Tmux[] = [];

  beforeAll(async () => {
    port = await freePort();
    am = await startAm(port);
    env = isolatedEnv();
    writeConfig(env, am.url, CLOSED_URL);
  });
  afterAll(async () => {
    for (const t of terms) t.close();
    await am?.stop();
  });

  async function open(extra = '', size = { columns: 120, rows: 40 }, e = env): Promise<Tmux> {
    const t = await Tmux.start({ command: command(extra), env: e, ...size });
    terms.push(t);
    return t;
  }

  it('shows incidents, keys do what ? says, filters, resizes, survives the Alertmanager going away, and q restores the terminal', async () => {
    const t = await open();
    // Incidents appear, each chain a tree under its root cause.
    // A whole frame: tmux may show one while it is still being written (its footer, with the key hints, comes last).
    let s = await t.waitFor((x) => x.includes('GPUMemoryOOM [3]') && x.includes('? help'));
    expect(await t.alternateScreen()).toBe(true);
    expect(s).toMatch(/am: ok \d+s/);
    expect(s).toMatch(/prom: unreachable/);
    expect(s).toMatch(/[├└]─ HighPredictionLatencyP99/);
    expect(s).toMatch(/[├└]─ HighErrorRateFastBurn/);
    expect(s).toMatch(/[├└]─ ThroughputDrop/);
    expect(s).toMatch(/[├└]─ InputFeatureDrift/);
    expect(s).not.toContain('pwned');
    expect(s.split('\n').find((l) => l.includes('DiskSpaceLow'))).not.toMatch(/[├└]─/);
    expect(s.split('\n').length).toBeLessThanOrEqual(39);
    // The screen holds the current frame only: its header on the first line, the key hints once, and nothing left
    // of the frame drawn before the first answer.
    const lines = s.split('\n');
    expect(lines[0], s).toMatch(/^oncall .*am: ok/);
    expect(
      lines.filter((l) => l.startsWith('oncall ')),
      s,
    ).toHaveLength(1);
    expect(
      lines.filter((l) => l.includes('? help')),
      s,
    ).toHaveLength(1);
    expect(s).not.toContain('waiting for the first answer');

    // What `?` lists is what the keys do.
    await t.send('?');
    const help = await t.waitFor('Esc closes');
    const alertsKey = helpEntry(help, 'view Alerts');
    const filterKey = helpEntry(help, 'filter: matchers');
    const downKey = helpEntry(help, 'move down');
    const openKey = helpEntry(help, 'open details of the selection');
    const refreshKey = helpEntry(help, 'refresh now');
    const bottomKey = helpEntry(help, 'go to the bottom');
    const quitKey = helpEntry(help, 'quit');
    await t.send('Escape');
    await t.waitFor('INCIDENT');

    // The first incident (oldest critical) is the feature pipeline chain; its symptom is the second row.
    await t.send(tmuxKey(downKey), tmuxKey(openKey));
    s = await t.waitFor('Labels');
    expect(s, s).toContain('alertname=InputFeatureDrift');
    expect(s).toContain('caused by: FeaturePipelineFailure');
    await t.send('Escape');
    await t.waitFor('INCIDENT');

    // A refresh with 69 alerts is over before a screen poll could see its notice (the unit tests check that);
    // here the key must leave the TUI working.
    await t.send(tmuxKey(refreshKey));

    await t.send(tmuxKey(alertsKey));
    s = await t.waitFor('sort: severity');
    expect(s).toContain('69 of 69 alerts');
    await t.send(tmuxKey(bottomKey), 'Enter');
    s = await t.waitFor('Labels');
    expect(s).toContain('alertname=QueueBacklog');
    await t.send('Escape');
    await t.waitFor('sort: severity');

    // Filter with Alertmanager matchers, then free text.
    await t.send(tmuxKey(filterKey));
    await t.type('cluster="staging"');
    s = await t.waitFor('1 of 69 alerts');
    expect(s).toContain('GPUMemoryOOM');
    expect(s).not.toContain('DiskSpaceLow');
    await t.send('Enter');
    await t.send('Escape');
    await t.waitFor('69 of 69 alerts');
    await t.send(tmuxKey(filterKey));
    await t.type('worker-1');
    await t.waitFor(/11 of 69 alerts/); // worker-1 and worker-10 … worker-19
    await t.send('Escape');
    await t.waitFor('69 of 69 alerts');
    await t.send('1');
    await t.waitFor('INCIDENT');

    // Resize: re-laid out to the new size, "too small" below the minimum, and back.
    await t.resize(80, 20);
    s = await t.waitFor((x) => x.includes('INCIDENT') && x.split('\n').length <= 19);
    expect(Math.max(...s.split('\n').map((l) => l.length))).toBeLessThanOrEqual(80);
    await t.resize(50, 10);
    await t.waitFor('terminal too small');
    await t.resize(120, 40);
    await t.waitFor('GPUMemoryOOM [3]');

    // The Alertmanager goes away: unreachable with the age of the last good data, which stays on screen.
    await am.stop();
    s = await t.waitFor(/am: unreachable \d+s \(last good data \d+s old\)/, 20_000);
    expect(s).toContain('GPUMemoryOOM [3]');
    // … and comes back on the same port: the UI recovers by itself.
    am = await startAm(port);
    s = await t.waitFor(/am: ok \d+s/, 20_000);
    expect(s).toContain('GPUMemoryOOM [3]');

    // q leaves the alternate screen and gives the shell its screen back.
    await t.send(tmuxKey(quitKey));
    s = await t.waitFor('ONCALL-EXIT=0');
    expect(await t.alternateScreen()).toBe(false);
    expect(await t.format('#{cursor_flag}')).toBe('1');
    expect(s).toContain('BEFORE-ONCALL');
    expect(s).not.toContain('INCIDENT');
  }, 180_000);

  it('restores the terminal on Ctrl-C', async () => {
    const t = await open();
    await t.waitFor('GPUMemoryOOM');
    await t.send('C-c');
    await t.waitFor('ONCALL-EXIT=0');
    expect(await t.alternateScreen()).toBe(false);
    expect(await t.format('#{cursor_flag}')).toBe('1');
  }, 60_000);

  it('closes at once on q while the Alertmanager has not answered: nothing waits for its answer', async () => {
    const silent = await serve(() => undefined); // takes every request and never answers
    try {
      const t = await open(`--alertmanager ${silent.url} --timeout 120s`);
      await t.waitFor('loading alerts');
      await until('the alert list request', async () =>
        silent.requests.some((r) => r.url.startsWith('/api/v2/alerts')),
      );
      await t.send('q');
      // Far sooner than the request's own end (120 s), which a request still under way would wait for.
      await t.waitFor('ONCALL-EXIT=0', 20_000);
      expect(await t.alternateScreen()).toBe(false);
    } finally {
      await silent.close();
    }
  }, 60_000);

  for (const [signal, status] of [
    ['SIGTERM', 143],
    // By hand, with the terminal still there: restored as on any signal (a hang-up of the terminal is below).
    ['SIGHUP', 129],
  ] as const) {
    it(`restores the terminal when killed with ${signal}`, async () => {
      const t = await open();
      await t.waitFor('GPUMemoryOOM');
      const shell = await t.format('#{pane_pid}');
      const { execFileSync } = await import('node:child_process');
      const node = execFileSync('pgrep', ['-P', shell]).toString().trim().split('\n')[0]!;
      process.kill(Number(node), signal);
      await t.waitFor(`ONCALL-EXIT=${status}`);
      expect(await t.alternateScreen()).toBe(false);
      expect(await t.format('#{cursor_flag}')).toBe('1');
    }, 60_000);
  }

  it('ends quietly when its terminal is closed: by the hang-up, without a crash or a message', async () => {
    // The shell ignores the hang-up (Node does not inherit that) and outlives the terminal to write down how
    // oncall ended: on Node 20 an exit() after the terminal has gone aborted in Node's own terminal reset.
    const dir = fs.mkdtempSync(path.join(env.HOME!, 'hangup-'));
    const [exit, stderr] = [path.join(dir, 'exit'), path.join(dir, 'stderr')];
    const t = await Tmux.start({
      command: `trap '' HUP; ${shellQuote(process.execPath)} ${shellQuote(CLI)} 2>${shellQuote(stderr)}; echo "ONCALL-EXIT=$?" >${shellQuote(exit)}`,
      env,
      columns: 120,
      rows: 40,
    });
    terms.push(t);
    await t.waitFor('GPUMemoryOOM');
    t.close();
    const ended = await until('oncall to end', async () => fs.existsSync(exit) && fs.readFileSync(exit, 'utf8').trim());
    // 128 + 1: ended by SIGHUP (an abort is 134, a segfault 139, an error exit 1).
    expect(ended).toBe('ONCALL-EXIT=129');
    // Nothing said: at most the cursor's restore sequence, which the exit handlers still write.
    expect(fs.readFileSync(stderr, 'utf8').replace(/\u001b\[[0-9;?]*[a-zA-Z]/g, '')).toBe('');
  }, 60_000);

  it('honours NO_COLOR: no colour, but the selection stays visible (inverse)', async () => {
    const t = await open();
    await t.waitFor('GPUMemoryOOM');
    const ansi = await t.captureAnsi();
    expect(ansi).not.toMatch(/\u001b\[[0-9;]*(3[0-7]|9[0-7]|38;[25];[0-9;]+)m/);
    expect(ansi).toMatch(/\u001b\[[0-9;]*7m/);
    await t.send('q');
    await t.waitFor('ONCALL-EXIT=0');
  }, 60_000);

  it('uses colour without NO_COLOR, and none with --no-color', async () => {
    const colourEnv = { ...env };
    delete colourEnv.NO_COLOR;
    const t = await open('', undefined, colourEnv);
    await t.waitFor('GPUMemoryOOM');
    expect(await t.captureAnsi()).toMatch(/\u001b\[[0-9;]*(31|91|38;5;9|38;5;1)m/);
    await t.send('q');
    await t.waitFor('ONCALL-EXIT=0');
    const plain = await open('--no-color', undefined, colourEnv);
    await plain.waitFor('GPUMemoryOOM');
    expect(await plain.captureAnsi()).not.toMatch(/\u001b\[[0-9;]*(3[0-7]|9[0-7]|38;[25];[0-9;]+)m/);
    await plain.send('q');
    await plain.waitFor('ONCALL-EXIT=0');
  }, 90_000);
});
