// A local web site serving runbooks the way wikis and docs sites do, for the web runbook tests: markdown with an
// ETag, an HTML page with Last-Modified, a slow page, a huge one, one full of terminal escapes, one that goes away
// after its first fetch, one behind a token, and one that never finishes. Plain node:http on a loopback port.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type http from 'node:http';
import { serve, type SeenRequest, type TestServer } from './http-servers.js';
import { isolatedEnv, ROOT } from './stack.js';

const FIX = path.join(ROOT, 'test/fixtures/web-runbooks');
export const KUBE_MD = fs.readFileSync(path.join(FIX, 'KubePodCrashLooping.md'), 'utf8');
export const WIKI_HTML = fs.readFileSync(path.join(FIX, 'wiki-page.html'), 'utf8');
export const KUBE_PATH = '/content/runbooks/kubernetes/KubePodCrashLooping.md';
export const TOKEN = 'wiki-token-s3cret';

/** Text with every kind of sequence a hostile page could try: title, clipboard, screen clear, 8-bit CSI, bidi. */
export const ESCAPES_MD = [
  '# Evil \u001b]0;pwned-title\u0007runbook',
  '',
  '## Diagnosis',
  '',
  '- [ ] Look \u001b]52;c;cHduZWQ=\u0007at the \u001b[2J\u001b[31mlogs\u001b[0m \u009b31mnow\u202e.',
  '',
].join('\n');

const LAST_MODIFIED = 'Tue, 01 Dec 2026 10:00:00 GMT';

export interface RunbookSite extends TestServer {
  /** Requests for one path. */
  hits(p: string): SeenRequest[];
}

export async function runbookSite(): Promise<RunbookSite> {
  let onceServed = false;
  const handler = async (req: SeenRequest, res: http.ServerResponse) => {
    const p = req.url.split('?')[0]!;
    if (p === KUBE_PATH) {
      if (req.headers['if-none-match'] === '"kube-v1"') {
        res.writeHead(304, { ETag: '"kube-v1"' });
        res.end();
        return;
      }
      res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8', ETag: '"kube-v1"' });
      res.end(KUBE_MD);
      return;
    }
    if (p === '/wiki/gpu-oom') {
      if (req.headers['if-modified-since'] === LAST_MODIFIED) {
        res.writeHead(304);
        res.end();
        return;
      }
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Last-Modified': LAST_MODIFIED });
      res.end(WIKI_HTML);
      return;
    }
    if (p === '/slow.md') {
      // Ten pieces a quarter of a second apart: long enough for progress to be reported along the way.
      res.writeHead(200, { 'Content-Type': 'text/markdown' });
      res.write('# Slow runbook\n\n## Diagnosis\n\n');
      for (let i = 1; i <= 10; i++) {
        await new Promise((r) => setTimeout(r, 250));
        res.write(`- [ ] Slow step ${i}: ${'slow '.repeat(30)}\n`);
      }
      res.end();
      return;
    }
    if (p === '/huge.md') {
      res.writeHead(200, { 'Content-Type': 'text/markdown' });
      res.end(`# Huge\n\n${'- [ ] step\n'.repeat(300_000)}`);
      return;
    }
    if (p === '/escapes.md') {
      res.writeHead(200, { 'Content-Type': 'text/markdown' });
      res.end(ESCAPES_MD);
      return;
    }
    if (p === '/once.md') {
      if (onceServed) {
        res.writeHead(503, { 'Content-Type': 'text/plain' });
        res.end('gone for maintenance');
        return;
      }
      onceServed = true;
      res.writeHead(200, { 'Content-Type': 'text/markdown', ETag: '"once"' });
      res.end('# Once\n\n## Diagnosis\n\n- [ ] The only step.\n');
      return;
    }
    if (p === '/private.md') {
      if (req.headers.authorization !== `Bearer ${TOKEN}`) {
        res.writeHead(401);
        res.end('log in');
        return;
      }
      res.writeHead(200, { 'Content-Type': 'text/markdown' });
      res.end('# Private\n\n- [ ] A step behind the token.\n');
      return;
    }
    if (p === '/hang.md') {
      res.writeHead(200, { 'Content-Type': 'text/markdown' });
      res.write('# Never ends\n');
      return; // the body never completes
    }
    res.writeHead(404, { 'Content-Type': 'text/plain' });
    res.end('not found');
  };
  const server = await serve(handler);
  return { ...server, hits: (p) => server.requests.filter((r) => r.url.split('?')[0] === p) };
}

/**
 * A user's environment for oncall against `amUrl` with a web runbook cache of its own, no display and no SSH
 * session (a jump host's terminal as far as browsers go), and a context mapping prometheus-operator runbook
 * pages to `siteUrl`. `extra` is added to the context (YAML, indented by four spaces).
 */
export function webRunbookEnv(amUrl: string, siteUrl: string, extra = ''): { env: NodeJS.ProcessEnv; cache: string } {
  const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'oncall-webcache-'));
  const env = isolatedEnv({ ONCALL_CACHE_DIR: cache });
  for (const k of ['DISPLAY', 'WAYLAND_DISPLAY', 'SSH_CONNECTION', 'SSH_TTY', 'SSH_CLIENT', 'ONCALL_BROWSER'])
    delete env[k];
  const dir = path.join(env.XDG_CONFIG_HOME!, 'oncall');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'config.yaml'),
    `current_context: web
contexts:
  web:
    alertmanagers: [{ url: ${JSON.stringify(amUrl)} }]
    prometheus: { url: "http://127.0.0.1:9" }
    bell: false
    runbooks:
      sources:
        - prefix: https://runbooks.prometheus-operator.dev/runbooks/
          markdown: ${siteUrl}/content/runbooks/{dir}/{name}.md
${extra}`,
    { mode: 0o600 },
  );
  return { env, cache };
}
