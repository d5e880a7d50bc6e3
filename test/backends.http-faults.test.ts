// Faults at the HTTP boundary, from plain node:http servers playing broken or hostile backends: a truncated or
// stalled body, a body past the size cap (a gzip bomb, on the direct reader and through axios), and redirects,
// which may never carry credentials or configured headers to another server. (Refused connections, HTML with 200,
// 401, 5xx and hanging servers are in backends.http.test.ts and cli.errors.test.ts.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlertmanagerClient } from '../src/backends/alertmanager.js';
import { PrometheusClient } from '../src/backends/prometheus.js';
import { BackendError } from '../src/backends/errors.js';
import { DEFAULT_MAX_RESPONSE_BYTES, HttpClient } from '../src/backends/http.js';
import { parseMatchers } from '../src/domain/matchers.js';
import { gzipBomb, json, serve, type TestServer } from './helpers/http-servers.js';

async function error(p: Promise<unknown>): Promise<BackendError> {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(BackendError);
  return e as BackendError;
}

const silence = () => ({
  matchers: parseMatchers('alertname="X"'),
  startsAt: new Date().toISOString(),
  endsAt: new Date(Date.now() + 3600_000).toISOString(),
  createdBy: 't',
  comment: 'c',
});

describe('bodies that are cut, stall or are too large', () => {
  let faulty: TestServer;
  const sent = { members: 0 };
  beforeAll(async () => {
    faulty = await serve((req, res) => {
      if (req.url.startsWith('/truncated')) {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end('[{"fingerprint":"abc","labels":{"alertname":"X"');
        return;
      }
      if (req.url.startsWith('/stall')) {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.write('[{"fingerprint":');
        return;
      }
      if (req.url.startsWith('/big')) {
        res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': String(64 << 20) });
        res.write(' '.repeat(1 << 16));
        return;
      }
      gzipBomb(res, 100_000, sent);
    });
  });
  afterAll(async () => faulty?.close());

  it('reports truncated JSON as such', async () => {
    const e = await error(new AlertmanagerClient({ url: `${faulty.url}/truncated` }, { retries: 0 }).alerts());
    expect(e.failure).toBe('not-json');
    expect(e.message).toMatch(/^alertmanager 127\.0\.0\.1:\d+: HTTP 200 with text instead of JSON/);
  });

  it('times out a body that stops coming', async () => {
    const e = await error(
      new AlertmanagerClient({ url: `${faulty.url}/stall` }, { retries: 0, timeoutMs: 500 }).alerts(),
    );
    expect(e.failure).toBe('timeout');
  });

  it('stops reading a gzip bomb at the cap and names the cap and what to do', async () => {
    sent.members = 0;
    const e = await error(
      new AlertmanagerClient({ url: faulty.url, max_response_bytes: '2MiB' }, { retries: 0 }).alerts(),
    );
    expect(e.message).toMatch(
      /^alertmanager 127\.0\.0\.1:\d+: the answer is larger than max_response_bytes \(2 MiB\); stopped reading it: narrow the request, or raise max_response_bytes/,
    );
    expect(e.message.split('\n')).toHaveLength(1);
    expect(e.transient).toBe(false);
    // Reading stopped: the server could not send all of its 100 GiB.
    await new Promise((r) => setTimeout(r, 200));
    expect(sent.members).toBeLessThan(100_000);
  });

  it('caps what axios reads too (a long query goes as POST)', async () => {
    sent.members = 0;
    const e = await error(
      new PrometheusClient({ url: faulty.url, max_response_bytes: 2 << 20 }, { retries: 0 }).query(
        `up{x=~"${'a|'.repeat(800)}b"}`,
      ),
    );
    expect(e.message).toMatch(/^prometheus 127\.0\.0\.1:\d+: the answer is larger than max_response_bytes \(2 MiB\)/);
  });

  it('refuses a declared length past the cap without reading it', async () => {
    const e = await error(
      new AlertmanagerClient({ url: `${faulty.url}/big`, max_response_bytes: 1 << 20 }, { retries: 0 }).alerts(),
    );
    expect(e.message).toContain('larger than max_response_bytes (1 MiB)');
  });

  it('has a default cap that holds a 200,000-alert list and a string Node can make', () => {
    expect(DEFAULT_MAX_RESPONSE_BYTES).toBeGreaterThan(200_000 * 1000);
    expect(DEFAULT_MAX_RESPONSE_BYTES).toBeLessThan(2 ** 29 - 24);
    expect(new HttpClient('alertmanager', { url: faulty.url }).maxBytes).toBe(DEFAULT_MAX_RESPONSE_BYTES);
  });
});

describe('redirects', () => {
  let target: TestServer;
  let origin: TestServer;
  const secrets = ['s3cret-key', 'Bearer tok-123', 'org-secret', Buffer.from('u:pw').toString('base64')];
  beforeAll(async () => {
    target = await serve((req, res) => json(res, 200, req.url.includes('/silences') ? { silenceID: 'stolen' } : []));
    origin = await serve((req, res) => {
      if (req.url.startsWith('/moved/')) return json(res, 200, []);
      if (req.url.startsWith('/same/')) {
        res.writeHead(302, { Location: req.url.replace('/same/', '/moved/') });
        res.end();
        return;
      }
      res.writeHead(req.method === 'POST' ? 307 : 302, { Location: `${target.url}${req.url}` });
      res.end();
    });
  });
  afterAll(async () => {
    await target?.close();
    await origin?.close();
  });

  const cfg = (prefix = '') => ({
    url: `${origin.url.replace('http://', 'http://u:pw@')}${prefix}`,
    headers: { 'X-Api-Key': 's3cret-key', 'X-Vault-Token': 'org-secret' },
  });

  it('refuses a redirect to another port for reads and writes: nothing reaches the other server', async () => {
    const c = new AlertmanagerClient(cfg(), { retries: 0 });
    const e = await error(c.alerts());
    expect(e.message).toMatch(
      /HTTP 302 redirect to another server \(http:\/\/127\.0\.0\.1:\d+\) refused, so that credentials and headers are not sent there/,
    );
    await error(c.postSilence(silence()));
    await error(
      new PrometheusClient({ ...cfg(), bearer_token: undefined }, { retries: 0 }).query(
        `up{x=~"${'a|'.repeat(800)}b"}`,
      ),
    );
    expect(target.requests).toEqual([]);
    for (const s of secrets) expect(e.message).not.toContain(s);
    expect(e.message).not.toContain('u:pw');
  });

  it('follows a redirect within the same server, with its credentials', async () => {
    const c = new AlertmanagerClient(cfg('/same'), { retries: 0 });
    await expect(c.alerts()).resolves.toEqual([]);
    const moved = origin.requests.find((r) => r.url.startsWith('/moved/'))!;
    expect(moved.headers['x-api-key']).toBe('s3cret-key');
    expect(moved.headers.authorization).toBe(`Basic ${secrets[3]}`);
  });
});
