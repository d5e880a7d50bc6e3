// `oncall runbook FINGERPRINT` for alerts whose runbook_url is a web page, with a real Alertmanager holding a
// kube-prometheus-style alert (its runbook_url on runbooks.prometheus-operator.dev, mapped by the config to a
// local site) and a local wiki page: printed with its steps, revalidated, read from the cache once the site is
// gone; --no-fetch, --open without a display, `runbook lint --check-urls`, and the token redacted by config show.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertmanager, postAlerts, runCli, waitForAlerts } from './helpers/stack.js';
import { KUBE_PATH, runbookSite, TOKEN, webRunbookEnv, type RunbookSite } from './helpers/runbook-site.js';
import type { ServerHandle } from '../src/backends/localstack.js';

const KUBE_URL = 'https://runbooks.prometheus-operator.dev/runbooks/kubernetes/kubepodcrashlooping';

let site: RunbookSite;
let am: ServerHandle;
let env: NodeJS.ProcessEnv;
let cache: string;
const fp: Record<string, string> = {};

beforeAll(async () => {
  site = await runbookSite();
  am = await alertmanager();
  await postAlerts(am.url, [
    {
      labels: {
        alertname: 'KubePodCrashLooping',
        namespace: 'serving',
        pod: 'model-server-7',
        container: 'server',
        severity: 'warning',
        cluster: 'prod',
      },
      annotations: { summary: 'Pod is crash looping.', runbook_url: KUBE_URL },
    },
    {
      labels: { alertname: 'WikiGPUOOM', instance: 'gpu-node-3', severity: 'critical' },
      annotations: { runbook_url: `${site.url}/wiki/gpu-oom` },
    },
    {
      labels: { alertname: 'NeverFetched', severity: 'info' },
      annotations: { runbook_url: `${site.url}/once.md?never` },
    },
  ]);
  await waitForAlerts(am.url, 3);
  for (const a of (await (await fetch(`${am.url}/api/v2/alerts`)).json()) as {
    fingerprint: string;
    labels: Record<string, string>;
  }[])
    fp[a.labels.alertname!] = a.fingerprint;
  ({ env, cache } = webRunbookEnv(
    am.url,
    site.url,
    `      headers:
        - prefix: ${site.url}/
          headers: { PRIVATE-TOKEN: ${TOKEN} }
`,
  ));
});

afterAll(async () => {
  await site?.close();
  await am?.stop();
  if (cache) fs.rmSync(cache, { recursive: true, force: true });
});

