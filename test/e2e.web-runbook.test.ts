// The TUI in a real terminal (tmux) with no display, as on a jump host: `u` on an alert shows its runbook link
// in a pane (with the OSC 52 copy) instead of doing nothing, and `b` shows the alert's web runbook (a
// kube-prometheus runbook_url mapped to markdown on a local site) with its steps and where it came from; a slow
// page shows progress; once the site is gone, the cached copy is shown with its age.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertmanager, CLI, postAlerts, waitForAlerts } from './helpers/stack.js';
import { Tmux, shellQuote } from './helpers/tmux.js';
import { runbookSite, webRunbookEnv, type RunbookSite } from './helpers/runbook-site.js';
import type { ServerHandle } from '../src/backends/localstack.js';

const KUBE_URL = 'https://runbooks.prometheus-operator.dev/runbooks/kubernetes/kubepodcrashlooping';

let site: RunbookSite;
let am: ServerHandle;
let env: NodeJS.ProcessEnv;
let cache: string;
const terms: Tmux[] = [];

beforeAll(async () => {
  site = await runbookSite();
  am = await alertmanager();
  await postAlerts(am.url, [
    {
      labels: {
        alertname: 'KubePodCrashLooping',
        namespace: 'serving',
        pod: 'model-server-7',
        severity: 'critical',
        cluster: 'prod',
      },
      annotations: { summary: 'Pod is crash looping.', runbook_url: KUBE_URL },
    },
    {
      labels: { alertname: 'SlowWikiAlert', instance: 'gpu-node-3', severity: 'warning', cluster: 'prod' },
      annotations: { runbook_url: `${site.url}/slow.md` },
    },
  ]);
  await waitForAlerts(am.url, 2);
  ({ env, cache } = webRunbookEnv(am.url, site.url));
});

afterAll(async () => {
  for (const t of terms) t.close();
  await site?.close();
  await am?.stop();
  if (cache) fs.rmSync(cache, { recursive: true, force: true });
});

async function start(): Promise<Tmux> {
  const t = await Tmux.start({
    command: `${shellQuote(process.execPath)} ${shellQuote(CLI)}; sleep 600`,
    env,
    columns: 200,
    rows: 40,
  });
  terms.push(t);
  return t;
}

describe('TUI without a display: links and web runbooks', () => {
  it('u shows the runbook URL in a pane; b shows the web runbook with its steps; checks wait for a key; slow pages show progress', async () => {
    const t = await start();
    await t.waitFor('KubePodCrashLooping');
    // The critical incident is first: its details, then u.
    await t.send('Enter');
    await t.waitFor('Labels');
    await t.send('u');
    let s = await t.waitFor('not opened in a browser');
    expect(s).toContain('The runbook link, not opened in a browser');
    expect(s).toContain('why: no display to open a browser on (DISPLAY and WAYLAND_DISPLAY are unset)');
    expect(s).toContain(KUBE_URL);
    expect(s).toContain('set-clipboard on'); // it runs inside tmux
    await t.send('c');
    await t.waitFor('sent the runbook link to the clipboard (OSC 52)');
    await t.send('Escape');
    await t.waitFor((x) => x.includes('Labels') && !x.includes('not opened in a browser'));
    await t.send('Escape');
    await t.waitFor('INCIDENT');

    await t.send('b');
    s = await t.waitFor('Check how often the container restarted');
    expect(s).toMatch(/web runbook, fetched \d+s ago · untrusted: its checks run on c\/Enter only/);
    expect(s).toContain(`from ${KUBE_URL} (source ${site.url}/content/runbooks/kubernetes/KubePodCrashLooping.md)`);
    expect(s).toContain('namespace="serving", pod="model-server-7"');
    expect(s).toContain('[ ] 2. Check pod events via kubectl -n serving describe pod model-server-7.');
    // The current step has a PromQL check, and nothing ran it: no result until c.
    expect(s).not.toMatch(/! error|✓ pass|✗ FAIL/);
    await t.send('c');
    s = await t.waitFor('! error');
    expect(s).toMatch(/! error .*127\.0\.0\.1:9/);

    // A slow page shows its progress while it arrives.
    await t.send('1');
    await t.waitFor('INCIDENT');
    await t.send('/');
    await t.type('SlowWikiAlert');
    await t.send('Enter');
    await t.waitFor((x) => x.includes('1 of 2'));
    await t.send('b');
    s = await t.waitFor('fetching it…');
    expect(s).toContain(`web runbook: ${site.url}/slow.md`);
    s = await t.waitFor('Slow step 10');
    expect(s).toMatch(/web runbook, fetched \d+s ago/);
    expect(s).toContain(`from ${site.url}/slow.md`);
    await t.send('q');
  });

  it('once the site is gone, the runbook view shows the cached copy with its age and why', async () => {
    await site.close();
    const t = await start();
    await t.waitFor('KubePodCrashLooping');
    await t.send('b');
    const s = await t.waitFor('Check how often the container restarted');
    expect(s).toMatch(/web runbook, cached copy \d+[smhd] old: the site failed \(connection refused\)/);
    await t.send('q');
  });
});
