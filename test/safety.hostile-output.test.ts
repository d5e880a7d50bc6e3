// Hostile text made inert: a corpus of escape sequences (CSI, OSC 8/52, DCS, APC, C1), DEL, BEL/BS/CR, bidi and
// zero-width characters, U+00AD, U+2028/2029, lone surrogates and a 10 kB value goes into every server field oncall
// shows: alerts and a silence in a real Alertmanager, series labels in a real Prometheus (recording rules), and,
// from plain node servers, Prometheus error bodies, an alert with a hostile label key, silences with hostile IDs
// and times. Every command, text and --json, and the TUI (its raw terminal stream, recorded by script(1) in
// tmux) must write none of it raw; --json keeps the data exact.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPrometheus, type ServerHandle } from '../src/backends/localstack.js';
import {
  alertmanager,
  CLI,
  isolatedEnv,
  postAlerts,
  runCli,
  until,
  waitForAlerts,
  type TestAlert,
} from './helpers/stack.js';
import { json, serve, type TestServer } from './helpers/http-servers.js';
import { findControl, HOSTILE, HOSTILE_UTF8, quoted, withoutOwnSequences } from './helpers/hostile.js';
import { shellQuote, Tmux } from './helpers/tmux.js';

const H = HOSTILE_UTF8;
const LONG = `${H}${'y'.repeat(10_000)}`;

const RULES = `groups:
  - name: hostile
    interval: 1s
    rules:
      - record: DCGM_FI_DEV_FB_USED
        expr: vector(60000)
        labels: { Hostname: ${quoted(H)}, gpu: ${quoted(`0${H}`)}, UUID: ${quoted(H)}, cluster: ${quoted(H)} }
      - record: DCGM_FI_DEV_FB_FREE
        expr: vector(20000)
        labels: { Hostname: ${quoted(H)}, gpu: ${quoted(`0${H}`)}, UUID: ${quoted(H)}, cluster: ${quoted(H)} }
      - record: psi_score
        expr: vector(0.3)
        labels: { model: ${quoted(H)} }
      - record: embedding_similarity_to_baseline
        expr: vector(0.8)
        labels: { model: ${quoted(H)} }
      - record: predictions_total
        expr: vector(time())
        labels: { model: ${quoted(H)} }
      - record: prediction_errors_total
        expr: vector(time() / 50)
        labels: { model: ${quoted(H)} }
`;

const ALERTS: TestAlert[] = [
  {
    labels: { alertname: 'HostileA', severity: 'critical', cluster: H, instance: H, model: H, long: LONG },
    annotations: { summary: H, description: `${H}\n${LONG}`, runbook_url: `https://runbooks.example.com/${H}` },
    generatorURL: `http://prom.example.com/graph?g0.expr=${encodeURIComponent(H)}`,
  },
  {
    labels: { alertname: `HostileB${H}`, severity: 'warning', cluster: `other${H}`, instance: H },
    annotations: { summary: LONG },
  },
  { labels: { alertname: 'GPUMemoryOOM', severity: 'critical', cluster: H, instance: H }, annotations: { summary: H } },
  {
    labels: { alertname: 'HighErrorRateFastBurn', severity: 'critical', cluster: H, instance: H, model: H },
    annotations: { summary: H },
  },
];

/** What a misbehaving Prometheus answers to everything: an API error whose text is the corpus. */
const promError = (res: Parameters<typeof json>[0]) =>
  json(res, 422, { status: 'error', errorType: 'execution', error: HOSTILE });

