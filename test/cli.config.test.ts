// `oncall config path|show`, the order in which settings apply, and what an invalid config file gets told.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isolatedEnv, runCli } from './helpers/stack.js';

/** An isolated home with an optional config file (mode 0600 unless told) and an optional amtool config. */
function home(opts: { config?: string; mode?: number; amtool?: string; env?: Record<string, string> } = {}) {
  const env = isolatedEnv(opts.env);
  const file = path.join(env.XDG_CONFIG_HOME!, 'oncall', 'config.yaml');
  if (opts.config !== undefined) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, opts.config, { mode: opts.mode ?? 0o600 });
    fs.chmodSync(file, opts.mode ?? 0o600);
  }
  if (opts.amtool !== undefined) {
    const a = path.join(env.HOME!, '.config', 'amtool', 'config.yml');
    fs.mkdirSync(path.dirname(a), { recursive: true });
    fs.writeFileSync(a, opts.amtool);
  }
  return { env, file };
}

async function show(env: NodeJS.ProcessEnv, args: string[] = []) {
  const r = await runCli([...args, 'config', 'show', '--json'], { env });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout);
}

const TWO_CONTEXTS = `
current_context: prod
contexts:
  prod:
    prometheus:
      url: http://prom.prod:9090
    alertmanagers:
      - url: http://am-0.prod:9093
      - url: http://am-1.prod:9093
    read_only: true
  staging:
    prometheus:
      url: http://prom.staging:9090
    alertmanagers:
      - url: http://am.staging:9093
`;

describe('oncall config path', () => {
  it('prints the platform path, or ONCALL_CONFIG, or --config', async () => {
    const { env, file } = home();
    expect((await runCli(['config', 'path'], { env })).stdout).toBe(`${file}\n`);
    expect((await runCli(['config', 'path'], { env: { ...env, ONCALL_CONFIG: '/tmp/x.yaml' } })).stdout).toBe(
      '/tmp/x.yaml\n',
    );
    expect(
      (await runCli(['--config', '/tmp/y.yaml', 'config', 'path'], { env: { ...env, ONCALL_CONFIG: '/tmp/x.yaml' } }))
        .stdout,
    ).toBe('/tmp/y.yaml\n');
  });
});

describe('which settings apply', () => {
  it('with nothing configured, uses what a port-forward gives', async () => {
    const v = await show(home().env);
    expect(v).toMatchObject({
      context: 'default',
      file_exists: false,
      prometheus: { url: 'http://localhost:9090' },
      alertmanagers: [{ url: 'http://localhost:9093' }],
      sources: { context: 'default', prometheus: 'default', alertmanagers: 'default' },
      read_only: false,
    });
  });

  it("falls back to amtool's alertmanager.url, and only when nothing else names one", async () => {
    const amtool = 'alertmanager.url: http://am.from-amtool:9093\nauthor: jane\n';
    const v = await show(home({ amtool }).env);
    expect(v.alertmanagers).toEqual([{ url: 'http://am.from-amtool:9093' }]);
    expect(v.sources.alertmanagers).toBe('amtool');
    expect(v.author).toBe('jane');
    const withFile = await show(home({ amtool, config: TWO_CONTEXTS }).env);
    expect(withFile.alertmanagers.map((a: { url: string }) => a.url)).toEqual([
      'http://am-0.prod:9093',
      'http://am-1.prod:9093',
    ]);
  });

  it('names the author from $USER, else the login name when USER and LOGNAME are unset', async () => {
    const env = home().env;
    expect((await show({ ...env, USER: 'alice' })).author).toBe('alice');
    const bare = { ...env };
    delete bare.USER;
    delete bare.LOGNAME;
    expect((await show(bare)).author).toBe(os.userInfo().username);
  });

  it('takes the current context from the file', async () => {
    const v = await show(home({ config: TWO_CONTEXTS }).env);
    expect(v).toMatchObject({
      context: 'prod',
      file_exists: true,
      read_only: true,
      prometheus: { url: 'http://prom.prod:9090' },
    });
    expect(v.sources).toEqual({ context: 'file', prometheus: 'file', alertmanagers: 'file' });
  });

  it('lets the environment override the file, and flags override the environment', async () => {
    const { env } = home({ config: TWO_CONTEXTS });
    const byEnv = await show({ ...env, ONCALL_CONTEXT: 'staging' });
    expect(byEnv).toMatchObject({
      context: 'staging',
      prometheus: { url: 'http://prom.staging:9090' },
      sources: { context: 'env' },
    });
    const byFlag = await show({ ...env, ONCALL_CONTEXT: 'staging' }, ['--context', 'prod']);
    expect(byFlag).toMatchObject({ context: 'prod', sources: { context: 'flag' } });

    const urlEnv = {
      ...env,
      ONCALL_PROMETHEUS_URL: 'http://prom.env:9090',
      ONCALL_ALERTMANAGER_URL: 'http://am-a.env:9093, http://am-b.env:9093',
    };
    const fromEnv = await show(urlEnv);
    expect(fromEnv.prometheus).toEqual({ url: 'http://prom.env:9090' });
    expect(fromEnv.alertmanagers).toEqual([{ url: 'http://am-a.env:9093' }, { url: 'http://am-b.env:9093' }]);
    expect(fromEnv.sources).toMatchObject({ prometheus: 'env', alertmanagers: 'env' });
    // settings other than the URLs still come from the context
    expect(fromEnv.read_only).toBe(true);

    const fromFlags = await show(urlEnv, [
      '--prometheus',
      'http://prom.flag:9090',
      '--alertmanager',
      'http://am.flag:9093',
    ]);
    expect(fromFlags.prometheus).toEqual({ url: 'http://prom.flag:9090' });
    expect(fromFlags.alertmanagers).toEqual([{ url: 'http://am.flag:9093' }]);
    expect(fromFlags.sources).toMatchObject({ prometheus: 'flag', alertmanagers: 'flag' });
  });

  it('reads the file named by ONCALL_CONFIG, and --config over it', async () => {
    const { env } = home();
    const a = path.join(env.HOME!, 'a.yaml');
    const b = path.join(env.HOME!, 'b.yaml');
    fs.writeFileSync(a, 'contexts:\n  from-a:\n    prometheus: { url: "http://a:9090" }\ncurrent_context: from-a\n');
    fs.writeFileSync(b, 'contexts:\n  from-b:\n    prometheus: { url: "http://b:9090" }\ncurrent_context: from-b\n');
    expect((await show({ ...env, ONCALL_CONFIG: a })).context).toBe('from-a');
    expect((await show({ ...env, ONCALL_CONFIG: a }, ['--config', b])).context).toBe('from-b');
  });

  it('reads paths in the file relative to the file', async () => {
    const { env, file } = home({
      config:
        'current_context: x\ncontexts:\n  x:\n    prometheus:\n      url: http://p:9090\n      bearer_token_file: secrets/token\n      tls: { ca_file: ca.pem }\n',
    });
    const v = await show(env);
    expect(v.prometheus.bearer_token_file).toBe(path.join(path.dirname(file), 'secrets/token'));
    expect(v.prometheus.tls.ca_file).toBe(path.join(path.dirname(file), 'ca.pem'));
  });
});

