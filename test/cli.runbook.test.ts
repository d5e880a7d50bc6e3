import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertmanager, isolatedEnv, postAlerts, ROOT, runCli, waitForAlerts } from './helpers/stack.js';
import type { ServerHandle } from '../src/backends/localstack.js';
import { prometheusWithMetrics, type MetricsStack } from './fixtures/runbook/metrics.js';

const FIX = path.join(ROOT, 'test/fixtures/runbook');
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'oncall-rb-'));
const GOOD = fs.readFileSync(path.join(FIX, 'GPUMemoryOOM.md'), 'utf8');

describe('oncall runbook lint', () => {
  it('passes on the shipped runbooks against the demo rules', async () => {
    const r = await runCli([
      'runbook',
      'lint',
      path.join(ROOT, 'runbooks'),
      '--rules',
      path.join(ROOT, 'demo/rules.yml'),
    ]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('18 runbooks against 24 alerts: no problems\n');
    expect(r.code).toBe(0);
  });

  it('reports a broken runbook (bad frontmatter, bad matcher, bad PromQL) as file:line and exits 1', async () => {
    const dir = tmp();
    try {
      fs.writeFileSync(
        path.join(dir, 'BadYaml.md'),
        '---\nalerts:\n  - alertname="A"\nowner: a: b\nlast_reviewed: 2026-01-01\n---\n' +
          GOOD.split('---\n').slice(2).join('---\n'),
      );
      fs.writeFileSync(
        path.join(dir, 'BadMatcher.md'),
        GOOD.replace('  - alertname="GPUMemoryOOM"', '  - alertname="GPUMemoryOOM"\n  - severity:crit'),
      );
      fs.writeFileSync(
        path.join(dir, 'BadPromql.md'),
        GOOD.replace(
          'min(gpu_memory_available_bytes{instance="$instance", gpu="$gpu"})\n  ```\n- [ ] Look',
          'min(gpu_memory_available_bytes{instance="$instance", gpu="$gpu"} by\n  ```\n- [ ] Look',
        ),
      );
      const r = await runCli(['runbook', 'lint', dir]);
      expect(r.code).toBe(1);
      const lines = r.stdout.trim().split('\n');
      expect(lines).toEqual(
        expect.arrayContaining([
          `${dir}/BadMatcher.md:4: bad matcher "severity:crit": expected an operator (=, !=, =~, !~) after label name "severity", found ":" (position 9)`,
          expect.stringMatching(new RegExp(`^${dir}/BadPromql\\.md:21:\\d+: PromQL syntax error`)),
          expect.stringMatching(new RegExp(`^${dir}/BadYaml\\.md:4:\\d+: invalid YAML in frontmatter`)),
        ]),
      );
      expect(lines[lines.length - 1]).toMatch(/^3 errors, 0 warnings in 3 runbooks$/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('fails when an alert of the rules has no runbook, pointing at the rule', async () => {
    const r = await runCli(['runbook', 'lint', FIX, '--rules', path.join(FIX, 'rules.yml')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`${path.join(FIX, 'rules.yml')}:15: alert NoRunbookAnywhere has no runbook`);
  });

  it('checks runbook annotations: a missing file and a non-web link are errors; --json', async () => {
    const dir = tmp();
    try {
      fs.writeFileSync(
        path.join(dir, 'rules.yml'),
        [
          'groups:',
          '  - name: g',
          '    rules:',
          '      - alert: GPUMemoryOOM',
          '        expr: x < 1',
          '        annotations:',
          '          runbook_url: runbooks/Missing.md',
          '      - alert: ModelLatencyFastBurn',
          '        expr: x < 1',
          '        annotations:',
          '          runbook_url: "file:///etc/passwd"',
          '      - alert: Elsewhere',
          '        expr: x < 1',
          '        annotations:',
          '          runbook_url: https://wiki.example.com/Elsewhere',
        ].join('\n'),
      );
      const r = await runCli(['runbook', 'lint', FIX, '--rules', path.join(dir, 'rules.yml'), '--json']);
      expect(r.code).toBe(1);
      const out = JSON.parse(r.stdout);
      expect(out.errors).toBe(2);
      expect(out.problems.map((p: { line: number; message: string }) => `${p.line}: ${p.message}`)).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^4: runbook_url names runbooks\/Missing\.md, which does not exist/),
          expect.stringMatching(/^8: runbook_url "file:\/\/\/etc\/passwd" is neither a file path nor an http\(s\) URL/),
        ]),
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a folder that does not exist is a usage error (exit 2)', async () => {
    const r = await runCli(['runbook', 'lint', '/nonexistent/runbooks']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('oncall: /nonexistent/runbooks: no such runbook folder or file\n');
  });
});

describe('oncall runbook ALERTNAME', () => {
  it('prints the shipped runbook with placeholders filled from --label, escaped for PromQL and quoted for the shell', async () => {
    const r = await runCli([
      'runbook',
      'GPUMemoryOOM',
      '--label',
      'cluster=us-east',
      '--label',
      'instance=gpu-node-1',
      '--label',
      'gpu=0',
      '--label',
      'model=fraud-detector',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^runbook: .*runbooks\/GPUMemoryOOM\.md \(found by frontmatter alerts: \{alertname="GPUMemoryOOM"\}\)\n/,
    );
    expect(r.stdout).toContain('min(gpu_memory_available_bytes{cluster="us-east", instance="gpu-node-1", gpu="0"})');
    expect(r.stdout).toContain('ssh gpu-node-1 nvidia-smi');
    expect(r.stdout).not.toContain('unfilled');
  });

  it('finds a family runbook by its frontmatter matchers and lists unfilled placeholders', async () => {
    const r = await runCli(['runbook', 'HighErrorRateFastBurn']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/HighErrorRate\.md \(found by frontmatter alerts: \{alertname=~"HighErrorRate\.\*"\}\)/);
    expect(r.stdout).toContain('unfilled: $model, $cluster, $instance');
  });

  it('an alert without a runbook: exit 1 with what to add', async () => {
    const r = await runCli(['runbook', 'NoSuchAlert']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^oncall: no runbook for NoSuchAlert in .*; add NoSuchAlert\.md or list alertname="NoSuchAlert" in a runbook's frontmatter\n$/,
    );
  });

  it('usage errors exit 2', async () => {
    expect((await runCli(['runbook'])).code).toBe(2);
    const r = await runCli(['runbook', 'GPUMemoryOOM', '--label', 'oops']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--label "oops": write name=value');
  });

  it('a configured runbook folder comes before the shipped one', async () => {
    const dir = tmp();
    try {
      fs.writeFileSync(path.join(dir, 'Mine.md'), GOOD.replace('# GPU out of memory', '# Our own GPU runbook'));
      const env = isolatedEnv();
      const cfg = path.join(env.XDG_CONFIG_HOME!, 'oncall', 'config.yaml');
      fs.mkdirSync(path.dirname(cfg), { recursive: true });
      fs.writeFileSync(cfg, `current_context: lab\ncontexts:\n  lab:\n    runbook_dirs: [${JSON.stringify(dir)}]\n`);
      const r = await runCli(['runbook', 'GPUMemoryOOM', '--json'], { env });
      expect(r.code).toBe(0);
      const out = JSON.parse(r.stdout);
      expect(out.runbook.path).toBe(path.join(dir, 'Mine.md'));
      expect(out.runbook.title).toBe('Our own GPU runbook');
      expect(out.runbook.steps[0].blocks[0]).toMatchObject({ kind: 'promql', expect: '> 100000000' });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('oncall runbook FINGERPRINT against a real Alertmanager', () => {
  let am: ServerHandle;
  let fps: Record<string, string>;
  beforeAll(async () => {
    am = await alertmanager();
    await postAlerts(am.url, [
      {
        labels: {
          alertname: 'GPUMemoryOOM',
          severity: 'critical',
          cluster: 'eu-west',
          instance: 'gpu-node-7',
          gpu: '1',
          model: 'recommender',
        },
        annotations: { runbook_url: 'runbooks/GPUMemoryOOM.md' },
      },
      {
        labels: { alertname: 'Sneaky', severity: 'warning', instance: 'x\u001b]0;pwned\u0007' },
        annotations: { runbook_url: 'javascript:alert(1)', summary: 'evil' },
      },
      {
        labels: { alertname: 'WikiOnly', severity: 'warning' },
        annotations: { runbook_url: 'https://wiki.example.com/runbooks/wiki-only' },
      },
    ]);
    await waitForAlerts(am.url, 3);
    const list = (await (await fetch(`${am.url}/api/v2/alerts`)).json()) as {
      fingerprint: string;
      labels: Record<string, string>;
    }[];
    fps = Object.fromEntries(list.map((a) => [a.labels.alertname!, a.fingerprint]));
  });
  afterAll(async () => am?.stop());

  it("looks the alert up and fills the runbook its annotation names with the alert's labels", async () => {
    const r = await runCli(['runbook', fps.GPUMemoryOOM!, '--alertmanager', am.url], { env: isolatedEnv() });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/GPUMemoryOOM\.md \(found by the alert's runbook annotation\)/);
    expect(r.stdout).toContain('min(gpu_memory_available_bytes{cluster="eu-west", instance="gpu-node-7", gpu="1"})');
    expect(r.stdout).toContain('for `recommender`');
  });

  it('a non-web runbook link is shown, never opened; escape sequences in labels are inert', async () => {
    const r = await runCli(['runbook', fps.Sneaky!, '--alertmanager', am.url]);
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).not.toContain('\u001b');
    expect(r.stderr).toContain('no runbook for Sneaky');
    // --no-fetch: the link only (the page is never requested; web runbooks are tested in cli.web-runbook.test.ts).
    const j = await runCli(['runbook', fps.WikiOnly!, '--alertmanager', am.url, '--no-fetch']);
    expect(j.code).toBe(0);
    expect(j.stdout).toBe('web runbook: https://wiki.example.com/runbooks/wiki-only\n');
    expect(j.stderr).toMatch(/wiki-only: not fetched, and no copy in the cache/);
  });

  it('an unknown fingerprint is a clear error', async () => {
    const r = await runCli(['runbook', '0123456789abcdef', '--alertmanager', am.url]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`no alert with fingerprint 0123456789abcdef in ${am.url}`);
  });
});

describe('oncall runbook --check against a real Prometheus', () => {
  let stack: MetricsStack;
  beforeAll(async () => {
    stack = await prometheusWithMetrics();
  });
  afterAll(async () => stack?.stop());

  it('runs every PromQL step with the labels filled in: pass, fail and no data', async () => {
    const base = [
      'runbook',
      'GPUMemoryOOM',
      '--prometheus',
      stack.prometheus.url,
      '--label',
      'cluster=c1',
      '--label',
      'instance=gpu-1',
      '--check',
      '--json',
    ];
    const r0 = await runCli([...base, '--label', 'gpu=0', '--label', 'model=fraud-detector']);
    expect(r0.code).toBe(0);
    const results = (out: string) =>
      JSON.parse(out)
        .runbook.steps.flatMap((s: { blocks: { result: { outcome: string } | null }[] }) =>
          s.blocks.map((b) => b.result?.outcome),
        )
        .filter(Boolean);
    // Free memory (fail: 50 MB), every GPU (fail: GPU 0 is full), errors/queue (no such series), verification (fail).
    expect(results(r0.stdout)).toEqual(['fail', 'fail', 'nodata', 'nodata', 'fail', 'nodata']);
    const r1 = await runCli([...base, '--label', 'gpu=1', '--label', 'model=recommender']);
    expect(results(r1.stdout)).toEqual(['pass', 'fail', 'nodata', 'nodata', 'pass', 'nodata']);
    const text = await runCli(
      base.filter((a) => a !== '--json').concat(['--label', 'gpu=1', '--label', 'model=recommender']),
    );
    expect(text.stdout).toMatch(
      /checks:\nSTEP\s+RESULT\s+DETAIL\n1\. Confirm how much memory is left on GPU 1 \(healthy:\s+pass\s+2000000000; expected > 100000000\n2\. Check every GPU of the host: is it this GPU only,\s+FAIL\s+0\.9988 \(gpu=0\); expected < 0\.9 \(1 of 2 series\)\n/,
    );
  });
});
