// `oncall context ls|use|add`: the file is written 0600, its comments survive edits, and the chosen context is
// the one the other commands then talk to (a real Alertmanager here).
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerHandle } from '../src/backends/localstack.js';
import { alertmanager, isolatedEnv, postAlerts, runCli, waitForAlerts } from './helpers/stack.js';

function home(config?: string, mode = 0o600) {
  const env = isolatedEnv();
  const file = path.join(env.XDG_CONFIG_HOME!, 'oncall', 'config.yaml');
  if (config !== undefined) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, config);
    fs.chmodSync(file, mode);
  }
  return { env, file };
}

const mode = (f: string) => fs.statSync(f).mode & 0o777;

const COMMENTED = `# on-call contexts for the ML platform
current_context: prod # production first

contexts:
  # production: read-only, two replicas
  prod:
    prometheus:
      url: http://prom.prod:9090 # via the ingress
    read_only: true
  staging:
    prometheus:
      url: http://prom.staging:9090
`;

describe('oncall context', () => {
  it('ls says how to add one when there is none', async () => {
    const { env, file } = home();
    const r = await runCli(['context', 'ls'], { env });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      `no contexts in ${file} (add one with: oncall context add NAME --prometheus-url URL --alertmanager-url URL)\n`,
    );
  });

  it('add creates the file with mode 0600 and makes the first context current', async () => {
    const { env, file } = home();
    const r = await runCli(
      [
        'context',
        'add',
        'prod',
        '--prometheus-url',
        'http://prom.prod:9090',
        '--alertmanager-url',
        'http://am-0.prod:9093',
        '--alertmanager-url',
        'http://am-1.prod:9093',
        '--read-only',
        '--header',
        'X-Scope-OrgID: team-ml',
      ],
      { env },
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`context prod added in ${file}\n`);
    expect(mode(file)).toBe(0o600);
    const doc = YAML.parse(fs.readFileSync(file, 'utf8'));
    expect(doc.current_context).toBe('prod');
    expect(doc.contexts.prod).toEqual({
      prometheus: { url: 'http://prom.prod:9090', headers: { 'X-Scope-OrgID': 'team-ml' } },
      alertmanagers: [
        { url: 'http://am-0.prod:9093', headers: { 'X-Scope-OrgID': 'team-ml' } },
        { url: 'http://am-1.prod:9093', headers: { 'X-Scope-OrgID': 'team-ml' } },
      ],
      read_only: true,
    });
    // plain YAML, no anchors for the repeated headers
    expect(fs.readFileSync(file, 'utf8')).not.toMatch(/[&*]a\d/);

    await runCli(
      [
        'context',
        'add',
        'staging',
        '--prometheus-url',
        'http://prom.staging:9090',
        '--bearer-token-file',
        'token.txt',
        '--ca-file',
        'ca.pem',
      ],
      { env },
    );
    const ls = await runCli(['context', 'ls'], { env });
    expect(ls.stdout.split('\n')[0]).toMatch(/^CURRENT\s+NAME\s+PROMETHEUS\s+ALERTMANAGERS\s+READ-ONLY$/);
    expect(ls.stdout).toMatch(
      /^\*\s+prod\s+http:\/\/prom\.prod:9090\s+http:\/\/am-0\.prod:9093,http:\/\/am-1\.prod:9093\s+yes$/m,
    );
    expect(ls.stdout).toMatch(/^\s+staging\s+http:\/\/prom\.staging:9090\s+-\s+no$/m);
    const staging = YAML.parse(fs.readFileSync(file, 'utf8')).contexts.staging;
    // relative paths are stored as absolute ones, so the file works from any folder
    expect(path.isAbsolute(staging.prometheus.bearer_token_file)).toBe(true);
    expect(staging.prometheus.tls.ca_file).toMatch(/^\/.*ca\.pem$/);
  });

  it('use switches the current context and keeps comments; the file becomes 0600', async () => {
    const { env, file } = home(COMMENTED, 0o644);
    const r = await runCli(['context', 'use', 'staging'], { env });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('current context is now staging\n');
    const text = fs.readFileSync(file, 'utf8');
    expect(text).toBe(
      COMMENTED.replace('current_context: prod # production first', 'current_context: staging # production first'),
    );
    expect(mode(file)).toBe(0o600);
    const ls = await runCli(['context', 'ls', '--json'], { env });
    expect(
      JSON.parse(ls.stdout).contexts.map((c: { name: string; current: boolean }) => `${c.name}:${c.current}`),
    ).toEqual(['prod:false', 'staging:true']);
  });

  it('add keeps the comments of the rest of the file, and --use switches to it', async () => {
    const { env, file } = home(COMMENTED);
    const r = await runCli(['context', 'add', 'dev', '--prometheus-url', 'http://localhost:9090', '--use'], { env });
    expect(r.code).toBe(0);
    const text = fs.readFileSync(file, 'utf8');
    for (const comment of [
      '# on-call contexts for the ML platform',
      '# production: read-only, two replicas',
      '# via the ingress',
      '# production first',
    ])
      expect(text).toContain(comment);
    const doc = YAML.parse(text);
    expect(doc.current_context).toBe('dev');
    expect(Object.keys(doc.contexts)).toEqual(['prod', 'staging', 'dev']);
    const again = await runCli(['context', 'add', 'dev', '--prometheus-url', 'http://localhost:19090'], { env });
    expect(again.stdout).toBe(`context dev replaced in ${file}\n`);
    expect(YAML.parse(fs.readFileSync(file, 'utf8')).contexts.dev.prometheus.url).toBe('http://localhost:19090');
  });

  it('edits a symlinked config file in place, leaving the link', async () => {
    const { env, file } = home();
    const real = path.join(env.HOME!, 'dotfiles', 'oncall.yaml');
    fs.mkdirSync(path.dirname(real), { recursive: true });
    fs.writeFileSync(real, COMMENTED);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.symlinkSync(real, file);
    expect((await runCli(['context', 'use', 'staging'], { env })).code).toBe(0);
    expect(fs.lstatSync(file).isSymbolicLink()).toBe(true);
    expect(YAML.parse(fs.readFileSync(real, 'utf8')).current_context).toBe('staging');
    expect(mode(real)).toBe(0o600);
  });

  it('use of an unknown context is a usage error that lists the known ones', async () => {
    const { env, file } = home(COMMENTED);
    const r = await runCli(['context', 'use', 'prdo'], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`oncall: no context named "prdo" in ${file}; known: prod, staging\n`);
    expect(fs.readFileSync(file, 'utf8')).toBe(COMMENTED);
  });

  it('add rejects a bad URL or header without touching the file', async () => {
    const { env, file } = home(COMMENTED);
    const url = await runCli(['context', 'add', 'x', '--prometheus-url', 'prom:9090'], { env });
    expect(url.code).toBe(2);
    expect(url.stderr).toBe('oncall: --prometheus-url: "prom:9090" is not an http:// or https:// URL\n');
    const hdr = await runCli(['context', 'add', 'x', '--prometheus-url', 'http://p:9090', '--header', 'NoColon'], {
      env,
    });
    expect(hdr.code).toBe(2);
    expect(hdr.stderr).toBe('oncall: --header: expected NAME:VALUE, got 7 characters without a name and colon\n');
    const missing = await runCli(['context', 'add', 'x'], { env });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("required option '--prometheus-url <url>' not specified");
    expect(fs.readFileSync(file, 'utf8')).toBe(COMMENTED);
  });

  it('refuses to edit a file that is already invalid', async () => {
    const bad = 'contexts:\n  prod:\n    promethues: {}\n';
    const { env, file } = home(bad);
    const r = await runCli(['context', 'add', 'x', '--prometheus-url', 'http://p:9090'], { env });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${file}:3: contexts.prod.promethues: unknown key`);
    expect(fs.readFileSync(file, 'utf8')).toBe(bad);
  });

  describe('the current context is what commands use', () => {
    let am: ServerHandle;
    beforeAll(async () => {
      am = await alertmanager();
      await postAlerts(am.url, [{ labels: { alertname: 'FromContext', severity: 'warning' } }]);
      await waitForAlerts(am.url, 1);
    });
    afterAll(async () => am?.stop());

    it('alerts and status go to the context the file names', async () => {
      const { env } = home();
      await runCli(
        ['context', 'add', 'local', '--prometheus-url', 'http://127.0.0.1:1', '--alertmanager-url', am.url],
        { env },
      );
      await runCli(
        [
          'context',
          'add',
          'elsewhere',
          '--prometheus-url',
          'http://127.0.0.1:1',
          '--alertmanager-url',
          'http://127.0.0.1:1',
        ],
        { env },
      );
      const r = await runCli(['alerts', '--json'], { env });
      expect(r.stderr).toBe('');
      expect(JSON.parse(r.stdout).alerts.map((a: { labels: { alertname: string } }) => a.labels.alertname)).toEqual([
        'FromContext',
      ]);
      const other = await runCli(['--context', 'elsewhere', 'alerts'], { env });
      expect(other.code).toBe(1);
      expect(other.stderr).toContain('connection refused');
      const st = await runCli(['status', '--json'], { env });
      const out = JSON.parse(st.stdout);
      expect(out.context).toBe('local');
      expect(out.backends.map((b: { kind: string; reachable: boolean }) => `${b.kind}:${b.reachable}`)).toEqual([
        'prometheus:false',
        'alertmanager:true',
      ]);
    });
  });
});