describe('hostile text through every command and the TUI', () => {
  let am: ServerHandle;
  let prom: ServerHandle;
  let fakeProm: TestServer;
  let fakeAm: TestServer;
  let env: NodeJS.ProcessEnv;
  let fingerprint: string;
  const terms: Tmux[] = [];

  beforeAll(async () => {
    am = await alertmanager();
    await postAlerts(am.url, ALERTS);
    await waitForAlerts(am.url, ALERTS.length);
    const now = Date.now();
    const res = await fetch(`${am.url}/api/v2/silences`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        matchers: [{ name: 'instance', value: H, isRegex: false, isEqual: true }],
        startsAt: new Date(now).toISOString(),
        endsAt: new Date(now + 3600_000).toISOString(),
        createdBy: H,
        comment: LONG,
      }),
    });
    expect(res.ok).toBe(true);
    prom = await startPrometheus({
      config: 'global:\n  evaluation_interval: 1s\nrule_files: [hostile.yml]\n',
      files: { 'hostile.yml': RULES },
    });
    await until('the recording rules', async () => {
      const r = await fetch(
        `${prom.url}/api/v1/query?query=count(predictions_total)%20and%20count(DCGM_FI_DEV_FB_USED)`,
      );
      return ((await r.json()) as { data: { result: unknown[] } }).data.result.length > 0;
    });
    fakeProm = await serve((_req, r) => promError(r));
    fakeAm = await serve((req, r) => {
      const t = new Date().toISOString();
      if (req.url.startsWith('/api/v2/status'))
        return json(r, 200, {
          cluster: { status: HOSTILE, peers: [{ name: HOSTILE, address: HOSTILE }] },
          versionInfo: { version: HOSTILE },
          config: { original: '' },
          uptime: t,
        });
      if (req.url.startsWith('/api/v2/silences')) {
        return json(r, 200, [
          {
            id: HOSTILE,
            status: { state: 'active' },
            matchers: [{ name: 'a', value: HOSTILE, isRegex: false, isEqual: true }],
            startsAt: `${t}${HOSTILE}`,
            endsAt: t,
            updatedAt: t,
            createdBy: HOSTILE,
            comment: HOSTILE,
          },
        ]);
      }
      // An alert whose label has a hostile name and a value of the wrong type: the error names where it was.
      return json(r, 200, [
        {
          fingerprint: HOSTILE,
          labels: { [HOSTILE]: 5 },
          annotations: {},
          startsAt: t,
          endsAt: t,
          updatedAt: t,
          status: { state: 'active', silencedBy: [], inhibitedBy: [] },
          receivers: [],
        },
      ]);
    });
    env = isolatedEnv();
    const file = path.join(env.XDG_CONFIG_HOME!, 'oncall', 'config.yaml');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const slos = [
      {
        name: 'avail',
        kind: 'ratio',
        objective: 0.999,
        errors: 'prediction_errors_total',
        total: 'predictions_total',
        group_by: 'model',
      },
    ];
    // JSON is YAML too.
    fs.writeFileSync(
      file,
      JSON.stringify({
        current_context: 'hostile',
        contexts: {
          hostile: {
            prometheus: { url: prom.url },
            alertmanagers: [{ url: am.url }],
            slos,
            silence: { propagation_timeout: '2s' },
          },
          servers: { prometheus: { url: fakeProm.url }, alertmanagers: [{ url: fakeAm.url }], slos },
        },
      }),
      { mode: 0o600 },
    );
    const alerts = (await (await fetch(`${am.url}/api/v2/alerts`)).json()) as {
      fingerprint: string;
      labels: Record<string, string>;
    }[];
    fingerprint = alerts.find((a) => a.labels.alertname === 'HostileA')!.fingerprint;
  }, 90_000);

  afterAll(async () => {
    for (const t of terms) t.close();
    await am?.stop();
    await prom?.stop();
    await fakeProm?.close();
    await fakeAm?.close();
  });

  const commands = (): string[][] => [
    ['alerts'],
    ['alerts', '--json'],
    ['incidents'],
    ['incidents', '--json'],
    ['silence', 'ls'],
    ['silence', 'ls', '--json'],
    ['silence', 'add', 'alertname=~"Hostile.*"', '--comment', 'c', '--dry-run'],
    ['silence', 'add', 'alertname=~"Hostile.*"', '--comment', 'c', '--dry-run', '--json'],
    ['silence', 'add', 'alertname=~"Hostile.*"', '--comment', 'c'],
    ['silence', 'add', `instance=${JSON.stringify(H)}`, '--comment', 'c', '--dry-run'],
    ['silence', 'add', 'alertname=~".*"', '--comment', 'c'],
    ['runbook', fingerprint],
    ['runbook', fingerprint, '--json'],
    ['runbook', 'HostileA', '--label', `x=${H}`],
    ['rules'],
    ['rules', '--json'],
    ['status'],
    ['status', '--json'],
    ['slo'],
    ['slo', '--json'],
    ['gpu'],
    ['gpu', '--json'],
    ['quality'],
    ['quality', '--json'],
  ];

  for (const ctx of ['hostile', 'servers']) {
    it(`context ${ctx}: no command writes a control character, and --json keeps the data`, async () => {
      let shown = 0;
      for (const args of commands()) {
        const r = await runCli(['--context', ctx, ...args], { env });
        const what = `oncall --context ${ctx} ${args.join(' ')} (exit ${r.code})`;
        expect(findControl(r.stdout), `${what} stdout`).toBeUndefined();
        expect(findControl(r.stderr), `${what} stderr`).toBeUndefined();
        expect(r.stderr, what).not.toMatch(/unexpected error|\n\s+at /);
        // The corpus' visible text came through, so the check above was not vacuous.
        if (/h0.*h1/.test(r.stdout + r.stderr)) shown++;
        if (args.includes('--json') && r.code === 0) {
          const doc = JSON.parse(r.stdout) as unknown;
          if (ctx === 'hostile' && args[0] === 'alerts') {
            const a = (doc as { alerts: { labels: Record<string, string> }[] }).alerts.find(
              (x) => x.labels.alertname === 'HostileA',
            )!;
            expect(a.labels.cluster).toBe(H);
            expect(a.labels.long).toBe(LONG);
          }
        }
      }
      expect(shown).toBeGreaterThan(ctx === 'hostile' ? 15 : 4);
    }, 180_000);
  }

  for (const ctx of ['hostile', 'servers']) {
    it(`context ${ctx}: the TUI writes no control sequence but its own, in every view`, async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oncall-raw-'));
      const raw = path.join(dir, 'raw');
      const tuiEnv = { ...env };
      delete tuiEnv.NO_COLOR; // colours on: the product's own sequences are in the stream too
      const oncall = `${shellQuote(process.execPath)} ${shellQuote(CLI)} --context ${ctx}`;
      const t = await Tmux.start({
        command: `script -q -f -c ${shellQuote(oncall)} ${shellQuote(raw)}; sleep 600`,
        env: tuiEnv,
        columns: 140,
        rows: 40,
      });
      terms.push(t);
      try {
        await t.waitFor(ctx === 'hostile' ? 'HostileA' : /unreachable|invalid|error/i, 30_000);
        for (const keys of [
          ['2'],
          ['Enter'],
          ['Escape'],
          ['1'],
          ['Enter'],
          ['Escape'],
          ['3'],
          ['4'],
          ['5'],
          ['6'],
          ['7'],
          ['1'],
          ['s'],
          ['Escape'],
          ['?'],
          ['Escape'],
        ]) {
          await t.send(...keys);
          await new Promise((r) => setTimeout(r, 400));
        }
        await t.send('q');
        await t.waitFor((s) => !s.includes('INCIDENT') || s.includes('$'), 10_000).catch(() => undefined);
        const stream = fs.readFileSync(raw, 'utf8').replace(/^Script started.*\n/, '');
        expect(stream.length).toBeGreaterThan(1000);
        if (ctx === 'hostile') expect(stream).toMatch(/h0/);
        expect(findControl(withoutOwnSequences(stream))).toBeUndefined();
        expect(stream).not.toContain('\u001b]');
        expect(stream).not.toContain('\u001b[6n');
      } finally {
        t.close();
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }, 90_000);
  }
});
