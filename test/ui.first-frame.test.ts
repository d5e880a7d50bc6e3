// Opening the TUI: a first frame before Ink and the views have loaded (the header with every backend loading, the
// tabs and which backends are asked), replaced whole by Ink's first frame; and the data worker started before the
// UI exists, its answer handed over when the UI subscribes.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstFrame } from '../src/ui/first-frame.js';
import { tabTitles } from '../src/ui/tab-titles.js';
import { VIEW_SLOTS } from '../src/ui/views/registry.js';
import { InProcessSource, startEarly, type SourceUpdate } from '../src/ui/data/source.js';
import { initialHealth } from '../src/ui/data/health.js';
import { contextSchema } from '../src/backends/config/schema.js';
import { startAlertmanager, type ServerHandle } from '../src/backends/localstack.js';
import { CLOSED_URL, CLI, isolatedEnv, postAlerts, waitForAlerts } from './helpers/stack.js';
import { Tmux, shellQuote } from './helpers/tmux.js';
import { forward, serve } from './helpers/http-servers.js';

const input = {
  context: 'prod',
  readOnly: true,
  backends: ['am', 'prom'],
  sources: ['alertmanager am.example.com:9093', 'prometheus prom.example.com:9090'],
  width: 100,
  height: 30,
  color: true,
};

describe('the first frame', () => {
  it('holds the header with every backend loading, the tabs and where data is coming from, within the screen', () => {
    const lines = firstFrame(input).split('\n');
    expect(lines.length).toBe(29); // every frame of the app is one line shorter than the screen
    const plain = lines.map((l) => l.replace(/\u001b\[[0-9;]*m/g, ''));
    expect(plain[0]).toBe('oncall ctx prod read-only │ am: loading │ prom: loading');
    // Ten tabs need 103 columns: the others' titles are cut to four letters, as the Ink tab bar cuts them.
    expect(plain[2]).toBe('1 Incidents 2 Aler 3 SLOs 4 GPUs 5 Qual 6 Sile 7 Runb 8 Revi 9 Rule 0 Hand');
    expect(plain[4]).toBe('loading from alertmanager am.example.com:9093, prometheus prom.example.com:9090…');
    expect(plain[28]).toContain('q quit');
    for (const l of plain) expect(l.length).toBeLessThanOrEqual(100);
  });

  it('draws the tab line as the Ink tab bar does: whole when it fits, shortened at 80 columns with every key shown', () => {
    const tabs = (width: number) => firstFrame({ ...input, color: false, width }).split('\n')[2]!;
    expect(tabs(120)).toBe(
      '1 Incidents  2 Alerts  3 SLOs  4 GPUs  5 Quality  6 Silences  7 Runbook  8 Review  9 Rules  0 Handoff',
    );
    expect(tabs(80)).toBe(tabs(100));
    expect(tabs(80)).toMatch(/ 0 Hand$/);
    expect(tabs(80).length).toBeLessThanOrEqual(80);
    expect(tabs(80)).toBe(
      tabTitles(VIEW_SLOTS, 'incidents', 80)
        .map((t) => `${t.key} ${t.title}${t.gap}`)
        .join('')
        .trimEnd(),
    );
  });

  it('has no escape codes without colour, strips control sequences from the context name, and fits a small screen', () => {
    const f = firstFrame({ ...input, color: false, context: 'evil\u001b]52;c;aGk=\u0007ctx', width: 30, height: 5 });
    expect(f).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    const lines = f.split('\n');
    expect(lines.length).toBe(4);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(30);
  });
});

describe('opening the TUI', () => {
  let am: ServerHandle;
  let tmux: Tmux | undefined;
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'oncall-first-frame-'));
  beforeAll(async () => {
    am = await startAlertmanager({ config: 'route:\n  receiver: sink\nreceivers:\n  - name: sink\n' });
    await postAlerts(am.url, [
      { labels: { alertname: 'GPUMemoryOOM', cluster: 'prod', instance: 'gpu-1', severity: 'critical' } },
    ]);
    await waitForAlerts(am.url, 1);
  }, 60_000);
  afterAll(async () => {
    tmux?.close();
    await am?.stop();
    fs.rmSync(home, { recursive: true, force: true });
  });

  it('draws the first frame before Ink, then Ink replaces it whole with the data', async () => {
    const log = path.join(home, 'terminal.log');
    // The pane's shell waits until everything the program writes is recorded, then starts it.
    const cmd = `sleep 0.5; exec node ${shellQuote(CLI)} --alertmanager ${shellQuote(am.url)} --prometheus ${CLOSED_URL}`;
    tmux = await Tmux.start({ command: cmd, env: isolatedEnv({ NO_COLOR: '1' }), columns: 120, rows: 30 });
    await tmux.tmux('pipe-pane', '-o', '-t', 'main', `cat >> ${shellQuote(log)}`);
    const screen = await tmux.waitFor('GPUMemoryOOM', 30_000);
    expect(screen).not.toContain('loading from');
    expect(screen.split('\n')[0]).toMatch(/^oncall ctx default │ am: ok/);
    const written = fs.readFileSync(log, 'utf8');
    const first = written.indexOf('loading from alertmanager 127.0.0.1:');
    const inkClear = written.indexOf('\u001b[H\u001b[2J', first);
    expect(first).toBeGreaterThan(0);
    // Ink's first frame clears the screen in the same write, after the first frame.
    expect(inkClear).toBeGreaterThan(first);
    expect(written.indexOf('GPUMemoryOOM')).toBeGreaterThan(inkClear);
    // Ink's first header names every backend, as the frame before it did (loading, or what has answered since).
    const inkHeader = written.slice(inkClear).split('\n')[0]!;
    expect(inkHeader).toMatch(/am: (loading|ok)/);
    expect(inkHeader).toMatch(/prom: (loading|unreachable)/);
    await tmux.send('q');
  }, 60_000);

  it('stops before drawing anything when the causal settings are wrong, naming the file and key', async () => {
    const file = path.join(home, 'bad-rule.yaml');
    fs.writeFileSync(
      file,
      `current_context: t\ncontexts:\n  t:\n    alertmanagers:\n      - url: ${am.url}\n` +
        `    causal_rules:\n      - cause_matchers: ['alertname="A"']\n        effect_matchers: ['severity:crit']\n`,
    );
    const log = path.join(home, 'bad-rule.log');
    const cmd = `sleep 0.5; node ${shellQuote(CLI)} --config ${shellQuote(file)}; echo "exit $?"; sleep 30`;
    const t = await Tmux.start({ command: cmd, env: isolatedEnv({ NO_COLOR: '1' }), columns: 160, rows: 30 });
    try {
      await t.tmux('pipe-pane', '-o', '-t', 'main', `cat >> ${shellQuote(log)}`);
      const screen = await t.waitFor('exit ', 30_000);
      expect(screen).toContain(`${file}: contexts.t.causal_rules[0].effect_matchers[0]: bad matcher "severity:crit"`);
      expect(screen).toContain('exit 1');
      // Nothing of the TUI was written: no first frame, no alternate screen.
      const written = fs.readFileSync(log, 'utf8');
      expect(written).not.toContain('loading from');
      expect(written).not.toContain('\u001b[?1049h');
    } finally {
      await t.close();
    }
  }, 60_000);
});