describe('secrets', () => {
  const INLINE = `
current_context: s
contexts:
  s:
    prometheus:
      url: http://user:url-pass-123@prom:9090
      bearer_token: tok-inline-456
      headers:
        X-Scope-OrgID: team-ml
        Authorization: Bearer hdr-tok-789
    alertmanagers:
      - url: http://am:9093
        basic_auth: { username: oncall, password: am-pass-000 }
`;

  it('are redacted in config show, in YAML and JSON', async () => {
    const { env } = home({ config: INLINE });
    for (const args of [
      ['config', 'show'],
      ['config', 'show', '--json'],
    ]) {
      const r = await runCli(args, { env });
      expect(r.code).toBe(0);
      for (const secret of ['url-pass-123', 'tok-inline-456', 'hdr-tok-789', 'am-pass-000'])
        expect(r.stdout + r.stderr).not.toContain(secret);
      expect(r.stdout).toContain('<redacted>');
      expect(r.stdout).toContain('team-ml');
      expect(r.stdout).toContain('oncall');
    }
  });

  it('in a file others can read give a warning with the chmod command', async () => {
    const { env, file } = home({ config: INLINE, mode: 0o644 });
    const r = await runCli(['config', 'show'], { env });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      `oncall: warning: ${file} holds a secret and others can read it (mode 644); run: chmod 600 ${file}\n`,
    );
    const ok = await runCli(['config', 'show'], { env: home({ config: INLINE, mode: 0o600 }).env });
    expect(ok.stderr).toBe('');
  });

  it('kept in files or environment variables give no warning', async () => {
    const r = await runCli(['config', 'show'], {
      env: home({
        mode: 0o644,
        config:
          'current_context: s\ncontexts:\n  s:\n    prometheus: { url: "http://p:9090", bearer_token_env: PROM_TOKEN }\n',
      }).env,
    });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
  });

  it('never show in the errors of a request', async () => {
    const { env } = home({
      config:
        'current_context: s\ncontexts:\n  s:\n    prometheus: { url: "http://127.0.0.1:1", bearer_token_env: PROM_TOKEN }\n    alertmanagers: [{ url: "http://u:am-pass-000@127.0.0.1:1" }]\n',
    });
    const r = await runCli(['status'], { env: { ...env, PROM_TOKEN: 'tok-env-321' } });
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).not.toMatch(/tok-env-321|am-pass-000/);
    expect(r.stderr).toContain('connection refused');
  });
});