describe('oncall runbook with web runbooks', () => {
  it("prints a kube-prometheus alert's runbook from its mapped markdown source, with its steps and labels filled", async () => {
    const r = await runCli(['runbook', fp.KubePodCrashLooping!], { env });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe(
      `web runbook from ${KUBE_URL} (source ${site.url}${KUBE_PATH}) · fetched ${r.stdout.match(/fetched (\d+s) ago/)?.[1]} ago (untrusted: its checks run only with --check)`,
    );
    expect(r.stdout).toContain('- [ ] Check how often the container restarted in the last 10 minutes.');
    expect(r.stdout).toContain(
      'increase(kube_pod_container_status_restarts_total{namespace="serving", pod="model-server-7"}[10m])',
    );
    expect(site.hits(KUBE_PATH).at(-1)!.headers['private-token']).toBe(TOKEN);
  });

  it('--json gives the steps and where they came from; a second read revalidates', async () => {
    const r = await runCli(['runbook', fp.KubePodCrashLooping!, '--json'], { env });
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.web).toMatchObject({
      url: KUBE_URL,
      source: `${site.url}${KUBE_PATH}`,
      format: 'markdown',
      via: 'revalidated',
      stale: null,
    });
    expect(out.runbook.steps.map((s: { text: string }) => s.text)).toEqual([
      'Check how often the container restarted in the last 10 minutes.',
      'Check pod events via kubectl -n serving describe pod model-server-7.',
      "Talk with the app's owners; see Debugging Pods.",
    ]);
    expect(out.runbook.steps[0].blocks[0]).toMatchObject({ kind: 'promql', expect: '< 3' });
  });

  it('prints an HTML wiki page as text; --no-fetch reads only the cache', async () => {
    const r = await runCli(['runbook', fp.WikiGPUOOM!], { env });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('## Diagnosis');
    expect(r.stdout).toContain('- [ ] Check free GPU memory on the host.');
    expect(r.stdout).toContain('min(gpu_memory_available_bytes{instance="gpu-node-3"})');
    expect(r.stdout).not.toContain('document.title');
    const before = site.hits('/wiki/gpu-oom').length;
    const offline = await runCli(['runbook', fp.WikiGPUOOM!, '--no-fetch'], { env });
    expect(offline.code).toBe(0);
    expect(offline.stdout.split('\n')[0]).toMatch(
      /^web runbook from .*\/wiki\/gpu-oom · cached copy \d+s old, not fetched/,
    );
    expect(site.hits('/wiki/gpu-oom').length).toBe(before);
    const none = await runCli(['runbook', fp.NeverFetched!, '--no-fetch'], { env });
    expect(none.code).toBe(0);
    expect(none.stderr).toMatch(/not fetched, and no copy in the cache/);
    expect(none.stdout).toBe(`web runbook: ${site.url}/once.md?never\n`);
  });

  it('--open with no display prints the link and why, instead of doing nothing', async () => {
    const r = await runCli(['runbook', fp.WikiGPUOOM!, '--open'], { env });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      'oncall: not opened in a browser: no display to open a browser on (DISPLAY and WAYLAND_DISPLAY are unset); the link:\n',
    );
    expect(r.stdout).toBe(`${site.url}/wiki/gpu-oom\n`);
    const off = await runCli(['runbook', fp.WikiGPUOOM!, '--open'], {
      env: { ...env, DISPLAY: ':0', ONCALL_BROWSER: 'none' },
    });
    expect(off.stderr).toMatch(/ONCALL_BROWSER=none/);
    expect(off.stdout).toBe(`${site.url}/wiki/gpu-oom\n`);
  });

  it("runbook lint --check-urls: every alert's runbook_url must answer (mapped sources included)", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oncall-rules-'));
    try {
      const rules = path.join(dir, 'rules.yml');
      fs.writeFileSync(
        rules,
        [
          'groups:',
          '  - name: g',
          '    rules:',
          '      - alert: KubePodCrashLooping',
          '        expr: x > 0',
          '        annotations:',
          `          runbook_url: ${KUBE_URL}`,
          '      - alert: WikiGPUOOM',
          '        expr: x > 0',
          '        annotations:',
          `          runbook_url: ${site.url}/wiki/gpu-oom`,
          '      - alert: Gone',
          '        expr: x > 0',
          '        annotations:',
          `          runbook_url: ${site.url}/gone`,
        ].join('\n'),
      );
      const r = await runCli(['runbook', 'lint', path.join(dir), '--rules', rules, '--check-urls'], { env });
      expect(r.code).toBe(1);
      const lines = r.stdout.split('\n');
      expect(lines).toContain(`${rules}:12: runbook_url of Gone does not answer: ${site.url}/gone: HTTP 404`);
      expect(r.stdout).not.toMatch(/of (KubePodCrashLooping|WikiGPUOOM) does not answer/);
      const usage = await runCli(['runbook', 'lint', dir, '--check-urls'], { env });
      expect(usage.code).toBe(2);
      expect(usage.stderr).toMatch(/--check-urls .* add --rules FILE/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('config show redacts the web runbook headers', async () => {
    const r = await runCli(['config', 'show', '--json'], { env });
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain(TOKEN);
    expect(JSON.parse(r.stdout).runbooks.headers[0].headers).toEqual({ 'PRIVATE-TOKEN': '<redacted>' });
  });

  it('after the site stops, the cached copy is shown with its age and why; a page never read is an error', async () => {
    await site.close();
    const r = await runCli(['runbook', fp.KubePodCrashLooping!], { env });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(
      /^oncall: warning: .*KubePodCrashLooping\.md: connection refused; showing the cached copy from \d{4}-/,
    );
    expect(r.stdout.split('\n')[0]).toMatch(/· cached copy \d+[smhd] old: the site failed \(connection refused\)/);
    expect(r.stdout).toContain('- [ ] Check how often the container restarted in the last 10 minutes.');
    const never = await runCli(['runbook', fp.NeverFetched!], { env });
    expect(never.code).toBe(1);
    expect(never.stderr).toContain(
      `oncall: could not fetch the web runbook: ${site.url}/once.md?never: connection refused`,
    );
    expect(never.stdout).toBe(`web runbook: ${site.url}/once.md?never\n`);
  });
});
