// Web runbooks against a real local web site: markdown and HTML, revalidation with ETag and Last-Modified, the
// cache when the site fails, size cap, slow and hanging sites, terminal escapes, per-prefix headers and proxies.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkRunbookUrl,
  DEFAULT_WEB_SETTINGS,
  loadWebRunbook,
  WebRunbookError,
} from '../src/backends/web-runbooks.js';
import type { WebRunbooksConfig } from '../src/backends/config/schema.js';
import { serve, type TestServer } from './helpers/http-servers.js';
import { KUBE_PATH, runbookSite, TOKEN, type RunbookSite } from './helpers/runbook-site.js';

let site: RunbookSite;
let cacheDir: string;
const tmpCache = () => fs.mkdtempSync(path.join(os.tmpdir(), 'oncall-webcache-'));
const settings = (extra: Partial<WebRunbooksConfig> = {}): WebRunbooksConfig => ({ ...DEFAULT_WEB_SETTINGS, ...extra });

beforeAll(async () => {
  site = await runbookSite();
  cacheDir = tmpCache();
});
afterAll(async () => {
  await site?.close();
  fs.rmSync(cacheDir, { recursive: true, force: true });
});

describe('web runbooks', () => {
  it('maps a prometheus-operator runbook page to its markdown source and parses it like a local runbook, then revalidates with ETag', async () => {
    const page = 'https://runbooks.prometheus-operator.dev/runbooks/kubernetes/kubepodcrashlooping/';
    const s = settings({
      sources: [
        {
          prefix: 'https://runbooks.prometheus-operator.dev/runbooks/',
          markdown: `${site.url}/content/runbooks/{dir}/{name}.md`,
        },
      ],
    });
    const first = await loadWebRunbook(page, s, { alertname: 'KubePodCrashLooping', cacheDir });
    expect(first.source).toBe(`${site.url}${KUBE_PATH}`);
    expect(first.format).toBe('markdown'); // served as text/plain, but a mapped source is markdown
    expect(first.via).toBe('fetched');
    expect(first.runbook.id).toBe(page);
    expect(first.runbook.title).toBe('Kube Pod Crash Looping');
    expect(first.runbook.sections.map((x) => x.title)).toEqual(['Meaning', 'Diagnosis', 'Mitigation']);
    expect(first.runbook.steps.map((x) => x.section)).toEqual(['Diagnosis', 'Diagnosis', 'Mitigation']);
    const check = first.runbook.steps[0]!.blocks[0]!;
    expect(check.kind).toBe('promql');
    expect(check.expect?.text).toBe('< 3');
    expect(first.runbook.steps[1]!.blocks[0]!.kind).toBe('shell');

    const second = await loadWebRunbook(page, s, { alertname: 'KubePodCrashLooping', cacheDir });
    expect(second.via).toBe('revalidated');
    expect(site.hits(KUBE_PATH).at(-1)!.headers['if-none-match']).toBe('"kube-v1"');
    expect(second.runbook.steps).toHaveLength(3);

    // --refresh: no conditional request, a full answer.
    const third = await loadWebRunbook(page, s, { alertname: 'KubePodCrashLooping', cacheDir, refresh: true });
    expect(third.via).toBe('fetched');
    expect(site.hits(KUBE_PATH).at(-1)!.headers['if-none-match']).toBeUndefined();
  });

  it('turns an HTML page into sections, steps, PromQL checks and link footnotes; scripts and site chrome dropped', async () => {
    const url = `${site.url}/wiki/gpu-oom`;
    const web = await loadWebRunbook(url, settings(), { cacheDir });
    expect(web.format).toBe('html');
    const rb = web.runbook;
    expect(rb.title).toBe('GPU OOM');
    expect(rb.sections.map((x) => x.title)).toEqual(['Diagnosis', 'Mitigation', 'Links']);
    expect(rb.steps.map((x) => x.text)).toEqual(['Check free GPU memory on the host.', 'Read the OOM guide [2].']);
    expect(rb.steps[0]!.blocks[0]).toMatchObject({
      kind: 'promql',
      code: 'min(gpu_memory_available_bytes{instance="$instance"})',
    });
    const para = rb.doc.find((d) => d.type === 'paragraph');
    expect(para?.type === 'paragraph' && para.inline.map((p) => p.text).join('')).toBe(
      'When a model server runs out of GPU memory, see the GPU dashboard [1].',
    );
    expect(rb.body).toContain(`- \\[1\\] <${site.url}/dashboards/gpu>`);
    expect(rb.body).toContain('- \\[2\\] <https://docs.example.com/oom>');
    expect(rb.looseBlocks.map((b) => b.kind)).toEqual(['shell']);
    for (const gone of ['document.title', 'color: red', 'Log in', 'Spaces', 'About', 'Team wiki'])
      expect(rb.text).not.toContain(gone);
    // Last-Modified revalidation.
    const again = await loadWebRunbook(url, settings(), { cacheDir });
    expect(again.via).toBe('revalidated');
    expect(site.hits('/wiki/gpu-oom').at(-1)!.headers['if-modified-since']).toBe('Tue, 01 Dec 2026 10:00:00 GMT');
  });

  it('strips terminal escapes from a page before parsing', async () => {
    const web = await loadWebRunbook(`${site.url}/escapes.md`, settings(), { cacheDir });
    expect(web.runbook.text).not.toMatch(/[\u001b\u0007\u009b\u202e]/);
    expect(web.runbook.title).toBe('Evil runbook');
    expect(web.runbook.steps[0]!.text).toBe('Look at the logs now.');
  });

  it('shows the cached copy, with why, when the site goes away after the first fetch; offline reads the cache only', async () => {
    const url = `${site.url}/once.md`;
    const first = await loadWebRunbook(url, settings(), { cacheDir });
    expect(first.via).toBe('fetched');
    const second = await loadWebRunbook(url, settings(), { cacheDir });
    expect(second.via).toBe('cache');
    expect(second.stale).toBe('HTTP 503');
    expect(second.fetchedAt).toBe(first.fetchedAt);
    expect(second.runbook.steps.map((s) => s.text)).toEqual(['The only step.']);
    const before = site.hits('/once.md').length;
    const offline = await loadWebRunbook(url, settings(), { cacheDir, offline: true });
    expect(offline.via).toBe('cache');
    expect(offline.stale).toBeUndefined();
    expect(site.hits('/once.md').length).toBe(before);
    await expect(
      loadWebRunbook(`${site.url}/never-fetched.md`, settings(), { cacheDir, offline: true }),
    ).rejects.toThrow(/not fetched, and no copy in the cache/);
  });

  it('refuses a page over max_bytes, and a site that does not finish within the timeout, saying which', async () => {
    await expect(loadWebRunbook(`${site.url}/huge.md`, settings({ max_bytes: 100_000 }), { cacheDir })).rejects.toThrow(
      new WebRunbookError(`${site.url}/huge.md: the page is larger than 100000 bytes (runbooks.max_bytes)`),
    );
    await expect(loadWebRunbook(`${site.url}/hang.md`, settings({ timeout: '1s' }), { cacheDir })).rejects.toThrow(
      /hang\.md: no answer within 1s/,
    );
    await expect(loadWebRunbook(`${site.url}/missing.md`, settings(), { cacheDir })).rejects.toThrow(
      /missing\.md: HTTP 404/,
    );
  });

  it('reports progress while a slow page arrives', async () => {
    const seen: number[] = [];
    const web = await loadWebRunbook(`${site.url}/slow.md`, settings(), { cacheDir, onProgress: (b) => seen.push(b) });
    expect(web.runbook.steps).toHaveLength(10);
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.at(-1)).toBeGreaterThan(seen[0]!);
  });

  it('sends the headers configured for a prefix (a wiki token), and says a 401 may need one', async () => {
    await expect(loadWebRunbook(`${site.url}/private.md`, settings(), { cacheDir })).rejects.toThrow(
      /HTTP 401 \(does this site need a token\? see runbooks.headers\)/,
    );
    const web = await loadWebRunbook(
      `${site.url}/private.md`,
      settings({ headers: [{ prefix: `${site.url}/`, headers: { Authorization: `Bearer ${TOKEN}` } }] }),
      { cacheDir },
    );
    expect(web.runbook.steps.map((s) => s.text)).toEqual(['A step behind the token.']);
    const cached = fs.readdirSync(path.join(cacheDir)).map((f) => fs.statSync(path.join(cacheDir, f)));
    for (const st of cached) expect(st.mode & 0o077).toBe(0);
  });

  it('goes through HTTP_PROXY for a host that is not loopback', async () => {
    let proxy: TestServer | undefined;
    const saved = process.env.HTTP_PROXY;
    try {
      proxy = await serve((req, res) => {
        res.writeHead(200, { 'Content-Type': 'text/markdown' });
        res.end(`# Via proxy\n\n- [ ] asked for ${req.url}\n`);
      });
      process.env.HTTP_PROXY = proxy.url;
      const web = await loadWebRunbook('http://wiki.internal.test/runbooks/X.md', settings(), { cacheDir });
      expect(proxy.requests[0]!.url).toBe('http://wiki.internal.test/runbooks/X.md');
      expect(web.runbook.steps[0]!.text).toBe('asked for http://wiki.internal.test/runbooks/X.md');
    } finally {
      if (saved === undefined) delete process.env.HTTP_PROXY;
      else process.env.HTTP_PROXY = saved;
      await proxy?.close();
    }
  });

  it('checkRunbookUrl: undefined when it answers, else why', async () => {
    expect(await checkRunbookUrl(`${site.url}/wiki/gpu-oom`)).toBeUndefined();
    expect(await checkRunbookUrl(`${site.url}/nope`)).toBe('HTTP 404');
  });
});