describe('an invalid config file', () => {
  async function fails(config: string, args: string[] = ['alerts'], code = 1) {
    const { env, file } = home({ config });
    const r = await runCli(args, { env });
    expect(r.code).toBe(code);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    return { line: lines[0]!, file };
  }

  it('bad YAML: names the file and the line', async () => {
    const { line, file } = await fails('contexts:\n  prod:\n    read_only: true\n    read_only: false\n');
    expect(line).toBe(`oncall: ${file}:4: invalid YAML: Map keys must be unique`);
    const seq = await fails('contexts:\n  prod:\n    read_only: true\n  - item\n  staging: {}\n');
    expect(seq.line).toMatch(new RegExp(`^oncall: ${seq.file}:4: invalid YAML: `));
  });

  it('an unknown key: names it, its line, and the key meant', async () => {
    const { line, file } = await fails(
      'contexts:\n  prod:\n    # the URL\n    promethues:\n      url: http://p:9090\n',
    );
    expect(line).toBe(
      `oncall: ${file}:4: contexts.prod.promethues: unknown key "promethues" (did you mean prometheus?)`,
    );
    const top = await fails('context:\n  prod: {}\n');
    expect(top.line).toBe(`oncall: ${top.file}:1: context: unknown key "context" (did you mean contexts?)`);
    const far = await fails('contexts:\n  prod:\n    prometheus:\n      url: http://p:9090\n      zzz: 1\n');
    expect(far.line).toMatch(
      /:5: contexts\.prod\.prometheus\.zzz: unknown key "zzz" \(expected one of: url, name, basic_auth, /,
    );
  });

  it('a value of the wrong type: names the key and the type expected', async () => {
    const { line, file } = await fails('contexts:\n  prod:\n    read_only: "yes please"\n');
    expect(line).toBe(`oncall: ${file}:3: contexts.prod.read_only: expected a boolean, got string`);
    const list = await fails('contexts:\n  prod:\n    alertmanagers: http://am:9093\n');
    expect(list.line).toBe(`oncall: ${list.file}:3: contexts.prod.alertmanagers: expected a list, got string`);
    const missing = await fails('contexts:\n  prod:\n    prometheus:\n      name: p\n');
    expect(missing.line).toBe(`oncall: ${missing.file}:3: contexts.prod.prometheus.url: missing (expected a string)`);
  });

  it('a URL that is not http(s)', async () => {
    const { line, file } = await fails(
      'contexts:\n  prod:\n    alertmanagers:\n      - url: http://ok:9093\n      - url: localhost:9093\n',
    );
    expect(line).toBe(
      `oncall: ${file}:5: contexts.prod.alertmanagers.1.url: expected an http:// or https:// URL, e.g. http://localhost:9090`,
    );
  });

  it('a bad duration, and conflicting auth settings', async () => {
    const d = await fails('contexts:\n  prod:\n    refresh_interval: 30m1h\n');
    expect(d.line).toBe(
      `oncall: ${d.file}:3: contexts.prod.refresh_interval: expected a duration such as 30s, 15m, 2h or 1d2h (units largest first)`,
    );
    const z = await fails('contexts:\n  prod:\n    refresh_interval: "0"\n');
    expect(z.line).toBe(`oncall: ${z.file}:3: contexts.prod.refresh_interval: must be greater than 0`);
    const t = await fails(
      'contexts:\n  prod:\n    prometheus:\n      url: http://p:9090\n      bearer_token: a\n      bearer_token_file: /b\n',
    );
    expect(t.line).toMatch(
      /:6: contexts\.prod\.prometheus\.bearer_token_file: give one of bearer_token, bearer_token_file, bearer_token_env, not bearer_token and bearer_token_file$/,
    );
  });

  it('an unknown context, from the file, the environment or a flag', async () => {
    const f = await fails('current_context: prdo\ncontexts:\n  prod: {}\n  staging: {}\n');
    expect(f.line).toBe(`oncall: current_context: context "prdo" is not in ${f.file}; known contexts: prod, staging`);
    const { env, file } = home({ config: 'contexts:\n  prod: {}\n' });
    const e = await runCli(['alerts'], { env: { ...env, ONCALL_CONTEXT: 'nope' } });
    expect(e.code).toBe(1);
    expect(e.stderr).toBe(`oncall: ONCALL_CONTEXT: context "nope" is not in ${file}; known contexts: prod\n`);
    const flag = await runCli(['--context', 'nope', 'alerts'], { env });
    expect(flag.code).toBe(2);
    expect(flag.stderr).toBe(`oncall: --context: context "nope" is not in ${file}; known contexts: prod\n`);
  });
});