describe('the data source started before the UI', () => {
  let am: ServerHandle;
  beforeAll(async () => {
    am = await startAlertmanager({ config: 'route:\n  receiver: sink\nreceivers:\n  - name: sink\n' });
    await postAlerts(am.url, [{ labels: { alertname: 'NodeDown', instance: 'n1', severity: 'critical' } }]);
    await waitForAlerts(am.url, 1);
  }, 60_000);
  afterAll(async () => am?.stop());

  it('asks the backends at once and hands the UI the newest health and data when it subscribes', async () => {
    // A pass-through in front of the real Alertmanager tells when the alert list has been asked for and answered.
    const pass = await serve((req, res) => forward(am.url, req, res));
    const cfg = {
      alertmanagers: [{ url: pass.url }],
      prometheus: { url: CLOSED_URL },
      timeoutMs: 3000,
      settings: contextSchema.parse({}),
    };
    const loading = [initialHealth('am', Date.now()), initialHealth('prom', Date.now())];
    const early = startEarly(new InProcessSource(cfg, 60_000), loading);
    try {
      // Before the UI subscribes, the alert list is asked for; then the pass-through goes away, so what the UI gets
      // can only come from that early request.
      const deadline = Date.now() + 20_000;
      while (!pass.requests.some((r) => r.url.startsWith('/api/v2/alerts')) && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 50));
      expect(pass.requests.some((r) => r.url.startsWith('/api/v2/alerts'))).toBe(true);
      await new Promise((r) => setTimeout(r, 1000));
      await pass.close();
      const got: SourceUpdate[] = [];
      early.start((u) => got.push(u));
      expect(got).toHaveLength(1);
      expect(got[0]!.data?.alerts.map((a) => a.labels.alertname)).toEqual(['NodeDown']);
      expect(got[0]!.health.map((h) => `${h.name}:${h.state}`)).toEqual(['am:ok', 'prom:unreachable']);
    } finally {
      early.stop();
      await pass.close();
    }
  }, 60_000);

  it('gives the UI every backend as loading when nothing has answered yet', () => {
    const cfg = {
      alertmanagers: [{ url: 'http://127.0.0.1:9' }],
      prometheus: { url: 'http://127.0.0.1:9' },
      timeoutMs: 3000,
      settings: contextSchema.parse({}),
    };
    const loading = [initialHealth('am', 1), initialHealth('prom', 1)];
    const early = startEarly(new InProcessSource(cfg, 60_000), loading);
    const got: SourceUpdate[] = [];
    early.start((u) => got.push(u));
    early.stop();
    expect(got).toEqual([{ health: loading }]);
  });
});
